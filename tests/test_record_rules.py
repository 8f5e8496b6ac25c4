"""The record's rules (rules.js, schema.js, record-code.js), called directly in Chromium.

These are the pure functions every widget uses: pass mark, staleness, study
time, 已学, practice and the 错题本, completion, CSV cells, the schema that
cleans stored and imported records, and the record code that Python must
compute identically. One blank page per module: fast enough to run often.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from js_node import js_evaluator
from generator.records.code import record_code
from generator.records.schema import ExportedRecord, widget_schema

pytestmark = pytest.mark.browser

ASSETS = Path(__file__).resolve().parents[1] / "docs" / "assets" / "coursegen"
MODULES = ("rules.js", "schema.js", "record-code.js")
GLOBALS = {"R": "CourseGenRules", "S": "CourseGenSchema", "C": "CourseGenRecord"}
DAY = 1_700_000_000_000  # 2023-11-14, a fixed time for records

PAGE = {"id": "p", "title": "页", "href": "p.html", "seconds": 600}
COURSE = {
    "course": "c", "title": "课程", "courseVersion": "1.0", "hours": 0.5, "totalSeconds": 900,
    "secondsPerHour": 1800, "idleSeconds": 60,
    "pages": [PAGE, {"id": "q", "title": "另一页", "href": "q.html", "seconds": 300}],
    "quizzes": [{"id": "final", "title": "综合测试", "passMark": 80, "href": "quiz/final.html", "practice": False,
                 "questions": [{"id": "q1", "hash": "aaaaaaaaaaaa"}, {"id": "q2", "hash": "bbbbbbbbbbbb"}]}],
    "checklists": [{"id": "list", "title": "清单", "href": "checklists/list.html",
                    "items": [{"id": "i1", "hash": "cccccccccccc"}]}],
    "completion": {"pages": True, "finalTest": "final", "checklists": []},
    "mistakes": "quiz/mistakes.html", "progress": "progress.html",
}


@pytest.fixture(scope="module")
def js(request):
    """``js(expression, arg)``: evaluate with R (rules), S (schema), C (record code) and ``arg`` in scope."""
    with js_evaluator(request, [ASSETS / name for name in MODULES], GLOBALS) as call:
        yield call


def record(**parts) -> dict:
    return {"v": 2, "pages": {}, "questions": {}, "quizzes": {}, "checklists": {}, **parts}


# ---------- pass mark, score, staleness ----------

@pytest.mark.parametrize(("best", "mark", "passed"), [
    (80, 80, True), (79, 80, False), (100, 80, True), (0, 1, False), (None, 80, False), (50, 50, True),
])
def test_a_score_at_the_pass_mark_passes(js, best, mark, passed):
    assert js("R.passed(arg[0], arg[1])", [best, mark]) is passed


def test_score_is_the_rounded_percentage(js):
    assert js("[[1, 3], [2, 3], [3, 4], [0, 5], [5, 5], [0, 0], [1, 1], [1, 2]].map(p => R.score(p[0], p[1]))") == \
        [33, 67, 75, 0, 100, 0, 100, 50]


def test_own_reads_only_a_maps_own_keys(js):
    assert js("[R.own(undefined, 'a'), R.own(null, 'a'), R.own({a: 1}, 'a'), R.own({}, 'toString')]") == \
        [None, None, 1, None]


def test_an_answer_belongs_to_the_wording_it_was_given_for(js):
    assert js("[R.isCurrent({h: 'abc'}, 'abc'), R.isCurrent({h: 'abc'}, 'abd'), R.isCurrent(null, 'abc'),"
              " R.isCurrent(undefined, 'x'), R.isCurrent('abc', 'abc')]") == [True, False, False, False, False]


# ---------- study time ----------

@pytest.mark.parametrize(("window", "expected"), [
    ((0, 30_000, 0, True), 30_000),          # acted at the start: all 30 s count
    ((0, 90_000, 0, True), 60_000),          # idle after 60 s: the rest does not
    ((0, 90_000, 0, False), 0),              # hidden: nothing counts
    ((0, 10_000, None, True), 0),            # never acted: nothing counts
    ((70_000, 80_000, 0, True), 0),          # an idle stretch adds nothing
    ((50_000, 80_000, 30_000, True), 30_000),  # active again from 30 s: counts to 80 s
    ((0, 60_000, 0, True), 60_000),          # exactly the idle limit
])
def test_active_time_counts_only_visible_recently_active_time(js, window, expected):
    assert js("R.activeMs(arg[0], arg[1], arg[2], arg[3], 60000)", list(window)) == expected


def test_a_page_is_learned_when_its_counted_time_reaches_its_estimate(js):
    assert js("[599, 600, 601].map(s => R.isLearned({s: s}, arg))", PAGE) == [False, True, True]
    assert js("R.isLearned(undefined, arg)", PAGE) is False
    # each page counts at most its estimate; 学时 never rounds up
    assert js("R.countedSeconds({s: 5000}, arg)", PAGE) == 600
    assert js("[R.countedSeconds({}, arg), R.countedSeconds({s: 30}, arg), R.countedSeconds(null, arg)]", PAGE) == \
        [0, 30, 0]
    assert js("[0, 179, 180, 1799, 1800, 2699, 2700].map(s => R.hoursText(s, 1800))") == \
        ["0", "0", "0.1", "0.9", "1", "1.4", "1.5"]


def test_study_sums_capped_time_over_the_course_pages_only(js):
    rec = record(pages={"p": {"t": DAY, "s": 5000}, "q": {"t": DAY + 5, "s": 100},
                        "gone": {"t": DAY - 9, "s": 9000}})
    study = js("R.study(arg[0], arg[1])", [rec, COURSE])
    assert (study["counted"], study["learned"], study["pages"], study["total"]) == (700, 1, 2, 900)
    assert study["started"] == DAY - 9


def test_duration_text(js):
    assert js("[0, 59, 60, 200, 600, 59.9, -5].map(R.durationText)") == \
        ["0 分钟", "59 秒", "1 分钟", "3 分 20 秒", "10 分钟", "59 秒", "0 分钟"]


# ---------- practice and the 错题本 ----------

def test_mistakes_need_two_right_answers_and_a_wrong_one_resets(js):
    steps = js("""(() => {
      const q = {id: 'q1', hash: 'aaaaaaaaaaaa'};
      let e; const out = [];
      for (const ok of [false, true, false, true, true, true]) {
        e = R.practised(e, q, 0, ok, 1);
        out.push([e.m, e.c, e.n]);
      }
      return out;
    })()""")
    assert steps == [[True, 0, 1], [True, 1, 2], [True, 0, 3], [True, 1, 4], [False, 0, 5], [False, 0, 6]]


def test_a_test_answer_counts_for_the_mistakes_but_not_as_practice(js):
    entry = js("R.tested(undefined, {hash: 'aaaaaaaaaaaa'}, false)")
    assert entry == {"h": "aaaaaaaaaaaa", "n": 0, "m": True, "c": 0}
    rec = record(questions={"q1": entry})
    assert js("R.practice(arg, [{id: 'q1', hash: 'aaaaaaaaaaaa'}])", rec)["practised"] == 0
    assert js("R.mistakes(arg, [{id: 'q1', hash: 'aaaaaaaaaaaa'}]).length", rec) == 1
    # an edited question leaves the 错题本 with its old record
    assert js("R.mistakes(arg, [{id: 'q1', hash: 'dddddddddddd'}]).length", rec) == 0


def test_practice_rate_is_last_answers_right_over_questions_practised(js):
    questions = [{"id": "q1", "hash": "aaaaaaaaaaaa"}, {"id": "q2", "hash": "bbbbbbbbbbbb"},
                 {"id": "q3", "hash": "eeeeeeeeeeee"}]
    rec = record(questions={"q1": {"h": "aaaaaaaaaaaa", "a": 0, "ok": True, "n": 3},
                            "q2": {"h": "bbbbbbbbbbbb", "a": 1, "ok": False, "n": 1},
                            "q3": {"h": "ffffffffffff", "a": 1, "ok": True, "n": 1}})  # stale: not counted
    assert js("R.practice(arg[0], arg[1])", [rec, questions]) == {"practised": 2, "total": 3, "right": 1, "rate": 50}


# ---------- completion ----------

def test_completion_flips_exactly_when_the_rule_is_met(js):
    learned = {"p": {"s": 600}, "q": {"s": 300}}
    cases = [
        (record(), False, 3),
        (record(pages=learned), False, 1),
        (record(pages=learned, quizzes={"final": {"best": 79, "attempts": 2}}), False, 1),
        (record(pages=learned, quizzes={"final": {"best": 80, "attempts": 2}}), True, 0),
        (record(pages={"p": {"s": 599}, "q": {"s": 300}}, quizzes={"final": {"best": 80}}), False, 1),
    ]
    for rec, complete, remaining in cases:
        done = js("R.completion(arg[0], arg[1])", [rec, COURSE])
        assert (done["complete"], len(done["remaining"])) == (complete, remaining), rec
    left = js("R.completion(arg[0], arg[1]).remaining.map(c => c.text)",
              [record(pages={"p": {"s": 400}}, quizzes={"final": {"best": 70}}), COURSE])
    assert left == ["学完“页”（还需 3 分 20 秒）", "学完“另一页”（还需 5 分钟）", "综合测试达到 80 分（目前最高 70 分）"]


def test_completion_can_require_named_checklists_with_current_wording(js):
    course = {**COURSE, "completion": {"pages": False, "finalTest": None, "checklists": ["list"]}}
    ticked = {"i1": {"h": "cccccccccccc", "done": True}}
    assert js("R.completion(arg[0], arg[1]).complete", [record(checklists=ticked), course]) is True
    stale = {"i1": {"h": "000000000000", "done": True}}
    assert js("R.completion(arg[0], arg[1]).remaining[0].text", [record(checklists=stale), course]) == \
        "完成“清单”（已完成 0/1）"


@pytest.mark.parametrize(("pages", "best", "status", "score"), [
    ({}, None, "incomplete", None),
    ({}, 100, "incomplete", 100),              # a passed test alone does not complete the course
    ({}, 79, "failed", 79),                    # below the pass mark
    ({"p": {"s": 600}, "q": {"s": 300}}, 80, "passed", 80),
    ({"p": {"s": 600}, "q": {"s": 300}}, None, "incomplete", None),
])
def test_what_a_learning_platform_is_told(js, pages, best, status, score):
    quizzes = {} if best is None else {"final": {"best": best, "attempts": 1}}
    result = js("R.lmsStatus(arg[0], arg[1])", [record(pages=pages, quizzes=quizzes), COURSE])
    assert (result["status"], result["score"], result["complete"]) == (status, score, status == "passed")
    no_test = {**COURSE, "completion": {"pages": True, "finalTest": None, "checklists": []}}
    done = js("R.lmsStatus(arg[0], arg[1]).status", [record(pages={"p": {"s": 600}, "q": {"s": 300}}), no_test])
    assert done == "completed"


def test_resume_is_the_last_page_and_the_next_unlearned_one(js):
    rec = record(pages={"p": {"s": 10}}, last={"page": "p", "t": DAY})
    where = js("R.resume(arg[0], arg[1])", [rec, COURSE])
    assert (where["last"]["id"], where["next"]["id"]) == ("p", "q")
    where = js("R.resume(arg[0], arg[1])", [record(), COURSE])
    assert (where["last"], where["next"]["id"]) == (None, "p")


# ---------- CSV ----------

@pytest.mark.parametrize(("value", "cell"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"),
    ("\t=1+1", "'\t=1+1"), ("\r=1+1", "\"'\r=1+1\""), ("普通", "普通"), ('a,"b"', '"a,""b"""'), (None, ""),
])
def test_csv_cells_never_start_a_formula(js, value, cell):
    assert js("R.csvCell(arg)", value) == cell


