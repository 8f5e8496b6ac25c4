"""The one store (store.js), tab by tab, against a simulated localStorage.

Each simulated tab runs its own copy of store.js with a fake ``window``: its
own ``storage`` listeners, and a view of one in-memory Storage shared by all
tabs of a "browser" (a world). The world can fill up (a byte quota that throws
QuotaExceededError), refuse writes (any named error), hide storage altogether
(the ``localStorage`` getter throws), or break every call; the storage events
a write causes reach the other tabs when the test calls ``deliver()``, as a
browser queues them. Every tab is configured with the real record schema.
In a world made with ``{copies: true}`` each tab reads its own copy of the
storage, brought up to date only as ``deliver()`` hands it the other tabs'
writes, as Chromium does: a tab that writes in between works from a stale copy.

Chromium by default (blank page, file-only context); with
``COURSEGEN_JS_IN_NODE=1`` the same expressions run in one node process, for
mutation runs. The end-to-end tests of the same promises on real pages are in
test_browser_record.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from js_node import js_evaluator
from generator.records.schema import widget_schema

pytestmark = pytest.mark.browser

ASSETS = Path(__file__).resolve().parents[1] / "docs" / "assets" / "coursegen"
MODULES = ("rules.js", "schema.js")  # what store.js needs on a page before it
DAY = 1_700_000_000_000  # 2023-11-14, the worlds' clock
KEY = "coursegen:v1:c"
ASIDE = KEY + ":unreadable"
FULL = "新的学习记录无法保存（浏览器的存储空间已满）：已保存的记录照常显示，本页新的改动在关闭页面后不会保留。"
REFUSED = "新的学习记录无法保存（浏览器拒绝保存）：已保存的记录照常显示，本页新的改动在关闭页面后不会保留。"
UNAVAILABLE = "此浏览器不允许保存学习记录：本次作答可以正常进行，但关闭页面后不会保留。"
CORRUPT = "原有的学习记录无法读取，已重新开始记录（原数据在下次保存前另存，不会删除）。"

# W.world(): a browser's shared storage; w.tab(config) loads store.js in a new tab and returns its store.
HARNESS = r"""
window.StoreWorld = (function (source, schema, clock) {
  "use strict";

  function error(spec) {
    var e = new Error(spec.name + " (simulated)");
    e.name = spec.name;
    if (spec.code !== undefined) e.code = spec.code;
    return e;
  }

  function world(options) {
    var items = new Map(), tabs = [], queue = [];
    var copies = Boolean(options && options.copies);
    var w = { quota: Infinity, refuse: null, unavailable: false, broken: false, clock: clock, writes: 0 };

    function used() {
      var n = 0;
      items.forEach(function (value, key) { n += key.length + value.length; });
      return n;
    }
    function check() { if (w.broken) throw error({ name: "SecurityError", code: 18 }); }
    function changed(from, key, oldValue, newValue) {
      w.writes += 1;
      if (from) from.since = w.writes;  // its copy is now as new as this write
      tabs.forEach(function (tab) {
        if (tab !== from) queue.push([tab, { key: key, oldValue: oldValue, newValue: newValue }, w.writes]);
      });
    }
    /* What ``tab`` reads: the shared storage, or in a world of copies its own copy. */
    function seen(tab) { return copies && tab ? tab.copy : items; }
    /* One tab's view of the shared storage (a Storage object per window, as in a browser). */
    function view(tab) {
      return {
        getItem: function (key) { check(); return seen(tab).has(key) ? seen(tab).get(key) : null; },
        setItem: function (key, value) {
          check();
          value = String(value);
          if (w.refuse) throw error(w.refuse);
          var old = items.has(key) ? items.get(key) : null;
          if (used() - (old === null ? 0 : key.length + old.length) + key.length + value.length > w.quota) {
            throw error({ name: "QuotaExceededError", code: 22 });
          }
          if (tab) tab.copy.set(key, value);  // a tab reads its own write at once
          if (old === value) return;
          items.set(key, value);
          changed(tab, key, old, value);
        },
        removeItem: function (key) {
          check();
          if (!items.has(key)) return;
          var old = items.get(key);
          items.delete(key);
          if (tab) tab.copy.delete(key);
          changed(tab, key, old, null);
        },
        clear: function () {
          check();
          if (!items.size) return;
          items.clear();
          if (tab) tab.copy.clear();
          changed(tab, null, null, null);
        },
        key: function (i) { check(); var m = seen(tab); return i >= 0 && i < m.size ? Array.from(m.keys())[i] : null; },
        get length() { check(); return seen(tab).size; },
      };
    }

    /* A new tab running store.js; config defaults to {schema}, null leaves the store unconfigured. */
    w.tab = function (config) {
      var tab = { listeners: [], copy: new Map(items) };
      var local = view(tab);
      var win = {
        CourseGenRules: window.CourseGenRules, CourseGenSchema: window.CourseGenSchema,
        addEventListener: function (type, listener) { if (type === "storage") tab.listeners.push(listener); },
        get localStorage() {
          if (w.unavailable) throw error({ name: "SecurityError", code: 18 });
          return local;
        },
      };
      var doc = { querySelector: function () { return null; } };
      new Function("window", "document", "Date", source)(win, doc, { now: function () { return w.clock; } });
      if (config !== null) win.CourseGenStore.configure(Object.assign({ schema: schema }, config || {}));
      tabs.push(tab);
      return win.CourseGenStore;
    };
    /* Hand the queued storage events to the other tabs; returns how many were delivered. */
    w.deliver = function () {
      var n = 0;
      while (queue.length) {
        var next = queue.shift(), event = next[1], copy = next[0].copy;
        // A write from before this tab's own last write is already overtaken in its copy.
        if (next[2] > (next[0].since || 0)) {
          if (event.key === null) copy.clear();
          else if (event.newValue === null) copy.delete(event.key);
          else copy.set(event.key, event.newValue);
        }
        next[0].listeners.forEach(function (listener) { listener(next[1]); });
        n += 1;
      }
      return n;
    };
    w.outside = view(null);  // a window with no store: its writes reach every tab
    w.put = function (key, value) {  // there before any tab opened
      items.set(key, value);
      tabs.forEach(function (tab) { tab.copy.set(key, value); });
    };
    /* Everything stored, as text; a record the store wrote is shown without its save marks (w.marks). */
    w.items = function () {
      var out = {};
      items.forEach(function (v, k) { out[k] = v; });
      Object.keys(out).forEach(function (k) {
        if (k.indexOf("coursegen:v1:") !== 0 || out[k].indexOf('"w":{') < 0) return;
        var record = JSON.parse(out[k]);
        delete record.w;
        out[k] = JSON.stringify(record);
      });
      return out;
    };
    /* The stored record without the pages' save marks (w.marks). */
    w.stored = function (course) {
      var raw = items.get("coursegen:v1:" + course);
      if (!raw) return null;
      var record = JSON.parse(raw);
      delete record.w;
      return record;
    };
    w.marks = function (course) { var raw = items.get("coursegen:v1:" + course); return raw ? JSON.parse(raw).w : null; };
    w.used = used;
    return w;
  }

  function plain(value) { return JSON.parse(JSON.stringify(value)); }
  function visit(id, seconds) { return function (r) { r.pages[id] = { s: seconds }; return r; }; }
  function more(id, seconds) { return function (r) { r.pages[id].s += seconds; return r; }; }
  function set(field, value) { return function (r) { r[field] = value; return r; }; }

  return { world: world, plain: plain, visit: visit, more: more, set: set };
})(ARGUMENTS);
"""


@pytest.fixture(scope="module")
def js(request):
    """``js(expression, arg)``: evaluate with W (the simulated browser, see HARNESS) and ``arg`` in scope."""
    source = (ASSETS / "store.js").read_text(encoding="utf-8")  # the mutant's, in a mutation run
    harness = HARNESS.replace("ARGUMENTS", json.dumps([source, widget_schema(), DAY])[1:-1])
    with js_evaluator(request, [ASSETS / name for name in MODULES], {"W": "StoreWorld"}, [harness]) as call:
        yield call


def run(js, body: str, arg=None):
    """Statements with a fresh world ``w`` and three tabs' stores ``a``, ``b``, ``c`` in scope."""
    return js("(() => { const w = W.world(), a = w.tab(), b = w.tab(), c = w.tab();\n" + body + "\n})()", arg)


