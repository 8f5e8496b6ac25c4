/* coursegen: the learner's record in localStorage, one key per course.
 *
 * One store for every widget. Reading never writes. Every change is a
 * function applied to a fresh read of the stored record and written straight
 * back, so tabs never overwrite each other's work; other tabs hear about it
 * through the `storage` event (subscribe). When storage refuses a write (full,
 * or not allowed) the stored record stays on screen with this page's unsaved
 * changes on top, and the learner is told that new changes cannot be saved.
 * Everything read, written or imported passes the schema (schema.js); what
 * does not fit is dropped, reported, and copied aside before it is replaced.
 *
 * A tab reads its own copy of storage, which the browser brings up to date a
 * few milliseconds after another tab writes. A tab that writes in that moment
 * works from a copy without the other tab's latest change and overwrites it.
 * So every save is marked in the stored record (``w``: this page's id and how
 * many saves it has made), and a page keeps what it saved for a few seconds:
 * when another tab's write arrives without this page's latest mark, the page
 * applies its missing changes again, once, on top of that write.
 */
(function () {
  "use strict";

  var rules = window.CourseGenRules;
  var schemaApi = window.CourseGenSchema;
  var PREFIX = "coursegen:v1:";
  var pending = new Map();   // course -> changes not yet saved, replayed on every read
  var failures = new Map();  // course -> "full" | "refused" | "unavailable"
  var notes = new Map();     // course -> {corrupt, count, dropped} of the last read
  var memory = new Map();    // course -> record, when there is no storage at all
  var configured = null;     // {schema, ...} of this page
  var recent = new Map();    // course -> [{n, changes, at}]: what this page saved lately
  var WRITER = "t" + Math.random().toString(36).slice(2, 12);  // this page's mark in the record
  var saves = 0;             // this page's saves so far: the number in its mark
  var KEEP_MS = 10000;       // a change lost to a stale copy is noticed within milliseconds
  var MARK_MS = 60000;       // marks of pages that have not saved for a minute are dropped
  var markerCache = { node: null, data: null };

  function storage() {
    try {
      return window.localStorage || null;
    } catch (e) {
      return null;
    }
  }

  /* This page's marker data: the record schema, the course, the lesson pages. */
  function page() {
    if (configured) return configured;
    var node = document.querySelector(".cg-page script");
    if (!node) return null;
    if (markerCache.node !== node) {
      markerCache = { node: node, data: readJson(node) };
    }
    return markerCache.data;
  }

  /* Tests and other pages without a marker say which schema to use. */
  function configure(data) {
    configured = data;
  }

  function schema() {
    var data = page();
    return data ? data.schema : null;
  }

  function readRaw(course) {
    var s = storage();
    // Without the page's schema nothing can be checked, so nothing is read or written.
    if (!s || !schema()) return { available: false, raw: null };
    try {
      return { available: true, raw: s.getItem(PREFIX + course) };
    } catch (e) {
      return { available: false, raw: null };
    }
  }

  /* The stored record as it is: {record, corrupt, count, dropped}. */
  function parse(raw) {
    if (raw === null || raw === undefined) return { record: schemaApi.fresh(), corrupt: false, count: 0, dropped: [] };
    var parsed;
    try {
      parsed = JSON.parse(raw);
    } catch (e) {
      parsed = undefined;
    }
    if (!schemaApi.isObject(parsed)) return { record: schemaApi.fresh(), corrupt: true, count: 0, dropped: [] };
    var result = schemaApi.read(parsed, schema());
    return { record: result.record, corrupt: false, count: result.count, dropped: result.dropped };
  }

  function stored(course) {
    var state = readRaw(course);
    if (!state.available) {
      failures.set(course, "unavailable");
      var kept = memory.get(course);
      return { raw: null, available: false, record: kept ? copy(kept) : schemaApi.fresh(), corrupt: false, count: 0,
               dropped: [] };
    }
    if (failures.get(course) === "unavailable") failures.delete(course);
    var result = parse(state.raw);
    result.raw = state.raw;
    result.available = true;
    return result;
  }

  function copy(record) {
    return schemaApi.read(JSON.parse(JSON.stringify(record)), schema()).record;
  }

  function replay(course, record) {
    (pending.get(course) || []).forEach(function (change) { record = change(record) || record; });
    return record;
  }

  /* The learner's record of ``course``: what is stored plus this page's unsaved changes. */
  function load(course) {
    var result = stored(course);
    notes.set(course, { corrupt: result.corrupt, count: result.count, dropped: result.dropped });
    takeMarks(result.record);
    return replay(course, result.record);
  }

  /* The record's marks (which pages' saves it includes), taken out of it: widgets never see them. */
  function takeMarks(record) {
    var marks = schemaApi.isObject(record.w) ? record.w : {};
    delete record.w;
    return marks;
  }

  /* ``marks`` with this page's mark raised to save ``n``, without the marks older than a minute. */
  function marked(marks, n, now) {
    var out = {};
    Object.keys(marks).forEach(function (id) {
      if (schemaApi.isObject(marks[id]) && marks[id].t >= now - MARK_MS) out[id] = marks[id];
    });
    var mine = out[WRITER];
    out[WRITER] = { n: Math.max(n, mine ? mine.n : 0), t: now };
    return out;
  }

  /* Keep unreadable or partly unreadable data under a side key before it is replaced,
     once: while a write keeps failing, each change would otherwise add another copy. */
  function keepAside(s, course, raw) {
    try {
      var aside = PREFIX + course + ":unreadable";
      for (var k = 0; k < s.length; k++) {
        var key = s.key(k);
        if ((key === aside || key.indexOf(aside + ":") === 0) && s.getItem(key) === raw) return;
      }
      if (s.getItem(aside) !== null) aside += ":" + Date.now();
      s.setItem(aside, raw);
    } catch (ignored) { /* best effort: the notice has already told the learner */ }
  }

  /* Apply ``change`` (record -> record) to the freshly read record and write it back.
     Returns the record as it now stands (saved or not). */
  function update(course, change, now) {
    var queue = pending.get(course) || [];
    queue.push(change);
    pending.set(course, queue);
    return save(course, now === undefined ? Date.now() : now, [], 0);
  }

  /* Write the stored record back with ``again`` (changes this page saved before, which it
     lacks; they include save ``againUpTo``) and then this page's unsaved changes applied. */
  function save(course, now, again, againUpTo) {
    var result = stored(course);
    notes.set(course, { corrupt: result.corrupt, count: result.count, dropped: result.dropped });
    var marks = takeMarks(result.record);
    var record = again.reduce(function (r, change) { return change(r) || r; }, result.record);
    record = replay(course, record);
    record.updated = now;
    var cleaned = schemaApi.read(JSON.parse(JSON.stringify(record)), schema()).record;
    var queue = pending.get(course) || [];
    if (!result.available) {
      memory.set(course, cleaned);
      pending.delete(course);
      return cleaned;
    }
    var s = storage();
    if (result.corrupt || result.count) keepAside(s, course, result.raw);
    var n = queue.length ? saves + 1 : againUpTo;
    try {
      cleaned.w = marked(marks, n, now);
      var text = JSON.stringify(cleaned);
      delete cleaned.w;  // stored with the record, never shown
      s.setItem(PREFIX + course, text);
      if (queue.length) {
        saves = n;
        lately(course, now).push({ n: n, changes: queue, at: now });
      }
      pending.delete(course);
      failures.delete(course);
      notes.set(course, { corrupt: false, count: 0, dropped: [] });
    } catch (e) {
      var full = e && (e.name === "QuotaExceededError" || e.code === 22 || e.code === 1014);
      failures.set(course, full ? "full" : "refused");
    }
    return cleaned;
  }

  /* What this page saved in the last few seconds, for ``course``. */
  function lately(course, now) {
    var kept = (recent.get(course) || []).filter(function (entry) { return entry.at >= now - KEEP_MS; });
    recent.set(course, kept);
    return kept;
  }

  /* Another tab wrote ``course``'s record: apply again, once, what this page saved lately and
     that write lacks (it worked from a copy made before this page's save reached it). */
  function mend(course) {
    var now = Date.now();
    var mine = lately(course, now);
    if (!mine.length) return;
    var result = stored(course);
    if (!result.available || result.corrupt) return;
    var mark = schemaApi.isObject(result.record.w) ? result.record.w[WRITER] : null;
    var included = mark ? mark.n : 0;
    var missing = mine.filter(function (entry) { return entry.n > included; });
    if (!missing.length) return;
    var again = [];
    missing.forEach(function (entry) { again.push.apply(again, entry.changes); });
    save(course, now, again, missing[missing.length - 1].n);
  }

  // Registered before any widget's listener (subscribe), so that widgets hear of another tab's
  // write only once this page has mended it.
  window.addEventListener("storage", function (event) {
    recent.forEach(function (entries, course) { if (event.key === PREFIX + course) mend(course); });
  });

  /* Replace the whole record (an import); true only if it is really stored. */
  function replace(course, record) {
    var s = storage();
    if (!s) return false;
    var cleaned = schemaApi.read(record, schema()).record;
    try {
      var before = s.getItem(PREFIX + course);
      var previous = before === null ? null : parse(before).record;
      // An import replaces the record, not the marks: what other pages saved counts as included.
      var marks = previous === null ? {} : takeMarks(previous);
      var same = previous !== null && JSON.stringify(cleaned) === JSON.stringify(previous);
      cleaned.w = marked(marks, saves, Date.now());
      var text = JSON.stringify(cleaned);
      if (before !== null && !same) keepAside(s, course, before);
      s.setItem(PREFIX + course, text);
      pending.delete(course);
      failures.delete(course);
      return s.getItem(PREFIX + course) === text;
    } catch (e) {
      return false;
    }
  }

  /* This page's course data (course id, lesson pages, quizzes, checklists, completion rule),
     enough for rules.study and rules.completion; null on a page outside a course. */
  function course() {
    var data = page();
    return data && data.completion ? data : null;
  }

  /* The learner's standing in this page's course for a learning platform (rules.lmsStatus):
     {status, score, complete, remaining}; null when the page is not in ``courseId``. */
  function status(courseId) {
    var data = course();
    if (!data || (courseId !== undefined && courseId !== data.course)) return null;
    return rules.lmsStatus(load(data.course), data);
  }

  /* Sentences for the learner about ``course``'s record, or [] when all is well. */
  function problems(course) {
    var out = [];
    var failure = failures.get(course);
    if (failure === "unavailable") {
      out.push("此浏览器不允许保存学习记录：本次作答可以正常进行，但关闭页面后不会保留。");
    } else if (failure) {
      out.push("新的学习记录无法保存（" + (failure === "full" ? "浏览器的存储空间已满" : "浏览器拒绝保存") +
               "）：已保存的记录照常显示，本页新的改动在关闭页面后不会保留。");
    }
    var note = notes.get(course);
    if (note && note.corrupt) {
      out.push("原有的学习记录无法读取，已重新开始记录（原数据在下次保存前另存，不会删除）。");
    } else if (note && note.count) {
      out.push("学习记录中有 " + note.count + " 项数据格式不对（" + note.dropped.slice(0, 3).join("、") +
               (note.count > 3 ? " 等" : "") + "），已忽略；其余记录照常使用。");
    }
    return out;
  }

  function problem(course) {
    return problems(course).join(" ");
  }

  /* Call ``listener(record)`` whenever another tab changes ``course``'s record. */
  function subscribe(course, listener) {
    window.addEventListener("storage", function (event) {
      if (event.key === null || event.key === PREFIX + course) listener(load(course));
    });
  }

  /* Every course that has a record in this browser. */
  function courses() {
    var s = storage();
    var found = Array.from(memory.keys());
    if (!s) return found.sort();
    try {
      for (var i = 0; i < s.length; i++) {
        var key = s.key(i);
        if (key && key.indexOf(PREFIX) === 0) {
          var course = key.slice(PREFIX.length);
          if (course.indexOf(":") < 0 && found.indexOf(course) < 0) found.push(course);
        }
      }
    } catch (ignored) { /* storage went away while listing */ }
    return found.sort();
  }

  function readJson(node) {
    var data = JSON.parse(node.textContent);
    return Array.isArray(data) ? data[0] : data;
  }

  /* A widget's inline data: a one-element JSON array in a script element. After
     material's instant navigation the element has lost its class (and type),
     so fall back to the first script inside the widget. */
  function readData(root, className) {
    return readJson(root.querySelector("script." + className) || root.querySelector("script"));
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

  /* Offer ``text`` as a file download named ``name``. */
  function download(name, text, type) {
    var blob = new Blob([text], { type: type });
    var link = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  window.CourseGenStore = {
    prefix: PREFIX,
    rules: rules, schema: schemaApi, record: window.CourseGenRecord,
    completion: rules.completion, course: course, status: status,
    page: page, configure: configure,
    load: load, update: update, replace: replace, subscribe: subscribe,
    problem: problem, problems: problems, courses: courses,
    el: el, onEveryPage: onEveryPage, readData: readData, download: download,
  };
})();
