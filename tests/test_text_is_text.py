"""Text is always text: hostile but valid course text is shown literally everywhere and never runs.

tests/fixtures/hostile-text/ is a small, complete course (two parts, measures,
slogans, terms, two checklists, all five question types) in which every text
field holds markup: <script> and </script>, event handlers, javascript:
links, Markdown links and HTML blocks, attribute lists, Jinja ({{ 7*7 }},
{% raw %}, {# #}), table pipes, leading #, - and 1., entities, formula-like
text and U+2028. It must validate, build, and come out as the same text on
every page, in every widget, in search, and in every export; in Chromium no
script may run and no {{ }} may be evaluated.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from pydantic import BaseModel

from browser import Offline, follow_instantly, search, served_with_instant_navigation
from conftest import make_project
from generator import api
from generator.loaded import LoadedCourse
from generator.quiz_models import BLANK, OPTION_LETTERS
from generator.render import render_site
from generator.render.site_map import build_course_map, topic_title
from generator.render.text import plain
from test_browser_quiz import answer, button, labels, order_items, question, shown_qids
from test_export_formats import parse_aiken, read_sheet, shown_entries
from test_export_papers import document_text

COURSE = "hostile"
WAIT = 5_000  # ms; an upper bound for a condition, never a fixed sleep
JINJA = "{{ 7*7 }}"
RAW_MARKUP = ("<script>window", "<img src=x", "<svg onload", '<a href="javascript', "<div markdown", "<b>", "<u>")
"""Course markup that must never reach a built file unescaped (HTML, JSON or JavaScript)."""
NOT_TEXT = {"id", "section", "related", "version", "hours", "kind", "difficulty", "type", "course", "parts",
            "checklists", "pin_last", "pass_mark", "draw"}
"""Fields that are ids, file names, numbers or fixed choices, not free text."""

# Records alerts and friends in the page itself; payloads set window.__pwned when they run.
INIT_SCRIPT = """
window.__dialogs = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = function (message) { window.__dialogs.push(name + ": " + message); return null; };
}
"""
LIVE_MARKUP = """() => {
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const url = /^(href|src|action|formaction|xlink:href|data)$/i.test(attribute.name);
      if (/^on/i.test(attribute.name) || (url && /^\\s*javascript:/i.test(attribute.value))) {
        found.push(element.tagName + " " + attribute.name + "=" + attribute.value);
      }
    }
  }
  for (const script of document.querySelectorAll("script")) {
    if (!/__pwned/.test(script.textContent)) continue;
    try { JSON.parse(script.textContent); continue; } catch (error) {}  // data: runs as a mere literal, if at all
    found.push("script: " + script.textContent);
  }
  const content = document.querySelector(".md-content");
  if (content) {
    for (const element of content.querySelectorAll("b, i, u, img, iframe, style, svg[onload], [markdown]")) {
      found.push(element.outerHTML.slice(0, 80));
    }
  }
  return found;
}"""


# ---------------------------------------------------------------- the course

@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("hostile-text") / "project", "hostile-text")


@pytest.fixture(scope="module")
def loaded(project) -> LoadedCourse:
    (course,) = api.validate(project)
    return course


@pytest.fixture(scope="module")
def site(project) -> Path:
    return api.build(project).site_dir


def texts(value: Any, name: str = "") -> list[str]:
    """Every free-text string in a model tree (not ids, numbers, choices or answer letters)."""
    if name in NOT_TEXT:
        return []
    if isinstance(value, BaseModel):
        letters = getattr(value, "type", None) in {"single", "multiple", "truefalse"}
        return [t for field in type(value).model_fields if not (field == "answer" and letters)
                for t in texts(getattr(value, field), field)]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in texts(item, name)]
    return [value] if isinstance(value, str) else []


def all_texts(loaded: LoadedCourse) -> list[str]:
    return texts([loaded.course, *loaded.parts, *loaded.checklists, loaded.bank])


def shown(text: str) -> list[str]:
    """How a text reads on a page: paragraph by paragraph, whitespace folded."""
    return [plain(p) for p in re.split(r"\n\s*\n", text) if p.strip()]


def is_hostile(text: str) -> bool:
    return (bool(re.search(r"[<>{}\[\]|#&`*!]|javascript:", text))
            or text.startswith(("=", "@", "+", "-", "1. ")))


def test_the_fixture_is_a_valid_course(project, invoke):
    result = invoke("validate", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"✓ {COURSE}：5 个文件，2 个部分，6 道题，内容无误")


def test_every_text_field_of_the_fixture_is_hostile(loaded):
    found = all_texts(loaded)
    assert len(found) > 100
    assert [t for t in found if not is_hostile(t)] == []
    joined = "\n".join(found)
    for needle in ("<script>", "</script>", "onerror=", "javascript:", "](javascript:", "<div markdown",
                   JINJA, "{% raw %}", "{# ", "| 甲 | 乙 |", "# ", "- ", "1. ", "&amp;", "\u2028", '">', "</title>"):
        assert needle in joined, needle


# ---------------------------------------------------------------- what is generated, read as files

def test_generated_pages_carry_no_live_markup(loaded):
    rendered = render_site([loaded])
    for path, page in rendered.pages.items():
        for needle in RAW_MARKUP:
            assert needle not in page, (path, needle)
    titles = json.dumps([course.nav for course in rendered.courses], ensure_ascii=False)
    assert "<" not in titles and "&lt;" in titles  # MkDocs inserts nav titles as HTML


def test_built_files_carry_no_live_markup(site):
    files = [p for p in site.rglob("*") if p.suffix in {".html", ".json", ".js"} and "assets" not in p.parts]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        for needle in RAW_MARKUP:
            assert needle not in text, (path.relative_to(site), needle)
    page = (site / COURSE / "part-one" / "sec-one.html").read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]*)">', page)
    assert description and description.group(1).startswith("# 小节一概述 &#34;&gt;&lt;script&gt;")


# ---------------------------------------------------------------- exports, read back

def test_json_export_has_every_question_text_literally(project, loaded):
    data = json.loads(api.export(project, "json", COURSE).files[f"{COURSE}.json"])
    records = {r["id"]: r for r in data["questions"]}
    assert list(records) == [q.id for q in loaded.bank.questions]
    for q in loaded.bank.questions:
        record = records[q.id]
        stem = BLANK.sub("____", plain(q.stem)) if q.type == "fill" else plain(q.stem)
        assert record["stem"] == stem and record["explanation"] == plain(q.explanation)
        if q.type in ("single", "multiple"):
            assert sorted(record["options"]) == sorted(plain(o) for o in q.options)
        if q.type == "fill":
            assert record["answer"] == [[plain(a) for a in alternatives] for alternatives in q.answer]
        if q.type == "order":
            assert [record["options"][OPTION_LETTERS.index(x)] for x in record["answer"]] == [plain(i) for i in q.items]
    raw = json.dumps(data, ensure_ascii=False)
    assert "<script>window.__pwned='s';alert('s')</script>" in raw and JINJA in raw


def test_xlsx_export_keeps_every_cell_as_text(project, loaded):
    data = api.export(project, "xlsx", COURSE).files[f"{COURSE}.xlsx"]
    _, rows = read_sheet(data)
    entries = shown_entries(project, COURSE)
    assert len(rows) == len(entries)
    for entry, cells in zip(entries, rows):
        q = entry.question
        values = {k: (c.value or "") for k, c in cells.items()}
        stem = BLANK.sub("____", plain(q.stem)) if q.type == "fill" else plain(q.stem)
        assert (values["题干"], values["解析"], values["所属章节"]) == (stem, plain(q.explanation), entry.section)
        options = [values[f"选项{x}"] for x in OPTION_LETTERS if values[f"选项{x}"]]
        assert options == [plain(c) for c in entry.shown.choices]
    assert all(c.data_type == "s" for row in rows for c in row.values() if c.value is not None)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet
    assert "=1+1" in sheet and "+cmd|' /C calc'!A0" in sheet and "&lt;script&gt;window.__pwned" in sheet


def test_gift_export_escapes_and_reads_back(project):
    from generator.export.gift import answer_text

    text = api.export(project, "gift", COURSE).files[f"{COURSE}.gift.txt"].decode("utf-8")
    for entry in shown_entries(project, COURSE):  # every option escaped, in the shown order
        q = entry.question
        if q.type in ("single", "multiple"):
            block = text[text.index(f"::{q.id}::"):].split("\n}")[0]
            lines = [re.sub(r"^[=~](%-?[\d.]+%)?", "", line) for line in block.split("\n")[1:-1]]
            assert lines == [answer_text(c) for c in entry.shown.choices]
            unescaped = [re.sub(r"\\(.)", r"\1", line) for line in lines]
            assert unescaped == [plain(c).replace("->", "→") for c in entry.shown.choices]
    assert "\\{\\{ 7*7 \\}\\}\n" in text  # an option that is Jinja, escaped for GIFT
    assert "$CATEGORY: 课程 <script>window.__pwned='s';alert('s')<//script> {{ 7*7 }}/" in text


def test_aiken_export_reads_back(project, loaded):
    result = api.export(project, "aiken", COURSE)
    singles = [e for e in shown_entries(project, COURSE) if e.question.type == "single"]
    assert parse_aiken(result.files[f"{COURSE}.aiken.txt"].decode("utf-8")) == [
        (plain(e.question.stem), [plain(o) for o in e.shown.choices], e.shown.key) for e in singles]


def test_docx_paper_and_key_read_back(project, loaded):
    files = api.export(project, "docx", COURSE).files
    paper = "\n".join(p.text for p in docx.Document(io.BytesIO(files[f"{COURSE}-试卷.docx"])).paragraphs)
    key = "\n".join(p.text for p in docx.Document(io.BytesIO(files[f"{COURSE}-答案与解析.docx"])).paragraphs)
    assert paper.startswith(f"{plain(loaded.course.title)} 测试卷")
    for q in loaded.bank.questions:
        for piece in BLANK.split(plain(q.stem)):
            assert piece.strip() in paper, (q.id, piece)
        for option in getattr(q, "options", []) + getattr(q, "items", []):
            assert f". {plain(option)}" in paper, (q.id, option)
        assert f"解析：{plain(q.explanation)}" in key
    assert "5. 答案：<i>甲</i>（或 {{ x }}）；=A1（或 &amp;）" in key


def test_handout_has_every_course_text_literally(project, loaded):
    text = "\n".join(document_text(api.export(project, "handout", COURSE).files[f"{COURSE}-讲义.docx"]))
    m = build_course_map(loaded)
    for part in loaded.parts:
        assert plain(topic_title(m, part)) in text
    # Short titles are for navigation and focus and difficulties for the trainer's lesson plan.
    course, parts = loaded.course, loaded.parts
    skipped = {course.concept.short_title, course.closing.short_title, *(p.short_title for p in parts)}
    skipped |= {t.short_title for p in parts for s in p.sections for t in (s, *s.measures)}
    skipped |= {x for p in parts for x in (*p.focus, *p.difficulties)}
    missing = [p for item in texts([course, *parts]) if item not in skipped for p in shown(item) if p not in text]
    assert missing == []


# ---------------------------------------------------------------- in Chromium

def open_page(offline: Offline, site: Path, path: str, page=None):
    page = page or offline.new_page()
    page.goto((site / path).as_uri())
    if page.locator(".cg-quiz:not(.cg-mistakes)").count():
        page.wait_for_selector(".cg-quiz.cg-quiz--ready .cg-q", timeout=WAIT)
    if page.locator(".cg-mistakes").count():  # the 错题本 is empty in a fresh browser
        page.wait_for_selector(".cg-mistakes.cg-quiz--ready", state="attached", timeout=WAIT)
    for widget in ("cg-checklist", "cg-progress"):
        if page.locator(f".{widget}").count():
            page.wait_for_selector(f".{widget}.{widget}--ready", state="attached", timeout=WAIT)
    return page


@pytest.fixture
def guarded(offline) -> Offline:
    offline.context.add_init_script(INIT_SCRIPT)
    offline.dialogs = []
    offline.context.on("dialog", lambda dialog: (offline.dialogs.append(dialog.message), dialog.dismiss()))
    return offline


def assert_nothing_ran(page, guarded: Offline) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => window.__dialogs") == []
    assert guarded.dialogs == []
    assert page.evaluate(LIVE_MARKUP) == []
    assert guarded.blocked == []
    assert guarded.errors == []


def page_text(page) -> str:
    return page.evaluate("() => document.body.innerText")


def assert_shows(page, items: list[str], where: str = "body") -> None:
    text = page.locator(where).first.inner_text()
    for item in items:
        for paragraph in shown(item):
            assert paragraph in text, paragraph


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "assets" not in p.parts
                  and p.name != "404.html")


@pytest.mark.browser
def test_no_page_runs_course_text_and_jinja_stays_literal(guarded, site, loaded):
    pages = html_pages(site)
    assert len(pages) >= 22
    for path in pages:
        page = open_page(guarded, site, path)
        assert_nothing_ran(page, guarded)
        text = page_text(page)
        # {{ 7*7 }} was never evaluated (study times such as “2 分 49 秒” are not it)
        assert not re.search(r"(?<!\d)49(?!\d)(?! ?[秒分])", text), path
        if path.startswith(f"{COURSE}/") and path != f"{COURSE}/help.html":
            assert JINJA in text, path
        page.close()
    page = open_page(guarded, site, f"{COURSE}/part-one/sec-one.html")
    assert page.title() == f"（一）{plain(loaded.parts[0].sections[0].short_title)} - 机关党建学习平台"
    assert "</title><script>window.__pwned='T'</script>" in page.title()


@pytest.mark.browser
def test_topic_pages_show_every_field_literally(guarded, site, loaded):
    part_one, part_two = loaded.parts
    m = build_course_map(loaded)
    for topic, path in ((part_one.sections[0], "part-one/sec-one.html"),
                        (part_two.sections[0].measures[0], "part-two/group-one/measure-one.html")):
        page = open_page(guarded, site, f"{COURSE}/{path}")
        items = [topic_title(m, topic), topic.summary, topic.takeaway]
        items += [p.text for p in topic.key_points + topic.symptoms + topic.actions + topic.criteria]
        items += [s.text for s in topic.slogans] + [s.meaning for s in topic.slogans]
        assert_shows(page, items, "article")
        assert page.locator("article h1").inner_text().rstrip("¶").strip() == plain(topic_title(m, topic))
        assert page.locator("article table").count() == 1  # the slogans; no table made from "| 甲 | 乙 |"
        assert_nothing_ran(page, guarded)
        page.close()


@pytest.mark.browser
def test_home_concept_closing_part_glossary_and_lesson_plan_show_text_literally(guarded, site, loaded):
    course, (part_one, part_two) = loaded.course, loaded.parts
    concept, closing = course.concept, course.closing
    expectations = {
        "index.html": [course.title, course.subtitle, course.source, course.audience, course.overview,
                       *course.objectives],
        "concept.html": [concept.title, concept.definition, concept.aim, concept.takeaway,
                         *(k.name for k in concept.kinds), *(k.description for k in concept.kinds),
                         *(p.text for p in concept.key_points)],
        "closing.html": [closing.title, closing.summary, closing.takeaway, *(p.text for p in closing.key_points)],
        "part-one/index.html": [part_one.title, part_one.summary, *part_one.objectives, *part_one.discussion],
        "glossary.html": [t.term for p in (part_one, part_two) for t in p.key_terms]
        + [t.definition for p in (part_one, part_two) for t in p.key_terms],
        "lesson-plan.html": [course.title, course.audience, course.source, *course.objectives, *part_one.focus,
                             *part_one.difficulties, *part_one.discussion, *part_two.discussion,
                             *(s.takeaway for s in part_two.sections)],
    }
    for path, items in expectations.items():
        page = open_page(guarded, site, f"{COURSE}/{path}")
        assert_shows(page, items, "article")
        assert_nothing_ran(page, guarded)
        page.close()
    page = open_page(guarded, site, "index.html")  # the catalog
    assert_shows(page, [course.title], "article")
    assert_nothing_ran(page, guarded)


def widget_question(q) -> dict[str, Any]:
    """A question as the quiz helpers of test_browser_quiz expect it (see quiz_data in render/quiz.py)."""
    data: dict[str, Any] = {"id": q.id, "type": q.type, "explanation": plain(q.explanation)}
    if q.type == "single":
        data.update(options=[plain(o) for o in q.options], answer=OPTION_LETTERS.index(q.answer))
    elif q.type == "multiple":
        data.update(options=[plain(o) for o in q.options], answer=[OPTION_LETTERS.index(x) for x in q.answer])
    elif q.type == "truefalse":
        data["answer"] = q.answer
    elif q.type == "fill":
        data["answer"] = [[plain(a) for a in alternatives] for alternatives in q.answer]
    else:
        data["items"] = [plain(i) for i in q.items]
    return data


def assert_question_shown(page, q) -> None:
    fs = question(page, q.id)
    stem = fs.locator(".cg-q__stem").inner_text()
    for piece in BLANK.split(plain(q.stem)):
        assert piece.strip() in stem, (q.id, piece)
    if q.type in ("single", "multiple"):
        assert sorted(label[3:] for label in labels(fs)) == sorted(plain(o) for o in q.options)
    if q.type == "order":
        assert sorted(order_items(fs)) == sorted(plain(i) for i in q.items)


@pytest.mark.browser
@pytest.mark.parametrize("quiz", ["part-one", "part-two"])
def test_practice_mode_shows_questions_and_explanations_literally(guarded, site, loaded, quiz):
    part = next(p for p in loaded.parts if p.id == quiz)
    m = build_course_map(loaded)
    ids = {part.id} | {s.id for s in part.sections} | {x.id for s in part.sections for x in s.measures}
    questions = [q for q in loaded.bank.questions if q.section in ids]
    page = open_page(guarded, site, f"{COURSE}/quiz/{quiz}.html")
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == f"自测：{plain(m.pages[part.id].label)}"
    for n, q in enumerate(questions):
        if n:
            button(page, "下一题").click()
        assert_question_shown(page, q)
        answer(page, widget_question(q), right=True)
        button(page, "提交答案").click()
        feedback = page.locator(".cg-q__feedback--right")
        assert f"解析：{plain(q.explanation)}" in feedback.inner_text()
    assert_nothing_ran(page, guarded)


@pytest.mark.browser
def test_test_mode_review_and_paper_show_text_literally(guarded, site, loaded):
    questions = {q.id: q for q in loaded.bank.questions}
    page = open_page(guarded, site, f"{COURSE}/quiz/final.html")
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == plain(loaded.bank.final.title)
    drawn = shown_qids(page)
    assert len(drawn) == 5
    for qid in drawn:
        assert_question_shown(page, questions[qid])
        answer(page, widget_question(questions[qid]), right=True)
    button(page, "交卷").click()
    page.locator(".cg-quiz__score").wait_for(state="visible", timeout=WAIT)
    for qid in drawn:
        item = page.locator(".cg-test__item", has=question(page, qid))
        assert f"解析：{plain(questions[qid].explanation)}" in item.locator(".cg-q__feedback--right").inner_text()
    paper = page.locator(".cg-quiz__paper").text_content()
    for q in questions.values():
        assert plain(q.explanation) in paper
    assert page.locator(".cg-quiz__paper b, .cg-quiz__paper i, .cg-quiz__paper u, .cg-quiz__paper img").count() == 0
    assert_nothing_ran(page, guarded)


@pytest.mark.browser
def test_without_javascript_the_paper_is_text(chromium, site, loaded):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / COURSE / "quiz" / "final.html").as_uri())
        paper = page.locator(".cg-quiz__paper").inner_text()
        for q in loaded.bank.questions:
            for piece in BLANK.split(plain(q.stem)):
                assert piece.strip() in paper
            assert plain(q.explanation) in paper
        assert page.locator(".cg-quiz__paper b, .cg-quiz__paper img, .cg-quiz__paper u").count() == 0
    finally:
        context.close()


@pytest.mark.browser
def test_checklists_show_items_and_keep_notes_as_text(guarded, site, loaded):
    m = build_course_map(loaded)
    note_text = "<img src=x onerror=\"window.__pwned='note'\"> {{ 7*7 }} </textarea><script>window.__pwned=1</script>"
    for checklist in loaded.checklists:
        page = open_page(guarded, site, f"{COURSE}/checklists/{checklist.id}.html")
        assert_shows(page, [checklist.title, checklist.intro], "article")
        for item in checklist.items:
            row = page.locator(f'tr.cg-checklist__row[data-item="{item.id}"]')
            cell = row.locator(".cg-checklist__text").inner_text()
            assert plain(item.text) in cell and plain(m.pages[item.section].label) in cell
        first = page.locator(f'tr.cg-checklist__row[data-item="{checklist.items[0].id}"]')
        first.locator("input.cg-checklist__box").check()
        first.locator("textarea.cg-checklist__input").fill(note_text)
        page.wait_for_timeout(300)
        page.reload()
        page.wait_for_selector(".cg-checklist.cg-checklist--ready", state="attached", timeout=WAIT)
        first = page.locator(f'tr.cg-checklist__row[data-item="{checklist.items[0].id}"]')
        assert first.locator("input.cg-checklist__box").is_checked()
        assert first.locator("textarea.cg-checklist__input").input_value() == note_text
        assert_nothing_ran(page, guarded)
        page.close()
    index = open_page(guarded, site, f"{COURSE}/checklists/index.html")
    assert_shows(index, [c.title for c in loaded.checklists], "article")
    assert_nothing_ran(index, guarded)


@pytest.mark.browser
def test_progress_page_lists_hostile_titles_as_text(guarded, site, loaded):
    m = build_course_map(loaded)
    page = guarded.new_page()
    for path in ("concept.html", "part-one/sec-one.html", "closing.html"):
        open_page(guarded, site, f"{COURSE}/{path}", page=page)
    page = open_page(guarded, site, f"{COURSE}/progress.html", page=page)
    page.wait_for_selector(".cg-progress__pages", timeout=WAIT)
    text = page.locator(".cg-progress").inner_text()
    for key in (loaded.course.concept.id, "sec-one", "measure-two", loaded.course.closing.id):
        assert plain(m.pages[key].label) in text, key
    for title in [plain(loaded.bank.final.title), *(plain(c.title) for c in loaded.checklists)]:
        assert title in text, title
    assert_nothing_ran(page, guarded)


@pytest.mark.browser
@pytest.mark.parametrize("query", ["提法", "术语", "script", "举措"])
def test_search_results_show_text_literally(guarded, site, query):
    page = open_page(guarded, site, f"{COURSE}/index.html")
    assert search(page, query)
    results = page.locator(".cg-search__output")
    assert results.locator("img, script, svg[onload], b, i, u, iframe").count() == 0
    assert "<script>" in results.inner_text() or query != "script"
    assert_nothing_ran(page, guarded)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The hostile course with material's instant navigation on, served on localhost.

    Instant navigation swaps pages in place and re-creates their inline scripts,
    the widgets' JSON data among them: a path the file:// tests never take.
    """
    root = make_project(tmp_path_factory.mktemp("hostile-instant") / "project", "hostile-text")
    with served_with_instant_navigation(root) as address:
        yield address


@pytest.mark.browser
def test_instant_navigation_runs_no_course_text(chromium, served, loaded):
    context = chromium.new_context()
    context.add_init_script(INIT_SCRIPT)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{served}/{COURSE}/quiz/part-one.html")
        page.locator(".cg-quiz--ready").wait_for()
        page.evaluate("window.__sameDocument = true")  # survives only if the page is not reloaded
        for target, ready in (("quiz/final.html", ".cg-quiz--ready"), ("checklists/self-check.html", ".cg-checklist--ready"),
                              ("part-one/sec-one.html", "article h1"), ("progress.html", ".cg-progress--ready")):
            link = page.locator(f'.md-sidebar--primary a.md-nav__link[href$="{target}"]').last
            follow_instantly(page, link, f"**/{COURSE}/{target}")
            page.locator(ready).first.wait_for(state="attached")
            assert page.evaluate("window.__sameDocument") is True, "instant navigation did not happen"
            assert page.evaluate("() => window.__pwned") is None, target
            assert page.evaluate("() => window.__dialogs") == []
            assert page.evaluate(LIVE_MARKUP) == []
            assert JINJA in page_text(page)
        assert errors == []
    finally:
        context.close()