def record(**parts) -> dict:
    return {"v": 2, "pages": {}, "questions": {}, "quizzes": {}, "checklists": {}, **parts}


def text(rec: dict) -> str:
    """The record as store.js writes it (JSON.stringify: compact, non-ASCII as is, keys in this order)."""
    return json.dumps(rec, ensure_ascii=False, separators=(",", ":"))


# ---------- several tabs: read-modify-write ----------

def test_two_tabs_never_overwrite_each_others_changes(js):
    result = run(js, """
      a.load('c'); b.load('c');  // both pages open on an empty record
      a.update('c', W.visit('p', 30), arg);
      b.update('c', W.set('learner', '张三'), arg + 1);  // b never re-read, yet keeps a's visit
      const shown = W.plain(a.update('c', W.more('p', 30), arg + 2));
      return [w.stored('c'), shown, W.plain(b.load('c'))];
    """, DAY)
    saved = record(pages={"p": {"s": 60}}, learner="张三", updated=DAY + 2)
    assert result == [saved, saved, saved]


def test_three_tabs_each_add_to_what_the_others_saved(js):
    result = run(js, """
      for (let i = 0; i < 3; i++) {
        a.update('c', r => { r.pages.p = {s: (r.pages.p ? r.pages.p.s : 0) + 1}; return r; }, arg);
        b.update('c', r => { r.pages.q = {s: (r.pages.q ? r.pages.q.s : 0) + 10}; return r; }, arg);
        c.update('c', r => { r.pages.p.s += 100; return r; }, arg);
      }
      return [w.stored('c'), w.writes];
    """, DAY)
    assert result == [record(pages={"p": {"s": 303}, "q": {"s": 30}}, updated=DAY), 9]


