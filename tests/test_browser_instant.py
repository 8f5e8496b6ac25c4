"""Our widgets keep working with material's instant navigation (served over HTTP)."""

from __future__ import annotations

import pytest

from browser import follow_instantly, search, served_with_instant_navigation
from conftest import make_project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The mini course with navigation.instant on, served on localhost."""
    with served_with_instant_navigation(make_project(tmp_path_factory.mktemp("instant") / "project")) as address:
        yield address


def test_quiz_and_checklist_start_after_instant_navigation(chromium, served):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{served}/mini/quiz/part-a.html")
    page.locator(".cg-quiz--ready").wait_for()
    page.evaluate("window.__sameDocument = true")  # survives only if the page is not reloaded

    follow_instantly(page, page.locator(".md-sidebar--primary a.md-nav__link", has_text="二、怎样测试").last, "**/mini/quiz/part-b.html")
    page.locator(".cg-quiz--ready").wait_for()
    assert page.evaluate("window.__sameDocument") is True, "instant navigation did not happen"
    assert page.locator(".cg-quiz__app").count() == 1  # started once, not twice
    page.locator(".cg-quiz__mode[data-mode=test]").click()
    assert page.locator(".cg-card__cell").count() == 3

    follow_instantly(page, page.locator(".md-sidebar--primary a.md-nav__link", has_text="测试自查清单"), "**/mini/checklists/self-check.html")
    page.locator(".cg-checklist--ready").wait_for()
    assert page.evaluate("window.__sameDocument") is True
    page.locator(".cg-checklist__box").first.check()
    assert page.locator(".cg-checklist__count").inner_text() == "已完成 1/3"
    assert errors == []
    context.close()


def test_search_works_over_http_and_after_instant_navigation(chromium, served):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{served}/mini/concept.html")
    page.evaluate("window.__sameDocument = true")
    assert search(page, "持续集成")[0].endswith("/mini/part-b/group-one/step-two.html")
    follow_instantly(page, page.locator("#cg-search-list a").first, "**/mini/part-b/group-one/step-two.html*")
    assert page.evaluate("window.__sameDocument") is True, "instant navigation did not happen"
    page.locator("article mark.cg-search-hit").first.wait_for()  # the query is marked on the new page
    assert page.locator(".cg-search__output").is_hidden() and page.locator("[data-cg-search]").count() == 1
    assert search(page, "回归测试")[0].endswith("/mini/part-a/meaning-two.html")  # the page that defines it
    assert errors == []
    context.close()
