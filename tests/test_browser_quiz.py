"""The self-test quiz widget in real Chromium: the mini course opened from file://.

Quiz pages of the mini fixture (tests/fixtures/mini/quizzes/mini.yml):
  mini/quiz/part-a.html  q-single (pinned last option), q-multiple      pass mark 60, practice first
  mini/quiz/part-b.html  q-truefalse, q-fill (2 blanks), q-order         pass mark 60, practice first
  mini/quiz/final.html   4 drawn from all 6 (incl. q-hostile)            pass mark 80, test first
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from browser import Offline, file_only_context
from conftest import make_project
from generator import api

pytestmark = pytest.mark.browser

KEY = "coursegen:v1:mini"
HOSTILE_STEM = "</script><script>alert(1)</script> 这段文字应当如何显示？"
# Where each question sits in practice mode (course order).
PRACTICE = {
    "q-single": ("part-a", 0), "q-multiple": ("part-a", 1),
    "q-truefalse": ("part-b", 0), "q-fill": ("part-b", 1), "q-order": ("part-b", 2),
}
WAIT = 5_000  # ms; generous upper bound for a condition, never a fixed sleep


@pytest.fixture(scope="session")
def site(tmp_path_factory, engine) -> Path:
    """The mini fixture course, built once with each engine."""
    root = make_project(tmp_path_factory.mktemp("quiz") / "project")
    return api.build(root, engine=engine).site_dir


# ---------- pages, contexts and storage ----------

def quiz_url(site: Path, name: str) -> str:
    return (site / "mini" / "quiz" / f"{name}.html").as_uri()


def open_quiz(offline: Offline, site: Path, name: str, **size):
    page = offline.new_page(**size)
    page.goto(quiz_url(site, name))
    wait_ready(page, offline.errors)
    return page


def wait_ready(page, errors: list[str] | None = None) -> None:
    """Wait for the widget to show a question; if it never does, say why."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_selector(".cg-quiz.cg-quiz--ready .cg-q", timeout=WAIT)
    except PlaywrightTimeout:
        ready = page.locator(".cg-quiz--ready").count()
        raise AssertionError(f"quiz widget did not start (ready: {ready}); page errors: {errors}") from None


def reload(page, errors: list[str] | None = None) -> None:
    page.reload()
    wait_ready(page, errors)




def quiz_data(page) -> dict:
    return json.loads(page.locator(".cg-quiz__data").text_content())[0]  # widget data is a one-element array


def bank(page) -> dict[str, dict]:
    return {q["id"]: q for q in quiz_data(page)["questions"]}


def stored(page, key: str = KEY):
    raw = page.evaluate("k => localStorage.getItem(k)", key)
    return None if raw is None else json.loads(raw)


def assert_clean(offline: Offline) -> None:
    assert offline.blocked == []
    assert offline.errors == []


# ---------- modes and navigation ----------

def set_mode(page, mode: str) -> None:
    button = page.locator(f'.cg-quiz__mode[data-mode="{mode}"]')
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    other = "test" if mode == "practice" else "practice"
    assert page.locator(f'.cg-quiz__mode[data-mode="{other}"]').get_attribute("aria-pressed") == "false"


