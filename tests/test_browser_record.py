"""One record, many tabs: read-modify-write, storage events, full and hostile storage (real Chromium).

The mini fixture course from file://; every test gets its own browser
context (one profile), and several tabs of it where the test says so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import Offline, file_only_context
from test_browser_progress import box, count_text, notices, open_page, progress_summary, put, reload, section_rows
from test_browser_quiz import answer, bank, button, run_test, score_box, shown_qids, stored, wait_ready

pytestmark = pytest.mark.browser

KEY = "coursegen:v1:mini"
QUIZ_A = "mini/quiz/part-a.html"
SELF_CHECK = "mini/checklists/self-check.html"
PROGRESS = "mini/progress.html"
WAIT = 5_000
FULL_NOTICE = "新的学习记录无法保存（浏览器的存储空间已满）"
FILL_STORAGE = """() => {
  // Fill this origin's localStorage to the last byte with other data.
  let n = 0;
  for (let size = 1 << 20; size >= 1; size >>= 1) {
    const chunk = 'x'.repeat(size);
    try { while (true) localStorage.setItem('filler-' + (n++), chunk); } catch (e) { /* next, smaller */ }
  }
  return n;
}"""


@pytest.fixture(scope="module")
def site(shared_mini_site) -> Path:
    return shared_mini_site


def url(site: Path, path: str) -> str:
    return (site / path).as_uri()


def open_quiz(offline: Offline, site: Path, path: str = QUIZ_A):
    page = offline.new_page()
    page.goto(url(site, path))
    wait_ready(page, offline.errors)
    return page


def arrived(page, test: str) -> None:
    """Wait until this tab's view of the stored record passes ``test`` (a JavaScript function of it)."""
    page.wait_for_function(f"k => {{ try {{ return !!({test})(JSON.parse(localStorage.getItem(k))); }} "
                           f"catch (e) {{ return false; }} }}", arg=KEY, timeout=WAIT)


def assert_clean(offline: Offline) -> None:
    assert offline.blocked == []
    assert offline.errors == []


# ---------- several tabs of one browser ----------

def test_two_tabs_never_overwrite_each_other(offline, site):
    """The lost update of issue #18: practice in one tab, tick in another, answer in the first."""
    quiz = open_quiz(offline, site)
    checklist = open_page(offline, site, SELF_CHECK)
    # Each tab acts once the other's last write has reached it, as a person switching tabs would
    # (the browser passes a write on in milliseconds, longer under load).
    box(checklist, "chk-tests-exist").check()
    arrived(quiz, "r => r.checklists['chk-tests-exist'].done")
    answer(quiz, bank(quiz)["q-single"], right=True)
    button(quiz, "提交答案").click()
    arrived(checklist, "r => r.questions['q-single'].ok")
    box(checklist, "chk-tests-run").check()
    arrived(quiz, "r => r.checklists['chk-tests-run'].done")

    record = stored(quiz)
    assert record["questions"]["q-single"]["ok"] is True
    assert {k for k, v in record["checklists"].items() if v["done"]} == {"chk-tests-exist", "chk-tests-run"}
    reload(checklist, offline)
    assert box(checklist, "chk-tests-exist").is_checked() and box(checklist, "chk-tests-run").is_checked()
    quiz.reload()
    wait_ready(quiz, offline.errors)
    assert quiz.locator(".cg-q__feedback--right").is_visible()
    assert_clean(offline)


def test_an_answer_overwritten_by_a_tab_with_a_stale_copy_comes_back(offline, site):
    """Chromium hands a write to the other tabs a few milliseconds later; a tab that saves in
    between overwrites it. Here the checklist tab writes what such a tab would: its own change on
    the record as it was before the answer, without the quiz tab's save mark."""
    quiz = open_quiz(offline, site)
    checklist = open_page(offline, site, SELF_CHECK)
    answer(quiz, bank(quiz)["q-single"], right=True)
    button(quiz, "提交答案").click()
    arrived(checklist, "r => r.questions['q-single'].ok")
    checklist.evaluate("""k => {
      const before = JSON.parse(localStorage.getItem(k));
      delete before.questions['q-single'];
      delete before.w;
      before.learner = '王五';
      localStorage.setItem(k, JSON.stringify(before));
    }""", KEY)
    arrived(checklist, "r => r.learner === '王五' && r.questions['q-single'].ok === true")
    record = stored(checklist)
    assert list(record["w"].values())[0]["n"] >= 1  # the quiz tab's mark is back with its answer
    quiz.reload()
    wait_ready(quiz, offline.errors)
    assert quiz.locator(".cg-q__feedback--right").is_visible()
    assert_clean(offline)


