/* coursegen: the 错题本, a drill of every question the learner got wrong.
 *
 * A wrong answer in practice or in a test puts a question here; two right
 * answers after that take it out again (rules.tally). The page holds every
 * question of the bank and shows those in the 错题本, one at a time, with the
 * quiz's own question form and feedback (quiz.js).
 */
(function () {
  "use strict";

  var store = window.CourseGenStore;
  var rules = store.rules;
  var el = store.el;

  function Mistakes(root) {
    var self = this;
    this.root = root;
    this.data = store.readData(root, "cg-quiz__data");
    this.course = this.data.course;
    this.record = store.load(this.course);
    this.current = null;
    this.notice = el("p", { class: "cg-quiz__notice", role: "status" });
    this.status = el("p", { class: "cg-mistakes__count", "aria-live": "polite", tabindex: "-1" });
    this.body = el("div", { class: "cg-quiz__body" });
    root.appendChild(el("div", { class: "cg-quiz__app" }, [this.notice, this.status, this.body]));
    root.classList.add("cg-quiz--ready");
    this.show(this.list()[0] || null);
    store.subscribe(this.course, function (record) {
      self.record = record;
      self.count();
      if (!self.current) self.show(self.list()[0] || null);
    });
  }

  Mistakes.prototype.list = function () {
    return rules.mistakes(this.record, this.data.questions);
  };

  Mistakes.prototype.count = function () {
    var n = this.list().length;
    this.status.textContent = n ? "错题本中有 " + n + " 道题。" : "错题本是空的：没有需要重做的题。";
    var text = store.problem(this.course);
    this.notice.textContent = text;
    this.notice.hidden = !text;
  };

  /* The next question in the 错题本 after ``q`` in course order (wrapping round), or null. */
  Mistakes.prototype.after = function (q) {
    var list = this.list();
    var order = this.data.questions;
    var start = q ? order.indexOf(q) : -1;
    for (var step = 1; step <= order.length; step++) {
      var next = order[(start + step) % order.length];
      if (list.indexOf(next) >= 0) return next;
    }
    return null;
  };

  Mistakes.prototype.show = function (q) {
    var self = this;
    this.current = q;
    this.body.textContent = "";
    this.count();
    if (!q) return;
    var quiz = window.CourseGenQuiz;
    var view = quiz.makeView(q);
    var submit = el("button", { type: "button", class: "cg-quiz__button cg-quiz__button--primary", text: "提交答案" });
    var next = el("button", { type: "button", class: "cg-quiz__button", text: "下一题", hidden: true,
                              onclick: function () { self.go(self.after(q)); } });
    var form = quiz.questionForm(q, 1, view, function () { submit.disabled = form.read() === null; });
    form.node.querySelector(".cg-q__legend").textContent = "错题【" + ({ single: "单选", multiple: "多选",
      truefalse: "判断", fill: "填空", order: "排序" })[q.type] + "】";
    var result = el("div", { class: "cg-quiz__result" });
    submit.disabled = true;
    submit.addEventListener("click", function () {
      var answer = form.read();
      if (answer === null) return;
      var ok = rules.isCorrect(q, answer);
      var now = Date.now();
      self.record = store.update(self.course, function (record) {
        record.questions[q.id] = rules.practised(rules.own(record.questions, q.id), q, answer, ok, now);
        return record;
      }, now);
      form.lock(true);
      var entry = rules.own(self.record.questions, q.id);
      var left = rules.inMistakes(entry, q) ? 2 - entry.c : 0;
      result.appendChild(el("p", { class: "cg-mistakes__verdict", text: !ok ? "答错了：这道题重新计数，再答对两次才能移出错题本。"
        : left ? "答对了：再答对 " + left + " 次即可移出错题本。" : "答对了：这道题已移出错题本。" }));
      result.appendChild(quiz.feedback(q, view, answer, q.section.href));
      submit.hidden = true;
      next.hidden = false;
      self.count();
      next.focus();
    });
    this.body.appendChild(form.node);
    this.body.appendChild(el("div", { class: "cg-quiz__actions" }, [submit, next]));
    this.body.appendChild(result);
  };

  Mistakes.prototype.go = function (q) {
    this.show(q);
    var first = this.body.querySelector("input, .cg-order__move:not([disabled])");
    if (first) first.focus();
    else this.status.focus();
  };

  store.onEveryPage(function () {
    document.querySelectorAll(".cg-mistakes:not(.cg-quiz--ready)").forEach(function (root) {
      try {
        new Mistakes(root);
      } catch (error) {
        if (window.console) window.console.error("coursegen mistakes:", error);
      }
    });
  });
})();