# ---------- the schema: what does not fit is dropped, the rest kept ----------

def clean(js, value):
    return js("(r => ({record: JSON.parse(JSON.stringify(r.record)), count: r.count, dropped: r.dropped}))"
              "(S.read(arg[0], arg[1]))", [value, widget_schema()])


@pytest.mark.parametrize(("stored", "dropped", "kept"), [
    ({"v": 2, "quizzes": {"final": 5, "part-a": {"best": 90}}}, ["quizzes.final"], {"quizzes": {"part-a": {"best": 90}}}),
    ({"v": 2, "questions": {"q-order": {"h": "aaaaaaaaaaaa", "a": "abc", "n": 1}}}, ["questions.q-order.a"],
     {"questions": {"q-order": {"h": "aaaaaaaaaaaa", "n": 1}}}),
    ({"v": 2, "learner": {"name": "x"}, "org": "单位"}, ["learner"], {"org": "单位"}),
    ({"v": 2, "quizzes": {"final": {"attempts": "3", "best": 70}}}, ["quizzes.final.attempts"],
     {"quizzes": {"final": {"best": 70}}}),
    ({"v": 2, "checklists": []}, ["checklists"], {}),
    ({"v": 2, "pages": {"p": {"t": "yesterday", "s": 5}}}, ["pages.p.t"], {"pages": {"p": {"s": 5}}}),
    ({"v": 2, "pages": {"Bad Id": {"s": 5}}}, ["pages.Bad Id"], {}),
    ({"v": 2, "surprise": 1}, ["surprise"], {}),
    ({"v": 99, "pages": {"p": {"s": 5}}}, ["（整条记录）"], {}),
])
def test_stored_values_that_do_not_fit_are_dropped_and_the_rest_kept(js, stored, dropped, kept):
    result = clean(js, stored)
    assert result["dropped"] == dropped and result["count"] == len(dropped)
    assert result["record"] == record(**kept)


