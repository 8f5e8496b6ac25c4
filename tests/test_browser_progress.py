"""Checklists and learning progress in real Chromium: the mini course opened from file://.

Pages of the mini fixture (tests/fixtures/mini) used here:
  mini/checklists/self-check.html     自查清单, 3 items (chk-tests-exist, chk-tests-run, chk-hostile)
  mini/checklists/action-basics.html  落实清单, 2 items (act-write-cases, act-automate)
  mini/progress.html                  the learner's record: pages, 学时, quizzes, checklists
  mini/concept.html, mini/part-a/...  learnable pages (their visit is recorded)
  mini/glossary.html                  a course page that is not itself learnable
The whole record lives in localStorage under KEY, one context (= one browser profile) per test.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from browser import Offline, file_only_context, page_without_storage
from conftest import make_project
from generator import api

pytestmark = pytest.mark.browser

KEY = "coursegen:v1:mini"
SELF_CHECK = "mini/checklists/self-check.html"
ACTION = "mini/checklists/action-basics.html"
PROGRESS = "mini/progress.html"
HOSTILE_ITEM = "<script>alert(1)</script> 这类文字原样显示吗？"
CORRUPT_NOTICE = "原有的学习记录无法读取"
UNAVAILABLE_NOTICE = "此浏览器不允许保存学习记录"
WAIT = 5_000  # ms; an upper bound for a condition, never a fixed sleep


@pytest.fixture(scope="session")
def site(tmp_path_factory, engine) -> Path:
    """The mini fixture course, built once with each engine."""
    root = make_project(tmp_path_factory.mktemp("progress") / "project")
    return api.build(root, engine=engine).site_dir


# ---------- contexts and pages ----------



def url(site: Path, path: str) -> str:
    return (site / path).as_uri()


def wait_widget(page, offline: Offline, selector: str) -> None:
    """Wait for a widget to finish starting; if it never does, say why."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_selector(selector, state="attached", timeout=WAIT)
    except PlaywrightTimeout:
        raise AssertionError(f"{selector} never appeared; page errors: {offline.errors}") from None


def ready(page, offline: Offline) -> None:
    """Wait for whichever widget the page holds (checklist or progress)."""
    if page.locator(".cg-checklist").count():
        wait_widget(page, offline, ".cg-checklist.cg-checklist--ready")
    if page.locator(".cg-progress").count():
        wait_widget(page, offline, ".cg-progress.cg-progress--ready")


def open_page(offline: Offline, site: Path, path: str, page=None, **size):
    """Open `path` (in `page` if given, else a new tab) and wait for its widgets."""
    page = page or offline.new_page(**size)
    page.goto(url(site, path))
    ready(page, offline)
    return page


def reload(page, offline: Offline) -> None:
    page.reload()
    ready(page, offline)


def visit(page, offline: Offline, site: Path, path: str, page_id: str) -> None:
    """Open a lesson page and wait until its visit is in storage."""
    page.goto(url(site, path))
    page.wait_for_function("([k, id]) => !!(JSON.parse(localStorage.getItem(k) || '{}').pages || {})[id]",
                           arg=[KEY, page_id], timeout=WAIT)


def assert_clean(offline: Offline) -> None:
    assert offline.blocked == []
    assert offline.errors == []


# ---------- storage ----------

def raw(page, key: str = KEY) -> str | None:
    return page.evaluate("k => localStorage.getItem(k)", key)


def stored(page, key: str = KEY) -> dict | None:
    text = raw(page, key)
    return None if text is None else json.loads(text)


def put_raw(page, text: str, key: str = KEY) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, text])


def put(page, record: dict) -> None:
    put_raw(page, json.dumps({"v": 1, "questions": {}, "quizzes": {}, **record}, ensure_ascii=False))


def fix_the_day(context) -> None:
    """Keep the browser's date at noon: a box ticked just before midnight and read just after would differ."""
    context.clock.set_fixed_time(datetime(2024, 6, 14, 12, 0))


def browser_today(page) -> str:
    return page.evaluate("""() => { const d = new Date(), p = n => String(n).padStart(2, '0');
                                    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()); }""")


def inline_json(page, selector: str) -> dict:
    return json.loads(page.locator(selector).text_content())[0]  # widget data is a one-element array


# ---------- checklist helpers ----------

def row(page, item: str):
    return page.locator(f'tr.cg-checklist__row[data-item="{item}"]')


def box(page, item: str):
    return row(page, item).locator("input.cg-checklist__box")


