"""The offline zip, unpacked into a folder and opened from file:// with no network."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from browser import search
from conftest import REPO, make_speech_project
from generator import api
from generator.walk import part_of_topics

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory) -> Path:
    root = make_speech_project(tmp_path_factory.mktemp("pack") / "project")
    package = api.pack(root)
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(package.path) as archive:
        archive.extractall(target)
    return target / "dangjian-ziyuan-1.0"


def test_unpacked_course_works_offline_end_to_end(offline, unpacked):
    course = api.validate(REPO)[0]
    part_of = part_of_topics(course.parts)
    part_one = [q for q in course.bank.questions if part_of.get(q.section) == "why-integrate"]
    self_inspection = next(c for c in course.checklists if c.id == "self-inspection")
    page = offline.new_page(width=1280, height=900)
    missing: list[str] = []  # the zip holds only what pages load: nothing they load may be left out
    page.on("requestfailed", lambda request: missing.append(request.url) if request.url.startswith("file:") else None)
    page.goto((unpacked / "index.html").as_uri())

    # the structure diagram is drawn and links into the course
    assert page.locator(".cg-diagram a").count() == 24  # every page but the home page it is on
    page.locator(".cg-diagram a", has_text="（二）组织体制未理顺").click()
    page.wait_for_url("**/weak-points/system-not-straightened.html")

    # the sidebar navigates
    page.locator(".md-nav__link", has_text="（三）党政工团联动不足").first.click()
    page.wait_for_url("**/weak-points/weak-coordination.html")

    # Chinese search finds the page that explains a term; no catalog around the package
    results = search(page, "一岗双责")
    assert results[0].endswith("/measures/team-synergy/top-leader-responsibility.html")
    assert page.locator("button.cg-search__scope").is_hidden()
    page.keyboard.press("Escape")

    # a quiz: the widget starts, and test mode shows an answer card for every question of part one
    page.goto((unpacked / "quiz" / "why-integrate.html").as_uri())
    page.locator(".cg-quiz--ready").wait_for()
    page.locator(".cg-quiz__mode[data-mode=test]").click()
    assert page.locator(".cg-card__cell").count() == len(part_one)

    # a checklist: tick, reload, still ticked
    page.goto((unpacked / "checklists" / "self-inspection.html").as_uri())
    page.locator(".cg-checklist__box").first.check()
    page.reload()
    assert page.locator(".cg-checklist__box").first.is_checked()
    assert page.locator(".cg-checklist__count").inner_text() == f"已完成 1/{len(self_inspection.items)}"

    # the 使用说明 page is in the package
    page.goto((unpacked / "help.html").as_uri())
    assert "index.html" in page.locator("article").inner_text()

    assert offline.blocked == []
    assert offline.errors == []
    assert missing == []