def test_a_version_1_record_is_migrated(js):
    old = {"v": 1, "visited": {"concept": {"t": DAY, "p": "concept.html"}}, "learner": "张三",
           "questions": {"q1": {"h": "aaaaaaaaaaaa", "a": 0, "ok": True, "t": DAY}},
           "quizzes": {"final": {"best": 90, "last": 90, "attempts": 1, "passed": True, "t": DAY}}}
    result = clean(js, old)
    assert result["count"] == 0
    assert result["record"] == record(
        learner="张三", pages={"concept": {"t": DAY, "s": 0}},
        questions={"q1": {"h": "aaaaaaaaaaaa", "a": 0, "ok": True, "t": DAY, "n": 1}},
        quizzes={"final": {"best": 90, "last": 90, "attempts": 1, "t": DAY}})


def test_ids_that_name_object_properties_are_plain_keys(js):
    result = js("""(() => {
      const r = S.read(JSON.parse(arg[0]), arg[1]).record;
      return [R.own(r.quizzes, 'constructor'), R.own(r.quizzes, 'toString'), typeof r.quizzes.hasOwnProperty,
              Object.getPrototypeOf(r.pages), R.own(r.pages, '__proto__')];
    })()""", ['{"v": 2, "quizzes": {"constructor": {"best": 50}}, "pages": {"__proto__": {"s": 1}}}', widget_schema()])
    assert result == [{"best": 50}, None, "undefined", None, None]