def note(page, item: str):
    return row(page, item).locator("textarea.cg-checklist__input")


def count_text(page) -> str:
    return page.locator(".cg-checklist__count").inner_text().strip()


def button(page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def fill_note(page, item: str, text: str) -> None:
    """Type a note key by key, as a learner does (every keystroke is an input event)."""
    field = note(page, item)
    field.click()
    field.press_sequentially(text)


# ---------- progress helpers ----------

def section_rows(page, heading: str) -> list[list[str]]:
    """The body rows (cell texts) of the table that follows the <h2> `heading` on the progress page."""
    table = page.locator(f'xpath=//h2[normalize-space()="{heading}"]/following-sibling::table[1]')
    return table.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells, c => c.innerText.trim()))")


def notices(page) -> list[str]:
    return [t.strip() for t in page.locator(".cg-progress__notice").all_inner_texts()]


def hours_text(seconds: int) -> str:
    """学时 as the README states the rule: counted seconds / 1800, one decimal, never rounded up."""
    return f"{seconds * 10 // 1800 / 10:g}"


def learned(page, page_ids: list[str]) -> dict:
    """Store a record in which these lesson pages have reached their estimated study time."""
    seconds = {p["id"]: p["seconds"] for p in marker_data(page)["pages"]}
    return {"pages": {i: {"t": 1_700_000_000_000, "s": seconds[i], "d": 1_700_000_000_000} for i in page_ids}}


def marker_data(page) -> dict:
    return inline_json(page, ".cg-page script")


def progress_summary(page) -> tuple[str, str]:
    return (page.locator(".cg-progress__pages").inner_text().strip(),
            page.locator(".cg-progress__hours").inner_text().strip())


# ======================================================================
# Checklists
# ======================================================================

def test_tick_and_note_survive_a_reload(offline, site):
    fix_the_day(offline.context)
    page = open_page(offline, site, SELF_CHECK)
    box(page, "chk-tests-exist").check()
    fill_note(page, "chk-tests-exist", "已补齐单元测试")
    today = browser_today(page)

    reload(page, offline)
    assert box(page, "chk-tests-exist").is_checked()
    assert note(page, "chk-tests-exist").input_value() == "已补齐单元测试"
    date = row(page, "chk-tests-exist").locator(".cg-checklist__date").inner_text().strip()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) and date == today
    assert count_text(page) == "已完成 1/3"
    # the ticked row looks done; the others do not
    assert "cg-checklist__row--done" in row(page, "chk-tests-exist").get_attribute("class")
    assert "cg-checklist__row--done" not in row(page, "chk-tests-run").get_attribute("class")
    background = "el => getComputedStyle(el).backgroundColor"
    assert row(page, "chk-tests-exist").evaluate(background) != row(page, "chk-tests-run").evaluate(background)
    assert not box(page, "chk-tests-run").is_checked()
    assert row(page, "chk-tests-run").locator(".cg-checklist__date").inner_text().strip() == ""
    # the hostile item text is shown literally, never run
    assert HOSTILE_ITEM in row(page, "chk-hostile").inner_text()
    saved = stored(page)["checklists"]["chk-tests-exist"]
    assert saved["done"] is True and saved["note"] == "已补齐单元测试" and saved["t"] == today
    assert saved["c"] == "self-check"
    assert_clean(offline)


def test_count_follows_each_tick_and_is_the_live_region(offline, site):
    page = open_page(offline, site, SELF_CHECK)
    checklist = page.locator(".cg-checklist")
    live = checklist.locator("[aria-live]")
    assert live.count() == 1
    assert live.evaluate("el => el.classList.contains('cg-checklist__count')")
    assert live.get_attribute("aria-live") == "polite"
    assert count_text(page) == "已完成 0/3"
    steps = [("chk-tests-exist", True, 1), ("chk-hostile", True, 2), ("chk-tests-run", True, 3),
             ("chk-tests-exist", False, 2), ("chk-hostile", False, 1)]
    for item, tick, expected in steps:
        # click the label text as a learner would
        row(page, item).locator("label.cg-checklist__tick").click()
        assert box(page, item).is_checked() is tick
        assert count_text(page) == f"已完成 {expected}/3"
    assert_clean(offline)


