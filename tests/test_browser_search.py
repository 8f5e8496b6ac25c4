"""Our search in real Chromium, from file://: parts of terms, ranking, the whole catalog, input, phones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from browser import SEARCH_BOX, SEARCH_DONE, Offline, search
from conftest import FIXTURES, make_speech_project
from generator import api
from generator.search_index import CALLBACK, WORD_BREAK

pytestmark = pytest.mark.browser
COURSE = "dangjian-ziyuan"
TOP_LEADER = f"{COURSE}/measures/team-synergy/top-leader-responsibility.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory, engine) -> Path:
    """A catalog of two courses, the speech's and the mini test course, built with each engine."""
    root = make_speech_project(tmp_path_factory.mktemp("search") / "project")
    shutil.copytree(FIXTURES / "mini" / "content" / "mini", root / "content" / "mini")
    shutil.copy(FIXTURES / "mini" / "quizzes" / "mini.yml", root / "quizzes" / "mini.yml")
    return api.build(root, engine=engine).site_dir


def page_texts(site: Path, course: str) -> dict[str, str]:
    """Each page's searchable text from the course's index, by its path below site/."""
    text = (site / course / "search" / "index.js").read_text(encoding="utf-8")
    data = json.loads(text[len(CALLBACK) + 1:-3])
    return {f"{course}/{p['u']}": (p["t"] + " " + p.get("l", "") + " " + " ".join(s[1] + " " + s[2] for s in p["s"]))
            .replace(WORD_BREAK, "") for p in data["pages"]}


def open_page(offline: Offline, site: Path, path: str, **size):
    page = offline.new_page(**size)
    page.goto((site / path).as_uri())
    return page


@pytest.mark.parametrize(("query", "expected"), [
    ("双责", TOP_LEADER),  # parts of terms found nothing with material's search
    ("带工建", f"{COURSE}/measures/position-resources-integration/mass-organizations-leadership.html"),
    ("联建", f"{COURSE}/measures/organizational-strength/joint-organization-building.html"),
    ("集约化", f"{COURSE}/party-building-resources.html"),
    ("什么是党建资源", f"{COURSE}/party-building-resources.html"),
    ("如何落实一岗双责", TOP_LEADER),
])
def test_parts_of_terms_and_questions_find_the_page_that_explains_them(offline, site, query, expected):
    page = open_page(offline, site, f"{COURSE}/index.html")
    assert search(page, query)[0] == expected
    assert offline.blocked == [] and offline.errors == []


def test_lessons_rank_above_the_glossary_checklists_and_quizzes(offline, site):
    page = open_page(offline, site, f"{COURSE}/index.html")
    results = search(page, "一岗双责")
    assert results[0] == TOP_LEADER  # the page that defines the term
    assert len(results) == len(set(results))  # no duplicates
    kinds = [("quiz" if "/quiz/" in r else "checklist" if "/checklists/" in r else "glossary" if "glossary" in r
              else "trainer and help" if r.endswith(("help.html", "lesson-plan.html", "progress.html")) else "lesson")
             for r in results]
    order = ["lesson", "glossary", "checklist", "quiz", "trainer and help"]
    assert kinds == sorted(kinds, key=order.index), list(zip(results, kinds))
    assert "measures/index.html" in " ".join(results[:3])  # the part page before the quizzes


def test_a_page_without_the_whole_query_never_outranks_one_with_it(offline, site):
    page = open_page(offline, site, f"{COURSE}/index.html")
    results = search(page, "一岗双责 考核")
    texts = page_texts(site, COURSE)
    holds = [("一岗双责" in texts[r] and "考核" in texts[r]) for r in results]
    assert holds[0] and False in holds  # some pages hold both, others one
    assert holds == sorted(holds, reverse=True), list(zip(results, holds))


def test_results_show_no_answers_no_markup_and_mark_the_query(offline, site):
    page = open_page(offline, site, f"{COURSE}/index.html")
    assert search(page, "答案")  # the quiz pages' own words are found...
    shown = page.locator("#cg-search-list").inner_text()
    assert "答案：" not in shown and "{#" not in shown and "**" not in shown  # ...their answer key is not
    search(page, "三位一体")
    first = page.locator("#cg-search-list a").first
    assert first.locator("mark").first.inner_text() == "三位一体"
    first.click()  # the page opens at the section, with the query marked
    page.wait_for_url("**/trinity-mechanism.html*")
    assert page.locator("article mark.cg-search-hit").first.inner_text() == "三位一体"
    assert offline.blocked == [] and offline.errors == []


def test_the_catalog_home_searches_every_course(offline, site):
    page = open_page(offline, site, "index.html")
    assert search(page, "一岗双责")[0] == TOP_LEADER
    assert "全部 2 门课程" in page.locator(".cg-search__meta").inner_text()
    assert search(page, "回归测试")[0] == "mini/part-a/meaning-two.html"  # the mini course's term
    helps = [r for r in search(page, "使用说明") if r.endswith("help.html")]
    assert helps == ["help.html"]  # a page every course shares is listed once
    assert offline.blocked == [] and offline.errors == []