def button(page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def go_to_practice_question(page, index: int) -> None:
    for _ in range(index):
        button(page, "下一题").click()
    assert page.locator(".cg-quiz__progress").inner_text().startswith(f"第 {index + 1} 题")


def open_practice(offline: Offline, site: Path, qid: str, **size):
    name, index = PRACTICE[qid]
    page = open_quiz(offline, site, name, **size)
    go_to_practice_question(page, index)
    return page


def question(page, qid: str):
    return page.locator(f'.cg-q[data-qid="{qid}"]')


def shown_qids(page) -> list[str]:
    return page.locator(".cg-q").evaluate_all("nodes => nodes.map(n => n.dataset.qid)")


# ---------- answering each type ----------

def choice(fieldset, text: str):
    """The input of the option whose visible label is 'X. text' (or exactly 'text')."""
    pattern = re.compile(r"^\s*(?:[A-H]\. )?" + re.escape(text) + r"\s*$")
    # the option's own text, not the ✓/✗ added to its label after checking
    return fieldset.locator(".cg-q__option", has_text=pattern).locator("xpath=preceding-sibling::input")


def labels(fieldset) -> list[str]:
    return [t.strip() for t in fieldset.locator(".cg-q__choice .cg-q__option").all_inner_texts()]


def order_items(fieldset) -> list[str]:
    return fieldset.locator(".cg-order__text").all_inner_texts()


def arrange(fieldset, target: list[str]) -> None:
    """Reach `target` with the 上移 buttons (touching the list even if already there)."""
    if order_items(fieldset) == target:
        fieldset.get_by_role("button", name=f"下移：{target[0]}", exact=True).click()
        fieldset.get_by_role("button", name=f"上移：{target[0]}", exact=True).click()
    for position, item in enumerate(target):
        while order_items(fieldset).index(item) > position:
            fieldset.get_by_role("button", name=f"上移：{item}", exact=True).click()
    assert order_items(fieldset) == target


def answer(page, q: dict, right: bool = True, blanks: list[str] | None = None) -> None:
    """Answer question `q` right or wrong with the mouse and keyboard as a learner would."""
    fs = question(page, q["id"])
    kind = q["type"]
    if kind == "single":
        wrong = next(i for i in range(len(q["options"])) if i != q["answer"])
        choice(fs, q["options"][q["answer"] if right else wrong]).check()
    elif kind == "multiple":
        picked = q["answer"] if right else q["answer"][:1]
        for i, option in enumerate(q["options"]):
            choice(fs, option).set_checked(i in picked)
    elif kind == "truefalse":
        choice(fs, "正确" if q["answer"] == right else "错误").check()
    elif kind == "fill":
        values = blanks or ([alts[0] for alts in q["answer"]] if right else ["持续集成", "测试后行"])
        for i, value in enumerate(values):
            fs.locator(".cg-q__blank").nth(i).fill(value)
    elif kind == "order":
        arrange(fs, q["items"] if right else q["items"][::-1])
    else:
        raise AssertionError(kind)


def key_text(page, q: dict) -> str:
    """The correct answer as the learner should see it (letters as shown on screen)."""
    kind = q["type"]
    if kind in ("single", "multiple"):
        right = [q["options"][i] for i in ([q["answer"]] if kind == "single" else q["answer"])]
        return "；".join(label for label in labels(question(page, q["id"])) if label[3:] in right)
    if kind == "truefalse":
        return "正确" if q["answer"] else "错误"
    if kind == "fill":
        return "；".join(" 或 ".join(alts) for alts in q["answer"])
    return " → ".join(q["items"])


def practise(page, verdicts: list[tuple[str, bool]]) -> None:
    """In practice mode from the first question on, answer each (question id, right?) and go on."""
    questions = bank(page)
    for n, (qid, right) in enumerate(verdicts):
        if n:
            button(page, "下一题").click()
        answer(page, questions[qid], right=right)
        button(page, "提交答案").click()


def is_unanswered(page, q: dict) -> bool:
    fs = question(page, q["id"])
    if q["type"] == "fill":
        return all(v == "" for v in fs.locator(".cg-q__blank").evaluate_all("ns => ns.map(n => n.value)"))
    if q["type"] == "order":  # unlocked: only the first 上移 and the last 下移 are disabled
        return fs.locator("button:disabled").count() == 2
    return fs.locator("input:checked").count() == 0


def link_target(link) -> Path:
    return Path(unquote(urlparse(link.evaluate("a => a.href")).path))


# ---------- test mode ----------

def card(page) -> list[str]:
    return page.locator(".cg-card__cell").evaluate_all("ns => ns.map(n => n.getAttribute('aria-label'))")


def score_box(page):
    box = page.locator(".cg-quiz__score")
    box.wait_for(state="visible", timeout=WAIT)
    return box


def run_test(page, right: set[str]) -> None:
    """Answer every shown question (right if its id is in `right`) and hand in."""
    questions = bank(page)
    for qid in shown_qids(page):
        answer(page, questions[qid], right=qid in right)
    button(page, "交卷").click()


# ======================================================================
# 1. Practice mode, every type
# ======================================================================

@pytest.mark.parametrize("qid", list(PRACTICE))
def test_practice_gives_feedback_for_every_type(offline, site, qid):
    page = open_practice(offline, site, qid)
    q = bank(page)[qid]
    submit = button(page, "提交答案")
    assert submit.is_disabled()  # nothing answered yet

    # wrong: red feedback with the correct answer and the explanation
    answer(page, q, right=False)
    submit.click()
    feedback = page.locator(".cg-q__feedback")
    assert feedback.get_attribute("class").split() == ["cg-q__feedback", "cg-q__feedback--wrong"]
    text = feedback.inner_text()
    assert "回答错误" in text
    assert f"正确答案：{key_text(page, q)}" in text
    assert f"解析：{q['explanation']}" in text
    assert stored(page)["questions"][qid]["ok"] is False
    assert submit.is_hidden()

    # 再试一次: feedback gone, fresh unanswered question; the attempt stays on record
    button(page, "再试一次").click()
    assert page.locator(".cg-q__feedback").count() == 0
    assert button(page, "提交答案").is_disabled()
    assert is_unanswered(page, q)
    assert stored(page)["questions"][qid]["n"] == 1

    # right: green feedback and a working link back to the section
    answer(page, q, right=True)
    button(page, "提交答案").click()
    feedback = page.locator(".cg-q__feedback--right")
    assert "回答正确" in feedback.inner_text()
    assert f"正确答案：{key_text(page, q)}" in feedback.inner_text()
    assert f"解析：{q['explanation']}" in feedback.inner_text()
    assert stored(page)["questions"][qid]["ok"] is True
    assert stored(page)["questions"][qid]["n"] == 2
    link = feedback.get_by_role("link", name=f"回到课文：{q['section']['title']}")
    target = link_target(link)
    assert target.is_file(), target
    link.click()
    page.wait_for_url(target.as_uri())
    assert page.locator("h1").first.is_visible()
    assert_clean(offline)


@pytest.mark.parametrize("blanks", [
    ["ＣＩ ", " 测试先行"],          # full-width letters, stray spaces
    ["ci", "测 试 先 行"],            # letter case, spaces inside
    ["持续集成", "测试先行"],
])
def test_fill_ignores_width_case_and_spaces(offline, site, blanks):
    page = open_practice(offline, site, "q-fill")
    answer(page, bank(page)["q-fill"], blanks=blanks)
    button(page, "提交答案").click()
    assert page.locator(".cg-q__feedback--right").is_visible()
    assert_clean(offline)


def test_fill_needs_every_blank(offline, site):
    page = open_practice(offline, site, "q-fill")
    answer(page, bank(page)["q-fill"], blanks=["CI", ""])
    button(page, "提交答案").click()
    assert page.locator(".cg-q__feedback--wrong").is_visible()
    assert_clean(offline)


def test_order_move_buttons_reorder_and_disable_at_the_ends(offline, site):
    page = open_practice(offline, site, "q-order")
    q = bank(page)["q-order"]
    fs = question(page, "q-order")
    assert order_items(fs) != q["items"]  # never starts solved
    assert sorted(order_items(fs)) == sorted(q["items"])
    first, last = order_items(fs)[0], order_items(fs)[-1]
    assert fs.get_by_role("button", name=f"上移：{first}").is_disabled()
    assert fs.get_by_role("button", name=f"下移：{last}").is_disabled()
    arrange(fs, q["items"])
    assert [t.strip() for t in fs.locator(".cg-order__pos").all_inner_texts()] == ["1.", "2.", "3."]
    button(page, "提交答案").click()
    assert page.locator(".cg-q__feedback--right").is_visible()
    assert_clean(offline)


def test_practice_progress_counts_the_answer_just_given(offline, site):
    page = open_quiz(offline, site, "part-a")
    progress = page.locator(".cg-quiz__progress")
    assert progress.inner_text() == "第 1 题 / 共 2 题 · 已答对 0 题"
    answer(page, bank(page)["q-single"], right=True)
    button(page, "提交答案").click()
    assert page.locator(".cg-q__feedback--right").is_visible()
    assert progress.inner_text() == "第 1 题 / 共 2 题 · 已答对 1 题"
    button(page, "下一题").click()
    assert progress.inner_text() == "第 2 题 / 共 2 题 · 已答对 1 题"
    assert_clean(offline)


# ======================================================================
# 2. Test mode on part-b
# ======================================================================

def test_test_mode_card_confirm_grade_review_and_retake(offline, site):
    page = open_quiz(offline, site, "part-b")
    set_mode(page, "test")
    questions = bank(page)
    assert "60 分及格" in page.locator(".cg-quiz__progress").inner_text()
    order = shown_qids(page)
    assert sorted(order) == sorted(questions)
    assert card(page) == [f"第 {n} 题，未答" for n in (1, 2, 3)]

    # answer the true/false question right and the fill wrong; leave the order alone
    answer(page, questions["q-truefalse"], right=True)
    answer(page, questions["q-fill"], right=False)
    expected = [f"第 {n} 题，{'未答' if qid == 'q-order' else '已答'}" for n, qid in enumerate(order, 1)]
    assert card(page) == expected

    # 交卷 with one unanswered: confirm first; 继续作答 goes back
    button(page, "交卷").click()
    confirm = page.locator(".cg-quiz__confirm")
    assert confirm.is_visible()
    assert "还有 1 题未作答" in confirm.inner_text()
    assert page.locator(".cg-quiz__score").is_hidden()
    button(page, "继续作答").click()
    assert confirm.is_hidden()
    button(page, "交卷").click()
    button(page, "确定交卷").click()

    # graded: 1 of 3 -> 33, fails the pass mark of 60
    box = score_box(page)
    assert box.locator(".cg-quiz__score-value").inner_text() == "得分：33 分"
    assert "未及格（及格分 60）" in box.inner_text()
    assert "答对 1 / 3 题" in box.inner_text()
    assert confirm.is_hidden()
    assert button(page, "交卷").is_hidden()
    assert card(page) == [f"第 {n} 题，{'答对' if qid == 'q-truefalse' else '答错'}"
                          for n, qid in enumerate(order, 1)]
    # review: every question shows its verdict, the correct answer and the explanation
    for qid in order:
        item = page.locator(".cg-test__item", has=question(page, qid))
        verdict = "right" if qid == "q-truefalse" else "wrong"
        feedback = item.locator(f".cg-q__feedback--{verdict}")
        assert f"正确答案：{key_text(page, questions[qid])}" in feedback.inner_text()
        assert f"解析：{questions[qid]['explanation']}" in feedback.inner_text()
        assert question(page, qid).locator("input:not([disabled]), button:not([disabled])").count() == 0
    assert "未作答" in page.locator(".cg-test__item", has=question(page, "q-order")).inner_text()
    assert page.locator(".cg-quiz__best").inner_text() == "最高分：33 分"

    # only the two wrong ones come back
    button(page, "只重做答错的 2 题").click()
    assert sorted(shown_qids(page)) == ["q-fill", "q-order"]
    assert card(page) == ["第 1 题，未答", "第 2 题，未答"]
    assert page.locator(".cg-quiz__progress").inner_text().startswith("重做错题：共 2 题")
    run_test(page, right={"q-fill", "q-order"})
    box = score_box(page)
    assert box.locator(".cg-quiz__score-value").inner_text() == "重做错题得分：100 分"
    assert "及格（及格分 60）" in box.inner_text() and "未及格" not in box.inner_text()
    assert page.locator(".cg-quiz__best").inner_text() == "最高分：33 分"  # a retake is not a test

    # 重新测试: a full, fresh round
    button(page, "重新测试").click()
    assert sorted(shown_qids(page)) == sorted(questions)
    assert card(page) == [f"第 {n} 题，未答" for n in (1, 2, 3)]
    assert page.locator(".cg-quiz__score").is_hidden()
    assert page.locator(".cg-q__feedback").count() == 0
    run_test(page, right=set(questions))
    assert score_box(page).locator(".cg-quiz__score-value").inner_text() == "得分：100 分"
    assert page.locator(".cg-quiz__best").inner_text() == "最高分：100 分"
    assert "只重做" not in page.locator(".cg-quiz__score").inner_text()
    assert_clean(offline)


@pytest.mark.parametrize(("right", "score", "passed"), [
    (set(), 0, False),
    ({"q-order"}, 33, False),
    ({"q-order", "q-fill"}, 67, True),
    ({"q-order", "q-fill", "q-truefalse"}, 100, True),
])
def test_test_mode_score_is_rounded_percentage_against_pass_mark(offline, site, right, score, passed):
    page = open_quiz(offline, site, "part-b")
    set_mode(page, "test")
    run_test(page, right)  # all answered: no confirm box
    box = score_box(page)
    assert page.locator(".cg-quiz__confirm").is_hidden()
    assert box.locator(".cg-quiz__score-value").inner_text() == f"得分：{score} 分"
    assert ("未及格" not in box.inner_text()) == passed
    assert f"（及格分 60），答对 {len(right)} / 3 题" in box.inner_text()
    record = stored(page)["quizzes"]["part-b"]
    assert (record["best"], record["last"], record["attempts"]) == (score, score, 1)
    assert_clean(offline)


# ======================================================================
# 3. Final test: draw, pass mark 80, best score kept
# ======================================================================

def test_final_draws_four_and_keeps_the_best_score(offline, site):
    page = open_quiz(offline, site, "final")
    assert page.locator('.cg-quiz__mode[data-mode="test"]').get_attribute("aria-pressed") == "true"
    assert page.locator(".cg-quiz__best").inner_text() == "尚无测试成绩"
    drawn = shown_qids(page)
    assert len(drawn) == 4 == len(set(drawn)) and set(drawn) <= set(bank(page))
    assert len(bank(page)) == 6
    assert "共 4 题，满分 100 分，80 分及格" in page.locator(".cg-quiz__progress").inner_text()

    # 3 of 4 right = 75: would pass a part quiz, fails the final's 80
    run_test(page, right=set(drawn[:3]))
    box = score_box(page)
    assert box.locator(".cg-quiz__score-value").inner_text() == "得分：75 分"
    assert "未及格（及格分 80）" in box.inner_text()
    reload(page, offline.errors)
    assert page.locator(".cg-quiz__best").inner_text() == "最高分：75 分"

    # a perfect round raises the best; a worse one later does not lower it
    run_test(page, right=set(shown_qids(page)))
    assert score_box(page).locator(".cg-quiz__score-value").inner_text() == "得分：100 分"
    button(page, "重新测试").click()
    run_test(page, right=set(shown_qids(page)[:2]))
    assert score_box(page).locator(".cg-quiz__score-value").inner_text() == "得分：50 分"
    reload(page, offline.errors)
    assert page.locator(".cg-quiz__best").inner_text() == "最高分：100 分"
    record = stored(page)["quizzes"]["final"]
    assert (record["best"], record["last"], record["attempts"]) == (100, 50, 3)

    # the quiz index shows it
    page.goto((site / "mini" / "quiz" / "index.html").as_uri())
    best = page.locator('.cg-quiz-best[data-quiz="final"]')
    page.wait_for_function("() => !document.querySelector('.cg-quiz-best[data-quiz=final]')"
                           ".textContent.includes('—')", timeout=WAIT)
    assert best.inner_text() == "100 分（已及格）"
    assert page.locator('.cg-quiz-best[data-quiz="part-a"]').inner_text() == "—"
    assert_clean(offline)


# ======================================================================
# 4. Practice answers survive a reload
# ======================================================================

def test_practice_answers_and_feedback_are_restored_after_reload(offline, site):
    page = open_quiz(offline, site, "part-b")
    questions = bank(page)
    answer(page, questions["q-truefalse"], right=False)
    button(page, "提交答案").click()
    button(page, "下一题").click()
    answer(page, questions["q-fill"], blanks=["ＣＩ", "测试先行"])
    button(page, "提交答案").click()
    button(page, "下一题").click()
    answer(page, questions["q-order"], right=True)
    button(page, "提交答案").click()

    reload(page, offline.errors)  # practice resumes where it was (the same tab)
    assert "第 3 题 / 共 3 题 · 已答对 2 题" in page.locator(".cg-quiz__progress").inner_text()
    assert order_items(question(page, "q-order")) == questions["q-order"]["items"]
    assert page.locator(".cg-q__feedback--right").is_visible()

    button(page, "上一题").click()
    values = question(page, "q-fill").locator(".cg-q__blank").evaluate_all("ns => ns.map(n => n.value)")
    assert values == ["ＣＩ", "测试先行"]
    assert page.locator(".cg-q__feedback--right").is_visible()

    button(page, "上一题").click()
    fs = question(page, "q-truefalse")
    assert choice(fs, "正确").is_checked() and not choice(fs, "错误").is_checked()
    assert page.locator(".cg-q__feedback--wrong").is_visible()
    assert button(page, "再试一次").is_visible() and button(page, "提交答案").is_hidden()
    assert fs.locator("input:not([disabled])").count() == 0
    assert_clean(offline)


# ======================================================================
# 6. Corrupt or unavailable storage
# ======================================================================

def test_corrupt_record_is_kept_aside_and_the_widget_still_works(offline, site):
    page = open_quiz(offline, site, "part-a")
    assert page.locator(".cg-quiz__notice").is_hidden()
    page.evaluate("k => localStorage.setItem(k, '{not json')", KEY)
    reload(page, offline.errors)
    notice = page.locator(".cg-quiz__notice")
    assert notice.is_visible()
    assert "无法读取" in notice.inner_text()
    # reading writes nothing: the unreadable text stays where it was until something new is saved
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == "{not json"

    answer(page, bank(page)["q-single"], right=True)
    button(page, "提交答案").click()
    assert page.locator(".cg-q__feedback--right").is_visible()
    assert stored(page)["questions"]["q-single"]["ok"] is True  # a fresh, readable record
    assert page.evaluate("k => localStorage.getItem(k)", KEY + ":unreadable") == "{not json"
    assert_clean(offline)


@pytest.mark.parametrize("raw", ["null", "[1, 2]", '"text"'])
def test_record_that_is_not_an_object_counts_as_unreadable(offline, site, raw):
    page = open_quiz(offline, site, "part-a")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, raw])
    reload(page, offline.errors)
    assert "无法读取" in page.locator(".cg-quiz__notice").inner_text()
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == raw
    answer(page, bank(page)["q-single"], right=True)
    button(page, "提交答案").click()
    assert page.evaluate("k => localStorage.getItem(k)", KEY + ":unreadable") == raw  # kept before replacing
    assert stored(page)["questions"]["q-single"]["ok"] is True
    assert_clean(offline)