def test_reset_asks_first_and_clears_only_this_checklist(offline, site):
    page = open_page(offline, site, ACTION)
    box(page, "act-write-cases").check()
    open_page(offline, site, SELF_CHECK, page=page)
    box(page, "chk-tests-exist").check()
    fill_note(page, "chk-tests-run", "下季度配置")
    before = stored(page)

    confirm = page.locator(".cg-checklist__confirm")
    assert confirm.is_hidden()
    button(page, "清空重填").click()
    assert confirm.is_visible()
    assert "清空" in confirm.inner_text()
    button(page, "取消").click()
    assert confirm.is_hidden()
    assert box(page, "chk-tests-exist").is_checked()
    assert note(page, "chk-tests-run").input_value() == "下季度配置"
    assert count_text(page) == "已完成 1/3"
    assert stored(page) == before

    button(page, "清空重填").click()
    button(page, "确定清空").click()
    assert confirm.is_hidden()
    for item in ("chk-tests-exist", "chk-tests-run", "chk-hostile"):
        assert not box(page, item).is_checked()
        assert note(page, item).input_value() == ""
    assert count_text(page) == "已完成 0/3"
    assert set(stored(page)["checklists"]) == {"act-write-cases"}

    reload(page, offline)
    assert not box(page, "chk-tests-exist").is_checked()
    assert note(page, "chk-tests-run").input_value() == ""
    assert count_text(page) == "已完成 0/3"
    open_page(offline, site, ACTION, page=page)
    assert box(page, "act-write-cases").is_checked()
    assert count_text(page) == "已完成 1/2"
    assert_clean(offline)


def test_corrupt_storage_is_kept_aside_and_pages_still_work(offline, site):
    page = open_page(offline, site, SELF_CHECK)
    put_raw(page, "{oops")
    reload(page, offline)
    notice = page.locator(".cg-checklist__notice")
    assert notice.is_visible() and CORRUPT_NOTICE in notice.inner_text()
    assert count_text(page) == "已完成 0/3"
    box(page, "chk-tests-run").check()
    assert count_text(page) == "已完成 1/3"
    assert stored(page)["checklists"]["chk-tests-run"]["done"] is True
    assert raw(page, KEY + ":unreadable") == "{oops"

    put_raw(page, "{oops")
    open_page(offline, site, PROGRESS, page=page)
    assert any(CORRUPT_NOTICE in text for text in notices(page))
    assert page.locator(".cg-progress__pages").inner_text().startswith("已学页面：0 / ")
    assert page.locator("#cg-learner-name").is_visible()
    assert raw(page, KEY + ":unreadable") == "{oops"
    assert_clean(offline)


def test_without_storage_checklist_still_works_and_says_so(chromium, site):
    with file_only_context(chromium) as state:
        page, theme_errors = page_without_storage(state)
        open_page(state, site, SELF_CHECK, page=page)
        box(page, "chk-tests-exist").check()
        fill_note(page, "chk-tests-exist", "仅本次")
        assert box(page, "chk-tests-exist").is_checked()
        assert count_text(page) == "已完成 1/3"
        notice = page.locator(".cg-checklist__notice")
        assert notice.is_visible() and UNAVAILABLE_NOTICE in notice.inner_text()

        open_page(state, site, PROGRESS, page=page)
        assert any(UNAVAILABLE_NOTICE in text for text in notices(page))
        assert state.blocked == []
        assert state.errors == []
        assert all(e.startswith("storage is disabled") for e in theme_errors), theme_errors


# ---------- CSV export and print ----------

def test_csv_export_is_excel_friendly_and_safe(chromium, site, tmp_path):
    with file_only_context(chromium, accept_downloads=True) as state:
        fix_the_day(state.context)
        page = open_page(state, site, SELF_CHECK)
        box(page, "chk-tests-exist").check()
        fill_note(page, "chk-tests-exist", "=1+1 已整改")
        box(page, "chk-hostile").check()
        fill_note(page, "chk-hostile", '含逗号,和"引号"')
        today = browser_today(page)

        with page.expect_download(timeout=WAIT) as info:
            button(page, "导出 CSV").click()
        download = info.value
        assert download.suggested_filename == "mini-self-check.csv"
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        data = target.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert rows[0] == ["序号", "内容", "情况", "整改措施 / 备注", "日期", "出处"]
        assert len(rows) == 1 + 3
        assert rows[1] == ["1", "每个功能都有测试吗？", "符合", "'=1+1 已整改", today, "（一）发现问题"]
        assert rows[2][:2] == ["2", "测试每次提交都运行吗？"]
        assert rows[2][2] not in ("", "符合") and rows[2][3:5] == ["", ""]
        assert rows[3] == ["3", HOSTILE_ITEM, "符合", '含逗号,和"引号"', today, "（二）积累信心"]
        assert state.blocked == []
        assert state.errors == []


