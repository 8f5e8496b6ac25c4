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
  var rules = store.rules;
  var el = store.el;
  var counter = 0;

  function Checklist(root) {
    this.root = root;
    this.data = store.readData(root, "cg-checklist__data");
    this.course = this.data.course;
    this.record = store.load(this.course);
    this.build();
    var self = this;
    store.subscribe(this.course, function (record) { self.refresh(record); });
  }

  /* The saved entry of an item: only if it was saved for the item's current wording. */
  Checklist.prototype.entry = function (item) {
    var saved = rules.own(this.record.checklists, item.id);
    return rules.isCurrent(saved, item.hash) ? saved : { h: item.hash, done: false, note: "", t: "" };
  };

  /* Read, change one item, write back: ticks made in other tabs are kept. */
  Checklist.prototype.change = function (item, done, note) {
    var checklist = this.data.checklist;
    var now = Date.now();
    this.record = store.update(this.course, function (record) {
      var saved = rules.own(record.checklists, item.id);
      var entry = rules.isCurrent(saved, item.hash) ? saved : { h: item.hash, done: false, note: "", t: "" };
      if (Boolean(entry.done) !== done) entry.t = done ? rules.isoDay(now) : "";
      entry.done = done;
      entry.note = note;
      entry.c = checklist;
      if (!done && !note) delete record.checklists[item.id];
      else record.checklists[item.id] = entry;
      return record;
    }, now);
    this.showNotice();
  };

  Checklist.prototype.showNotice = function () {
    var text = store.problem(this.course);
    this.notice.textContent = text;
    this.notice.hidden = !text;
  };

  /* Another tab changed the record: show it, except the note being typed here. */
  Checklist.prototype.refresh = function (record) {
    var self = this;
    this.record = record;
    this.rows.forEach(function (row) { row.write(self.entry(row.item), true); });
    this.update();
    this.showNotice();
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
          var ids = self.data.items.map(function (item) { return item.id; });
          self.record = store.update(self.course, function (record) {
            ids.forEach(function (id) { delete record.checklists[id]; });
            return record;
          });
          self.showNotice();
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
      var note = el("textarea", { class: "cg-checklist__input", rows: "2", maxlength: "2000", // the record's limit
                                  "aria-describedby": text.id,
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
        write: function (entry, keepTyping) {
          box.checked = Boolean(entry.done);
          if (!(keepTyping && document.activeElement === note)) note.value = entry.note || "";
          noteText.textContent = entry.note || "";
          printed.textContent = entry.done ? "☑ " + labels.tick : "☐ " + labels.tick;
          date.textContent = entry.done ? entry.t || "" : "";
          tr.classList.toggle("cg-checklist__row--done", Boolean(entry.done));
        },
      };
      var change = function () {
        self.change(item, box.checked, note.value);
        row.write(self.entry(item));
        self.update();
      };
      box.addEventListener("change", change);
      note.addEventListener("input", change);
      row.write(self.entry(item));
      return row;
    });
    this.root.classList.add("cg-checklist--ready");
    this.showNotice();
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
    var lines = [["序号", "内容", labels.status, labels.note, "日期", "出处"].map(rules.csvCell).join(",")];
    this.data.items.forEach(function (item, index) {
      var entry = self.entry(item);
      lines.push([index + 1, item.text, entry.done ? labels.tick : labels.untick,
                  entry.note || "", entry.done ? entry.t : "", item.section.title].map(rules.csvCell).join(","));
    });
    // The byte-order mark lets spreadsheet programs read the Chinese text as UTF-8.
    store.download(this.course + "-" + this.data.checklist + ".csv", "\ufeff" + lines.join("\r\n") + "\r\n",
                   "text/csv;charset=utf-8");
  };

  function init() {
    document.querySelectorAll(".cg-checklist:not(.cg-checklist--ready)").forEach(function (root) {
      try {
        new Checklist(root);
      } catch (error) {
        if (window.console) window.console.error("coursegen checklist:", error);
      }
    });
  }

  store.onEveryPage(init);
})();
