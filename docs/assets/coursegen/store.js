/* coursegen: the learner's record in localStorage, one key per course.
 *
 * Storage may be missing (privacy modes, some file:// setups), full, or hold
 * something we cannot read. None of that may break a page: we fall back to
 * memory and say what could not be saved or restored. Unreadable data is
 * copied aside before it is replaced, so nothing is silently lost.
 */
(function () {
  "use strict";

  var PREFIX = "coursegen:v1:";
  var memory = {};
  var problems = {};

  function storage() {
    try {
      var s = window.localStorage;
      s.setItem(PREFIX + "probe", "1");
      s.removeItem(PREFIX + "probe");
      return s;
    } catch (e) {
      return null;
    }
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function fresh() {
    return { v: 1, questions: {}, quizzes: {} };
  }

  /* Keep what has the expected shape; anything else starts empty. */
  function clean(record) {
    var out = fresh();
    Object.keys(record).forEach(function (key) {
      if (key !== "v") out[key] = record[key];
    });
    if (!isObject(out.questions)) out.questions = {};
    if (!isObject(out.quizzes)) out.quizzes = {};
    return out;
  }

  function load(course) {
    var s = storage();
    if (!s) {
      problems[course] = "unavailable";
      return memory[course] || (memory[course] = fresh());
    }
    var raw = s.getItem(PREFIX + course);
    if (raw === null) return fresh();
    try {
      var parsed = JSON.parse(raw);
      if (!isObject(parsed)) throw new Error("not an object");
      return clean(parsed);
    } catch (e) {
      problems[course] = "corrupt";
      try {
        // Never overwrite an earlier copy: the first one keeps the plain name.
        var aside = PREFIX + course + ":unreadable";
        if (s.getItem(aside) !== null && s.getItem(aside) !== raw) aside += ":" + Date.now();
        s.setItem(aside, raw);
      } catch (ignored) { /* keeping the copy is best effort */ }
      return fresh();
    }
  }

  function save(course, record) {
    memory[course] = record;
    var s = storage();
    if (!s) {
      problems[course] = "unavailable";
      return false;
    }
    try {
      s.setItem(PREFIX + course, JSON.stringify(record));
      if (problems[course] === "unavailable") delete problems[course];
      return true;
    } catch (e) {
      problems[course] = "unavailable";
      return false;
    }
  }

  /* A sentence for the learner, or "" when all is well. */
  function problem(course) {
    if (problems[course] === "unavailable") {
      return "此浏览器不允许保存学习记录：本次作答可以正常进行，但关闭页面后不会保留。";
    }
    if (problems[course] === "corrupt") {
      return "原有的学习记录无法读取，已重新开始记录（旧数据已另存，未删除）。";
    }
    return "";
  }

  /* Every course that has a record in this browser (for export). */
  function courses() {
    var s = storage();
    var found = Object.keys(memory);
    if (!s) return found;
    for (var i = 0; i < s.length; i++) {
      var key = s.key(i);
      if (key && key.indexOf(PREFIX) === 0) {
        var course = key.slice(PREFIX.length);
        if (course.indexOf(":") < 0 && course !== "probe" && found.indexOf(course) < 0) found.push(course);
      }
    }
    return found.sort();
  }

  /* A widget's inline data: a one-element JSON array in a script element. After
     material's instant navigation the element has lost its class (and type),
     so fall back to the first script inside the widget. */
  function readData(root, className) {
    var node = root.querySelector("script." + className) || root.querySelector("script");
    var data = JSON.parse(node.textContent);
    return Array.isArray(data) ? data[0] : data;
  }

  /* Build an element; text is always set as text, never parsed as HTML. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  /* Run ``init`` on every page, including after material's instant navigation. */
  function onEveryPage(init) {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }

  window.CourseGenStore = {
    el: el,
    onEveryPage: onEveryPage,
    readData: readData,
    load: load, save: save, problem: problem, courses: courses, clean: clean, isObject: isObject, prefix: PREFIX,
  };
})();