# ---------- the record code: the site and coursegen records agree ----------

def test_python_computes_the_same_record_code_as_the_site(js):
    rec = record(learner="张三\u2028", org="某单位 \"=1\"\t", pages={"concept": {"t": DAY, "s": 120}},
                 questions={"q1": {"h": "aaaaaaaaaaaa", "a": ["持续集成", "\u0001"], "ok": False, "n": 2, "m": True, "c": 0}},
                 last={"page": "concept", "t": DAY})
    document = js("C.exportDocument(arg[0], arg[1], arg[2])", [rec, COURSE, DAY])
    assert document["code"] == record_code(document)
    ExportedRecord.model_validate(document)  # what the site exports is a valid record file
    assert document["exported"] == "2023-11-14T22:13:20.000Z"
    edited = json.loads(json.dumps(document))
    edited["summary"]["study_seconds"] += 60
    assert record_code(edited) != document["code"]
    later = {**document, "exported": "2024-01-01T00:00:00.000Z"}
    assert record_code(later) == document["code"]  # the export time is not part of the content


def test_export_file_names_are_safe(js):
    assert js("[C.fileName('张三', 'mini'), C.fileName(' 李/四:*? ', 'c'), C.fileName('', 'c'), C.fileName('..', 'c')]") \
        == ["学习记录-张三-mini.json", "学习记录-李四-c.json", "学习记录-未署名-c.json", "学习记录-未署名-c.json"]


