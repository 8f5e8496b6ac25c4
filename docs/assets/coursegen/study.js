/* coursegen: study time on every course page, and the summaries that follow the record.
 *
 * Lesson pages count active study time: only while the page is visible and
 * the learner has scrolled, pressed a key, used the pointer or touched the
 * screen within the last ``idleSeconds`` (rules.activeMs). The time is added
 * to the stored record every 15 counted seconds, when the page is hidden and
 * when it is left. The navigation ticks pages that are 已学; the course home
 * shows where to go on; the quiz and checklist indexes show scores, practice
 * and counts. All of them follow changes made in other tabs.
 */
(function () {
  "use strict";

  var store = window.CourseGenStore;
  var rules = store.rules;
  var el = store.el;
  var own = rules.own;
  var FLUSH_MS = 15000;
  var TICK_MS = 5000;
  var ACTIVITY = ["scroll", "keydown", "pointerdown", "pointermove", "wheel", "touchstart"];
  var tracker = null;

  /* ---------- active time on a lesson page ---------- */

  function Tracker(data, page) {
    var self = this;
    this.data = data;
    this.course = data.course;
    this.page = page;
    this.idleMs = data.idleSeconds * 1000;
    this.visible = document.visibilityState !== "hidden";
    this.lastActivity = null;
    this.lastCheck = Date.now();
    this.unsaved = 0;
    this.status = el("p", { class: "cg-study" });
    var marker = document.querySelector(".cg-page");
    marker.parentNode.insertBefore(this.status, marker);
    this.opened(this.lastCheck);
    this.onActivity = function () { self.activity(); };
    this.onVisibility = function () { self.visibility(); };
    this.onHide = function () { self.stop(); };
    ACTIVITY.forEach(function (type) {
      window.addEventListener(type, self.onActivity, { capture: true, passive: true });
    });
    document.addEventListener("visibilitychange", this.onVisibility);
    window.addEventListener("pagehide", this.onHide);
    this.timer = window.setInterval(function () { self.tick(); }, TICK_MS);
  }

  /* A line at the end of the page: how long it takes, how much has counted. */
  Tracker.prototype.show = function (record) {
    var entry = own(record.pages, this.page.id);
    this.status.textContent = rules.isLearned(entry, this.page) ? "✓ 本页已学完。"
      : "本页预计学习 " + rules.durationText(this.page.seconds) + "，已计入 " +
        rules.durationText(rules.countedSeconds(entry, this.page)) + "（页面显示、且 " + this.data.idleSeconds + " 秒内有操作时计时）。";
  };

  Tracker.prototype.opened = function (now) {
    var id = this.page.id;
    var record = store.update(this.course, function (record) {
      var entry = own(record.pages, id) || { s: 0 };
      if (!entry.t) entry.t = now;
      record.pages[id] = entry;
      record.last = { page: id, t: now };
      return record;
    }, now);
    this.show(record);
  };

  Tracker.prototype.account = function (now) {
    this.unsaved += rules.activeMs(this.lastCheck, now, this.lastActivity, this.visible, this.idleMs);
    this.lastCheck = now;
  };

  Tracker.prototype.activity = function () {
    var now = Date.now();
    this.account(now);
    this.lastActivity = now;
    if (this.unsaved >= FLUSH_MS) this.flush(now);
  };

  Tracker.prototype.visibility = function () {
    var now = Date.now();
    this.account(now);
    this.visible = document.visibilityState !== "hidden";
    if (!this.visible) this.flush(now);
  };

  Tracker.prototype.tick = function () {
    var now = Date.now();
    this.account(now);
    var entry = own(store.load(this.course).pages, this.page.id);
    var crossing = !rules.isLearned(entry, this.page) &&
      (entry ? entry.s : 0) + Math.floor(this.unsaved / 1000) >= this.page.seconds;
    if (this.unsaved >= FLUSH_MS || crossing) this.flush(now);
  };

  /* Add the whole seconds counted so far to the stored record (read, add, write). */
  Tracker.prototype.flush = function (now) {
    var seconds = Math.floor(this.unsaved / 1000);
    if (seconds <= 0) return;
    this.unsaved -= seconds * 1000;
    var page = this.page;
    var record = store.update(this.course, function (current) {
      var entry = own(current.pages, page.id) || { t: now, s: 0 };
      entry.s = Math.min((entry.s || 0) + seconds, 100000000);
      if (!entry.d && rules.isLearned(entry, page)) entry.d = now;
      current.pages[page.id] = entry;
      current.last = { page: page.id, t: now };
      return current;
    }, now);
    tickNavigation(this.data, record);
    this.show(record);
  };

  Tracker.prototype.stop = function () {
    var self = this;
    var now = Date.now();
    this.account(now);
    this.flush(now);
    window.clearInterval(this.timer);
    ACTIVITY.forEach(function (type) { window.removeEventListener(type, self.onActivity, { capture: true }); });
    document.removeEventListener("visibilitychange", this.onVisibility);
    window.removeEventListener("pagehide", this.onHide);
  };

  /* ---------- navigation ticks: pages that are 已学 ---------- */

  function tickNavigation(data, record) {
    var learned = {};
    data.pages.forEach(function (page) {
      if (rules.isLearned(own(record.pages, page.id), page)) {
        learned[new URL(data.root + page.href, window.location.href).href.split("#")[0]] = true;
      }
    });
    document.querySelectorAll("a.md-nav__link[href]").forEach(function (link) {
      if (link.getAttribute("href").charAt(0) === "#") return; // this page's own headings
      var done = Boolean(learned[link.href.split("#")[0].split("?")[0]]);
      if (done === link.classList.contains("cg-nav--done")) return;
      link.classList.toggle("cg-nav--done", done);
      if (done) {
        link.appendChild(el("span", { class: "cg-nav__tick", "aria-hidden": "true", text: "✓" }));
        link.appendChild(el("span", { class: "cg-visually-hidden", text: "（已学）" }));
      } else {
        link.querySelectorAll(".cg-nav__tick, .cg-nav__tick + .cg-visually-hidden").forEach(function (n) { n.remove(); });
      }
    });
  }

  /* ---------- the course home: where to go on ---------- */

  function link(page) {
    return el("a", { href: page.href, text: page.title });
  }

  function renderResume(box, course, record) {
    var where = rules.resume(record, course);
    var study = rules.study(record, course);
    var done = rules.completion(record, course);
    var lines = [];
    if (where.last) lines.push(el("p", { class: "cg-resume__last" }, ["继续学习：", link(where.last)]));
    if (where.next) {
      lines.push(el("p", { class: "cg-resume__next" }, [where.last ? "下一个未学页面：" : "从这里开始：", link(where.next)]));
    }
    lines.push(el("p", { class: "cg-resume__overall", text: "已学页面 " + study.learned + " / " + study.pages +
      " · 已完成学时 " + rules.hoursText(study.counted, course.secondsPerHour) + " / " + course.hours +
      " · " + (done.complete ? "已结业" : "未结业") }));
    lines.push(el("p", {}, [el("a", { href: course.progress, text: "查看学习进度" })]));
    box.querySelectorAll(".cg-resume__view").forEach(function (n) { n.remove(); });
    box.appendChild(el("div", { class: "cg-resume__view" }, lines));
  }

  /* ---------- quiz and checklist indexes ---------- */

  function fillIndexes(course, record) {
    course.quizzes.forEach(function (quiz) {
      var stats = own(record.quizzes, quiz.id);
      document.querySelectorAll('.cg-quiz-best[data-quiz="' + quiz.id + '"]').forEach(function (span) {
        span.textContent = stats && typeof stats.best === "number"
          ? stats.best + " 分" + (rules.passed(stats.best, quiz.passMark) ? "（已及格）" : "") : "—";
      });
      var practice = rules.practice(record, quiz.questions);
      document.querySelectorAll('.cg-quiz-practice[data-quiz="' + quiz.id + '"]').forEach(function (span) {
        span.textContent = practice.practised ? "已练 " + practice.practised + "/" + practice.total + " · 正确率 " +
          practice.rate + "%" : "—";
      });
    });
    course.checklists.forEach(function (list) {
      var done = rules.ticked(record, list.items);
      document.querySelectorAll('.cg-checklist-count[data-checklist="' + list.id + '"]').forEach(function (span) {
        span.textContent = done ? "已完成 " + done + "/" + list.items.length : "—";
      });
    });
  }

  function watch(course, draw) {
    var id = course.course;
    draw(store.load(id));
    store.subscribe(id, draw);
  }

  function init() {
    if (tracker) {
      tracker.stop(); // material's instant navigation: the old page is gone
      tracker = null;
    }
    var data = store.page();
    if (data) {
      var page = data.pages.filter(function (p) { return p.id === data.page; })[0];
      if (page) tracker = new Tracker(data, page);
      tickNavigation(data, store.load(data.course));
    }
    document.querySelectorAll(".cg-resume:not(.cg-resume--ready)").forEach(function (box) {
      var course = store.readData(box, "cg-resume__data");
      box.classList.add("cg-resume--ready");
      watch(course, function (record) { renderResume(box, course, record); });
    });
    document.querySelectorAll(".cg-course-data:not(.cg-course-data--ready)").forEach(function (box) {
      var course = store.readData(box, "cg-course-data__json");
      box.classList.add("cg-course-data--ready");
      watch(course, function (record) { fillIndexes(course, record); });
    });
  }

  // Another tab changed a record: tick what it learned (the page in view may have changed since).
  window.addEventListener("storage", function () {
    var data = store.page();
    if (data) tickNavigation(data, store.load(data.course));
  });

  store.onEveryPage(function () {
    try {
      init();
    } catch (error) {
      if (window.console) window.console.error("coursegen study:", error);
    }
  });

  window.CourseGenStudy = { tickNavigation: tickNavigation };
})();
