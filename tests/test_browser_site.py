"""The built course site in real Chromium, opened from file:// with no network."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import SEARCH_BOX, Offline, search

pytestmark = pytest.mark.browser
COURSE = "dangjian-ziyuan"


@pytest.fixture(scope="session")
def site(shared_speech_site) -> Path:
    """The speech's course, built in a scratch copy of this project."""
    return shared_speech_site


def open_page(offline: Offline, site: Path, path: str, **size):
    page = offline.new_page(**size)
    page.goto((site / path).as_uri())
    return page


def test_home_and_course_pages_load_with_no_outside_request(offline, site):
    for path in ("index.html", f"{COURSE}/index.html", f"{COURSE}/measures/team-synergy/top-leader-responsibility.html",
                 f"{COURSE}/glossary.html", "help.html"):
        page = open_page(offline, site, path)
        page.wait_for_load_state("load")
        assert page.locator("h1").first.is_visible()
        page.close()
    assert offline.blocked == []
    assert offline.errors == []


def test_no_page_refers_to_anything_outside_the_site(site):
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for attribute in ("src=\"http", "href=\"http", "url(http", "@import"):
            assert attribute not in text.replace('href="https://git.', ""), (html, attribute)


def test_sidebar_navigates_through_the_parts(offline, site):
    page = open_page(offline, site, f"{COURSE}/index.html")
    page.get_by_role("navigation", name="导航栏").get_by_text("二、哪里还薄弱", exact=True).first.click()
    page.wait_for_url("**/weak-points/index.html")
    assert page.locator("h1").inner_text().startswith("二、")
    page.locator(".md-nav__link", has_text="（二）组织体制未理顺").first.click()
    page.wait_for_url("**/weak-points/system-not-straightened.html")
    assert "主要表现" in page.locator("article").inner_text()
    page.get_by_role("link", name="下一页").first.click()
    page.wait_for_url("**/weak-points/weak-coordination.html")
    assert offline.blocked == []


@pytest.mark.parametrize(("query", "expected"), [
    ("一岗双责", f"{COURSE}/measures/team-synergy/top-leader-responsibility.html"),
    ("党建带工建", f"{COURSE}/measures/position-resources-integration/mass-organizations-leadership.html"),
    ("三位一体", f"{COURSE}/measures/organizational-strength/trinity-mechanism.html"),
    ("光杆舞", f"{COURSE}/weak-points/weak-coordination.html"),
])
def test_chinese_search_finds_the_page_that_explains_a_term(offline, site, query, expected):
    page = open_page(offline, site, f"{COURSE}/index.html")
    assert page.locator(SEARCH_BOX).is_visible()
    results = search(page, query)
    assert results and results[0] == expected, results
    assert offline.blocked == []


def test_catalog_leads_to_the_course_and_the_logo_leads_back(offline, site):
    page = open_page(offline, site, "index.html")
    page.get_by_role("link", name="开始学习").first.click()
    page.wait_for_url(f"**/{COURSE}/index.html")
    page.locator("a.md-logo").first.click()
    page.wait_for_url("**/site/index.html")
    assert page.locator("h1").inner_text().startswith("课程目录")
    assert offline.blocked == []


def test_search_result_opens_the_page(offline, site):
    page = open_page(offline, site, f"{COURSE}/index.html")
    search(page, "党建带工建")
    page.locator("#cg-search-list a").first.click()
    page.wait_for_url("**/mass-organizations-leadership.html*")
    assert "群团" in page.locator("h1").inner_text()


def test_structure_diagram_renders_and_links(offline, site):
    page = open_page(offline, site, f"{COURSE}/index.html")
    diagram = page.locator("nav.cg-diagram")
    box = diagram.bounding_box()
    assert box and box["width"] > 600 and box["height"] > 400
    labels = [t.strip() for t in diagram.locator("a").all_inner_texts()]
    assert len(labels) == 1 + 3 + (5 + 3 + 3) + 8 + 1  # the home page itself is a box, not a link
    assert "（二）组织体制未理顺" in labels and "8. 领导群团工作" in labels
    # the three parts stand side by side on a wide screen
    tops = {round(b["y"]) for b in diagram.locator("a.cg-diagram__box--part").evaluate_all(
        "ns => ns.map(n => n.getBoundingClientRect())")}
    assert len(tops) == 1
    fill = page.evaluate("() => getComputedStyle(document.querySelector('.cg-diagram__box--part')).backgroundColor")
    assert fill not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")  # styled by our CSS, not a bare default
    diagram.locator("a", has_text="5. 三位一体机制").click()
    page.wait_for_url("**/trinity-mechanism.html")
    assert offline.blocked == []


def test_phone_width_has_no_sideways_scrolling_page(offline, site):
    page = open_page(offline, site, f"{COURSE}/index.html", width=375, height=740)
    page_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert page_width <= 375
    # the diagram reflows: one column, every box inside the screen
    diagram = page.locator("nav.cg-diagram")
    assert diagram.evaluate("n => n.scrollWidth <= n.clientWidth")
    parts = diagram.locator("a.cg-diagram__box--part").evaluate_all(
        "ns => ns.map(n => n.getBoundingClientRect()).map(r => [r.left, r.right, r.top])")
    assert all(0 <= left and right <= 375 for left, right, _ in parts)
    assert sorted(top for *_, top in parts) == [top for *_, top in parts] and len({top for *_, top in parts}) == 3