# ---------- answers: what fits a question and what is right (the score is built on these) ----------

SINGLE = {"type": "single", "options": ["甲", "乙", "丙"], "answer": 0}
MULTIPLE = {"type": "multiple", "options": ["甲", "乙", "丙", "丁"], "answer": [0, 2]}
TRUEFALSE = {"type": "truefalse", "answer": False}
FILL = {"type": "fill", "answer": [["软任务", "软指标"], ["ＡＢ c"]]}
ORDER = {"type": "order", "items": ["一", "二", "三"]}


@pytest.mark.parametrize(("q", "answer", "fits", "right"), [
    (SINGLE, 0, True, True), (SINGLE, 2, True, False), (SINGLE, 3, False, False), (SINGLE, -1, False, False),
    (SINGLE, 0.5, False, False), (SINGLE, None, False, False),
    (MULTIPLE, [2, 0], True, True), (MULTIPLE, [0, 2], True, True), (MULTIPLE, [0], True, False),
    (MULTIPLE, [0, 2, 3], True, False), (MULTIPLE, [], False, False), (MULTIPLE, [0, 0], False, False),
    (MULTIPLE, [0, 4], False, False), (MULTIPLE, [-1, 2], False, False), (MULTIPLE, 0, False, False),
    (TRUEFALSE, False, True, True), (TRUEFALSE, True, True, False), (TRUEFALSE, 0, False, False),
    (FILL, ["软指标", "abC"], True, True), (FILL, [" 软 任务 ", "ＡＢ  Ｃ"], True, True),
    (FILL, ["", "abc"], True, False), (FILL, ["软任务", "ab"], True, False), (FILL, ["软任务"], False, False),
    (FILL, ["软任务", 1], False, False), (FILL, ["软任务", "abc", "多的一空"], False, False),
    (ORDER, [0, 1, 2], True, True), (ORDER, [1, 0, 2], True, False), (ORDER, [0, 1], False, False),
    (ORDER, [0, 1, 1], False, False), (ORDER, [0, 1, 3], False, False),
])
def test_which_answers_fit_and_which_are_right(js, q, answer, fits, right):
    assert js("[R.answerFits(arg[0], arg[1]), R.isCorrect(arg[0], arg[1])]", [q, answer]) == [fits, right]


# ---------- shuffling and dates ----------

def test_shuffles_with_a_given_random_source(js):
    # random() = 0 swaps each position with the first; a value just below 1 swaps nothing
    assert js("[R.shuffled([0, 1, 2, 3], () => 0), R.shuffled([0, 1, 2, 3], () => 0.999), R.shuffled([], () => 0)]") == \
        [[1, 2, 3, 0], [0, 1, 2, 3], []]
    assert js("[R.optionOrder(5, 1, () => 0), R.optionOrder(3, 0, () => 0), R.optionOrder(3, undefined, () => 0.999)]") == \
        [[1, 2, 3, 0, 4], [1, 2, 0], [0, 1, 2]]
    # ordering items are never shown in the right order, even when the draw says so
    assert js("[R.scrambledOrder(3, () => 0.999), R.scrambledOrder(3, () => 0), R.scrambledOrder(1, () => 0.999),"
              " R.scrambledOrder(2, () => 0.999)]") == [[2, 1, 0], [1, 2, 0], [0], [1, 0]]


