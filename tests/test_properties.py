"""Properties over generated content (hypothesis).

Strategies build valid courses, parts, checklist files and question banks:
safe unique ids, references that exist, and non-blank strict text drawn from
all of Unicode except what a course file may not hold (surrogates, control
characters other than tab, newline and carriage return, U+0085, U+FFFE/FFFF).

* Any valid model survives ``yaml.safe_dump`` → our loader and validation
  unchanged: quoting, ``yes``/``no``, dates, numbers, ``#``, ``:`` and
  leading spaces are all preserved.
* A whole project of such files loads, and ``render_site`` never raises on it;
  each text appears in its page, escaped as the renderer escapes it.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from generator.loader import read_yaml
from generator.models import SLUG_MAX_LENGTH, ChecklistFile, Course, Part, is_invisible
from generator.project import Project, load_project
from generator.quiz_models import BLANK, OPTION_LETTERS, QuestionBank, comparable
from generator.render import render_site
from generator.render.site_map import build_course_map
from generator.render.text import inline, paragraphs, plain
from generator.validation import validate_document

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])
# Everything a course file may hold: no surrogates, no control characters (tab, newline and carriage
# return come from `spaces` below; U+0085 is refused too: PyYAML would read it back as a line break),
# no U+FFFE/U+FFFF.
characters = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff")
visible = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp"),
                          exclude_characters="\ufffe\uffff"), min_size=1, max_size=8)
    .filter(lambda t: not all(map(is_invisible, t))),  # zero-width characters alone count as blank
    st.sampled_from(["yes", "no", "on", "off", "true", "null", "~", "2024-01-01", "1.0", "0o17", "1e3", "=", "<<",
                     "#", "- x", "'", '"', "&a", "*a", "!tag", "{{ 7*7 }}", "{% raw %}", "<script>", "|", ">",
                     "[x](javascript:alert(1))", "@", "%", "`", "a: b", "? x"]),
)
spaces = st.sampled_from(["", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\u2028", "\u3000", " # ", ": ", " - "])
text = st.builds(lambda a, b, c, d, e: a + b + c + d + e, st.text(characters, max_size=4), spaces, visible, spaces,
                 st.text(characters, max_size=4))
"""Non-blank text: arbitrary characters around something visible, mixed with what YAML and Markdown treat specially."""
line = text.map(lambda t: BLANK.sub("·", t))
"""Text without anything that counts as a blank in a fill-in stem."""


class Ids:
    """Unique, safe ids: a drawn slug plus a running number (never reserved, never too long)."""

    def __init__(self, draw: Any):
        self.draw = draw
        self.numbers = itertools.count(1)

    def __call__(self) -> str:
        words = self.draw(st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8),
                                   min_size=1, max_size=3))
        stem = "-".join(words)
        slug = f"{stem}-{next(self.numbers)}"
        assert len(slug) <= SLUG_MAX_LENGTH
        return slug


def texts(draw: Any, low: int = 1, high: int = 2) -> list[str]:
    return draw(st.lists(text, min_size=low, max_size=high))


def points(draw: Any, ids: Ids, low: int = 1) -> list[dict[str, str]]:
    return [{"id": ids(), "text": t} for t in texts(draw, low, 2)]


def topic(draw: Any, ids: Ids, **extra: Any) -> dict[str, Any]:
    out = {"id": ids(), "title": draw(text), "short_title": draw(text), "summary": draw(text),
           "key_points": points(draw, ids), "symptoms": points(draw, ids, 0), "actions": points(draw, ids, 0),
           "criteria": points(draw, ids, 0), "takeaway": draw(text), **extra}
    if draw(st.booleans()):
        out["slogans"] = [{"id": ids(), "text": draw(text), "meaning": draw(text)}]
    return out


@st.composite
def parts(draw: Any, ids: Ids | None = None) -> Part:
    ids = ids or Ids(draw)
    sections = []
    for _ in range(draw(st.integers(1, 2))):
        measures = [topic(draw, ids) for _ in range(draw(st.integers(0, 1)))]
        sections.append(topic(draw, ids, measures=measures))
    data = {
        "id": ids(), "title": draw(text), "short_title": draw(text), "summary": draw(text),
        "objectives": texts(draw), "sections": sections, "discussion": texts(draw, 2, 3),
        "key_terms": [{"id": ids(), "term": draw(text), "definition": draw(text),
                       "section": draw(st.sampled_from([None, sections[0]["id"]]))} for _ in range(draw(st.integers(0, 2)))],
        "focus": texts(draw, 0, 2), "difficulties": texts(draw, 0, 2),
    }
    return Part.model_validate(data)


@st.composite
def courses(draw: Any, ids: Ids | None = None, part_ids: tuple[str, ...] = ()) -> Course:
    ids = ids or Ids(draw)
    data = {
        "id": ids(), "title": draw(text), "subtitle": draw(text), "source": draw(text), "audience": draw(text),
        "version": ".".join(str(n) for n in draw(st.lists(st.integers(0, 999), min_size=1, max_size=3))),
        "hours": draw(st.integers(1, 40)) / 2, "overview": draw(text), "objectives": texts(draw),
        "concept": {"id": ids(), "title": draw(text), "short_title": draw(text), "definition": draw(text),
                    "kinds": [{"id": ids(), "name": draw(text), "description": draw(text)}],
                    "aim": draw(text), "key_points": points(draw, ids), "takeaway": draw(text)},
        "parts": [f"{p}.yml" for p in part_ids] or [f"{ids()}.yml"],
        "closing": {"id": ids(), "title": draw(text), "short_title": draw(text), "summary": draw(text),
                    "key_points": points(draw, ids), "takeaway": draw(text)},
    }
    if draw(st.booleans()):
        data["checklists"] = "checklists.yml"
    return Course.model_validate(data)


@st.composite
def checklist_files(draw: Any, ids: Ids | None = None, sections: tuple[str, ...] = ("sec-1",)) -> ChecklistFile:
    ids = ids or Ids(draw)
    checklists = [{"id": ids(), "kind": draw(st.sampled_from(["自查清单", "落实清单"])), "title": draw(text),
                   "intro": draw(text),
                   "items": [{"id": ids(), "text": draw(text), "section": draw(st.sampled_from(sections))}
                             for _ in range(draw(st.integers(1, 3)))]}
                  for _ in range(draw(st.integers(1, 2)))]
    return ChecklistFile.model_validate({"checklists": checklists})


def question(draw: Any, ids: Ids, sections: tuple[str, ...]) -> dict[str, Any]:
    kind = draw(st.sampled_from(["single", "multiple", "truefalse", "fill", "order"]))
    base = {"id": ids(), "section": draw(st.sampled_from(sections)), "type": kind, "stem": draw(text),
            "explanation": draw(text), "difficulty": draw(st.sampled_from(["易", "中", "难"]))}
    if kind in ("single", "multiple"):
        options = draw(st.lists(text, min_size=3, max_size=5, unique_by=comparable))
        letters = list(OPTION_LETTERS[:len(options)])
        answer = draw(st.sampled_from(letters)) if kind == "single" else sorted(
            draw(st.lists(st.sampled_from(letters), min_size=2, max_size=len(letters), unique=True)))
        return {**base, "options": options, "answer": answer, "pin_last": draw(st.integers(0, 2))}
    if kind == "truefalse":
        return {**base, "answer": draw(st.booleans())}
    if kind == "fill":
        pieces = draw(st.lists(line, min_size=2, max_size=3))
        stem = " ____ ".join(pieces)
        return {**base, "stem": stem, "answer": [texts(draw, 1, 2) for _ in pieces[1:]]}
    return {**base, "items": draw(st.lists(text, min_size=2, max_size=4, unique_by=comparable))}


@st.composite
def banks(draw: Any, ids: Ids | None = None, course: str = "course-1", sections: tuple[str, ...] = ("sec-1",)):
    ids = ids or Ids(draw)
    data = {"course": course, "pass_mark": draw(st.integers(1, 100)),
            "final": {"title": draw(text), "draw": draw(st.integers(1, 200)), "pass_mark": draw(st.integers(1, 100))},
            "questions": [question(draw, ids, sections) for _ in range(draw(st.integers(1, 4)))]}
    return QuestionBank.model_validate(data)


# ---------------------------------------------------------------- dump → load

def dump(model: Any) -> str:
    return yaml.safe_dump(model.model_dump(mode="python"), allow_unicode=True, sort_keys=False)


def reload(model: Any, tmp_path: Path) -> Any:
    """Write the model as a person's YAML file would be, then read it the way coursegen does."""
    path = tmp_path / "file.yml"
    path.write_text(dump(model), encoding="utf-8")
    value, problems = validate_document(read_yaml(path, "file.yml"), type(model))
    assert problems == []
    return value


