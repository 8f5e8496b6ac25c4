"""Word documents for the docx exporters: A4 pages, Chinese fonts and language, page numbers.

Body text is 宋体 and headings 黑体, set through ``w:eastAsia`` (Word picks the
East-Asian font from that attribute, not from the Latin font name). The East Asian
language is zh-CN everywhere (document defaults, theme fonts), the font table says
both fonts are GB2312 fonts with their English names as alternatives (SimSun,
SimHei), so a machine without them falls back to a Chinese font rather than a
Japanese one, and the document declares Word 2013+ so it does not open in 兼容模式.
Text is always added as runs, so course text never becomes markup.
"""

from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from ..render.text import plain

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
LANGUAGE = "zh-CN"
FONT_TABLE = {BODY_FONT: ("SimSun", "roman", "02010600030101010101"),
              HEADING_FONT: ("SimHei", "modern", "02010609060101010101")}
"""Name → (alternative name, family, PANOSE) for the font table; charset 86 is GB2312."""
WORD_2013 = "15"
HEADING_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4")
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_BLANK_LINES = re.compile(r"\n\s*\n")
_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"


def set_fonts(r_pr, east_asia: str, latin: str = LATIN_FONT) -> None:
    fonts = r_pr.get_or_add_rFonts()
    for attribute in _THEME_FONTS:  # theme fonts would win over the names set here
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _set_language(r_pr) -> None:
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _settings(document: DocumentObject) -> None:
    settings = document.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), WORD_2013)
    for theme_lang in settings.iter(qn("w:themeFontLang")):
        theme_lang.set(qn("w:eastAsia"), LANGUAGE)


def _package_part(document: DocumentObject, reltype: str):
    return next(rel.target_part for rel in document.part.rels.values() if rel.reltype == reltype)


def _font_table(document: DocumentObject) -> None:
    part = _package_part(document, RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    for font in root.findall(qn("w:font")):
        if font.get(qn("w:name")) in ("ＭＳ 明朝", "ＭＳ ゴシック"):  # the template's Japanese fonts
            root.remove(font)
    for name, (alternative, family, panose) in FONT_TABLE.items():
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        for tag, value in (("w:altName", alternative), ("w:panose1", panose), ("w:charset", "86"),
                           ("w:family", family), ("w:pitch", "variable")):
            etree.SubElement(font, qn(tag), {qn("w:val"): value})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _theme(document: DocumentObject) -> None:
    """Theme fonts for East Asian text: 宋体 (minor) and 黑体 (major), not the template's Japanese ones."""
    part = _package_part(document, RT.THEME)
    root = etree.fromstring(part.blob)
    for scheme, name in (("minorFont", BODY_FONT), ("majorFont", HEADING_FONT)):
        for fonts in root.iter(f"{{{_DRAWING}}}{scheme}"):
            fonts.find(f"{{{_DRAWING}}}ea").set("typeface", name)
            for script in fonts.findall(f"{{{_DRAWING}}}font"):
                if script.get("script") == "Jpan":
                    fonts.remove(script)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_numbers(document: DocumentObject) -> None:
    """A centred footer “第 N 页 共 M 页” on every page."""
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("第 ", "PAGE"), (" 页 共 ", "NUMPAGES"), (" 页", None)):
        footer.add_run(text)
        if field:
            simple = OxmlElement("w:fldSimple")
            simple.set(qn("w:instr"), f" {field} ")
            run = OxmlElement("w:r")
            value = OxmlElement("w:t")
            value.text = "1"
            run.append(value)
            simple.append(run)
            footer._p.append(simple)


def new_document(title: str) -> DocumentObject:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(defaults, BODY_FONT)
    _set_language(defaults)
    normal = document.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    normal.font.size = Pt(10.5)  # 五号
    for name in HEADING_STYLES:
        style = document.styles[name]
        set_fonts(style.element.get_or_add_rPr(), HEADING_FONT)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
    _settings(document)
    _font_table(document)
    _theme(document)
    _page_numbers(document)
    document.core_properties.title = title
    document.core_properties.language = LANGUAGE
    document.core_properties.author = document.core_properties.last_modified_by = "coursegen"
    return document


def to_bytes(document: DocumentObject) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def centered(paragraph: Paragraph) -> Paragraph:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def labeled(document: DocumentObject, label: str, text: str) -> None:
    """A paragraph ``label：text`` with the label in bold."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}：").bold = True
    paragraph.add_run(plain(text))


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


def repeat_header(table: Table) -> None:
    """The first row repeats at the top of every page the table runs onto (an on/off element: present is on)."""
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def table(document: DocumentObject, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, header):
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        for cell, text in zip(grid.add_row().cells, values):
            cell.paragraphs[0].add_run(plain(text))
    repeat_header(grid)
    document.add_paragraph()
