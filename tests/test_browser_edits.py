"""A trainer's course, changed and rebuilt: the pass mark met exactly, real edits, an awkward id.

A copy of the mini fixture whose course id is ``constructor`` (a property of
every JavaScript object) and whose part quizzes pass at 50 %, so one of two
questions right is exactly the pass mark. The edit test rewords a question
and a checklist item in the YAML and rebuilds, as a trainer would.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser import file_only_context, page_without_storage
from conftest import FIXTURES, REPO
from generator import api
from test_browser_progress import box, count_text, notices, open_page, reload, section_rows
from test_browser_quiz import answer, bank, button, choice, practise, question, run_test, score_box, stored, wait_ready

pytestmark = pytest.mark.browser

COURSE = "constructor"
KEY = f"coursegen:v1:{COURSE}"
WAIT = 5_000
def make_variant(target: Path) -> Path:
    """The mini course as course ``constructor`` with a part pass mark of 50."""
    shutil.copytree(FIXTURES / "mini" / "content" / "mini", target / "content" / COURSE)
    course = target / "content" / COURSE / "course.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("id: mini", f"id: {COURSE}", 1), encoding="utf-8")
    (target / "quizzes").mkdir()
    bank = (FIXTURES / "mini" / "quizzes" / "mini.yml").read_text(encoding="utf-8")
    bank = bank.replace("course: mini", f"course: {COURSE}", 1).replace("pass_mark: 60", "pass_mark: 50", 1)
    (target / "quizzes" / f"{COURSE}.yml").write_text(bank, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs", ignore=shutil.ignore_patterns("generated"))
    return target


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_variant(tmp_path_factory.mktemp("edits") / "project")
    api.build(root)
    return root


def url(project: Path, path: str) -> str:
    return (project / "site" / COURSE / path).as_uri()


def open_quiz(state, project: Path, name: str):
    page = state.new_page()
    page.goto(url(project, f"quiz/{name}.html"))
    wait_ready(page, state.errors)
    return page


def test_a_score_exactly_at_the_pass_mark_passes(offline, project):
    page = open_quiz(offline, project, "part-a")
    page.locator('.cg-quiz__mode[data-mode="test"]').click()
    assert "50 分及格" in page.locator(".cg-quiz__progress").inner_text()
    run_test(page, right={"q-single"})
    box_ = score_box(page)
    assert box_.locator(".cg-quiz__score-value").inner_text() == "得分：50 分"
    assert "及格（及格分 50）" in box_.inner_text() and "未及格" not in box_.inner_text()

    page.goto(url(project, "quiz/index.html"))
    page.wait_for_function("() => document.querySelector('.cg-quiz-best[data-quiz=\"part-a\"]').textContent !== '—'",
                           timeout=WAIT)
    assert page.locator('.cg-quiz-best[data-quiz="part-a"]').inner_text() == "50 分（已及格）"
    page.goto(url(project, "progress.html"))
    page.wait_for_selector(".cg-progress--ready", timeout=WAIT)
    rows = {cells[0]: cells[1:3] for cells in section_rows(page, "测验成绩")}
    assert rows["自测：一、为什么测试"] == ["50 分", "及格（及格分 50）"]
    assert offline.errors == [] and offline.blocked == []


def test_a_course_named_constructor_works_without_storage(chromium, project):
    with file_only_context(chromium) as state:
        page, _ = page_without_storage(state)
        page.goto(url(project, "quiz/part-a.html"))
        wait_ready(page, state.errors)
        answer(page, bank(page)["q-single"], right=True)
        button(page, "提交答案").click()
        assert page.locator(".cg-q__feedback--right").is_visible()
        assert "不允许保存" in page.locator(".cg-quiz__notice").inner_text()
        page.locator('.cg-quiz__mode[data-mode="test"]').click()
        run_test(page, right={"q-single", "q-multiple"})
        assert score_box(page).locator(".cg-quiz__score-value").inner_text() == "得分：100 分"
        assert page.locator(".cg-quiz__best").inner_text() == "最高分：100 分"
        assert state.errors == []


def test_real_edits_of_a_question_and_an_item_void_only_their_old_answers(offline, project):
    quiz = open_quiz(offline, project, "part-a")
    practise(quiz, [("q-single", True), ("q-multiple", True)])
    checklist = open_page(offline, project / "site", f"{COURSE}/checklists/self-check.html")
    box(checklist, "chk-tests-exist").check()
    box(checklist, "chk-tests-run").check()

    # the trainer rewords one question and one checklist item, and rebuilds
    bank_file = project / "quizzes" / f"{COURSE}.yml"
    bank_file.write_text(bank_file.read_text(encoding="utf-8").replace(
        "stem: 测试最大的好处是什么？", "stem: 测试最重要的好处是什么？"), encoding="utf-8")
    lists = project / "content" / COURSE / "checklists.yml"
    lists.write_text(lists.read_text(encoding="utf-8").replace(
        "text: 每个功能都有测试吗？", "text: 每个功能都有自动化测试吗？"), encoding="utf-8")
    api.build(project)

    reload(checklist, offline)
    assert not box(checklist, "chk-tests-exist").is_checked()  # the reworded item starts again
    assert box(checklist, "chk-tests-run").is_checked()
    assert count_text(checklist) == "已完成 1/3"

    quiz.reload()
    wait_ready(quiz, offline.errors)
    button(quiz, "上一题").click()  # practice resumes at the question it was on (the second)
    assert bank(quiz)["q-single"]["stem"] == "测试最重要的好处是什么？"
    assert quiz.locator(".cg-q__feedback").count() == 0  # the old answer is void
    assert question(quiz, "q-single").locator("input:checked").count() == 0
    assert "已答对 1 题" in quiz.locator(".cg-quiz__progress").inner_text()
    assert quiz.locator(".cg-quiz__practice").inner_text() == "已练 1/2 · 正确率 100%"
    button(quiz, "下一题").click()
    multiple = bank(quiz)["q-multiple"]
    assert quiz.locator(".cg-q__feedback--right").is_visible()  # the unchanged one is kept
    assert all(choice(question(quiz, "q-multiple"), multiple["options"][i]).is_checked() for i in multiple["answer"])

    progress = open_page(offline, project / "site", f"{COURSE}/progress.html")
    assert notices(progress) == ["有 1 项清单勾选因内容已修改或删除而未计入。"]
    assert {c[0]: c[1] for c in section_rows(progress, "检查清单")}["测试自查清单"] == "已完成 1/3"
    assert stored(quiz, KEY)["questions"]["q-multiple"]["ok"] is True
    assert offline.errors == [] and offline.blocked == []
