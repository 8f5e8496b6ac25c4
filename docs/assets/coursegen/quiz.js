/* coursegen: self-test quizzes with a practice mode and a test mode.
 *
 * Each .cg-quiz holds its questions as inline JSON. Without this script (or
 * in print) the page shows the same questions as a paper with the answer key.
 * All text is set with textContent, never parsed as HTML.
 */
(function () {
  "use strict";

  var store = window.CourseGenStore;
  var el = store.el;
  var LETTERS = "ABCDEFGH";
  var TYPE_LABELS = { single: "单选", multiple: "多选", truefalse: "判断", fill: "填空", order: "排序" };
  var BLANK = /_{3,}|＿{2,}|（\s*）|\(\s*\)/g;
  var counter = 0;

  /* ---------- small helpers ---------- */

  var rules = store.rules;
  var isCorrect = rules.isCorrect;

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  /* ---------- questions: answers, checking, showing the key ---------- */

  function keyText(q, view) {
    if (q.type === "truefalse") return q.answer ? "正确" : "错误";
    if (q.type === "single" || q.type === "multiple") {
      var right = q.type === "single" ? [q.answer] : q.answer;
      return view.order
        .map(function (original, shown) { return { original: original, shown: shown }; })
        .filter(function (o) { return right.indexOf(o.original) >= 0; })
        .map(function (o) { return LETTERS[o.shown] + ". " + q.options[o.original]; })
        .join("；");
    }
    if (q.type === "fill") {
      return q.answer.map(function (alts) { return alts.join(" 或 "); }).join("；");
    }
    return q.items.join(" → ");
  }

  /* Display order of options (pinned ones stay last) or of items to sort. */
  function makeView(q) {
    if (q.type === "single" || q.type === "multiple") {
      return { order: rules.optionOrder(q.options.length, q.pinLast, Math.random) };
    }
    if (q.type === "order") return { order: rules.scrambledOrder(q.items.length, Math.random), touched: false };
    return {};
  }

  /* Build the inputs of one question; returns {node, read, write, lock}. */
  function questionForm(q, number, view, onChange) {
    var name = "cg-q-" + (++counter);
    var stem = el("p", { class: "cg-q__stem" });
    var body = el("div", { class: "cg-q__body" });
    var fieldset = el("fieldset", { class: "cg-q", "data-qid": q.id }, [
      el("legend", { class: "cg-q__legend", text: "第 " + number + " 题【" + TYPE_LABELS[q.type] + "】" }),
      stem, body,
    ]);
    var inputs = [];
    var form = { node: fieldset };

    function choice(type, label, value) {
      var input = el("input", { type: type, name: name, value: String(value), onchange: onChange });
      inputs.push(input);
      return el("label", { class: "cg-q__choice" }, [input, el("span", { class: "cg-q__option", text: label })]);
    }

    if (q.type === "fill") {
      var parts = q.stem.split(BLANK);
      parts.forEach(function (text, i) {
        stem.appendChild(document.createTextNode(text));
        if (i < parts.length - 1) {
          var input = el("input", { type: "text", class: "cg-q__blank", maxlength: "500", "aria-label": "第 " + (i + 1) + " 空",
                                    autocomplete: "off", oninput: onChange });
          inputs.push(input);
          stem.appendChild(input);
        }
      });
      form.read = function () {
        var values = inputs.map(function (i) { return i.value; });
        return values.some(function (v) { return v.trim() !== ""; }) ? values : null;
      };
      form.write = function (a) { inputs.forEach(function (input, i) { input.value = (a && a[i]) || ""; }); };
    } else {
      stem.textContent = q.stem;
    }

    if (q.type === "single" || q.type === "multiple") {
      view.order.forEach(function (original, shown) {
        body.appendChild(choice(q.type === "single" ? "radio" : "checkbox",
                                LETTERS[shown] + ". " + q.options[original], original));
      });
      form.read = function () {
        var picked = inputs.filter(function (i) { return i.checked; })
          .map(function (i) { return Number(i.value); });
        if (!picked.length) return null;
        return q.type === "single" ? picked[0] : picked.sort();
      };
      form.write = function (a) {
        var set = a === null || a === undefined ? [] : [].concat(a);
        inputs.forEach(function (i) { i.checked = set.indexOf(Number(i.value)) >= 0; });
      };
    }

    if (q.type === "truefalse") {
      body.appendChild(choice("radio", "正确", "true"));
      body.appendChild(choice("radio", "错误", "false"));
      form.read = function () {
        var picked = inputs.filter(function (i) { return i.checked; })[0];
        return picked ? picked.value === "true" : null;
      };
      form.write = function (a) { inputs.forEach(function (i) { i.checked = a !== null && i.value === String(a); }); };
    }

    if (q.type === "order") {
      var list = el("ol", { class: "cg-order" });
      body.appendChild(el("p", { class: "cg-q__hint", text: "用“上移”“下移”按钮调整顺序。" }));
      body.appendChild(list);
      var draw = function (focusIndex, focusDirection) {
        list.textContent = "";
        view.order.forEach(function (original, position) {
          var move = function (delta) {
            return function () {
              var target = position + delta;
              var swap = view.order[target];
              view.order[target] = view.order[position];
              view.order[position] = swap;
              view.touched = true;
              draw(target, delta);
              onChange();
            };
          };
          var up = el("button", { type: "button", class: "cg-order__move", text: "↑ 上移",
                                  "aria-label": "上移：" + q.items[original], onclick: move(-1) });
          var down = el("button", { type: "button", class: "cg-order__move", text: "↓ 下移",
                                    "aria-label": "下移：" + q.items[original], onclick: move(1) });
          up.disabled = position === 0;
          down.disabled = position === view.order.length - 1;
          inputs.push(up, down);
          list.appendChild(el("li", { class: "cg-order__item", "data-original": String(original) }, [
            el("span", { class: "cg-order__pos", text: (position + 1) + "." }),
            el("span", { class: "cg-order__text", text: q.items[original] }),
            el("span", { class: "cg-order__moves" }, [up, down])]));
          if (position === focusIndex) {
            var keep = focusDirection < 0 ? (up.disabled ? down : up) : (down.disabled ? up : down);
            keep.focus();
          }
        });
      };
      inputs = [];
      draw(-1, 0);
      form.read = function () { return view.touched ? view.order.slice() : null; };
      form.write = function (a) {
        if (a && a.length === q.items.length) { view.order = a.slice(); view.touched = true; }
        inputs = [];
        draw(-1, 0);
      };
    }

    /* After checking, the question itself shows what was chosen and what is
       right, in words and with ✓ / ✗ (never by colour alone). */
    form.reveal = function (answer) {
      fieldset.classList.add(isCorrect(q, answer) ? "cg-q--right" : "cg-q--wrong");
      var given = answer === null || answer === undefined ? null : answer;
      if (q.type === "single" || q.type === "multiple" || q.type === "truefalse") {
        var key = q.type === "multiple" ? q.answer : [q.answer];
        var chosen = given === null ? [] : [].concat(given);
        inputs.forEach(function (input) {
          var value = q.type === "truefalse" ? input.value === "true" : Number(input.value);
          var isKey = key.indexOf(value) >= 0;
          var isChosen = chosen.indexOf(value) >= 0;
          if (!isKey && !isChosen) return;
          var missed = q.type === "multiple" && given !== null;
          var text = isKey ? (isChosen ? "✓ 你的选择，正确" : (missed ? "✓ 正确答案，你未选" : "✓ 正确答案"))
                           : "✗ 你的选择，错误";
          input.parentNode.classList.add(isKey ? "cg-q__choice--key" : "cg-q__choice--wrong");
          input.parentNode.appendChild(el("span", { class: "cg-q__mark", text: text }));
        });
      } else if (q.type === "fill") {
        inputs.forEach(function (input, i) {
          var value = rules.normalize(input.value);
          var ok = value !== "" && q.answer[i].some(function (alt) { return rules.normalize(alt) === value; });
          input.classList.add(ok ? "cg-q__blank--right" : "cg-q__blank--wrong");
          input.insertAdjacentElement("afterend", el("span", { class: "cg-q__mark cg-q__mark--inline" }, [
            el("span", { "aria-hidden": "true", text: ok ? "✓" : "✗" }),
            el("span", { class: "cg-visually-hidden", text: "第 " + (i + 1) + " 空" + (ok ? "正确" : "错误") })]));
        });
      } else if (q.type === "order" && given !== null) {
        fieldset.querySelectorAll(".cg-order__item").forEach(function (item, position) {
          var original = Number(item.getAttribute("data-original"));
          var ok = original === position;
          item.classList.add(ok ? "cg-order__item--right" : "cg-order__item--wrong");
          item.appendChild(el("span", { class: "cg-q__mark", text: ok ? "✓ 位置正确" : "✗ 应排在第 " + (original + 1) + " 位" }));
        });
      }
    };

    form.lock = function (locked) {
      fieldset.querySelectorAll("input, button").forEach(function (i) { i.disabled = locked; });
      if (!locked && q.type === "order") form.write(view.touched ? view.order : null);
    };
    return form;
  }

  /* 现行规定: the rule today, where the speech's wording is out of date (null when there is none). */
  function currentRule(q) {
    if (!q.currentRule) return null;
    return el("p", { class: "cg-q__rule" }, [el("strong", { text: "现行规定：" }), q.currentRule]);
  }

  function feedback(q, view, answer, href) {
    var right = isCorrect(q, answer);
    return el("div", { class: "cg-q__feedback " + (right ? "cg-q__feedback--right" : "cg-q__feedback--wrong") }, [
      el("p", { class: "cg-q__verdict", text: right ? "✓ 回答正确" : (answer === null ? "✗ 未作答" : "✗ 回答错误") }),
      el("p", {}, [el("strong", { text: "正确答案：" }), keyText(q, view)]),
      el("p", {}, [el("strong", { text: "解析：" }), q.explanation]),
      currentRule(q),
      el("p", {}, [el("a", { href: href, text: "回到课文：" + q.section.title })]),
    ]);
  }

  /* ---------- one quiz on the page ---------- */

  function Quiz(root) {
    var self = this;
    this.root = root;
    this.data = store.readData(root, "cg-quiz__data");
    this.course = this.data.course;
    this.record = store.load(this.course);
    this.retrying = {};
    this.mode = this.data.mode === "test" ? "test" : "practice";
    this.build();
    store.subscribe(this.course, function (record) {
      self.record = record;
      self.showBest();
      self.showNotice();
    });
  }

  /* The stored practice answer of ``q``, if it was given to the question as it is now. */
  Quiz.prototype.saved = function (q) {
    var entry = rules.own(this.record.questions, q.id);
    return rules.isCurrent(entry, q.hash) && entry.n > 0 && rules.answerFits(q, entry.a) ? entry : null;
  };

  /* Read the record, apply one change, write it back (other tabs' changes are kept). */
  Quiz.prototype.change = function (apply) {
    this.record = store.update(this.course, apply);
    this.showNotice();
  };

  Quiz.prototype.stats = function () {
    return rules.own(this.record.quizzes, this.data.quiz) || {};
  };

  Quiz.prototype.announce = function (text) {
    var live = this.live;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  };

  Quiz.prototype.showNotice = function () {
    var text = store.problem(this.course);
    this.notice.textContent = text;
    this.notice.hidden = !text;
  };

  Quiz.prototype.build = function () {
    var self = this;
    this.notice = el("p", { class: "cg-quiz__notice", role: "status" });
    this.best = el("span", { class: "cg-quiz__best" });
    this.practiceStat = el("span", { class: "cg-quiz__practice" });
    this.live = el("div", { class: "cg-quiz__live cg-visually-hidden", "aria-live": "polite", "aria-atomic": "true" });
    this.body = el("div", { class: "cg-quiz__body" });
    this.modeButtons = {};
    var group = el("div", { class: "cg-quiz__modes", role: "group", "aria-label": "作答模式" },
      ["practice", "test"].map(function (mode) {
        var button = el("button", { type: "button", class: "cg-quiz__mode", "data-mode": mode,
                                    text: mode === "practice" ? "练习模式" : "测试模式",
                                    onclick: function () { self.start(mode); } });
        self.modeButtons[mode] = button;
        return button;
      }));
    var printing = el("div", { class: "cg-quiz__printing", role: "group", "aria-label": "打印" }, [
      el("button", { type: "button", class: "cg-quiz__button", text: "打印试卷",
                     onclick: function () { self.print(false); } }),
      el("button", { type: "button", class: "cg-quiz__button", text: "打印答案",
                     onclick: function () { self.print(true); } })]);
    this.app = el("div", { class: "cg-quiz__app" }, [
      this.notice, el("div", { class: "cg-quiz__bar" }, [group, this.best, this.practiceStat, printing]),
      this.body, this.live]);
    this.root.appendChild(this.app);
    this.root.classList.add("cg-quiz--ready");
    this.showNotice();
    this.showBest();
    this.start(this.mode);
  };

  Quiz.prototype.showBest = function () {
    var stats = this.stats();
    this.best.textContent = typeof stats.best === "number" ? "最高分：" + stats.best + " 分" : "尚无测试成绩";
    var practice = rules.practice(this.record, this.data.questions);
    this.practiceStat.textContent = practice.practised
      ? "已练 " + practice.practised + "/" + practice.total + " · 正确率 " + practice.rate + "%" : "";
  };

  /* The questions of a round: drawn and shuffled for a test, in course order for practice. */
  Quiz.prototype.round = function (only) {
    var pool = this.data.questions;
    if (only) return rules.shuffled(pool.filter(function (q) { return only.indexOf(q.id) >= 0; }), Math.random);
    var picked = this.data.draw ? rules.shuffled(pool, Math.random).slice(0, this.data.draw) : pool.slice();
    if (this.mode === "test") return rules.shuffled(picked, Math.random);
    return pool.filter(function (q) { return picked.indexOf(q) >= 0; });
  };

  Quiz.prototype.start = function (mode, only) {
    this.mode = mode;
    Object.keys(this.modeButtons).forEach(function (key) {
      this.modeButtons[key].setAttribute("aria-pressed", String(key === mode));
    }, this);
    this.questions = this.round(only);
    this.views = this.questions.map(makeView);
    this.retake = Boolean(only);
    if (!only) this.choosePaper();
    this.body.textContent = "";
    if (mode === "practice") this.practice(this.recallPosition());
    else this.test();
  };

  /* ---------- the paper: what prints ---------- */

  /* The printed paper holds this round's questions: all of a part's, or the N
     drawn for the comprehensive test (not the whole bank). */
  Quiz.prototype.choosePaper = function () {
    var ids = this.questions.map(function (q) { return q.id; });
    var paper = this.root.querySelector(".cg-quiz__paper");
    if (!paper) return;
    paper.querySelectorAll("[data-qid]").forEach(function (node) {
      node.hidden = ids.indexOf(node.getAttribute("data-qid")) < 0;
    });
    paper.querySelectorAll(".cg-paper__count").forEach(function (node) { node.textContent = String(ids.length); });
  };

  /* A blank paper, or the paper followed by its key on a new page. */
  Quiz.prototype.print = function (withKey) {
    this.root.classList.toggle("cg-quiz--print-key", withKey);
    window.print();
  };

  /* ---------- practice position, kept for this browser tab ---------- */

  /* After 回到课文 and back, practice resumes at the same question. Kept in
     sessionStorage: a place in the page, not part of the learning record. */
  Quiz.prototype.positionKey = function () {
    return "coursegen:practice-position:" + this.course + ":" + this.data.quiz;
  };

  Quiz.prototype.rememberPosition = function (index) {
    try {
      window.sessionStorage.setItem(this.positionKey(), this.questions[index].id);
    } catch (e) { /* storage blocked: practice starts at the first question next time */ }
  };

  Quiz.prototype.recallPosition = function () {
    var id = null;
    try {
      id = window.sessionStorage.getItem(this.positionKey());
    } catch (e) { /* storage blocked */ }
    var index = this.questions.map(function (q) { return q.id; }).indexOf(id);
    return index < 0 ? 0 : index;
  };

  Quiz.prototype.href = function (q) {
    return q.section.href;
  };

  /* ---------- practice: one at a time, instant feedback ---------- */

  Quiz.prototype.practice = function (index) {
    var self = this;
    var q = this.questions[index];
    this.rememberPosition(index);
    var view = this.views[index];
    var saved = this.retrying[q.id] ? null : this.saved(q);
    var result = el("div", { class: "cg-quiz__result" });
    var submit = el("button", { type: "button", class: "cg-quiz__button cg-quiz__button--primary", text: "提交答案" });
    var again = el("button", { type: "button", class: "cg-quiz__button", text: "再试一次" });
    var form = questionForm(q, index + 1, view, function () { submit.disabled = form.read() === null; });
    var progress = el("p", { class: "cg-quiz__progress", tabindex: "-1" });
    var count = function () {
      var right = self.questions.filter(function (x) {
        var s = self.saved(x);
        return s && s.ok === true;
      }).length;
      progress.textContent = "第 " + (index + 1) + " 题 / 共 " + self.questions.length + " 题 · 已答对 " + right + " 题";
    };

    function show(answer) {
      form.lock(true);
      form.reveal(answer);
      result.textContent = "";
      result.appendChild(feedback(q, view, answer, self.href(q)));
      submit.hidden = true;
      again.hidden = false;
    }

    submit.addEventListener("click", function () {
      var answer = form.read();
      if (answer === null) return;
      var ok = isCorrect(q, answer);
      var now = Date.now();
      delete self.retrying[q.id];
      self.change(function (record) {
        record.questions[q.id] = rules.practised(rules.own(record.questions, q.id), q, answer, ok, now);
        return record;
      });
      self.showBest();
      show(answer);
      count();
      self.announce(ok ? "回答正确。" : "回答错误。正确答案：" + keyText(q, view));
      again.focus();
    });
    again.addEventListener("click", function () {
      self.retrying[q.id] = true; // the stored answer and its count stay; only the form is fresh
      self.views[index] = makeView(q);
      self.body.textContent = "";
      self.practice(index);
      self.body.querySelector("input, .cg-order__move:not([disabled])").focus();
    });

    var previous = el("button", { type: "button", class: "cg-quiz__button", text: "上一题",
                                  onclick: function () { self.go(index - 1); } });
    var next = el("button", { type: "button", class: "cg-quiz__button", text: "下一题",
                              onclick: function () { self.go(index + 1); } });
    previous.disabled = index === 0;
    next.disabled = index === this.questions.length - 1;

    count();
    this.body.appendChild(progress);
    this.body.appendChild(form.node);
    this.body.appendChild(el("div", { class: "cg-quiz__actions" }, [submit, again]));
    this.body.appendChild(result);
    this.body.appendChild(el("div", { class: "cg-quiz__pager" }, [previous, next]));
    again.hidden = true;
    if (saved) {
      form.write(saved.a);
      show(saved.a);
    } else {
      submit.disabled = true;
    }
  };

  /* The pressed 上一题/下一题 is replaced with the page, so focus moves to the
     new question's "第 n 题 / 共 m 题" line: read out, and Tab goes on from there. */
  Quiz.prototype.go = function (index) {
    this.body.textContent = "";
    this.practice(index);
    this.body.querySelector(".cg-quiz__progress").focus({ preventScroll: true });
    this.body.querySelector(".cg-q__legend").scrollIntoView({ behavior: reducedMotion() ? "auto" : "smooth" });
  };

  /* ---------- test: answer all, submit once, review ---------- */

  Quiz.prototype.test = function () {
    var self = this;
    var card = el("ol", { class: "cg-card__list" });
    var list = el("ol", { class: "cg-test__list" });
    var confirm = el("div", { class: "cg-quiz__confirm", role: "alertdialog", "aria-label": "确认交卷" });
    var submit = el("button", { type: "button", class: "cg-quiz__button cg-quiz__button--primary", text: "交卷" });
    this.forms = [];
    this.cardButtons = [];
    var items = [];
    var prefix = "cg-" + this.data.quiz + "-" + (++counter) + "-";
    var goTo = function (i) {
      items[i].scrollIntoView({ behavior: reducedMotion() ? "auto" : "smooth", block: "start" });
      items[i].focus({ preventScroll: true });
    };

    this.questions.forEach(function (q, i) {
      var item = el("li", { class: "cg-test__item", id: prefix + (i + 1), tabindex: "-1" });
      var form = questionForm(q, i + 1, self.views[i], function () { self.markCard(i); });
      item.appendChild(form.node);
      list.appendChild(item);
      items.push(item);
      self.forms.push(form);
      var button = el("button", { type: "button", class: "cg-card__cell", text: String(i + 1),
        onclick: function () { goTo(i); } });
      self.cardButtons.push(button);
      card.appendChild(el("li", {}, [button]));
      self.markCard(i);
    });

    submit.addEventListener("click", function () {
      var missing = [];
      self.forms.forEach(function (f, i) { if (f.read() === null) missing.push(i + 1); });
      if (missing.length === 0) return self.grade();
      confirm.textContent = "";
      var yes = el("button", { type: "button", class: "cg-quiz__button cg-quiz__button--primary", text: "确定交卷",
                               onclick: function () { self.grade(); } });
      var no = el("button", { type: "button", class: "cg-quiz__button", text: "继续作答",
                              onclick: function () { confirm.hidden = true; submit.focus(); } });
      confirm.appendChild(el("p", { text: "还有 " + missing.length + " 题未作答：第 " + missing.join("、") +
        " 题。未答的题按答错计。确定交卷吗？" }));
      confirm.appendChild(el("div", { class: "cg-quiz__actions" }, [yes, no]));
      confirm.appendChild(el("div", { class: "cg-quiz__jumps", role: "group", "aria-label": "去作答未答的题" },
        [el("span", { text: "去作答：" })].concat(missing.map(function (n) {
          return el("button", { type: "button", class: "cg-quiz__button", text: "第 " + n + " 题",
                                onclick: function () { confirm.hidden = true; goTo(n - 1); } });
        }))));
      confirm.hidden = false;
      yes.focus();
    });
    confirm.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        confirm.hidden = true;
        submit.focus();
      }
    });
    confirm.hidden = true;

    this.resultBox = el("div", { class: "cg-quiz__score", tabindex: "-1", hidden: true });
    this.submitButton = submit;
    this.body.appendChild(el("p", { class: "cg-quiz__progress", text: (this.retake ? "重做错题：" : "测试：") +
      "共 " + this.questions.length + " 题，满分 100 分，" + this.data.passMark + " 分及格。" }));
    this.cardLegend = el("span", { class: "cg-card__legend", text: "实心为已答，空心为未答" });
    this.body.appendChild(el("nav", { class: "cg-card", "aria-label": "答题卡" }, [
      el("p", { class: "cg-card__title" }, [el("span", { text: "答题卡" }), this.cardLegend]), card]));
    this.body.appendChild(this.resultBox);
    this.body.appendChild(list);
    this.body.appendChild(el("div", { class: "cg-quiz__actions" }, [submit]));
    this.body.appendChild(confirm);
  };

  Quiz.prototype.markCard = function (i) {
    var answered = this.forms[i].read() !== null;
    var button = this.cardButtons[i];
    button.classList.toggle("cg-card__cell--answered", answered);
    button.setAttribute("aria-label", "第 " + (i + 1) + " 题，" + (answered ? "已答" : "未答"));
  };

  Quiz.prototype.grade = function () {
    var self = this;
    var wrong = [];
    var right = 0;
    var verdicts = [];
    this.questions.forEach(function (q, i) {
      var form = self.forms[i];
      var answer = form.read();
      var ok = isCorrect(q, answer);
      verdicts.push({ q: q, ok: ok });
      if (ok) right += 1;
      else wrong.push(q.id);
      form.lock(true);
      form.reveal(answer);
      form.node.parentNode.appendChild(feedback(q, self.views[i], answer, self.href(q)));
      var button = self.cardButtons[i];
      button.classList.add(ok ? "cg-card__cell--right" : "cg-card__cell--wrong");
      button.appendChild(el("span", { class: "cg-card__mark", "aria-hidden": "true", text: ok ? "✓" : "✗" }));
      button.setAttribute("aria-label", "第 " + (i + 1) + " 题，" + (ok ? "答对" : "答错"));
    });
    var score = rules.score(right, this.questions.length);
    var passed = rules.passed(score, this.data.passMark);
    var quizId = this.data.quiz;
    var retake = this.retake;
    var now = Date.now();
    this.change(function (record) {
      verdicts.forEach(function (v) {
        record.questions[v.q.id] = rules.tested(rules.own(record.questions, v.q.id), v.q, v.ok);
      });
      if (!retake) { // a retake of the wrong ones is practice, not a test score
        var stats = rules.own(record.quizzes, quizId) || { attempts: 0 };
        stats.last = score;
        stats.attempts = (stats.attempts || 0) + 1;
        stats.best = typeof stats.best === "number" ? Math.max(stats.best, score) : score;
        stats.t = now;
        record.quizzes[quizId] = stats;
      }
      return record;
    });
    this.showBest();
    this.submitButton.hidden = true;
    this.cardLegend.textContent = "✓ 答对，✗ 答错";
    this.body.querySelector(".cg-quiz__confirm").hidden = true;

    var box = this.resultBox;
    box.textContent = "";
    box.className = "cg-quiz__score " + (passed ? "cg-quiz__score--pass" : "cg-quiz__score--fail");
    var summary = (this.retake ? "重做错题得分：" : "得分：") + score + " 分";
    box.appendChild(el("p", { class: "cg-quiz__score-value", text: summary }));
    box.appendChild(el("p", { text: (passed ? "及格" : "未及格") + "（及格分 " + this.data.passMark + "），答对 " +
      right + " / " + this.questions.length + " 题。下面可查看每题的答案与解析。" }));
    var actions = el("div", { class: "cg-quiz__actions" });
    if (wrong.length) {
      actions.appendChild(el("button", { type: "button", class: "cg-quiz__button cg-quiz__button--primary",
        text: "只重做答错的 " + wrong.length + " 题", onclick: function () { self.begin("test", wrong); } }));
    }
    actions.appendChild(el("button", { type: "button", class: "cg-quiz__button", text: "重新测试",
                                       onclick: function () { self.begin("test"); } }));
    box.appendChild(actions);
    box.hidden = false;
    box.focus();
    this.announce(summary + "，" + (passed ? "及格" : "未及格") + "。");
  };

  Quiz.prototype.begin = function (mode, only) {
    this.start(mode, only);
    var first = this.body.querySelector("input, .cg-order__move:not([disabled])");
    if (first) first.focus();
  };

  /* ---------- start-up, also after material's instant navigation ---------- */

  function init() {
    document.querySelectorAll(".cg-quiz:not(.cg-quiz--ready):not(.cg-mistakes)").forEach(function (root) {
      try {
        new Quiz(root);
      } catch (error) {
        // The printable paper stays visible; say so rather than fail silently.
        root.classList.remove("cg-quiz--ready");
        if (window.console) window.console.error("coursegen quiz:", error);
      }
    });
  }

  store.onEveryPage(init);

  /* After printing, Ctrl+P prints a blank paper again. */
  window.addEventListener("afterprint", function () {
    document.querySelectorAll(".cg-quiz--print-key").forEach(function (root) {
      root.classList.remove("cg-quiz--print-key");
    });
  });

  window.CourseGenQuiz = { isCorrect: isCorrect, normalize: rules.normalize, makeView: makeView,
                           questionForm: questionForm, feedback: feedback, keyText: keyText };
})();