def test_a_course_searches_all_courses_only_when_asked(offline, site):
    page = open_page(offline, site, f"{COURSE}/index.html")
    assert search(page, "回归测试") == []  # a term of the other course
    assert "本课程中没有找到" in page.locator(".cg-search__meta").inner_text()
    loaded = page.evaluate("() => [...document.scripts].map(s => s.src).filter(s => s.includes('search/index.js'))")
    assert not any("/mini/" in src for src in loaded)  # the other course's index is not loaded yet
    page.get_by_role("button", name="在全部课程中搜索").click()
    page.wait_for_function("() => document.querySelector('#cg-search-list a')")
    results = page.eval_on_selector_all("#cg-search-list a", "links => links.map(a => a.href)")
    assert "/mini/part-a/meaning-two.html" in results[0]
    assert "测试课程" in page.locator("#cg-search-list a").first.inner_text()  # which course it is in
    assert page.locator(SEARCH_BOX).get_attribute("aria-label") == "搜索全部课程"
    assert offline.blocked == [] and offline.errors == []


def test_pasting_and_an_input_method_search_with_no_further_key(offline, site):
    page = open_page(offline, site, f"{COURSE}/index.html")
    page.locator(SEARCH_BOX).focus()
    page.keyboard.insert_text("党建带工建")  # a paste from the menu or voice input: one input event, no keys
    page.wait_for_function(SEARCH_DONE)
    assert "mass-organizations-leadership" in page.locator("#cg-search-list a").first.get_attribute("href")

    page.locator(SEARCH_BOX).fill("")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "yigang", "selectionStart": 6, "selectionEnd": 6})
    assert page.locator(".cg-search__output").is_hidden()  # pinyin being composed is not searched
    cdp.send("Input.insertText", {"text": "一岗双责"})  # the input method commits the words
    page.wait_for_function(SEARCH_DONE)
    assert "top-leader-responsibility" in page.locator("#cg-search-list a").first.get_attribute("href")

    page.evaluate("""() => { const t = document.createElement('textarea'); t.id = 'clip';
                             t.value = '光杆舞'; document.body.append(t); }""")
    page.locator("#clip").focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Control+C")
    page.locator(SEARCH_BOX).fill("")
    page.locator(SEARCH_BOX).focus()
    page.keyboard.press("Control+V")
    page.wait_for_function("() => /weak-coordination/.test(document.querySelector('#cg-search-list a')?.href)")
    assert offline.errors == []


def test_keyboard_only_search_with_combobox_and_listbox(offline, site):
    page = open_page(offline, site, f"{COURSE}/weak-points/index.html")
    page.keyboard.press("/")  # the shortcut puts the focus in the field
    box = page.locator(SEARCH_BOX)
    assert page.evaluate("() => document.activeElement.matches('input.cg-search__input')")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    page.keyboard.type("三位一体")
    page.wait_for_function(SEARCH_DONE)
    assert box.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("listbox", name="搜索结果").get_by_role("option").count() > 3
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = page.locator("#cg-search-list a").nth(1)
    assert second.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    target = second.get_attribute("href").split("?")[0]
    page.keyboard.press("Enter")
    page.wait_for_url(target + "*")
    page.keyboard.press("/")
    page.keyboard.type("光杆舞")
    page.wait_for_function(SEARCH_DONE)
    page.keyboard.press("Escape")  # closes the results, then clears the field
    assert page.locator(".cg-search__output").is_hidden() and box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Escape")
    assert box.input_value() == ""
    assert offline.blocked == [] and offline.errors == []


def test_phone_width_results_are_readable_and_tappable(offline, site):
    page = open_page(offline, site, f"{COURSE}/index.html", width=375, height=740)
    assert page.locator(SEARCH_BOX).is_hidden()
    toggle = page.get_by_role("button", name="搜索", exact=True)
    box = toggle.bounding_box()
    assert box["width"] >= 40 and box["height"] >= 40
    results = search(page, "一岗双责")
    assert results[0] == TOP_LEADER
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    for link in page.locator("#cg-search-list a").all()[:5]:
        area = link.bounding_box()
        assert area["x"] >= 0 and area["x"] + area["width"] <= 375 and area["height"] >= 44
        sizes = link.evaluate("""a => [...a.querySelectorAll('span')].map(s => parseFloat(getComputedStyle(s).fontSize))""")
        assert min(sizes) >= 12.8 and max(sizes) >= 16  # snippet and title
    page.locator("#cg-search-list a").first.click()
    page.wait_for_url("**/top-leader-responsibility.html*")
    assert page.locator(".cg-search__panel").is_hidden()  # the full-screen panel is gone on the new page
    assert offline.blocked == [] and offline.errors == []
