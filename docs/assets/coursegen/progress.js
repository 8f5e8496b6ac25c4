/* coursegen: the learner's progress.
 *
 * On every course page: remember the visit and tick visited pages in the
 * navigation. On the progress page: sum up pages, 学时, quiz scores and
 * checklists; print a learning record; export and import the record so a
 * learner can move to another browser or computer.
 */
(function () {
  "use strict";

  var store = window.CourseGenStore;
  var el = store.el;
  var FORMAT = "coursegen.progress";


  function dateText(time) {
    var d = time ? new Date(time) : new Date();
    return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }

  function hoursText(minutes) {
    return (Math.round((minutes / 30) * 10) / 10).toString();
  }

  function visitedMap(record) {
    if (!store.isObject(record.visited)) record.visited = {};
    return record.visited;
  }

  /* ---------- every page: remember the visit, tick the navigation ---------- */

  function markVisit(marker) {
    var course = marker.getAttribute("data-course");
    var page = marker.getAttribute("data-page");
    var record = store.load(course);
    if (page) {
      var visited = visitedMap(record);
      if (!visited[page]) visited[page] = { t: Date.now(), p: marker.getAttribute("data-path") };
      store.save(course, record);
    }
    return record;
  }

  function tickNavigation(marker, record) {
    var root = marker.getAttribute("data-root");
    var visited = visitedMap(record);
    var done = {};
    Object.keys(visited).forEach(function (id) {
      var entry = visited[id];
      if (entry && typeof entry.p === "string") {
        done[new URL(root + entry.p, window.location.href).href.split("#")[0]] = true;
      }
    });
    document.querySelectorAll("a.md-nav__link[href]").forEach(function (link) {
      if (link.getAttribute("href").charAt(0) === "#") return; // this page's own headings
      var url = link.href.split("#")[0].split("?")[0];
      if (!done[url] || link.classList.contains("cg-nav--done")) return;
      link.classList.add("cg-nav--done");
      link.appendChild(el("span", { class: "cg-nav__tick", "aria-hidden": "true", text: "✓" }));
      link.appendChild(el("span", { class: "cg-visually-hidden", text: "（已学）" }));
    });
  }

  /* ---------- the progress page ---------- */

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
    this.root = root;
    this.data = store.readData(root, "cg-progress__data");
    this.course = this.data.course;
    this.messages = el("div", { class: "cg-progress__messages", role: "status" });
    this.view = el("div", { class: "cg-progress__view" });
    root.appendChild(this.messages);
    root.appendChild(this.view);
    root.classList.add("cg-progress--ready");
    this.render([]);
  }

  /* What the record holds that no longer matches the course. */
  Progress.prototype.unmatched = function (record) {
    var data = this.data;
    var notes = [];
    var pageIds = data.pages.map(function (p) { return p.id; });
    var lost = Object.keys(visitedMap(record)).filter(function (id) { return pageIds.indexOf(id) < 0; }).length;
    if (lost) notes.push("有 " + lost + " 条页面记录对应的内容已不存在，未计入。");
    var hashes = {};
    data.checklists.forEach(function (c) { c.items.forEach(function (i) { hashes[i.id] = i.hash; }); });
    var state = store.isObject(record.checklists) ? record.checklists : {};
    var changed = Object.keys(state).filter(function (id) {
      return state[id] && state[id].done && hashes[id] !== state[id].h;
    }).length;
    if (changed) notes.push("有 " + changed + " 项清单勾选因内容已修改或删除而未计入。");
    var quizIds = data.quizzes.map(function (q) { return q.id; });
    var gone = Object.keys(record.quizzes).filter(function (id) { return quizIds.indexOf(id) < 0; }).length;
    if (gone) notes.push("有 " + gone + " 个测验成绩对应的测验已不存在，未计入。");
    return notes;
  };

  Progress.prototype.render = function (extraMessages) {
    var self = this;
    var data = this.data;
    var record = store.load(this.course);
    var visited = visitedMap(record);
    var notes = [store.problem(this.course)].concat(this.unmatched(record), extraMessages || [])
      .filter(Boolean);
    this.messages.textContent = "";
    notes.forEach(function (text) { self.messages.appendChild(el("p", { class: "cg-progress__notice", text: text })); });

    var total = 0;
    var done = 0;
    var seen = 0;
    var pageRows = data.pages.map(function (page) {
      total += page.minutes;
      var entry = visited[page.id];
      if (entry) {
        done += page.minutes;
        seen += 1;
      }
      return [el("a", { href: page.href, text: page.title }), Math.round(page.minutes) + " 分钟",
              entry ? "✓ 已学（" + dateText(entry.t) + "）" : "未学"];
    });
    var allSeen = seen === data.pages.length;
    var doneHours = allSeen ? String(data.hours) : hoursText(done);
    var view = this.view;
    view.textContent = "";

    view.appendChild(el("h2", { text: "学习记录" }));
    var name = el("input", { type: "text", id: "cg-learner-name", class: "cg-progress__name", autocomplete: "name",
                             value: record.learner || "" });
    var printedName = el("span", { class: "cg-checklist__printed", text: record.learner || "" });
    name.addEventListener("input", function () {
      var fresh = store.load(self.course);
      fresh.learner = name.value;
      store.save(self.course, fresh);
      printedName.textContent = name.value;
    });
    view.appendChild(el("div", { class: "cg-progress__record" }, [
      el("p", {}, [el("label", { for: "cg-learner-name", text: "姓名：" }), name, printedName]),
      el("p", { text: "课程：" + data.title }),
      el("p", { class: "cg-progress__hours", text: "已完成学时：约 " + doneHours + " 学时 / 共 " + data.hours + " 学时" }),
      el("progress", { max: String(Math.round(total)), value: String(Math.round(allSeen ? total : done)),
                       "aria-label": "已完成学时" }),
      el("p", { class: "cg-progress__pages", text: "已学页面：" + seen + " / " + data.pages.length }),
      el("p", { text: "记录日期：" + dateText() }),
      el("p", { class: "cg-progress__sign", text: "学员签名：______________　培训单位（盖章）：______________" }),
    ]));
    view.appendChild(el("div", { class: "cg-quiz__actions cg-progress__actions" }, [
      el("button", { type: "button", class: "cg-quiz__button cg-quiz__button--primary", text: "打印学习记录",
                     onclick: function () { window.print(); } }),
    ]));

    view.appendChild(el("h2", { text: "学习内容" }));
    view.appendChild(table(["页面", "预计学习时间", "状态"], pageRows));

    if (data.quizzes.length) {
      view.appendChild(el("h2", { text: "测验成绩" }));
      view.appendChild(table(["测验", "最高分", "是否及格", "测试次数"], data.quizzes.map(function (quiz) {
        var stats = record.quizzes[quiz.id] || {};
        var has = typeof stats.best === "number";
        return [el("a", { href: quiz.href, text: quiz.title }), has ? stats.best + " 分" : "—",
                has ? (stats.best >= quiz.passMark ? "及格" : "未及格") + "（及格分 " + quiz.passMark + "）" : "—",
                String(stats.attempts || 0)];
      })));
    }

    if (data.checklists.length) {
      var state = store.isObject(record.checklists) ? record.checklists : {};
      view.appendChild(el("h2", { text: "检查清单" }));
      view.appendChild(table(["清单", "完成情况"], data.checklists.map(function (c) {
        var ticked = c.items.filter(function (i) {
          return state[i.id] && state[i.id].done && state[i.id].h === i.hash;
        }).length;
        return [el("a", { href: c.href, text: c.title }), "已完成 " + ticked + "/" + c.items.length];
      })));
    }

    view.appendChild(el("h2", { class: "cg-progress__transfer", text: "导出与导入" }));
    var file = el("input", { type: "file", id: "cg-progress-import", accept: ".json,application/json",
                             class: "cg-progress__file" });
    file.addEventListener("change", function () {
      if (file.files && file.files[0]) self.importFile(file.files[0]);
    });
    view.appendChild(el("p", { class: "cg-progress__transfer", text:
      "学习记录只保存在当前浏览器中。导出的文件包含本浏览器中全部课程的记录，可在另一台电脑或另一个浏览器的本页导入。" }));
    view.appendChild(el("div", { class: "cg-quiz__actions cg-progress__transfer" }, [
      el("button", { type: "button", class: "cg-quiz__button", text: "导出学习记录", onclick: function () { self.exportFile(); } }),
      file, // before its label, which shows the (invisible) input's focus ring
      el("label", { for: "cg-progress-import", class: "cg-quiz__button", text: "导入学习记录" }),
    ]));
  };

  Progress.prototype.exportFile = function () {
    var courses = {};
    store.courses().concat([this.course]).forEach(function (course) { courses[course] = store.load(course); });
    var document_ = { format: FORMAT, version: 1, exported: new Date().toISOString(), courses: courses };
    var blob = new Blob([JSON.stringify(document_, null, 2)], { type: "application/json" });
    var stamp = new Date().toISOString().slice(0, 10);
    var link = el("a", { href: URL.createObjectURL(blob), download: "学习记录-" + stamp + ".json" });
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  };

  Progress.prototype.importFile = function (file) {
    var self = this;
    var reader = new FileReader();
    reader.onload = function () {
      var parsed = null;
      try {
        parsed = JSON.parse(String(reader.result));
      } catch (e) { /* reported below */ }
      if (!parsed || parsed.format !== FORMAT || !store.isObject(parsed.courses)) {
        self.render(["这个文件不是学习记录（或已损坏），没有做任何改动。"]);
        return;
      }
      var names = Object.keys(parsed.courses).filter(function (c) {
        return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(c) && store.isObject(parsed.courses[c]);
      });
      names.forEach(function (course) { store.save(course, store.clean(parsed.courses[course])); });
      self.render(["已导入 " + names.length + " 门课程的学习记录。"]);
      var marker = document.querySelector(".cg-page");
      if (marker) tickNavigation(marker, store.load(marker.getAttribute("data-course")));
    };
    reader.onerror = function () { self.render(["无法读取这个文件，没有做任何改动。"]); };
    reader.readAsText(file);
  };

  function init() {
    var marker = document.querySelector(".cg-page");
    if (marker) {
      try {
        tickNavigation(marker, markVisit(marker));
      } catch (error) {
        if (window.console) window.console.error("coursegen progress:", error);
      }
    }
    document.querySelectorAll(".cg-progress:not(.cg-progress--ready)").forEach(function (root) {
      try {
        new Progress(root);
      } catch (error) {
        if (window.console) window.console.error("coursegen progress:", error);
      }
    });
  }

  store.onEveryPage(init);
})();