@SETTINGS
@given(course=courses())
def test_any_course_survives_dump_and_load(course, tmp_path):
    assert reload(course, tmp_path) == course


@SETTINGS
@given(part=parts())
def test_any_part_survives_dump_and_load(part, tmp_path):
    assert reload(part, tmp_path) == part


@SETTINGS
@given(checklists=checklist_files())
def test_any_checklist_file_survives_dump_and_load(checklists, tmp_path):
    assert reload(checklists, tmp_path) == checklists


@SETTINGS
@given(bank=banks())
def test_any_question_bank_survives_dump_and_load(bank, tmp_path):
    assert reload(bank, tmp_path) == bank


# ---------------------------------------------------------------- a whole project, rendered

@st.composite
def projects(draw: Any) -> tuple[Course, list[Part], ChecklistFile | None, QuestionBank | None]:
    ids = Ids(draw)
    part_list = [draw(parts(ids)) for _ in range(draw(st.integers(1, 2)))]
    course = draw(courses(ids, tuple(p.id for p in part_list)))
    topics = tuple(t.id for p in part_list for s in p.sections for t in (s, *s.measures))
    checklists = draw(checklist_files(ids, topics)) if course.checklists else None
    bank = draw(st.one_of(st.none(), banks(ids, course.id, topics + (course.concept.id, course.closing.id))))
    return course, part_list, checklists, bank