def test_print_shows_the_filled_table_as_paper(offline, site):
    page = open_page(offline, site, SELF_CHECK)
    box(page, "chk-tests-exist").check()
    fill_note(page, "chk-tests-exist", "已补齐单元测试")
    page.emulate_media(media="print")

    assert page.locator(".cg-checklist__table").is_visible()
    assert row(page, "chk-tests-exist").locator(".cg-checklist__status").inner_text().strip() == "☑ 符合"
    assert row(page, "chk-tests-run").locator(".cg-checklist__status").inner_text().strip() == "☐ 符合"
    assert row(page, "chk-tests-exist").locator(".cg-checklist__note").inner_text().strip() == "已补齐单元测试"
    for hidden in (".cg-checklist__toolbar", "textarea.cg-checklist__input", "label.cg-checklist__tick",
                   ".cg-checklist__notice"):
        locator = page.locator(hidden)
        assert all(not locator.nth(i).is_visible() for i in range(locator.count())), hidden
    for name in ("打印自查表", "导出 CSV", "清空重填"):
        assert button(page, name).is_hidden()
    assert page.locator(".cg-checklist__sign").is_visible()
    assert "检查人" in page.locator(".cg-checklist__sign").inner_text()

    page.emulate_media(media="screen")
    assert page.locator(".cg-checklist__sign").is_hidden()
    assert button(page, "导出 CSV").is_visible()
    assert_clean(offline)


def test_without_javascript_the_paper_table_is_shown(chromium, site):
    with file_only_context(chromium, java_script_enabled=False) as state:
        page = state.new_page()
        page.goto(url(site, SELF_CHECK))
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            assert page.locator(".cg-checklist__table").is_visible()
            assert page.locator(".cg-checklist--ready").count() == 0
            statuses = page.locator(".cg-checklist__status").all_inner_texts()
            assert [s.strip() for s in statuses] == ["□ 是　□ 否"] * 3
            assert page.locator(".cg-checklist__box, .cg-checklist__toolbar").count() == 0
            assert page.locator(".cg-checklist__sign").is_visible(), media
        assert state.blocked == []


# ======================================================================
# Progress
# ======================================================================

VISITS = [("mini/concept.html", "concept"), ("mini/part-a/index.html", "part-a"),
          ("mini/part-a/meaning-one.html", "meaning-one")]


def test_progress_counts_learned_pages_and_ticks_the_navigation(offline, site):
    page = open_page(offline, site, PROGRESS)
    seen = [page_id for _, page_id in VISITS]
    record = learned(page, seen)
    record["pages"]["part-b"] = {"t": 1_700_000_000_000, "s": 30}  # opened, studied for half a minute
    put(page, record)
    reload(page, offline)
    data = inline_json(page, ".cg-progress__data")
    pages = {p["id"]: p for p in data["pages"]}
    counted = sum(pages[i]["seconds"] for i in seen) + 30

    assert progress_summary(page) == (f"已学页面：3 / {len(data['pages'])}",
                                      f"已完成学时：约 {hours_text(counted)} 学时 / 共 {data['hours']:g} 学时")
    rows = {cells[0]: cells for cells in section_rows(page, "学习内容")}
    assert len(rows) == len(data["pages"])
    for page_id, entry in pages.items():
        status = rows[entry["title"]][3]
        expected = "✓ 已学" if page_id in seen else "学习中" if page_id == "part-b" else "未学"
        assert status.startswith(expected), (page_id, status)
    assert rows[pages["part-b"]["title"]][2] == "30 秒"

    # another (not learnable) page ticks exactly the learned pages in its sidebar
    page.goto(url(site, "mini/glossary.html"))
    expected = {url(site, path) for path, _ in VISITS}
    page.wait_for_function("n => document.querySelectorAll('a.md-nav__link.cg-nav--done').length >= n",
                           arg=len(expected), timeout=WAIT)
    done = page.locator("a.md-nav__link.cg-nav--done")
    assert set(done.evaluate_all("links => links.map(a => a.href)")) == expected
    assert done.count() == len(expected)
    assert [t.strip() for t in done.locator(".cg-nav__tick").all_inner_texts()] == ["✓"] * len(expected)
    concept = page.locator("a.md-nav__link.cg-nav--done", has_text="测试资源")
    assert concept.locator(".cg-nav__tick").is_visible()
    assert_clean(offline)