def test_dates_in_the_learners_own_calendar(js):
    noon = "Date.UTC(2024, 0, 5, 12)"  # the same calendar day in every time zone within 11 hours of UTC
    late = "Date.UTC(2024, 10, 25, 12)"
    tenth = "Date.UTC(2024, 9, 10, 12)"
    assert js(f"[R.dateText({noon}), R.isoDay({noon}), R.dateText({late}), R.isoDay({late}), R.isoDay({tenth})]") == \
        ["2024年1月5日", "2024-01-05", "2024年11月25日", "2024-11-25", "2024-10-10"]
    assert js("[NaN, Infinity, '2024', null, 9e15].map(t => R.dateText(t) + '|' + R.isoDay(t))") == ["—|"] * 5


def test_study_of_an_empty_record_and_the_last_activity(js):
    study = js("R.study(arg[0], arg[1])", [record(), COURSE])
    assert (study["counted"], study["learned"], study["started"], study["lastActive"]) == (0, 0, None, None)
    rec = record(updated=DAY + 7, questions={"q1": {"h": "aaaaaaaaaaaa", "t": DAY + 3, "n": 1}},
                 quizzes={"final": {"best": 50, "t": DAY + 2}})
    study = js("R.study(arg[0], arg[1])", [rec, COURSE])
    assert (study["started"], study["lastActive"]) == (DAY + 2, DAY + 7)


def test_resume_wraps_round_to_the_first_unlearned_page(js):
    rec = record(pages={"q": {"s": 300}}, last={"page": "q", "t": DAY})
    where = js("R.resume(arg[0], arg[1])", [rec, COURSE])
    assert (where["last"]["id"], where["next"]["id"]) == ("q", "p")
    done = record(pages={"p": {"s": 600}, "q": {"s": 300}}, last={"page": "p", "t": DAY})
    assert js("R.resume(arg[0], arg[1]).next", [done, COURSE]) is None
    gone = record(last={"page": "removed", "t": DAY})
    where = js("R.resume(arg[0], arg[1])", [gone, COURSE])
    assert (where["last"], where["next"]["id"]) == (None, "p")


def test_practice_rate_is_rounded(js):
    questions = [{"id": f"q{i}", "hash": "aaaaaaaaaaaa"} for i in range(3)]
    rec = record(questions={f"q{i}": {"h": "aaaaaaaaaaaa", "a": 0, "ok": i < 2, "n": 1} for i in range(3)})
    assert js("R.practice(arg[0], arg[1]).rate", [rec, questions]) == 67
    assert js("R.practice(arg[0], arg[1])", [record(), questions]) == \
        {"practised": 0, "total": 3, "right": 0, "rate": None}


def test_resume_looks_past_the_last_page_only(js):
    three = {**COURSE, "pages": [{"id": i, "title": i, "href": f"{i}.html", "seconds": 60} for i in "xyz"]}
    rec = record(last={"page": "y", "t": DAY})
    assert js("R.resume(arg[0], arg[1]).next.id", [rec, three]) == "z"  # after y, before wrapping to x
    # the last page itself is where the learner was, never the “next” one
    only_last_open = record(pages={"y": {"s": 60}, "z": {"s": 60}}, last={"page": "x", "t": DAY})
    assert js("R.resume(arg[0], arg[1]).next", [only_last_open, three]) is None


def test_a_first_answer_that_is_right_puts_nothing_in_the_mistakes(js):
    q = {"id": "q1", "hash": "aaaaaaaaaaaa"}
    entry = js("R.practised(undefined, arg, 0, true, 1)", q)
    assert (entry["m"], entry["c"], entry["n"], entry["h"]) == (False, 0, 1, "aaaaaaaaaaaa")
    assert js("R.tested(undefined, arg, true)", q) == {"h": "aaaaaaaaaaaa", "n": 0, "m": False, "c": 0}