def test_unavailable_storage_still_lets_the_learner_work(chromium, site):
    state = Offline(context=None)
    with file_only_context(chromium, state) as state:
        state.context.add_init_script("""
            Object.defineProperty(window, 'localStorage', {
              configurable: true,
              get() { throw new DOMException('denied', 'SecurityError'); },
            });""")
        page = state.new_page()
        page.goto(quiz_url(site, "part-a"))
        wait_ready(page)
        notice = page.locator(".cg-quiz__notice")
        assert notice.is_visible()
        assert "不允许保存" in notice.inner_text() and "不会保留" in notice.inner_text()

        answer(page, bank(page)["q-single"], right=True)
        button(page, "提交答案").click()
        assert page.locator(".cg-q__feedback--right").is_visible()
        set_mode(page, "test")
        run_test(page, right=set(shown_qids(page)))
        assert score_box(page).locator(".cg-quiz__score-value").inner_text() == "得分：100 分"
        assert page.locator(".cg-quiz__best").inner_text() == "最高分：100 分"  # kept in memory
        assert notice.is_visible()
        assert state.blocked == []
        # mkdocs-material's own inline palette script reads localStorage unguarded;
        # nothing else may fail
        assert [e for e in state.errors if e != "denied"] == []


# ======================================================================
# 7. Shuffling
# ======================================================================

