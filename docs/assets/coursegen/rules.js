/* coursegen: the rules of the learning record, defined once.
 *
 * Pure functions only: no page, no storage, no clock (times are passed in).
 * Every widget uses these, the tests call them directly, and the progress
 * page states them in the same words. ``course`` is the course data that the
 * generator puts into the 学习进度 page and the course home (see README,
 * “学习记录的规则”); ``record`` is a stored record that schema.js accepted.
 */
(function (root) {
  "use strict";

  function own(map, key) {
    return map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
  }

  /* ---------- scores ---------- */

  function score(right, total) {
    return total > 0 ? Math.round((100 * right) / total) : 0;
  }

  /* Passed: a score at or above the pass mark. */
  function passed(best, passMark) {
    return typeof best === "number" && best >= passMark;
  }

  /* ---------- staleness: an answer or tick belongs to the wording it was given for ---------- */

  function isCurrent(entry, hash) {
    return Boolean(entry) && typeof entry === "object" && entry.h === hash;
  }

  /* ---------- answers ---------- */

  function range(n) {
    var out = [];
    for (var i = 0; i < n; i++) out.push(i);
    return out;
  }

  function sameList(a, b) {
    return a.length === b.length && a.every(function (value, i) { return value === b[i]; });
  }

  /* Full-width and half-width, spaces and letter case do not matter in blanks. */
  function normalize(text) {
    return String(text).normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  }

  function isIndexList(answer, size) {
    return Array.isArray(answer) && answer.every(function (i) { return Number.isInteger(i) && i >= 0 && i < size; });
  }

  /* Whether a stored answer can be an answer to this question at all. */
  function answerFits(q, answer) {
    if (q.type === "single") return Number.isInteger(answer) && answer >= 0 && answer < q.options.length;
    if (q.type === "truefalse") return typeof answer === "boolean";
    if (q.type === "multiple") {
      return isIndexList(answer, q.options.length) && answer.length > 0 &&
        new Set(answer).size === answer.length;
    }
    if (q.type === "order") {
      return isIndexList(answer, q.items.length) && answer.length === q.items.length &&
        new Set(answer).size === answer.length;
    }
    return Array.isArray(answer) && answer.length === q.answer.length &&
      answer.every(function (a) { return typeof a === "string"; });
  }

  function isCorrect(q, answer) {
    if (answer === null || answer === undefined || !answerFits(q, answer)) return false;
    if (q.type === "single" || q.type === "truefalse") return answer === q.answer;
    if (q.type === "multiple") return sameList(answer.slice().sort(), q.answer);
    if (q.type === "order") return sameList(answer, range(q.items.length));
    return q.answer.every(function (alternatives, i) {
      var given = normalize(answer[i]);
      return given !== "" && alternatives.some(function (alt) { return normalize(alt) === given; });
    });
  }

  /* ---------- shuffling ---------- */

  function shuffled(list, random) {
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var swap = out[i];
      out[i] = out[j];
      out[j] = swap;
    }
    return out;
  }

  /* Options in random order; the last ``pinLast`` stay last (“以上都不是”). */
  function optionOrder(count, pinLast, random) {
    var free = count - (pinLast || 0);
    return shuffled(range(free), random).concat(range(count).slice(free));
  }

  /* Items of an ordering question: never shown already in the right order. */
  function scrambledOrder(count, random) {
    var order = shuffled(range(count), random);
    if (count > 1 && sameList(order, range(count))) order.reverse();
    return order;
  }

  /* ---------- dates ---------- */

  function validTime(time) {
    return typeof time === "number" && isFinite(time) && !isNaN(new Date(time).getTime());
  }

  function dateText(time) {
    if (!validTime(time)) return "—";
    var d = new Date(time);
    return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }

  function isoDay(time) {
    if (!validTime(time)) return "";
    var d = new Date(time);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /* “3 分 20 秒”, “5 分钟”, “0 分钟”. */
  function durationText(seconds) {
    var whole = Math.max(0, Math.floor(seconds));
    var m = Math.floor(whole / 60);
    var s = whole % 60;
    return s ? (m ? m + " 分 " : "") + s + " 秒" : m + " 分钟";
  }

  /* ---------- study time ---------- */

  /* Milliseconds between ``from`` and ``to`` that count as study: the page was
     visible and the learner had acted (scroll, key, pointer, touch) less than
     ``idleMs`` before. */
  function activeMs(from, to, lastActivity, visible, idleMs) {
    if (!visible || lastActivity === null || lastActivity === undefined) return 0;
    return Math.max(0, Math.min(to, lastActivity + idleMs) - Math.max(from, lastActivity));
  }

  /* A page is 已学 once its counted time reaches its estimated reading time. */
  function isLearned(entry, page) {
    return Boolean(entry) && entry.s >= page.seconds;
  }

  function countedSeconds(entry, page) {
    return entry ? Math.min(entry.s || 0, page.seconds) : 0;
  }

  /* 学时 with one decimal, never rounded up: 1 学时 = ``perHour`` seconds of counted study. */
  function hoursText(seconds, perHour) {
    var tenths = Math.floor((seconds * 10) / perHour);
    return String(tenths / 10);
  }

  function study(record, course) {
    var counted = 0;
    var learned = 0;
    course.pages.forEach(function (page) {
      var entry = own(record.pages, page.id);
      counted += countedSeconds(entry, page);
      if (isLearned(entry, page)) learned += 1;
    });
    var times = [];
    [record.pages, record.questions, record.quizzes].forEach(function (map) {
      Object.keys(map).forEach(function (id) { if (typeof map[id].t === "number") times.push(map[id].t); });
    });
    return { counted: counted, total: course.totalSeconds, learned: learned, pages: course.pages.length,
             started: times.length ? Math.min.apply(null, times) : null, lastActive: record.updated || null };
  }

  /* Where to go on: the last lesson page, and the first unlearned one after it in course order. */
  function resume(record, course) {
    var last = record.last ? course.pages.filter(function (p) { return p.id === record.last.page; })[0] : null;
    var start = last ? course.pages.indexOf(last) : -1;
    var order = course.pages.slice(start + 1).concat(course.pages.slice(0, Math.max(start, 0)));
    var next = order.filter(function (p) { return !isLearned(own(record.pages, p.id), p); })[0] || null;
    return { last: last || null, next: next };
  }

  /* ---------- practice and the 错题本 ---------- */

  function fresh(hash) {
    return { h: hash, n: 0, m: false, c: 0 };
  }

  /* A wrong answer puts a question into the 错题本; two right answers after that take it out. */
  function tally(entry, ok) {
    if (!ok) {
      entry.m = true;
      entry.c = 0;
    } else if (entry.m) {
      entry.c = (entry.c || 0) + 1;
      if (entry.c >= 2) {
        entry.m = false;
        entry.c = 0;
      }
    }
    return entry;
  }

  function practised(entry, q, answer, ok, now) {
    var next = isCurrent(entry, q.hash) ? Object.assign({}, entry) : fresh(q.hash);
    next.a = answer;
    next.ok = ok;
    next.n = (next.n || 0) + 1;
    next.t = now;
    return tally(next, ok);
  }

  function tested(entry, q, ok) {
    return tally(isCurrent(entry, q.hash) ? Object.assign({}, entry) : fresh(q.hash), ok);
  }

  /* 已练 n/m and 正确率 (questions last answered right ÷ questions practised). */
  function practice(record, questions) {
    var done = 0;
    var right = 0;
    questions.forEach(function (q) {
      var entry = own(record.questions, q.id);
      if (isCurrent(entry, q.hash) && entry.n > 0) {
        done += 1;
        if (entry.ok === true) right += 1;
      }
    });
    return { practised: done, total: questions.length, right: right,
             rate: done ? Math.round((100 * right) / done) : null };
  }

  function inMistakes(entry, q) {
    return isCurrent(entry, q.hash) && entry.m === true;
  }

  function mistakes(record, questions) {
    return questions.filter(function (q) { return inMistakes(own(record.questions, q.id), q); });
  }

  /* ---------- checklists ---------- */

  function ticked(record, items) {
    return items.filter(function (item) {
      var entry = own(record.checklists, item.id);
      return isCurrent(entry, item.hash) && entry.done === true;
    }).length;
  }

  /* ---------- completion ---------- */

  /* Whether the course is complete under its rule, and every condition still open.
     Each condition: {kind: "page"|"test"|"checklist", id, title, href, met, text}. */
  function completion(record, course) {
    var rule = course.completion;
    var conditions = [];
    if (rule.pages) {
      course.pages.forEach(function (page) {
        var entry = own(record.pages, page.id);
        var left = durationText(page.seconds - countedSeconds(entry, page));
        conditions.push({ kind: "page", id: page.id, title: page.title, href: page.href,
                          met: isLearned(entry, page), text: "学完“" + page.title + "”（还需 " + left + "）" });
      });
    }
    if (rule.finalTest) {
      var quiz = course.quizzes.filter(function (q) { return q.id === rule.finalTest; })[0];
      var stats = own(record.quizzes, quiz.id) || {};
      var best = typeof stats.best === "number" ? "目前最高 " + stats.best + " 分" : "尚未参加";
      conditions.push({ kind: "test", id: quiz.id, title: quiz.title, href: quiz.href,
                        met: passed(stats.best, quiz.passMark),
                        text: quiz.title + "达到 " + quiz.passMark + " 分（" + best + "）" });
    }
    (rule.checklists || []).forEach(function (id) {
      var list = course.checklists.filter(function (c) { return c.id === id; })[0];
      var done = ticked(record, list.items);
      conditions.push({ kind: "checklist", id: list.id, title: list.title, href: list.href,
                        met: done === list.items.length,
                        text: "完成“" + list.title + "”（已完成 " + done + "/" + list.items.length + "）" });
    });
    var remaining = conditions.filter(function (c) { return !c.met; });
    return { complete: remaining.length === 0, conditions: conditions, remaining: remaining };
  }

  /* What a learning platform is told (SCORM 1.2 lesson_status and score): completed, or
     passed when the rule includes the final test; failed when that test was taken and not
     passed; otherwise incomplete. ``score`` is the final test's best score, or null. */
  function lmsStatus(record, course) {
    var done = completion(record, course);
    var finalId = course.completion.finalTest;
    var quiz = finalId ? course.quizzes.filter(function (q) { return q.id === finalId; })[0] : null;
    var stats = quiz ? own(record.quizzes, quiz.id) : null;
    var score = stats && typeof stats.best === "number" ? stats.best : null;
    var status = done.complete ? (quiz ? "passed" : "completed")
      : score !== null && !passed(score, quiz.passMark) ? "failed" : "incomplete";
    return { status: status, score: score, complete: done.complete, remaining: done.remaining };
  }

  /* ---------- CSV ---------- */

  function csvCell(value) {
    var text = String(value === undefined || value === null ? "" : value);
    // A leading = + - @ (also after a TAB or CR) would make a spreadsheet run the cell as a formula.
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  var rules = {
    own: own, score: score, passed: passed, isCurrent: isCurrent,
    normalize: normalize, answerFits: answerFits, isCorrect: isCorrect,
    shuffled: shuffled, optionOrder: optionOrder, scrambledOrder: scrambledOrder,
    dateText: dateText, isoDay: isoDay, durationText: durationText,
    activeMs: activeMs, isLearned: isLearned, countedSeconds: countedSeconds, hoursText: hoursText,
    study: study, resume: resume,
    practised: practised, tested: tested, practice: practice, inMistakes: inMistakes, mistakes: mistakes,
    ticked: ticked, completion: completion, lmsStatus: lmsStatus, csvCell: csvCell,
  };
  if (typeof module === "object" && module.exports) module.exports = rules;
  else root.CourseGenRules = rules;
})(this);