def test_three_tabs_follow_each_others_changes_without_reloading(offline, site):
    first = open_page(offline, site, SELF_CHECK)
    second = open_page(offline, site, SELF_CHECK)
    progress = open_page(offline, site, PROGRESS)

    box(first, "chk-tests-exist").check()
    second.wait_for_function("() => document.querySelector('tr[data-item=\"chk-tests-exist\"] input').checked",
                             timeout=WAIT)
    assert count_text(second) == "已完成 1/3"
    box(second, "chk-hostile").check()  # from its own (refreshed) view: the first tick stays
    first.wait_for_function("() => document.querySelector('tr[data-item=\"chk-hostile\"] input').checked",
                            timeout=WAIT)
    assert count_text(first) == "已完成 2/3"
    progress.wait_for_function("() => document.querySelector('.cg-progress__view').innerText.includes('已完成 2/3')",
                               timeout=WAIT)
    assert {c[0]: c[1] for c in section_rows(progress, "检查清单")}["测试自查清单"] == "已完成 2/3"

    # a name typed on the progress page reaches the others' exports; a note typed elsewhere is not
    # pulled from under the learner's fingers
    first.locator('tr[data-item="chk-tests-run"] textarea').click()
    first.keyboard.type("整改中")
    progress.locator("#cg-learner-name").fill("张三")
    # Another tab sees a write only when the browser has passed it on (milliseconds, longer under load):
    # the first tab goes on typing once the name has reached it, as a person switching tabs would.
    arrived(first, "r => r.learner === '张三'")
    first.keyboard.type("，已完成")
    assert first.locator('tr[data-item="chk-tests-run"] textarea').input_value() == "整改中，已完成"
    record = stored(first)
    assert record["learner"] == "张三" and record["checklists"]["chk-tests-run"]["note"] == "整改中，已完成"
    assert_clean(offline)


# ---------- full storage: what is stored stays in view ----------

def test_full_storage_keeps_showing_the_record_and_says_only_that_new_changes_are_not_saved(chromium, site, tmp_path):
    with file_only_context(chromium, accept_downloads=True) as state:
        page = open_page(state, site, PROGRESS)
        seconds = {p["id"]: p["seconds"] for p in json.loads(page.locator(".cg-page script").text_content())[0]["pages"]}
        put(page, {"learner": "王五", "pages": {"concept": {"t": 1_700_000_000_000, "s": seconds["concept"]}},
                   "quizzes": {"part-a": {"best": 90, "attempts": 1}}})
        before = page.evaluate("k => localStorage.getItem(k)", KEY)
        assert page.evaluate(FILL_STORAGE) > 0
        reload(page, state)

        assert page.locator("#cg-learner-name").input_value() == "王五"
        assert progress_summary(page)[0].startswith("已学页面：1 / ")
        assert notices(page) == []  # reading needs no write: nothing to complain about yet
        with page.expect_download(timeout=WAIT) as info:
            button(page, "导出学习记录").click()
        info.value.save_as(tmp_path / "r.json")
        exported = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
        assert exported["record"]["learner"] == "王五" and exported["record"]["quizzes"]["part-a"]["best"] == 90

        page.locator("#cg-learner-org").fill("某单位")
        assert notices(page) == [FULL_NOTICE + "：已保存的记录照常显示，本页新的改动在关闭页面后不会保留。"]
        assert page.evaluate("k => localStorage.getItem(k)", KEY) == before
        assert progress_summary(page)[0].startswith("已学页面：1 / ")

        quiz = open_quiz(state, site)
        answer(quiz, bank(quiz)["q-single"], right=True)
        button(quiz, "提交答案").click()
        assert quiz.locator(".cg-q__feedback--right").is_visible()
        assert FULL_NOTICE in quiz.locator(".cg-quiz__notice").inner_text()
        assert quiz.locator(".cg-quiz__practice").inner_text() == "已练 1/2 · 正确率 100%"  # this page's change
        assert quiz.evaluate("k => localStorage.getItem(k)", KEY) == before
        assert state.blocked == [] and state.errors == []