def stale(js, body: str, arg=None):
    """Statements with a world of stale copies ``w`` and three tabs ``a``, ``b``, ``c`` in scope."""
    return js("(() => { const w = W.world({copies: true}), a = w.tab(), b = w.tab(), c = w.tab();\n"
              "const settle = () => { let n = 0; while (w.deliver()) n += 1; return n; };\n" + body + "\n})()", arg)


def test_a_tab_writing_from_a_stale_copy_loses_nothing_once_the_writes_have_crossed(js):
    result = stale(js, """
      a.update('c', W.visit('p', 30), arg);
      b.update('c', W.set('learner', '张三'), arg + 1);  // b's copy does not have a's visit yet
      const overwritten = w.stored('c');
      settle();
      return [overwritten, w.stored('c'), W.plain(a.load('c')), W.plain(b.load('c'))];
    """, DAY)
    assert result[0] == record(learner="张三", updated=DAY + 1)  # what Chromium would keep without the marks
    mended = record(pages={"p": {"s": 30}}, learner="张三", updated=DAY)
    assert result[1:] == [mended, mended, mended]


def test_changes_crossed_by_stale_copies_count_once(js):
    result = stale(js, """
      a.update('c', W.visit('p', 10), arg);
      settle();
      a.update('c', W.more('p', 30), arg);  // three tabs add study time at the same moment,
      b.update('c', W.more('p', 5), arg);   // each to its own copy of 10 seconds
      c.update('c', W.more('p', 100), arg);
      c.update('c', W.set('org', '某单位'), arg);
      const rounds = settle();
      return [w.stored('c'), W.plain(a.load('c')), W.plain(b.load('c')), W.plain(c.load('c')), rounds < 20];
    """, DAY)
    everything = record(pages={"p": {"s": 145}}, org="某单位", updated=DAY)
    assert result == [everything, everything, everything, everything, True]


def test_a_tab_mends_with_no_widget_listening(js):
    result = stale(js, """
      a.update('c', W.visit('p', 30), arg);  // no widget of a's subscribes
      b.update('c', W.visit('q', 5), arg);
      settle();
      return w.stored('c').pages;
    """, DAY)
    assert result == {"p": {"s": 30}, "q": {"s": 5}}


