"""Study time, practice, 错题本, resume and completion in real Chromium, with Playwright's clock.

Playwright's clock drives Date and the timers of every page of a context, so
hours of study take seconds. The mini course (1.5 学时 = 45 minutes over 11
lesson pages) is opened from file://; activity is a mouse move, as a learner's is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser import Offline, file_only_context
from test_browser_progress import notices, open_page, progress_summary, section_rows
from test_browser_quiz import answer, bank, button, practise, run_test, score_box, shown_qids, stored, wait_ready

pytestmark = pytest.mark.browser

START = 1_700_000_000_000  # 2023-11-14 22:13:20 UTC
PROGRESS = "mini/progress.html"
WAIT = 5_000


@pytest.fixture(scope="module")
def site(shared_mini_site) -> Path:
    return shared_mini_site


@pytest.fixture
def clocked(chromium):
    """A file-only context whose clock stands still unless a test moves it."""
    with file_only_context(chromium) as state:
        state.context.clock.install(time=START / 1000)  # Playwright takes a number as seconds
        state.context.clock.pause_at((START + 1000) / 1000)
        yield state


def url(site: Path, path: str) -> str:
    return (site / path).as_uri()


def lesson_pages(site: Path) -> list[dict]:
    """The mini course's lesson pages with their estimated study time, from the built progress page."""
    html = (site / PROGRESS).read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" class="cg-progress__data">(.*?)</script>', html, re.S)
    return json.loads(data.group(1))[0]["pages"]


def study(page, state: Offline, site: Path, lesson: dict, seconds: int, active_every: int = 50) -> None:
    """Open a lesson page and stay on it for ``seconds``, moving the mouse every ``active_every`` seconds."""
    page.goto(url(site, "mini/" + lesson["href"]))
    page.wait_for_selector(".cg-page", state="attached")
    left = seconds
    while left > 0:
        step = min(active_every, left)
        page.mouse.move(10 + left % 50, 10)
        state.context.clock.run_for(step * 1000)
        left -= step


def record(page) -> dict:
    return stored(page) or {}


def hours_on_progress_page(page) -> float:
    text = page.locator(".cg-progress__hours").inner_text()
    return float(re.search(r"约 ([\d.]+) 学时", text).group(1))


# ---------- study time ----------

def test_ten_seconds_on_every_lesson_page_is_not_study(clocked, site):
    page = clocked.new_page()
    lessons = lesson_pages(site)
    for lesson in lessons:
        study(page, clocked, site, lesson, 10)
    open_page(clocked, site, PROGRESS, page=page)
    assert hours_on_progress_page(page) < 0.5
    assert progress_summary(page)[0] == f"已学页面：0 / {len(lessons)}"
    assert {p: e["s"] for p, e in record(page)["pages"].items()} == {lesson["id"]: 10 for lesson in lessons}
    assert page.locator("a.md-nav__link.cg-nav--done").count() == 0
    assert clocked.errors == [] and clocked.blocked == []


def test_a_hidden_tab_and_an_idle_page_add_nothing(clocked, site):
    concept, part_a = lesson_pages(site)[:2]
    hidden = clocked.new_page()
    study(hidden, clocked, site, concept, 0)
    hidden.evaluate("""() => { Object.defineProperty(document, 'visibilityState', {get: () => 'hidden'});
                               document.dispatchEvent(new Event('visibilitychange')); }""")
    hidden.mouse.move(5, 5)
    clocked.context.clock.run_for(120_000)
    assert record(hidden)["pages"]["concept"]["s"] == 0

    idle = clocked.new_page()
    study(idle, clocked, site, part_a, 0)
    clocked.context.clock.run_for(600_000)  # ten minutes without a scroll, key, pointer or touch
    idle.goto(url(site, PROGRESS))
    assert record(idle)["pages"]["part-a"]["s"] == 0
    assert clocked.errors == []


