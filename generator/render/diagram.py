"""The speech's structure as a diagram of linked boxes, drawn at build time.

Nested lists, not an image: the parts stand side by side where there is room
and one below the other on a phone, labels wrap instead of being cut, the
text follows the reader's text size, and a screen reader hears a list of
links (parts, their sections, the sections' measures). No script is needed,
so it renders from ``file://`` with no network and in print. The look is
coursegen.css's ``.cg-diagram``.
"""

from __future__ import annotations

from html import escape

from .site_map import CourseMap, html_path, relative
from .text import plain


def _box(m: CourseMap, page_id: str, kind: str, from_page: str, label: str | None = None) -> str:
    page = m.pages[page_id]
    text = escape(plain(label if label is not None else page.label))
    css = f"cg-diagram__box cg-diagram__box--{kind}"
    if page.path == from_page:
        return f'<span class="{css}" aria-current="page">{text}</span>'
    href = escape(html_path(relative(page.path, from_page)), quote=True)
    return f'<a class="{css}" href="{href}">{text}</a>'


def _items(entries: list[str], css: str) -> str:
    return f'<ol class="{css}">' + "".join(f"<li>{entry}</li>" for entry in entries) + "</ol>"


def structure_diagram(m: CourseMap, from_page: str) -> str:
    """One line of HTML, so Markdown keeps it as a raw block."""
    course = m.course.course
    parts = []
    for part in m.course.parts:
        sections = []
        for section in part.sections:
            measures = [_box(m, measure.id, "measure", from_page) for measure in section.measures]
            box = _box(m, section.id, "section", from_page)
            sections.append(box + (_items(measures, "cg-diagram__measures") if measures else ""))
        parts.append(_box(m, part.id, "part", from_page) + _items(sections, "cg-diagram__sections"))
    flow = [
        _box(m, course.concept.id, "concept", from_page),
        _items(parts, "cg-diagram__parts"),
        _box(m, course.closing.id, "closing", from_page),
    ]
    label = f"{plain(course.title)}的结构：开篇、{len(m.course.parts)} 个部分和结语"
    return (f'<nav class="cg-diagram" aria-label="{escape(label, quote=True)}">'
            f'{_box(m, course.id, "root", from_page, plain(course.title))}'
            f'{_items(flow, "cg-diagram__flow")}</nav>')