def test_a_tabs_widgets_never_see_its_own_change_disappear(js):
    result = stale(js, """
      const heard = [];
      a.subscribe('c', r => heard.push(W.plain(r).pages));
      a.update('c', W.visit('p', 30), arg);
      b.update('c', W.visit('q', 5), arg);  // overwrites a's visit, for a moment
      settle();
      return heard;
    """, DAY)
    assert result and result[-1] == {"p": {"s": 30}, "q": {"s": 5}}
    assert all("p" in pages for pages in result)  # a mends before its widgets hear of b's write


def test_marks_name_each_page_and_go_after_a_minute_without_saving(js):
    result = stale(js, """
      a.update('c', W.visit('p', 1), arg);
      settle();
      b.update('c', W.more('p', 1), arg + 1);
      b.update('c', W.more('p', 1), arg + 2);
      const both = w.marks('c');
      settle();
      w.clock = arg + 60001;
      b.update('c', W.more('p', 1));
      return [both, w.marks('c'), W.plain(b.load('c')).w];
    """, DAY)
    both, later, shown = result
    assert sorted(mark["n"] for mark in both.values()) == [1, 2] and len(both) == 2
    assert [mark for mark in later.values()] == [{"n": 3, "t": DAY + 60001}]  # a's mark is a minute old
    assert shown is None  # the widgets never see the marks


def test_an_import_in_another_tab_is_not_undone_and_old_changes_are_not_applied_again(js):
    result = stale(js, """
      a.update('c', W.visit('p', 30), arg);
      settle();
      const imported = b.replace('c', {v: 2, org: '导入的单位'});
      settle();
      const afterImport = w.stored('c');
      a.update('c', W.set('learner', '李四'), arg);
      w.clock = arg + 10001;  // an overwrite a's first save never saw, ten seconds later: not a crossing
      w.outside.setItem('coursegen:v1:c', JSON.stringify({v: 2, learner: '李四', org: '别处'}));
      settle();
      return [imported, afterImport, w.stored('c')];
    """, DAY)
    assert result[0] is True
    assert result[1] == record(org="导入的单位")
    assert result[2] == {"v": 2, "learner": "李四", "org": "别处"}


def test_a_change_may_edit_the_record_in_place_and_return_nothing(js):
    assert run(js, "a.update('c', r => { r.org = '某单位'; }, arg); return w.stored('c');", DAY) == \
        record(org="某单位", updated=DAY)


def test_update_stamps_the_time_given_or_now(js):
    assert run(js, """
      const given = a.update('c', W.visit('p', 1), arg + 5).updated;
      w.clock = arg + 9;
      return [given, a.update('c', W.visit('p', 2)).updated, w.stored('c').updated];
    """, DAY) == [DAY + 5, DAY + 9, DAY + 9]


def test_what_does_not_fit_the_schema_is_never_saved(js):
    assert run(js, "a.update('c', r => { r.pages['Bad Id'] = {s: 1}; r.surprise = 1; r.org = 'x'; }, arg);"
                   "return w.stored('c');", DAY) == record(org="x", updated=DAY)


# ---------- reading never writes ----------

def test_reading_never_writes(js):
    raw = {
        "c": '{"v": 2, "pages": ',  # cut off
        "d": json.dumps({"v": 2, "pages": {"p": {"s": "5"}}, "org": "单位"}),  # partly wrong
        "e": json.dumps({"v": 1, "visited": {"p": {"t": DAY, "p": "p.html"}}}),  # an old version
        "f": json.dumps(record(pages={"p": {"s": 5}})),
    }
    result = js("""(() => {
      const w = W.world();
      Object.keys(arg).forEach(id => w.put('coursegen:v1:' + id, arg[id]));
      const a = w.tab(), b = w.tab();
      const heard = [];
      ['c', 'd', 'e', 'f', 'g'].forEach(id => b.subscribe(id, r => heard.push(id)));
      w.outside.setItem('coursegen:v1:f', arg.f + ' ');  // another window: b's listener for f reads again
      const writesBefore = w.writes;
      w.deliver();
      const seen = ['c', 'd', 'e', 'f', 'g'].map(id => [W.plain(a.load(id)), a.problems(id), a.problem(id)]);
      return [w.items(), w.writes - writesBefore, seen, a.courses(), a.status('c'), heard];
    })()""", raw)
    items, writes, seen, courses, status, heard = result
    assert items == {**{"coursegen:v1:" + k: v for k, v in raw.items()}, "coursegen:v1:f": raw["f"] + " "}
    assert writes == 0 and heard == ["f"]
    assert seen[0] == [record(), [CORRUPT], CORRUPT]
    partly = "学习记录中有 1 项数据格式不对（pages.p.s），已忽略；其余记录照常使用。"
    assert seen[1] == [record(org="单位", pages={"p": {}}), [partly], partly]
    assert seen[2] == [record(pages={"p": {"t": DAY, "s": 0}}), [], ""]
    assert seen[3] == [record(pages={"p": {"s": 5}}), [], ""]
    assert seen[4] == [record(), [], ""]
    assert (courses, status) == (["c", "d", "e", "f"], None)