def test_the_idle_limit_on_the_progress_page_is_the_one_the_code_applies(clocked, site):
    page = open_page(clocked, site, PROGRESS)
    rule = page.locator("article").inner_text()
    idle = int(re.search(r"最近 (\d+) 秒内有过操作", rule).group(1))
    assert f"页面被切到后台或 {idle} 秒没有操作时停止计时" in rule
    lesson = lesson_pages(site)[4]  # part-b: the longest page
    study(page, clocked, site, lesson, 0)
    page.mouse.move(1, 1)  # one action, then nothing for ten minutes
    clocked.context.clock.run_for(600_000)
    page.goto(url(site, PROGRESS))
    assert record(page)["pages"][lesson["id"]]["s"] == idle
    assert section_rows(page, "学习内容")[4][2] == f"{idle // 60} 分钟"


def test_two_hours_of_active_study_give_the_full_hours_and_tick_every_page(clocked, site):
    page = clocked.new_page()
    lessons = lesson_pages(site)
    assert sum(lesson["seconds"] for lesson in lessons) == 2700  # 1.5 学时 = 45 minutes, shared out exactly
    extra = (7200 - 2700) // len(lessons)  # two hours in all: each page capped at its estimate
    for lesson in lessons:
        study(page, clocked, site, lesson, lesson["seconds"] + extra)
    open_page(clocked, site, PROGRESS, page=page)
    assert progress_summary(page) == (f"已学页面：{len(lessons)} / {len(lessons)}", "已完成学时：约 1.5 学时 / 共 1.5 学时")
    assert all(cells[3].startswith("✓ 已学（2023年11月1") for cells in section_rows(page, "学习内容"))
    page.goto(url(site, "mini/glossary.html"))
    page.wait_for_function("n => document.querySelectorAll('a.md-nav__link.cg-nav--done').length >= n",
                           arg=len(lessons), timeout=WAIT)
    assert clocked.errors == []


def test_a_page_becomes_learned_while_it_is_open(clocked, site):
    page = clocked.new_page()
    lesson = lesson_pages(site)[3]  # meaning-two
    status = page.locator(".cg-study")
    study(page, clocked, site, lesson, 0)
    assert status.inner_text() == "本页预计学习 1 分 52 秒，已计入 0 分钟（页面显示、且 60 秒内有操作时计时）。"
    study(page, clocked, site, lesson, lesson["seconds"] - 6, active_every=20)
    assert page.locator("a.md-nav__link.cg-nav--done").count() == 0
    assert status.inner_text().startswith("本页预计学习 1 分 52 秒，已计入 1 分 ")
    page.mouse.move(3, 3)
    clocked.context.clock.run_for(10_000)  # the next tick after the estimate is reached
    page.wait_for_selector("a.md-nav__link.cg-nav--done", state="attached", timeout=WAIT)
    assert status.inner_text() == "✓ 本页已学完。"
    entry = record(page)["pages"][lesson["id"]]
    assert entry["s"] >= lesson["seconds"] and entry["d"] >= START


# ---------- resume ----------

def test_the_course_home_shows_where_to_go_on(clocked, site):
    page = clocked.new_page()
    lessons = lesson_pages(site)
    study(page, clocked, site, lessons[0], lessons[0]["seconds"])
    study(page, clocked, site, lessons[2], 30)
    page.goto(url(site, "mini/index.html"))
    box = page.locator(".cg-resume--ready .cg-resume__view")
    box.wait_for(timeout=WAIT)
    assert box.locator(".cg-resume__last").inner_text() == f"继续学习：{lessons[2]['title']}"
    assert box.locator(".cg-resume__next").inner_text() == f"下一个未学页面：{lessons[3]['title']}"
    assert box.locator(".cg-resume__overall").inner_text().startswith(f"已学页面 1 / {len(lessons)} · ")
    box.get_by_role("link", name=lessons[2]["title"]).click()
    page.wait_for_url(url(site, "mini/" + lessons[2]["href"]))
    assert clocked.errors == []


# ---------- practice and the 错题本 ----------