def write_project(root: Path, course: Course, part_list: list[Part], checklists, bank) -> None:
    folder = root / "content" / course.id
    folder.mkdir(parents=True)
    (folder / "course.yml").write_text(dump(course), encoding="utf-8")
    for part in part_list:
        (folder / f"{part.id}.yml").write_text(dump(part), encoding="utf-8")
    if checklists is not None:
        (folder / "checklists.yml").write_text(dump(checklists), encoding="utf-8")
    if bank is not None:
        (root / "quizzes").mkdir()
        (root / "quizzes" / f"{course.id}.yml").write_text(dump(bank), encoding="utf-8")


@SETTINGS
@given(generated=projects())
def test_any_valid_project_loads_and_renders_its_text_escaped(generated, tmp_path_factory):
    course, part_list, checklists, bank = generated
    root = tmp_path_factory.mktemp("generated")
    write_project(root, course, part_list, checklists, bank)
    (loaded,) = load_project(Project(root))
    assert loaded.course == course and list(loaded.parts) == part_list and loaded.bank == bank
    assert loaded.checklists == (tuple(checklists.checklists) if checklists else ())

    pages = render_site([loaded]).pages
    where = build_course_map(loaded).pages
    home, glossary = pages[where[course.id].path], pages[build_course_map(loaded).glossary.path]
    assert str(inline(course.title)) in home and str(paragraphs(course.overview)) in home
    for part in part_list:
        for section in part.sections:
            for item in (section, *section.measures):
                page = pages[where[item.id].path]
                assert str(paragraphs(item.summary)) in page and str(inline(item.takeaway)) in page
                for point in item.key_points + item.symptoms + item.actions + item.criteria:
                    assert f"- {inline(point.text)}\n" in page
        for term in part.key_terms:
            assert str(inline(term.term)) in glossary and str(paragraphs(term.definition)) in glossary
    for checklist in loaded.checklists:
        page = pages[f"{course.id}/checklists/{checklist.id}.md"]
        for item in checklist.items:  # the checklist table is raw HTML: escaped, not Markdown-escaped
            assert f'<td class="cg-checklist__text">{escape(plain(item.text))} ' in page
    for page in pages.values():
        assert "<script>" not in page.replace('<script type="application/json"', "")


_SEGMENT = st.sampled_from(["a", "b", "quiz", "index.md", "part-1.md", ".", "测验"])


@given(st.lists(_SEGMENT, min_size=1, max_size=4), st.lists(_SEGMENT, min_size=1, max_size=4))
def test_links_between_pages_are_what_relpath_gives(target, page):
    """site_map.relative works links out from the names alone; it must agree with posixpath.relpath."""
    import posixpath

    from generator.render.site_map import relative

    target, page = "/".join(target), "/".join(page)
    assert relative(target, page) == posixpath.relpath(target, posixpath.dirname(page) or ".")