def test_problems_of_a_course_never_read_are_none(js):
    assert run(js, "return [a.problems('c'), a.problem('c')];") == [[], ""]


# ---------- full and refused storage ----------

def test_full_storage_keeps_showing_the_record_and_saves_the_pending_changes_later(js):
    result = run(js, """
      const out = [];
      a.update('c', W.set('learner', '张三'), arg);
      w.outside.setItem('filler', 'x'.repeat(200));
      w.quota = w.used();  // nothing more fits
      out.push(W.plain(a.update('c', W.visit('p', 30), arg + 1)), a.problems('c'));
      a.update('c', W.more('p', 30), arg + 2);
      out.push(W.plain(a.load('c')), a.problems('c'), w.stored('c'), b.problems('c'), W.plain(b.load('c')));
      w.outside.removeItem('filler');  // room again
      b.update('c', W.set('org', '某单位'), arg + 3);
      out.push(W.plain(a.load('c')), a.problems('c'));
      a.update('c', W.more('p', 1), arg + 4);
      out.push(w.stored('c'), a.problems('c'), W.plain(a.load('c')));
      return out;
    """, DAY)
    stored = record(learner="张三", updated=DAY)
    assert result[0] == record(learner="张三", pages={"p": {"s": 30}}, updated=DAY + 1)
    assert result[1] == [FULL]
    assert result[2:7] == [record(learner="张三", pages={"p": {"s": 60}}, updated=DAY), [FULL], stored, [], stored]
    # another tab's save shows, with this tab's unsaved changes still on top
    assert result[7:9] == [record(learner="张三", org="某单位", pages={"p": {"s": 60}}, updated=DAY + 3), [FULL]]
    saved = record(learner="张三", org="某单位", pages={"p": {"s": 61}}, updated=DAY + 4)
    assert result[9:] == [saved, [], saved]  # saved once: the pending changes are not replayed again


@pytest.mark.parametrize(("error", "sentence"), [
    ({"name": "QuotaExceededError"}, FULL),
    ({"name": "Error", "code": 22}, FULL),  # older browsers name it differently
    ({"name": "NS_ERROR_DOM_QUOTA_REACHED", "code": 1014}, FULL),  # older Firefox
    ({"name": "SecurityError", "code": 18}, REFUSED),
    ({"name": "QuotaExceededErrorX", "code": 21}, REFUSED),
], ids=["quota", "code-22", "code-1014", "security", "other"])
def test_which_refusals_count_as_full_storage(js, error, sentence):
    result = run(js, """
      a.update('c', W.set('org', 'x'), arg[1]);
      w.refuse = arg[0];
      const shown = W.plain(a.update('c', W.visit('p', 5), arg[1] + 1));
      const seen = [shown, a.problems('c'), a.problem('c'), W.plain(a.load('c')), a.problems('c'), w.stored('c')];
      w.refuse = null;
      a.update('c', r => r, arg[1] + 2);
      return seen.concat([a.problems('c'), w.stored('c')]);
    """, [error, DAY])
    before = record(org="x", updated=DAY)
    shown = record(org="x", pages={"p": {"s": 5}}, updated=DAY + 1)
    assert result == [shown, [sentence], sentence, {**shown, "updated": DAY}, [sentence], before,
                      [], record(org="x", pages={"p": {"s": 5}}, updated=DAY + 2)]