def test_options_are_shuffled_but_pinned_option_stays_last(offline, site):
    page = open_quiz(offline, site, "part-a")
    multiple_orders, single_orders = set(), set()
    for _ in range(8):
        reload(page, offline.errors)
        set_mode(page, "test")
        multiple = [label[3:] for label in labels(question(page, "q-multiple"))]
        single = labels(question(page, "q-single"))
        assert sorted(multiple) == sorted(bank(page)["q-multiple"]["options"])
        assert single[-1] == "D. 以上都不是"
        assert [label[:3] for label in single] == ["A. ", "B. ", "C. ", "D. "]
        multiple_orders.add(tuple(multiple))
        single_orders.add(tuple(single))
    assert len(multiple_orders) >= 2, multiple_orders
    assert len(single_orders) >= 2, single_orders
    assert_clean(offline)


def test_final_question_order_varies(offline, site):
    page = open_quiz(offline, site, "final")
    orders = set()
    for _ in range(8):
        reload(page, offline.errors)
        orders.add(tuple(shown_qids(page)))
    assert len(orders) >= 2, orders
    assert_clean(offline)


# ======================================================================
# 8. Keyboard only
# ======================================================================

FOCUSED = """() => {
  const a = document.activeElement;
  const q = a && a.closest('.cg-q');
  return { tag: a.tagName, type: a.type || '', value: a.value || '', cls: a.className || '',
           label: a.getAttribute('aria-label') || '', text: (a.textContent || '').trim(),
           qid: q ? q.dataset.qid : null };
}"""


