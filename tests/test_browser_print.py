"""Printing, in real Chromium with print emulation and real PDFs (issue 15).

A quiz page prints as a blank paper; 打印答案 adds the key on a new page; the
comprehensive test prints the N questions drawn for it, not the whole bank.
The checklist prints 符合 on one line, the course home keeps 讲话结构 with its
diagram, and the learning record's signature comes after its tables. Screen
controls never print.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import Offline

pytestmark = pytest.mark.browser

COURSE = "dangjian-ziyuan"
WAIT = 5_000
PAPER_WIDTH = 718  # CSS px inside A4's default margins: what the browser lays the page out in
RECORD_PRINT = "() => { window.__printed = []; window.print = () => window.__printed.push(" \
               "document.querySelector('.cg-quiz').classList.contains('cg-quiz--print-key')); }"


@pytest.fixture(scope="module")
def site(shared_speech_site) -> Path:
    return shared_speech_site


def open_page(offline: Offline, site: Path, path: str):
    page = offline.new_page(width=PAPER_WIDTH, height=1000)
    page.goto((site / COURSE / path).as_uri())
    page.wait_for_load_state("load")
    for widget in ("quiz", "checklist", "progress"):
        if page.locator(f".cg-{widget}").count():
            page.wait_for_selector(f".cg-{widget}.cg-{widget}--ready", state="attached", timeout=WAIT)
    return page


def shown(page, selector: str) -> int:
    """How many of these elements are rendered (not display:none anywhere up the tree)."""
    return page.locator(selector).evaluate_all("ns => ns.filter(n => n.getClientRects().length > 0).length")


def pdf_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", page.pdf(format="A4")))


def button(page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def test_quiz_page_prints_a_blank_paper_and_the_key_on_request(offline, site):
    page = open_page(offline, site, "quiz/why-integrate.html")
    page.evaluate(RECORD_PRINT)
    total = page.locator(".cg-paper__questions > li").count()
    page.emulate_media(media="print")
    assert shown(page, ".cg-paper__questions > li") == total
    assert shown(page, ".cg-paper__fields") == 1 and "姓名" in page.locator(".cg-paper__fields").inner_text()
    for hidden in (".cg-paper__key", ".cg-quiz__app", ".cg-quiz__intro", ".cg-quiz__paper-note", ".cg-textsize"):
        assert shown(page, hidden) == 0, hidden
    # choice and true/false questions have a bracket for the answer
    assert shown(page, ".cg-paper__bracket") == page.locator(".cg-paper__bracket").count() > 0

    page.emulate_media(media="screen")
    button(page, "打印答案").click()
    assert page.evaluate("() => window.__printed") == [True]
    page.emulate_media(media="print")
    assert shown(page, ".cg-paper__key li") == total
    assert page.locator(".cg-paper__key").evaluate("n => getComputedStyle(n).breakBefore") == "page"

    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")  # Ctrl+P now: blank again
    assert shown(page, ".cg-paper__key") == 0
    page.emulate_media(media="screen")
    button(page, "打印试卷").click()
    assert page.evaluate("() => window.__printed") == [True, False]
    assert offline.errors == [] and offline.blocked == []


def test_comprehensive_test_prints_the_drawn_questions_only(offline, site):
    page = open_page(offline, site, "quiz/final.html")
    drawn = page.locator(".cg-test__list .cg-q").evaluate_all("ns => ns.map(n => n.dataset.qid)")
    bank = page.locator(".cg-paper__questions > li").count()
    assert len(drawn) == 20 < bank
    page.emulate_media(media="print")
    printed = page.locator(".cg-paper__questions > li").evaluate_all(
        "ns => ns.filter(n => n.getClientRects().length).map(n => n.dataset.qid)")
    assert sorted(printed) == sorted(drawn)
    assert page.locator(".cg-paper__rules").inner_text().startswith("共 20 题")
    assert pdf_pages(page) <= 5  # the whole bank took 15 pages
    # a new test draws again, and the paper follows
    page.emulate_media(media="screen")
    page.locator('.cg-quiz__mode[data-mode="practice"]').click()
    page.locator('.cg-quiz__mode[data-mode="test"]').click()
    redrawn = page.locator(".cg-test__list .cg-q").evaluate_all("ns => ns.map(n => n.dataset.qid)")
    printed = page.locator(".cg-paper__questions > li:not([hidden])").evaluate_all("ns => ns.map(n => n.dataset.qid)")
    assert sorted(printed) == sorted(redrawn)
    assert offline.errors == []


def test_checklist_prints_each_status_on_one_line(offline, site):
    page = open_page(offline, site, "checklists/self-inspection.html")
    page.locator(".cg-checklist__box").first.check()
    page.emulate_media(media="print")
    lines = page.locator(".cg-checklist__status .cg-checklist__printed").evaluate_all("""ns => ns.map(n => {
        const height = n.getBoundingClientRect().height;
        const line = parseFloat(getComputedStyle(n).lineHeight) || parseFloat(getComputedStyle(n).fontSize) * 1.6;
        return height / line; })""")
    assert lines and max(lines) < 1.5, lines
    assert page.locator(".cg-checklist__status").first.inner_text().strip() == "☑ 符合"
    assert shown(page, ".cg-checklist__toolbar") == 0 and shown(page, ".cg-textsize") == 0
    assert shown(page, ".cg-checklist__sign") == 1
    assert offline.errors == []


def test_course_home_keeps_the_structure_heading_with_its_diagram(offline, site):
    page = open_page(offline, site, "index.html")
    page.emulate_media(media="print")
    block = page.locator(".cg-diagram-block")
    assert block.locator("h2").inner_text().startswith("讲话结构")
    assert block.locator("nav.cg-diagram").count() == 1
    assert block.evaluate("n => getComputedStyle(n).breakInside") == "avoid"
    height = block.evaluate("n => n.getBoundingClientRect().height")
    assert height < 1000, "fits on one A4 page, so it can be kept whole"
    # on paper: black outlines, no filled boxes that would print as blanks
    part = page.locator(".cg-diagram__box--part").first
    assert part.evaluate("n => getComputedStyle(n).color") == "rgb(0, 0, 0)"
    assert shown(page, ".cg-textsize") == 0
    assert offline.errors == []


def test_learning_record_prints_its_signature_after_the_tables(offline, site):
    page = open_page(offline, site, "progress.html")
    page.emulate_media(media="print")
    sign = page.locator(".cg-progress__sign")
    assert sign.is_visible()
    sign_top = sign.evaluate("n => n.getBoundingClientRect().top")
    table_bottoms = page.locator(".cg-progress table").evaluate_all(
        "ns => ns.filter(n => n.getClientRects().length).map(n => n.getBoundingClientRect().bottom)")
    assert table_bottoms and sign_top > max(table_bottoms)
    assert offline.errors == []
