"""Word documents for the docx exporters: A4 pages and fonts that show Chinese.

Body text is 宋体 and headings 黑体, set through ``w:eastAsia`` (Word picks
the East-Asian font from that attribute, not from the Latin font name).
Text is always added as runs, so course text never becomes markup.
"""

from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..render.text import plain

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
HEADING_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4")
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_BLANK_LINES = re.compile(r"\n\s*\n")


def set_fonts(style, east_asia: str, latin: str = LATIN_FONT) -> None:
    style.font.name = latin
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in _THEME_FONTS:  # theme fonts would win over the names set here
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:eastAsia"), east_asia)


def new_document(title: str) -> DocumentObject:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    normal = document.styles["Normal"]
    set_fonts(normal, BODY_FONT)
    normal.font.size = Pt(10.5)  # 五号
    for name in HEADING_STYLES:
        style = document.styles[name]
        set_fonts(style, HEADING_FONT)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
    document.core_properties.title = title
    document.core_properties.author = document.core_properties.last_modified_by = "coursegen"
    return document


def to_bytes(document: DocumentObject) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def centered(paragraph: Paragraph) -> Paragraph:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def labeled(document: DocumentObject, label: str, text: str) -> Paragraph:
    """A paragraph ``label：text`` with the label in bold."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}：").bold = True
    paragraph.add_run(plain(text))
    return paragraph


def paragraphs(document: DocumentObject, text: str) -> None:
    """Text that may hold several paragraphs separated by blank lines."""
    for chunk in _BLANK_LINES.split(text.strip()):
        if chunk.strip():
            document.add_paragraph(plain(chunk))


def bullets(document: DocumentObject, texts: list[str]) -> None:
    for text in texts:
        document.add_paragraph(plain(text), style="List Bullet")


def numbered(document: DocumentObject, texts: list[str]) -> None:
    for n, text in enumerate(texts, start=1):
        document.add_paragraph(f"{n}. {plain(text)}")


def table(document: DocumentObject, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, header):
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        for cell, text in zip(grid.add_row().cells, values):
            cell.paragraphs[0].add_run(plain(text))
    document.add_paragraph()
    return grid