def test_a_failed_write_of_an_unreadable_record_says_both(js):
    result = js("""(() => {
      const w = W.world();
      w.put('coursegen:v1:c', 'garbage');
      const a = w.tab();
      w.refuse = {name: 'SecurityError'};
      a.update('c', W.visit('p', 5), arg);
      return [a.problems('c'), w.items()];
    })()""", DAY)
    assert result == [[REFUSED, CORRUPT], {KEY: "garbage"}]


# ---------- no storage at all ----------

def test_without_storage_a_memory_record_is_kept_for_the_page(js):
    result = run(js, """
      w.unavailable = true;
      const out = [W.plain(a.update('c', W.visit('p', 5), arg)), a.problems('c')];
      a.update('c', W.more('p', 5), arg + 1);
      const shown = a.load('c');
      shown.pages.p.s = 999;  // a copy: the caller cannot change what is kept
      out.push(W.plain(a.load('c')), a.problems('c'), a.courses(), W.plain(b.load('c')), b.problems('c'));
      out.push(a.replace('c', {v: 2}), w.items());
      w.unavailable = false;  // storage is back: what it holds counts again
      w.put('coursegen:v1:s', '{"v": 2}');
      a.load('c');
      out.push(a.problems('c'), a.courses());
      return out;
    """, DAY)
    assert result == [record(pages={"p": {"s": 5}}, updated=DAY), [UNAVAILABLE],
                      record(pages={"p": {"s": 10}}, updated=DAY + 1), [UNAVAILABLE], ["c"], record(), [UNAVAILABLE],
                      False, {},
                      [], ["c", "s"]]


def test_storage_that_throws_on_every_call_is_no_storage(js):
    result = run(js, """
      w.put('coursegen:v1:s', '{"v": 2}');
      w.broken = true;
      const shown = W.plain(a.update('c', W.visit('p', 5), arg));
      const out = [shown, a.problems('c'), W.plain(a.load('c')), a.courses(), a.replace('c', {v: 2})];
      w.broken = false;
      return out.concat([w.items()]);
    """, DAY)
    assert result == [record(pages={"p": {"s": 5}}, updated=DAY), [UNAVAILABLE], record(pages={"p": {"s": 5}},
                      updated=DAY), ["c"], False, {"coursegen:v1:s": '{"v": 2}'}]


def test_without_a_schema_nothing_is_read(js):
    # (every course page carries the schema; a page without one only reads, so update() is not tried)
    result = js("""(() => {
      const w = W.world();
      w.put('coursegen:v1:c', arg);
      const a = w.tab(null);
      return [W.plain(a.load('c')), a.problems('c'), w.items()];
    })()""", text(record(org="x")))
    assert result == [record(), [UNAVAILABLE], {KEY: text(record(org="x"))}]


# ---------- unreadable and partly wrong records ----------

@pytest.mark.parametrize("raw", ['{"v": 2, "pages": ', "null", "[]", "5", '"text"', ""],
                         ids=["cut-off", "null", "list", "number", "string", "empty"])
def test_an_unreadable_record_is_kept_aside_when_first_replaced(js, raw):
    result = js("""(() => {
      const w = W.world();
      w.put('coursegen:v1:c', arg);
      const a = w.tab();
      const out = [W.plain(a.load('c')), a.problems('c'), w.items()];
      a.update('c', W.visit('p', 5), 1700000000000);
      return out.concat([w.items(), a.problems('c')]);
    })()""", raw)
    assert result == [record(), [CORRUPT], {KEY: raw},
                      {KEY: text(record(pages={"p": {"s": 5}}, updated=DAY)), ASIDE: raw}, []]


def test_raw_text_is_kept_aside_once_and_a_different_one_under_a_timestamp(js):
    result = run(js, """
      const keep = (raw, now) => {
        w.put('coursegen:v1:c', raw);
        w.clock = now;
        a.update('c', r => r, now);
        return Object.keys(w.items()).sort();
      };
      return [keep('first', arg), keep('first', arg + 1), keep('second', arg + 2),
              w.items()['coursegen:v1:c:unreadable:' + (arg + 2)], w.items()['coursegen:v1:c:unreadable']];
    """, DAY)
    stamped = f"{ASIDE}:{DAY + 2}"
    assert result == [[KEY, ASIDE], [KEY, ASIDE], sorted([KEY, ASIDE, stamped]), "second", "first"]