def tab_to(page, wanted, limit: int = 150) -> dict:
    """Press Tab until the focused element satisfies `wanted`; return its description."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if wanted(focused):
            return focused
    raise AssertionError("never reached by Tab")


def test_keyboard_only_completes_the_test(offline, site):
    page = open_quiz(offline, site, "part-b")
    questions = bank(page)

    tab_to(page, lambda f: f["text"] == "测试模式")
    page.keyboard.press("Enter")
    assert page.locator('.cg-quiz__mode[data-mode="test"]').get_attribute("aria-pressed") == "true"

    done = set()
    while len(done) < 3:
        focused = tab_to(page, lambda f: f["qid"] and f["qid"] not in done)
        qid = focused["qid"]
        if qid == "q-truefalse":  # radio group: one tab stop, arrows select
            page.keyboard.press("ArrowDown" if focused["value"] == "true" else "Space")
            assert page.evaluate(FOCUSED)["value"] == "false"
        elif qid == "q-fill":
            page.keyboard.type("持续集成")
            page.keyboard.press("Tab")
            page.keyboard.type("测试先行")
        elif qid == "q-order":  # bring each item up to its place with its 上移 button
            fs = question(page, qid)
            for position, item in enumerate(questions[qid]["items"]):
                steps = order_items(fs).index(item) - position
                if steps > 0:
                    tab_to(page, lambda f, item=item: f["label"] == f"上移：{item}", limit=10)
                    for _ in range(steps):
                        page.keyboard.press("Enter")
            assert order_items(fs) == questions[qid]["items"]
        done.add(qid)
    assert all(label.endswith("已答") for label in card(page))

    tab_to(page, lambda f: f["text"] == "交卷")
    page.keyboard.press("Space")
    box = score_box(page)
    assert box.locator(".cg-quiz__score-value").inner_text() == "得分：100 分"
    assert page.evaluate("() => document.activeElement.classList.contains('cg-quiz__score')")
    assert all(label.endswith("答对") for label in card(page))
    assert_clean(offline)


def test_keyboard_retry_in_practice_keeps_focus_in_the_question(offline, site):
    page = open_quiz(offline, site, "part-a")
    tab_to(page, lambda f: f["qid"] == "q-single")
    page.keyboard.press("Space")  # selects the focused option
    tab_to(page, lambda f: f["text"] == "提交答案", limit=10)
    page.keyboard.press("Enter")
    assert page.locator(".cg-q__feedback").is_visible()
    assert page.evaluate(FOCUSED)["text"] == "再试一次"
    page.keyboard.press("Enter")
    assert page.locator(".cg-q__feedback").count() == 0
    assert page.evaluate(FOCUSED)["qid"] == "q-single"
    assert_clean(offline)


# ======================================================================
# 9. Question text cannot run as code
# ======================================================================

def test_hostile_text_is_shown_literally_and_never_runs(offline, site):
    offline.context.add_init_script("""
        const alertBefore = window.alert;
        window.alert = function () { window.__pwned = true; return alertBefore.apply(this, arguments); };""")
    dialogs = []
    page = offline.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(quiz_url(site, "final"))
    wait_ready(page)
    for _ in range(40):  # 4 of 6 are drawn: q-hostile turns up soon
        if "q-hostile" in shown_qids(page):
            break
        reload(page, offline.errors)
    fs = question(page, "q-hostile")
    assert fs.locator(".cg-q__stem").inner_text() == HOSTILE_STEM
    assert sorted(label[3:] for label in labels(fs)) == ["<b>原样显示</b>", "{{ 7*7 }}"]
    assert fs.locator("b, script").count() == 0
    assert page.locator(".cg-quiz script").count() == 1  # only the inline data
    assert page.locator(".cg-quiz__paper").text_content().count(HOSTILE_STEM) == 1
    assert page.locator(".cg-quiz__paper b").count() == 0

    run_test(page, right=set(shown_qids(page)))
    feedback = page.locator(".cg-test__item", has=fs).locator(".cg-q__feedback--right")
    assert "<b>原样显示</b>" in feedback.inner_text()
    assert dialogs == []
    assert page.evaluate("() => window.__pwned") is None
    assert_clean(offline)


# ======================================================================
# 10. Without JavaScript, and in print
# ======================================================================

@pytest.mark.parametrize(("name", "count"), [("part-a", 2), ("part-b", 3), ("final", 6)])
def test_without_javascript_the_paper_with_answer_key_is_shown(chromium, site, name, count):
    with file_only_context(chromium, java_script_enabled=False) as state:
        page = state.new_page()
        page.goto(quiz_url(site, name))
        paper = page.locator(".cg-quiz__paper")
        assert paper.is_visible()
        assert paper.locator(".cg-paper__questions > li").count() == count
        key = paper.locator(".cg-paper__key")
        assert key.is_visible() and "答案与解析" in key.inner_text()
        assert key.locator("ol > li").count() == count
        assert page.locator(".cg-quiz__app").count() == 0
        assert state.blocked == [] and state.errors == []


def test_print_shows_the_paper_and_hides_the_widget(offline, site):
    page = open_quiz(offline, site, "part-b")
    assert page.locator(".cg-quiz__paper").is_hidden()
    assert page.locator(".cg-quiz__app").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".cg-quiz__paper").is_visible()
    assert page.locator(".cg-paper__key").is_hidden()  # a blank paper; 打印答案 adds the key
    assert page.locator(".cg-quiz__app").is_hidden()
    page.emulate_media(media="screen")
    assert page.locator(".cg-quiz__paper").is_hidden()
    assert_clean(offline)


# ======================================================================
# 11. Phone width
# ======================================================================

@pytest.mark.parametrize("name", ["part-a", "part-b", "final"])
def test_phone_width_has_no_sideways_scrolling(offline, site, name):
    page = open_quiz(offline, site, name, width=375, height=740)
    while name == "final" and "q-hostile" not in shown_qids(page):  # its long unbroken stem
        reload(page, offline.errors)

    def width() -> int:
        return page.evaluate("() => document.documentElement.scrollWidth")

    for mode in ("practice", "test"):
        set_mode(page, mode)
        assert width() <= 375, mode
    run_test(page, right=set())  # graded: score box, card and feedback all shown
    if page.locator(".cg-quiz__confirm").is_visible():
        button(page, "确定交卷").click()
    score_box(page)
    assert width() <= 375, "graded"
    assert_clean(offline)


# ======================================================================
# 12. Screen readers hear the verdict
# ======================================================================

@pytest.mark.parametrize(("right", "said"), [(True, "回答正确"), (False, "回答错误")])
def test_practice_feedback_is_announced(offline, site, right, said):
    page = open_quiz(offline, site, "part-a")
    live = page.locator(".cg-quiz__live")
    assert live.get_attribute("aria-live") == "polite"
    answer(page, bank(page)["q-single"], right=right)
    button(page, "提交答案").click()
    page.wait_for_function("said => document.querySelector('.cg-quiz__live').textContent.includes(said)",
                           arg=said, timeout=WAIT)
    if not right:
        assert "正确答案：" in live.text_content()
    assert_clean(offline)


def test_test_score_is_announced(offline, site):
    page = open_quiz(offline, site, "part-b")
    set_mode(page, "test")
    run_test(page, right=set(bank(page)))
    page.wait_for_function("() => document.querySelector('.cg-quiz__live').textContent.includes('得分：100 分')",
                           timeout=WAIT)
    assert "及格" in page.locator(".cg-quiz__live").text_content()
    assert_clean(offline)