def test_ticks_mark_pages_not_the_headings_of_the_open_page(offline, site):
    """On a visited page, its own table of contents entries ("#…" links) get no ✓."""
    page = open_page(offline, site, PROGRESS)
    put(page, learned(page, ["meaning-one"]))
    visit(page, offline, site, "mini/part-a/meaning-one.html", "meaning-one")
    page.wait_for_selector("a.md-nav__link.cg-nav--done", state="attached", timeout=WAIT)
    done = page.locator("a.md-nav__link.cg-nav--done").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert done == ["meaning-one.html"], done
    assert_clean(offline)


def pass_part_a_quiz(page, offline: Offline, site: Path) -> None:
    """Take the part-a quiz in test mode and answer both questions right (options are shuffled)."""
    page.goto(url(site, "mini/quiz/part-a.html"))
    wait_widget(page, offline, ".cg-quiz.cg-quiz--ready .cg-q")
    page.locator('.cg-quiz__mode[data-mode="test"]').click()

    def option(text: str):
        pattern = re.compile(r"^\s*(?:[A-H]\. )?" + re.escape(text) + r"\s*$")
        return page.locator(".cg-q__choice").filter(has_text=pattern).locator("input")

    for text in ("早发现问题", "敢于改动", "问题早发现"):
        option(text).check()
    button(page, "交卷").click()
    score = page.locator(".cg-quiz__score")
    score.wait_for(state="visible", timeout=WAIT)
    assert "100 分" in score.inner_text()


def test_progress_shows_quiz_results_and_checklists(offline, site):
    page = offline.new_page()
    pass_part_a_quiz(page, offline, site)
    open_page(offline, site, SELF_CHECK, page=page)
    box(page, "chk-tests-exist").check()
    box(page, "chk-hostile").check()

    open_page(offline, site, PROGRESS, page=page)
    quizzes = {cells[0]: cells[1:] for cells in section_rows(page, "测验成绩")}
    best, passed, attempts, practice = quizzes["自测：一、为什么测试"]
    assert best == "100 分"
    assert passed.startswith("及格")
    assert attempts == "1"
    assert practice == "未练习"  # a test is not practice
    assert quizzes["综合测试"] == ["—", "—", "0", "未练习"]
    checklists = {cells[0]: cells[1] for cells in section_rows(page, "检查清单")}
    assert checklists == {"测试自查清单": "已完成 2/3", "落实清单：打好基础": "已完成 0/2"}
    assert notices(page) == []
    assert_clean(offline)


# ---------- export and import ----------

def test_export_then_import_restores_the_whole_record(chromium, site, tmp_path):
    with file_only_context(chromium, accept_downloads=True) as state:
        page = state.new_page()
        for path, page_id in VISITS[:2]:
            visit(page, state, site, path, page_id)
        open_page(state, site, SELF_CHECK, page=page)
        box(page, "chk-tests-exist").check()
        fill_note(page, "chk-tests-exist", "已整改")
        record = stored(page)
        record["quizzes"]["part-a"] = {"best": 50, "last": 50, "attempts": 2, "t": 1_700_000_000_000}
        put(page, record)
        open_page(state, site, PROGRESS, page=page)
        page.locator("#cg-learner-name").fill("张三")
        page.locator("#cg-learner-org").fill("某某单位")
        before = {"summary": progress_summary(page), "content": section_rows(page, "学习内容"),
                  "quizzes": section_rows(page, "测验成绩"), "checklists": section_rows(page, "检查清单")}
        assert before["summary"][0].startswith("已学页面：0 / ")  # opened, not yet studied
        saved = stored(page)
        assert saved.pop("w")  # which tabs saved lately: kept in this browser, never exported

        with page.expect_download(timeout=WAIT) as info:
            button(page, "导出学习记录").click()
        exported = tmp_path / "record.json"
        info.value.save_as(exported)
        assert info.value.suggested_filename == "学习记录-张三-mini.json"
        document = json.loads(exported.read_text(encoding="utf-8"))
        assert document["format"] == "coursegen.record"
        assert document["record"] == saved
        assert document["course"] == {"id": "mini", "title": "测试课程", "version": "1.0"}
        assert document["learner"] == {"name": "张三", "org": "某某单位"}
        assert document["code"] == page.locator(".cg-progress__code").inner_text().removeprefix("记录码：")

        # a new browser: nothing learned yet
        page.evaluate("() => localStorage.clear()")
        reload(page, state)
        assert progress_summary(page)[0].startswith("已学页面：0 / ")
        assert page.locator("#cg-learner-name").input_value() == ""

        page.set_input_files("#cg-progress-import", exported)
        page.wait_for_function("() => /已导入/.test(document.querySelector('.cg-progress__messages').textContent)",
                               timeout=WAIT)
        assert notices(page) == ["已导入 1 门课程的学习记录。"]
        after = {"summary": progress_summary(page), "content": section_rows(page, "学习内容"),
                 "quizzes": section_rows(page, "测验成绩"), "checklists": section_rows(page, "检查清单")}
        assert after == before
        assert page.locator("#cg-learner-name").input_value() == "张三"
        imported = stored(page)
        imported.pop("w")
        assert imported == saved

        reload(page, state)
        assert progress_summary(page) == before["summary"]
        open_page(state, site, SELF_CHECK, page=page)
        assert box(page, "chk-tests-exist").is_checked()
        assert note(page, "chk-tests-exist").input_value() == "已整改"
        assert state.blocked == []
        assert state.errors == []