def test_a_raw_text_already_kept_aside_under_a_timestamp_is_not_kept_again(js):
    # Room for two more copies, never for the bigger record: a later change must not add another copy.
    result = run(js, """
      w.put('coursegen:v1:c:unreadable', 'first');
      w.put('coursegen:v1:c', '{"v": 2, "org": 5}');
      w.quota = w.used() + 2 * (('coursegen:v1:c:unreadable:' + arg).length + 18) + 40;
      for (let i = 0; i < 3; i++) {
        w.clock = arg + i;
        a.update('c', W.set('learner', 'x'.repeat(60)), arg + i);
      }
      return [Object.keys(w.items()).sort(), a.problems('c')];
    """, DAY)
    assert result == [sorted([KEY, ASIDE, f"{ASIDE}:{DAY}"]), [FULL, "学习记录中有 1 项数据格式不对（org），已忽略；其余记录照常使用。"]]


def test_a_copy_kept_aside_under_any_of_the_side_keys_is_enough(js):
    raw = '{"v": 2, "org": 5}'
    result = run(js, """
      w.put('coursegen:v1:c:unreadable:5', arg);
      w.put('coursegen:v1:c:unreadable', 'first');
      w.put('coursegen:v1:c', arg);
      a.update('c', W.set('org', 'x'), 1700000000000);
      return w.items();
    """, raw)
    assert result == {f"{ASIDE}:5": raw, ASIDE: "first", KEY: text(record(org="x", updated=DAY))}


@pytest.mark.parametrize(("bad", "notice"), [
    ({"org": 5}, "学习记录中有 1 项数据格式不对（org），已忽略；其余记录照常使用。"),
    ({"org": 5, "learner": [], "surprise": 1},
     "学习记录中有 3 项数据格式不对（org、learner、surprise），已忽略；其余记录照常使用。"),
    ({"org": 5, "learner": [], "surprise": 1, "pages": {"p": {"s": -1}}},
     "学习记录中有 4 项数据格式不对（org、learner、surprise 等），已忽略；其余记录照常使用。"),
    ({"org": 5, "learner": [], "surprise": 1, "pages": {"p": {"s": -1}, "q": {"t": "x"}}},
     "学习记录中有 5 项数据格式不对（org、learner、surprise 等），已忽略；其余记录照常使用。"),
], ids=["one", "three", "four", "five"])
def test_a_partly_wrong_record_names_the_first_three_dropped_values(js, bad, notice):
    raw = json.dumps({"v": 2, "checklists": {"i1": {"h": "cccccccccccc", "done": True}}, **bad})
    result = js("""(() => {
      const w = W.world();
      w.put('coursegen:v1:c', arg);
      const a = w.tab();
      const done = a.load('c').checklists.i1.done;  // the rest is kept
      const out = [a.problems('c'), done, w.items()];
      a.update('c', r => r, 1700000000000);
      return out.concat([w.items()['coursegen:v1:c:unreadable'], a.problems('c')]);
    })()""", raw)
    assert result == [[notice], True, {KEY: raw}, raw, []]


# ---------- replace (an import) ----------

def test_replace_stores_the_cleaned_record_and_keeps_a_different_one_aside(js):
    result = run(js, """
      const out = [a.replace('c', {v: 2, org: '甲', surprise: 1}), w.items()];
      w.clock += 1000;
      out.push(a.replace('c', {v: 2, org: '甲'}), w.items());  // the same again, later: nothing to keep
      out.push(a.replace('c', {v: 2, org: '乙'}), w.items(), W.plain(b.load('c')));
      return out;
    """)
    first, second = text(record(org="甲")), text(record(org="乙"))
    assert result == [True, {KEY: first}, True, {KEY: first}, True, {KEY: second, ASIDE: first}, record(org="乙")]


def test_replace_is_false_when_storage_refuses_and_changes_nothing(js):
    result = run(js, """
      a.replace('c', {v: 2, org: '甲'});
      const before = w.items();
      w.refuse = {name: 'SecurityError'};
      return [a.replace('c', {v: 2, org: '乙'}), w.items(), before];
    """)
    assert result[0] is False and result[1] == result[2]


