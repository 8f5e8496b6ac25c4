/* coursegen: the 学习进度 page.
 *
 * Sums up the record with the rules of rules.js: 学时 and 已学 pages, quiz
 * scores and practice, the 错题本, checklists and completion (已结业 or what
 * remains). Prints a learning record with a record code, and exports and
 * imports the record as a file (学习记录-姓名-课程标识.json) that a trainer
 * can collect with ``coursegen records``. Follows changes made in other tabs.
 */
(function () {
  "use strict";

  var store = window.CourseGenStore;
  var rules = store.rules;
  var recordApi = store.record;
  var el = store.el;
  var own = rules.own;
  var LEGACY_FORMAT = "coursegen.progress";
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024; // far more than any record; localStorage holds about 5 MB in all
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function table(headers, rows) {
    return el("table", {}, [
      el("thead", {}, [el("tr", {}, headers.map(function (h) { return el("th", { scope: "col", text: h }); }))]),
      el("tbody", {}, rows.map(function (cells) {
        return el("tr", {}, cells.map(function (cell) {
          return el("td", {}, [typeof cell === "string" ? document.createTextNode(cell) : cell]);
        }));
      })),
    ]);
  }

  function Progress(root) {
    var self = this;
    this.root = root;
    this.data = store.readData(root, "cg-progress__data");
    this.course = this.data.course;
    this.messages = el("div", { class: "cg-progress__messages", role: "status" });
    this.view = el("div", { class: "cg-progress__view" });
    this.extra = [];
    root.appendChild(this.messages);
    root.appendChild(this.view);
    root.classList.add("cg-progress--ready");
    this.render();
    window.addEventListener("beforeprint", function () { self.refreshRecord(); });
    store.subscribe(this.course, function () {
      // Never pull a field from under the learner's fingers; catch up when they leave it.
      if (self.view.contains(document.activeElement) && document.activeElement.tagName === "INPUT") self.stale = true;
      else self.render();
    });
    this.view.addEventListener("focusout", function () {
      if (self.stale) window.setTimeout(function () {
        if (!self.view.contains(document.activeElement)) { self.stale = false; self.render(); }
      }, 0);
    });
  }

  /* What the record holds that no longer matches the course. */
  Progress.prototype.unmatched = function (record) {
    var data = this.data;
    var notes = [];
    var pageIds = data.pages.map(function (p) { return p.id; });
    var lost = Object.keys(record.pages).filter(function (id) { return pageIds.indexOf(id) < 0; }).length;
    if (lost) notes.push("有 " + lost + " 条页面记录对应的内容已不存在，未计入。");
    var items = {};
    data.checklists.forEach(function (c) { c.items.forEach(function (i) { items[i.id] = i; }); });
    var changed = Object.keys(record.checklists).filter(function (id) {
      var entry = record.checklists[id];
      return entry.done && !rules.isCurrent(entry, (own(items, id) || {}).hash);
    }).length;
    if (changed) notes.push("有 " + changed + " 项清单勾选因内容已修改或删除而未计入。");
    var quizIds = data.quizzes.map(function (q) { return q.id; });
    var gone = Object.keys(record.quizzes).filter(function (id) { return quizIds.indexOf(id) < 0; }).length;
    if (gone) notes.push("有 " + gone + " 个测验成绩对应的测验已不存在，未计入。");
    return notes;
  };

  Progress.prototype.say = function (messages) {
    this.extra = messages;
    this.render();
  };

  Progress.prototype.field = function (id, label, key, value) {
    var self = this;
    var input = el("input", { type: "text", id: id, class: "cg-progress__name", autocomplete: key === "learner" ? "name"
                              : "organization", value: value, maxlength: key === "learner" ? "60" : "100" });
    var printed = el("span", { class: "cg-checklist__printed", text: value });
    input.addEventListener("input", function () {
      var text = input.value;
      store.update(self.course, function (record) {
        record[key] = text;
        return record;
      });
      printed.textContent = text;
      self.refreshRecord();
    });
    return el("p", {}, [el("label", { for: id, text: label }), input, printed]);
  };

  /* The parts of the printed record that change as the learner types a name: dates and record code. */
  Progress.prototype.refreshRecord = function () {
    var record = store.load(this.course);
    var study = rules.study(record, this.data);
    this.period.textContent = "学习日期：" + (study.started ? rules.dateText(study.started) + " 至 " +
      rules.dateText(study.lastActive || study.started) : "尚未开始");
    this.code.textContent = "记录码：" + recordApi.exportDocument(record, this.data, Date.now()).code;
    this.showNotices(record);
  };

  Progress.prototype.showNotices = function (record) {
    var self = this;
    var notes = store.problems(this.course).concat(this.unmatched(record), this.extra);
    this.messages.textContent = "";
    notes.forEach(function (text) { self.messages.appendChild(el("p", { class: "cg-progress__notice", text: text })); });
  };

  Progress.prototype.render = function () {
    var self = this;
    var data = this.data;
    var record = store.load(this.course);
    var study = rules.study(record, data);
    var done = rules.completion(record, data);
    this.showNotices(record);
    var view = this.view;
    view.textContent = "";

    var scores = data.quizzes.map(function (quiz) {
      var stats = own(record.quizzes, quiz.id) || {};
      return quiz.title + " " + (typeof stats.best === "number" ? stats.best + " 分" +
        (rules.passed(stats.best, quiz.passMark) ? "（及格）" : "（未及格）") : "未参加");
    });
    this.period = el("p", { class: "cg-progress__dates" });
    this.code = el("p", { class: "cg-progress__code" });
    view.appendChild(el("h2", { text: "学习记录" }));
    view.appendChild(el("div", { class: "cg-progress__record" }, [
      this.field("cg-learner-name", "姓名：", "learner", record.learner || ""),
      this.field("cg-learner-org", "单位：", "org", record.org || ""),
      el("p", { text: "课程：" + data.title + "（版本 " + data.courseVersion + "）" }),
      this.period,
      el("p", { class: "cg-progress__hours", text: "已完成学时：约 " + rules.hoursText(study.counted, data.secondsPerHour) +
        " 学时 / 共 " + data.hours + " 学时" }),
      el("progress", { max: String(study.total), value: String(study.counted), "aria-label": "已完成学时" }),
      el("p", { class: "cg-progress__pages", text: "已学页面：" + study.learned + " / " + study.pages }),
      scores.length ? el("p", { class: "cg-progress__scores", text: "测验成绩：" + scores.join("；") }) : null,
      el("p", { class: "cg-progress__completion " + (done.complete ? "cg-progress__completion--done" : ""),
                text: "结业情况：" + (done.complete ? "已结业" : "未结业（还差 " + done.remaining.length + " 项，见下文“结业条件”）") }),
      this.code,
      el("p", { text: "记录日期：" + rules.dateText(Date.now()) }),
      el("p", { class: "cg-progress__sign", text: "学员签名：______________　培训单位（盖章）：______________" }),
    ]));
    this.refreshRecord();
    view.appendChild(el("div", { class: "cg-quiz__actions cg-progress__actions" }, [
      el("button", { type: "button", class: "cg-quiz__button cg-quiz__button--primary", text: "打印学习记录",
                     onclick: function () { window.print(); } }),
    ]));

    view.appendChild(el("h2", { text: "结业条件" }));
    view.appendChild(el("ul", { class: "cg-progress__conditions" }, done.conditions.map(function (c) {
      return el("li", { class: c.met ? "cg-progress__met" : "cg-progress__open" }, [
        (c.met ? "✓ " : "✗ "), el("a", { href: c.href, text: c.met ? c.text.replace(/（.*）$/, "") : c.text })]);
    })));

    view.appendChild(el("h2", { text: "学习内容" }));
    view.appendChild(table(["页面", "预计学习时间", "已计入", "状态"], data.pages.map(function (page) {
      var entry = own(record.pages, page.id);
      var learned = rules.isLearned(entry, page);
      var status = learned ? "✓ 已学（" + rules.dateText(entry.d || entry.t) + "）" : entry && entry.s ? "学习中" : "未学";
      return [el("a", { href: page.href, text: page.title }), rules.durationText(page.seconds),
              rules.durationText(rules.countedSeconds(entry, page)), status];
    })));

    if (data.quizzes.length) {
      view.appendChild(el("h2", { text: "测验成绩" }));
      view.appendChild(table(["测验", "最高分", "是否及格", "测试次数", "练习情况"], data.quizzes.map(function (quiz) {
        var stats = own(record.quizzes, quiz.id) || {};
        var has = typeof stats.best === "number";
        var practice = rules.practice(record, quiz.questions);
        return [el("a", { href: quiz.href, text: quiz.title }), has ? stats.best + " 分" : "—",
                has ? (rules.passed(stats.best, quiz.passMark) ? "及格" : "未及格") + "（及格分 " + quiz.passMark + "）" : "—",
                String(stats.attempts || 0),
                practice.practised ? "已练 " + practice.practised + "/" + practice.total + " · 正确率 " + practice.rate + "%"
                  : "未练习"];
      })));
      var all = data.quizzes[data.quizzes.length - 1].questions;
      var wrong = rules.mistakes(record, all).length;
      view.appendChild(el("h2", { text: "错题本" }));
      view.appendChild(el("p", { class: "cg-progress__mistakes" }, [
        wrong ? "错题本中有 " + wrong + " 道题，" : "错题本中没有题。",
        wrong && data.mistakes ? el("a", { href: data.mistakes, text: "去重做" }) : null]));
    }

    if (data.checklists.length) {
      view.appendChild(el("h2", { text: "检查清单" }));
      view.appendChild(table(["清单", "完成情况"], data.checklists.map(function (c) {
        return [el("a", { href: c.href, text: c.title }), "已完成 " + rules.ticked(record, c.items) + "/" + c.items.length];
      })));
    }

    view.appendChild(el("h2", { class: "cg-progress__transfer", text: "导出与导入" }));
    var file = el("input", { type: "file", id: "cg-progress-import", accept: ".json,application/json",
                             class: "cg-progress__file" });
    file.addEventListener("change", function () {
      if (file.files && file.files[0]) self.importFile(file.files[0]);
    });
    view.appendChild(el("p", { class: "cg-progress__transfer", text:
      "学习记录只保存在当前浏览器中。导出的文件（学习记录-姓名-课程标识.json）包含本课程的全部记录，可在另一台电脑或另一个浏览器的本页导入，也可交给培训组织者汇总。" }));
    view.appendChild(el("div", { class: "cg-quiz__actions cg-progress__transfer" }, [
      el("button", { type: "button", class: "cg-quiz__button", text: "导出学习记录", onclick: function () { self.exportFile(); } }),
      file, // before its label, which shows the (invisible) input's focus ring
      el("label", { for: "cg-progress-import", class: "cg-quiz__button", text: "导入学习记录" }),
    ]));
  };

  Progress.prototype.exportFile = function () {
    var record = store.load(this.course);
    var document_ = recordApi.exportDocument(record, this.data, Date.now());
    store.download(recordApi.fileName(record.learner, this.course), JSON.stringify(document_, null, 2),
                   "application/json");
  };

  /* The records a file holds: [{course, record, count}], or null when it is not a record file. */
  function recordsIn(parsed, schema) {
    if (!schema || !store.schema.isObject(parsed)) return null;
    if (parsed.format === recordApi.FORMAT && parsed.version === recordApi.VERSION &&
        store.schema.isObject(parsed.course) && SLUG.test(parsed.course.id) && store.schema.isObject(parsed.record)) {
      var one = store.schema.read(parsed.record, schema);
      return [{ course: parsed.course.id, record: one.record, count: one.count,
                edited: typeof parsed.code !== "string" || recordApi.recordCode(parsed) !== parsed.code }];
    }
    if (parsed.format === LEGACY_FORMAT && store.schema.isObject(parsed.courses)) {
      return Object.keys(parsed.courses).filter(function (id) {
        return SLUG.test(id) && store.schema.isObject(parsed.courses[id]);
      }).map(function (id) {
        var read = store.schema.read(parsed.courses[id], schema);
        return { course: id, record: read.record, count: read.count, edited: false };
      });
    }
    return null;
  }

  Progress.prototype.importFile = function (file) {
    var self = this;
    if (file.size > MAX_IMPORT_BYTES) {
      this.say(["这个文件太大（" + (file.size / 1048576).toFixed(1) + " MB），不是本网站导出的学习记录（通常不到 1 MB），没有做任何改动。"]);
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var parsed = null;
      try {
        parsed = JSON.parse(String(reader.result));
      } catch (e) { /* reported below */ }
      var found = recordsIn(parsed, store.page() && store.page().schema);
      if (!found || !found.length) {
        self.say(["这个文件不是学习记录（或已损坏），没有做任何改动。"]);
        return;
      }
      var saved = found.filter(function (item) { return store.replace(item.course, item.record); });
      var messages = [];
      if (saved.length) messages.push("已导入 " + saved.length + " 门课程的学习记录。");
      if (saved.length < found.length) {
        messages.push((saved.length ? "另有 " + (found.length - saved.length) + " 门课程的记录" : "学习记录") +
                      "未能保存：浏览器的存储空间不足或不允许保存，" + (saved.length ? "这些课程" : "") + "原有的记录没有改动。");
      }
      var dropped = found.reduce(function (sum, item) { return sum + item.count; }, 0);
      if (dropped) messages.push("文件中有 " + dropped + " 项数据格式不对，已忽略，其余内容已导入。");
      if (found.some(function (item) { return item.edited; })) {
        messages.push("注意：文件的记录码与内容不符，文件在导出后可能被改动过。");
      }
      self.say(messages);
      var data = store.page();
      if (data && window.CourseGenStudy) window.CourseGenStudy.tickNavigation(data, store.load(data.course));
    };
    reader.onerror = function () { self.say(["无法读取这个文件，没有做任何改动。"]); };
    reader.readAsText(file);
  };

  store.onEveryPage(function () {
    document.querySelectorAll(".cg-progress:not(.cg-progress--ready)").forEach(function (root) {
      try {
        new Progress(root);
      } catch (error) {
        if (window.console) window.console.error("coursegen progress:", error);
      }
    });
  });
})();