@pytest.mark.parametrize(("name", "content"), [
    ("other.json", json.dumps({"format": "something-else", "courses": {"mini": {"visited": {}}}})),
    ("notes.json", "这不是 JSON {"),
])
def test_import_of_a_wrong_file_says_so_and_changes_nothing(offline, site, tmp_path, name, content):
    page = open_page(offline, site, PROGRESS)
    put(page, {"visited": {"concept": {"t": 1_700_000_000_000, "p": "concept.html"}}, "learner": "李四"})
    reload(page, offline)
    before = raw(page)
    summary = progress_summary(page)
    wrong = tmp_path / name
    wrong.write_text(content, encoding="utf-8")

    page.set_input_files("#cg-progress-import", wrong)
    page.wait_for_function("() => document.querySelectorAll('.cg-progress__notice').length > 0", timeout=WAIT)
    assert notices(page) == ["这个文件不是学习记录（或已损坏），没有做任何改动。"]
    assert raw(page) == before
    assert progress_summary(page) == summary
    assert page.locator("#cg-learner-name").input_value() == "李四"
    assert_clean(offline)


def test_printed_learning_record_has_name_and_signature(offline, site):
    page = open_page(offline, site, PROGRESS)
    page.locator("#cg-learner-name").fill("王五")
    page.emulate_media(media="print")

    record = page.locator(".cg-progress__record")
    assert "王五" in record.inner_text()
    assert page.locator("#cg-learner-name").is_hidden()
    sign = page.locator(".cg-progress__sign")
    assert sign.is_visible() and "学员签名" in sign.inner_text()
    for name in ("打印学习记录", "导出学习记录"):
        assert button(page, name).is_hidden()
    assert page.get_by_text("导入学习记录", exact=True).is_hidden()
    transfer = page.locator(".cg-progress__transfer")
    assert all(not transfer.nth(i).is_visible() for i in range(transfer.count()))
    assert page.locator(".cg-progress__hours").is_visible()

    page.emulate_media(media="screen")
    assert sign.is_hidden()
    assert page.locator("#cg-learner-name").is_visible()
    assert_clean(offline)


def test_records_for_changed_content_are_reported_not_counted(offline, site):
    page = open_page(offline, site, PROGRESS)
    ticked = {"c": "self-check", "done": True, "note": "", "t": "2024-01-01"}
    record = learned(page, ["concept"])
    record["pages"].update({"old-page": {"s": 1}, "removed-too": {"s": 1}})
    put(page, {
        **record,
        "checklists": {"chk-tests-run": {**ticked, "h": "0123456789ab"},  # the item was reworded
                       "chk-gone": {**ticked, "h": "abcdef123456"}},        # the item was removed
    })
    reload(page, offline)
    assert notices(page) == ["有 2 条页面记录对应的内容已不存在，未计入。",
                             "有 2 项清单勾选因内容已修改或删除而未计入。"]
    assert progress_summary(page)[0].startswith("已学页面：1 / ")
    checklists = {cells[0]: cells[1] for cells in section_rows(page, "检查清单")}
    assert checklists["测试自查清单"] == "已完成 0/3"
    assert_clean(offline)


@pytest.mark.parametrize("path", [SELF_CHECK, PROGRESS])
def test_phone_width_has_no_sideways_scrolling(offline, site, path):
    page = open_page(offline, site, path, width=375, height=740)
    if path == SELF_CHECK:
        box(page, "chk-tests-exist").check()
        fill_note(page, "chk-hostile", "一段很长的备注" * 8)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, width
    assert_clean(offline)
