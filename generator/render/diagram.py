"""The speech's structure as an inline SVG, drawn at build time.

No script is needed to show it, so it renders from ``file://`` with no network
and in print. Boxes link to their pages; colours come from CSS classes so the
diagram follows the light and dark themes.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from .site_map import CourseMap, html_path, relative
from .text import plain

COLUMN_WIDTH = 236
GAP = 16
ROW_HEIGHT = 34
BOX_HEIGHT = 28
FONT_SIZE = 13
INDENT = 18
TOP_BOX_WIDTH = 3 * COLUMN_WIDTH + 2 * GAP


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    label: str
    target: str
    kind: str


def text_width(text: str) -> float:
    """Approximate rendered width: CJK characters are one em, others about half."""
    return sum(FONT_SIZE if ord(ch) > 0x2E80 else FONT_SIZE * 0.55 for ch in text)


def fit(text: str, width: int) -> str:
    room = width - 16
    if text_width(text) <= room:
        return text
    while text and text_width(text + "…") > room:
        text = text[:-1]
    return text + "…"


def _layout(m: CourseMap) -> tuple[list[Box], list[tuple[int, int, int, int]], int]:
    course = m.course.course
    boxes = [Box(0, 0, TOP_BOX_WIDTH, plain(course.title), m.home.path, "root"),
             Box(0, ROW_HEIGHT + 10, TOP_BOX_WIDTH, m.pages[course.concept.id].label,
                 m.pages[course.concept.id].path, "concept")]
    lines: list[tuple[int, int, int, int]] = []
    parts_top = 2 * (ROW_HEIGHT + 10) + 10
    bottom = parts_top
    columns = len(m.course.parts)
    column_width = (TOP_BOX_WIDTH - (columns - 1) * GAP) // max(columns, 1)
    for index, part in enumerate(m.course.parts):
        x = index * (column_width + GAP)
        boxes.append(Box(x, parts_top, column_width, m.pages[part.id].label, m.pages[part.id].path, "part"))
        y = parts_top + ROW_HEIGHT + 6
        spine_x = x + INDENT // 2
        for section in part.sections:
            boxes.append(Box(x + INDENT, y, column_width - INDENT, m.pages[section.id].label,
                             m.pages[section.id].path, "section"))
            lines.append((spine_x, y + BOX_HEIGHT // 2, x + INDENT, y + BOX_HEIGHT // 2))
            last_y = y
            y += ROW_HEIGHT
            for measure in section.measures:
                boxes.append(Box(x + 2 * INDENT, y, column_width - 2 * INDENT, m.pages[measure.id].label,
                                 m.pages[measure.id].path, "measure"))
                y += ROW_HEIGHT
        lines.append((spine_x, parts_top + BOX_HEIGHT, spine_x, last_y + BOX_HEIGHT // 2))
        bottom = max(bottom, y)
    boxes.append(Box(0, bottom + 6, TOP_BOX_WIDTH, m.pages[course.closing.id].label,
                     m.pages[course.closing.id].path, "closing"))
    height = bottom + 6 + BOX_HEIGHT + 2
    return boxes, lines, height


def structure_svg(m: CourseMap, from_page: str) -> str:
    """An accessible SVG; one line so Markdown keeps it as a raw HTML block.

    The drawing is a labelled group, not ``role="img"``: an image's content is
    hidden from assistive technology, and its links would be unreachable there.
    Each link is named by its ``<title>`` (the full label, even when the box
    shows a shortened one).
    """
    boxes, lines, height = _layout(m)
    course = m.course.course
    label = f"{plain(course.title)}的结构图：开篇、{len(m.course.parts)} 个部分和结语，点击方框可打开对应页面"
    out = [
        f'<svg class="cg-diagram__svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {TOP_BOX_WIDTH} {height}"'
        f' width="{TOP_BOX_WIDTH}" height="{height}" role="group" aria-labelledby="cg-diagram-title">',
        f'<title id="cg-diagram-title">{escape(label)}</title>',
    ]
    for x1, y1, x2, y2 in lines:
        out.append(f'<line class="cg-diagram__line" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
    for box in boxes:
        href = quoteattr(html_path(relative(box.target, from_page)))
        shown = fit(plain(box.label), box.width)
        out.append(
            f'<a href={href} class="cg-diagram__link cg-diagram__link--{box.kind}">'
            f"<title>{escape(plain(box.label))}</title>"
            f'<rect x="{box.x}" y="{box.y}" width="{box.width}" height="{BOX_HEIGHT}" rx="4"/>'
            f'<text x="{box.x + 8}" y="{box.y + BOX_HEIGHT // 2}" dominant-baseline="central">{escape(shown)}</text>'
            "</a>"
        )
    out.append("</svg>")
    return '<div class="cg-diagram">' + "".join(out) + "</div>"