def test_an_import_that_storage_cannot_hold_says_so(chromium, site, tmp_path):
    with file_only_context(chromium) as state:
        page = open_page(state, site, PROGRESS)
        put(page, {"learner": "赵六"})
        record = tmp_path / "record.json"
        record.write_text(json.dumps({"format": "coursegen.progress", "version": 1, "courses": {
            "mini": {"v": 1, "learner": "导入的名字", "questions": {}, "quizzes": {}}}}), encoding="utf-8")
        page.evaluate(FILL_STORAGE)
        page.set_input_files("#cg-progress-import", record)
        page.wait_for_function("() => document.querySelectorAll('.cg-progress__notice').length > 0", timeout=WAIT)
        assert notices(page) == ["学习记录未能保存：浏览器的存储空间不足或不允许保存，原有的记录没有改动。"]
        assert page.locator("#cg-learner-name").input_value() == "赵六"
        assert state.errors == []


def test_a_50_mb_import_is_refused_and_says_why(offline, site, tmp_path):
    page = open_page(offline, site, PROGRESS)
    put(page, {"learner": "钱七"})
    reload(page, offline)
    before = page.evaluate("k => localStorage.getItem(k)", KEY)
    huge = tmp_path / "huge.json"
    body = json.dumps({"v": 1, "learner": "x" * (50 * 1024 * 1024)})
    huge.write_text(json.dumps({"format": "coursegen.progress", "version": 1, "courses": {"mini": "PLACEHOLDER"}})
                    .replace('"PLACEHOLDER"', body), encoding="utf-8")
    page.set_input_files("#cg-progress-import", huge)
    page.wait_for_function("() => document.querySelectorAll('.cg-progress__notice').length > 0", timeout=WAIT)
    assert notices(page) == ["这个文件太大（50.0 MB），不是本网站导出的学习记录（通常不到 1 MB），没有做任何改动。"]
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == before
    assert_clean(offline)


# ---------- wrong-typed stored values never break a page ----------

def test_wrong_typed_stored_values_are_dropped_with_a_notice_and_the_rest_kept(offline, site):
    page = open_quiz(offline, site, "mini/quiz/final.html")
    put(page, {"quizzes": {"final": 5, "part-a": {"best": 80, "attempts": "3"}},
               "questions": {"q-order": {"h": bank(page)["q-order"]["hash"], "a": "abc", "ok": True, "n": 1}},
               "learner": {"name": "x"}, "pages": {"concept": {"t": "昨天", "s": 5}}, "checklists": []})
    page.reload()
    wait_ready(page, offline.errors)
    notice = page.locator(".cg-quiz__notice").inner_text()
    assert notice.startswith("学习记录中有 6 项数据格式不对（") and notice.endswith("），已忽略；其余记录照常使用。")
    run_test(page, right=set(shown_qids(page)))
    assert score_box(page).locator(".cg-quiz__score-value").inner_text() == "得分：100 分"
    record = stored(page)
    assert record["quizzes"]["final"]["best"] == 100 and record["quizzes"]["part-a"] == {"best": 80}
    assert page.evaluate("k => localStorage.getItem(k + ':unreadable')", KEY) is not None  # the original is kept

    open_page(offline, site, SELF_CHECK, page=page)
    box(page, "chk-tests-exist").check()
    reload(page, offline)
    assert box(page, "chk-tests-exist").is_checked()
    progress = open_page(offline, site, PROGRESS, page=page)
    text = progress.locator(".cg-progress__view").inner_text()
    assert "NaN" not in text and "[object Object]" not in text and "undefined" not in text
    assert_clean(offline)
