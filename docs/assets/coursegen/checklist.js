/* coursegen: checklists that remember.
 *
 * The page holds a paper 自查表; this script turns each row into a saved
 * checkbox and notes field, counts what is done, prints the filled table and
 * exports it as CSV. State is kept per item id and a hash of the item's text,
 * so a reworded item starts unticked instead of inheriting an old answer.
 */
(function () {
  "use strict";

  var store = window.CourseGenStore;
  var el = store.el;
  var counter = 0;


  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function csvCell(value) {
    var text = String(value === undefined || value === null ? "" : value);
    // A leading = + - @ would make a spreadsheet run the cell as a formula.
    if (/^[=+\-@]/.test(text)) text = "'" + text;
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function Checklist(root) {
    this.root = root;
    this.data = store.readData(root, "cg-checklist__data");
    this.course = this.data.course;
    this.record = store.load(this.course);
    if (!this.record.checklists || typeof this.record.checklists !== "object") this.record.checklists = {};
    this.state = this.record.checklists;
    this.dropStale();
    this.build();
  }

  Checklist.prototype.dropStale = function () {
    var state = this.state;
    var changed = false;
    this.data.items.forEach(function (item) {
      var saved = state[item.id];
      if (saved && (typeof saved !== "object" || saved.h !== item.hash)) {
        delete state[item.id];
        changed = true;
      }
    });
    if (changed) this.save();
  };

  Checklist.prototype.save = function () {
    store.save(this.course, this.record);
    if (!this.notice) return; // saving before the widget is built (dropping stale ticks)
    var text = store.problem(this.course);
    this.notice.textContent = text;
    this.notice.hidden = !text;
  };

  Checklist.prototype.entry = function (item) {
    return this.state[item.id] || { h: item.hash, done: false, note: "", t: "" };
  };

  Checklist.prototype.build = function () {
    var self = this;
    var labels = this.data.labels;
    this.notice = el("p", { class: "cg-checklist__notice", role: "status", hidden: true });
    this.count = el("p", { class: "cg-checklist__count", "aria-live": "polite" });
    var confirm = el("div", { class: "cg-checklist__confirm", role: "alertdialog", "aria-label": "确认清空", hidden: true });
    var reset = el("button", { type: "button", class: "cg-quiz__button", text: "清空重填" });
    reset.addEventListener("click", function () {
      confirm.textContent = "";
      var yes = el("button", { type: "button", class: "cg-quiz__button cg-quiz__button--primary", text: "确定清空",
        onclick: function () {
          self.data.items.forEach(function (item) { delete self.state[item.id]; });
          self.save();
          self.rows.forEach(function (row) { row.write(self.entry(row.item)); });
          confirm.hidden = true;
          self.update();
          reset.focus();
        } });
      var no = el("button", { type: "button", class: "cg-quiz__button", text: "取消",
                              onclick: function () { confirm.hidden = true; reset.focus(); } });
      confirm.appendChild(el("p", { text: "确定清空本清单的全部勾选和备注吗？清空后无法恢复。" }));
      confirm.appendChild(el("div", { class: "cg-quiz__actions" }, [yes, no]));
      confirm.hidden = false;
      no.focus();
    });
    confirm.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        confirm.hidden = true;
        reset.focus();
      }
    });
    var toolbar = el("div", { class: "cg-checklist__toolbar" }, [
      this.count,
      el("div", { class: "cg-quiz__actions" }, [
        el("button", { type: "button", class: "cg-quiz__button", text: "打印自查表", onclick: function () { window.print(); } }),
        el("button", { type: "button", class: "cg-quiz__button", text: "导出 CSV", onclick: function () { self.exportCsv(); } }),
        reset,
      ]),
      confirm,
    ]);
    this.root.insertBefore(this.notice, this.root.firstChild);
    this.root.insertBefore(toolbar, this.notice.nextSibling);

    this.rows = this.data.items.map(function (item, index) {
      var tr = self.root.querySelector('tr[data-item="' + item.id + '"]');
      var id = "cg-check-" + (++counter);
      // Every box shows the same word (符合 / 已落实): its name says which item
      // it is, and the item's text is its description.
      var text = tr.querySelector(".cg-checklist__text");
      if (!text.id) text.id = id + "-text";
      var box = el("input", { type: "checkbox", id: id, class: "cg-checklist__box",
                              "aria-label": "第 " + (index + 1) + " 项：" + labels.tick, "aria-describedby": text.id });
      var printed = el("span", { class: "cg-checklist__printed" });
      var note = el("textarea", { class: "cg-checklist__input", rows: "2", "aria-describedby": text.id,
                                  "aria-label": "第 " + (index + 1) + " 项的" + labels.note.replace(" / ", "或") });
      var noteText = el("span", { class: "cg-checklist__printed" });
      var status = tr.querySelector(".cg-checklist__status");
      var noteCell = tr.querySelector(".cg-checklist__note");
      var date = tr.querySelector(".cg-checklist__date");
      status.textContent = "";
      status.appendChild(el("label", { class: "cg-checklist__tick", for: id }, [box, " " + labels.tick]));
      status.appendChild(printed);
      noteCell.textContent = "";
      noteCell.appendChild(note);
      noteCell.appendChild(noteText);
      var row = {
        item: item,
        write: function (entry) {
          box.checked = Boolean(entry.done);
          note.value = entry.note || "";
          noteText.textContent = entry.note || "";
          printed.textContent = entry.done ? "☑ " + labels.tick : "☐ " + labels.tick;
          date.textContent = entry.done ? entry.t || "" : "";
          tr.classList.toggle("cg-checklist__row--done", Boolean(entry.done));
        },
      };
      var change = function () {
        var entry = self.entry(item);
        entry.h = item.hash;
        entry.c = self.data.checklist;
        entry.note = note.value;
        if (entry.done !== box.checked) entry.t = box.checked ? today() : "";
        entry.done = box.checked;
        if (!entry.done && !entry.note) delete self.state[item.id];
        else self.state[item.id] = entry;
        self.save();
        row.write(self.entry(item));
        self.update();
      };
      box.addEventListener("change", change);
      note.addEventListener("input", change);
      row.write(self.entry(item));
      return row;
    });
    this.root.classList.add("cg-checklist--ready");
    this.save();
    this.update();
  };

  Checklist.prototype.update = function () {
    var self = this;
    var done = this.data.items.filter(function (item) { return self.entry(item).done; }).length;
    this.count.textContent = "已完成 " + done + "/" + this.data.items.length;
  };

  Checklist.prototype.exportCsv = function () {
    var self = this;
    var labels = this.data.labels;
    var lines = [["序号", "内容", labels.status, labels.note, "日期", "出处"].map(csvCell).join(",")];
    this.data.items.forEach(function (item, index) {
      var entry = self.entry(item);
      lines.push([index + 1, item.text, entry.done ? labels.tick : labels.untick,
                  entry.note || "", entry.done ? entry.t : "", item.section.title].map(csvCell).join(","));
    });
    // The byte-order mark lets spreadsheet programs read the Chinese text as UTF-8.
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var link = el("a", { href: URL.createObjectURL(blob), download: this.course + "-" + this.data.checklist + ".csv" });
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  };

  function fillCounts() {
    document.querySelectorAll(".cg-checklist-count").forEach(function (span) {
      var record = store.load(span.getAttribute("data-course"));
      var state = record.checklists || {};
      var done = Object.keys(state).filter(function (id) {
        return state[id] && state[id].done && state[id].c === span.getAttribute("data-checklist");
      }).length;
      span.textContent = done ? "已完成 " + done + " 项" : "—";
    });
  }

  function init() {
    document.querySelectorAll(".cg-checklist:not(.cg-checklist--ready)").forEach(function (root) {
      try {
        new Checklist(root);
      } catch (error) {
        if (window.console) window.console.error("coursegen checklist:", error);
      }
    });
    fillCounts();
  }

  store.onEveryPage(init);
})();