def test_replace_drops_the_pending_changes_and_the_failure(js):
    result = run(js, """
      a.update('c', W.set('org', '甲'), arg);
      w.quota = w.used();
      a.update('c', W.visit('p', 5), arg + 1);  // pending: storage is full
      w.quota = Infinity;
      return [a.problems('c'), a.replace('c', {v: 2, learner: '李四'}), a.problems('c'), W.plain(a.load('c')),
              w.stored('c')];
    """, DAY)
    assert result == [[FULL], True, [], record(learner="李四"), record(learner="李四")]


# ---------- other tabs: storage events ----------

def test_subscribers_hear_their_course_and_a_cleared_storage_only(js):
    result = run(js, """
      const heard = [];
      a.subscribe('c', r => heard.push(['c', W.plain(r)]));
      a.subscribe('d', r => heard.push(['d', W.plain(r)]));
      const out = [];
      b.update('c', W.visit('p', 5), arg);
      out.push(w.deliver(), heard.splice(0));
      b.update('e', W.visit('p', 5), arg);  // another course
      w.outside.setItem('coursegen:v1:c:unreadable', 'x');  // a side key
      a.update('c', W.visit('q', 1), arg);  // a tab does not hear its own writes
      out.push(w.deliver(), heard.splice(0));
      w.outside.clear();  // key null: every course may have changed
      out.push(w.deliver(), heard.splice(0));
      return out;
    """, DAY)
    after_b = record(pages={"p": {"s": 5}}, updated=DAY)
    assert result == [2, [["c", after_b]], 7, [], 3, [["c", record()], ["d", record()]]]


# ---------- courses and status ----------

def test_courses_lists_course_ids_sorted_without_side_keys(js):
    result = run(js, """
      ['coursegen:v1:b', 'coursegen:v1:a', 'coursegen:v1:a:unreadable', 'coursegen:v1:a:unreadable:5',
       'coursegen:v1::unreadable', 'other:x', 'xcoursegen:v1:y', 'coursegen:v2:z'].forEach(k => w.put(k, '{}'));
      w.unavailable = true;
      a.update('a', r => r, arg);  // kept in memory, and stored too
      a.update('m', r => r, arg);
      const unavailable = a.courses();
      w.unavailable = false;
      const listed = a.courses();
      w.broken = true;  // listing fails half-way: what is known in memory
      return [unavailable, listed, a.courses(), b.courses()];
    """, DAY)
    assert result == [["a", "m"], ["a", "b", "m"], ["a", "m"], []]


COURSE = {
    "course": "c", "title": "课程", "courseVersion": "1.0", "hours": 0.5, "totalSeconds": 900,
    "secondsPerHour": 1800, "idleSeconds": 60,
    "pages": [{"id": "p", "title": "页", "href": "p.html", "seconds": 600}],
    "quizzes": [{"id": "final", "title": "综合测试", "passMark": 80, "href": "quiz/final.html", "practice": False,
                 "questions": [{"id": "q1", "hash": "aaaaaaaaaaaa"}]}],
    "checklists": [],
    "completion": {"pages": True, "finalTest": "final", "checklists": []},
    "mistakes": "quiz/mistakes.html", "progress": "progress.html",
}


def test_status_is_the_learners_standing_in_this_pages_course_only(js):
    result = js("""(() => {
      const w = W.world(), a = w.tab(arg), plain = w.tab({course: 'c'});
      const out = [a.status('c'), a.status('other'), plain.status('c'), plain.course(), a.course().course];
      a.update('c', r => { r.pages.p = {s: 600}; r.quizzes.final = {best: 80, attempts: 1}; }, 1700000000000);
      return out.concat([a.status(), a.status('c')]);
    })()""", COURSE)
    open_ = {"status": "incomplete", "score": None, "complete": False}
    assert {k: result[0][k] for k in open_} == open_ and len(result[0]["remaining"]) == 2
    assert result[1:5] == [None, None, None, "c"]
    done = {"status": "passed", "score": 80, "complete": True, "remaining": []}
    assert result[5:] == [done, done]