def test_practice_answers_show_on_the_index_progress_page_and_in_the_mistakes(offline, site):
    page = offline.new_page()
    page.goto(url(site, "mini/quiz/part-a.html"))
    wait_ready(page, offline.errors)
    questions = bank(page)
    practise(page, [("q-single", False), ("q-multiple", True)])
    assert page.locator(".cg-quiz__practice").inner_text() == "已练 2/2 · 正确率 50%"

    page.goto(url(site, "mini/quiz/index.html"))
    page.wait_for_function("() => document.querySelector('.cg-quiz-practice[data-quiz=\"part-a\"]').textContent !== '—'",
                           timeout=WAIT)
    assert page.locator('.cg-quiz-practice[data-quiz="part-a"]').inner_text() == "已练 2/2 · 正确率 50%"
    assert page.locator('.cg-quiz-practice[data-quiz="part-b"]').inner_text() == "—"

    open_page(offline, site, PROGRESS, page=page)
    rows = {cells[0]: cells[4] for cells in section_rows(page, "测验成绩")}
    assert rows["自测：一、为什么测试"] == "已练 2/2 · 正确率 50%"
    assert page.locator(".cg-progress__mistakes").inner_text().startswith("错题本中有 1 道题")

    page.goto(url(site, "mini/quiz/mistakes.html"))
    page.wait_for_selector(".cg-mistakes.cg-quiz--ready .cg-q", timeout=WAIT)
    assert page.locator(".cg-mistakes__count").inner_text() == "错题本中有 1 道题。"
    for verdict in ("答对了：再答对 1 次即可移出错题本。", "答对了：这道题已移出错题本。"):
        assert page.locator(".cg-q").get_attribute("data-qid") == "q-single"
        answer(page, questions["q-single"], right=True)
        button(page, "提交答案").click()
        assert page.locator(".cg-mistakes__verdict").inner_text() == verdict
        button(page, "下一题").click()
    assert page.locator(".cg-mistakes__count").inner_text() == "错题本是空的：没有需要重做的题。"
    assert page.locator(".cg-q").count() == 0
    assert record(page)["questions"]["q-single"]["n"] == 3
    assert offline.errors == [] and offline.blocked == []


def test_wrong_test_answers_go_into_the_mistakes(offline, site):
    page = offline.new_page()
    page.goto(url(site, "mini/quiz/part-b.html"))
    wait_ready(page, offline.errors)
    page.locator('.cg-quiz__mode[data-mode="test"]').click()
    run_test(page, right={"q-order"})
    score_box(page)
    page.goto(url(site, "mini/quiz/mistakes.html"))
    page.wait_for_selector(".cg-mistakes.cg-quiz--ready .cg-q", timeout=WAIT)
    assert page.locator(".cg-mistakes__count").inner_text() == "错题本中有 2 道题。"
    assert offline.errors == []


# ---------- completion ----------

def test_completion_flips_exactly_when_the_rule_is_met(clocked, site):
    page = clocked.new_page()
    lessons = lesson_pages(site)
    for lesson in lessons[:-1]:
        study(page, clocked, site, lesson, lesson["seconds"] + 30)
    page.goto(url(site, "mini/quiz/final.html"))
    wait_ready(page, clocked.errors)
    run_test(page, right=set(shown_qids(page)))
    assert score_box(page).locator(".cg-quiz__score-value").inner_text() == "得分：100 分"

    closing = lessons[-1]
    study(page, clocked, site, closing, closing["seconds"] - 1, active_every=10)
    open_page(clocked, site, PROGRESS, page=page)
    assert page.locator(".cg-progress__completion").inner_text() == "结业情况：未结业（还差 1 项，见下文“结业条件”）"
    assert page.locator(".cg-progress__open").inner_text() == f"✗ 学完“{closing['title']}”（还需 1 秒）"

    study(page, clocked, site, closing, 1)
    open_page(clocked, site, PROGRESS, page=page)
    assert page.locator(".cg-progress__completion").inner_text() == "结业情况：已结业"
    assert page.locator(".cg-progress__open").count() == 0
    assert notices(page) == []
    assert clocked.errors == []
