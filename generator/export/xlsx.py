"""The question bank as an Excel workbook in the layout Chinese exam systems import.

One sheet 题库, one row per question, columns as in ``COLUMNS``. Answers: single
``B``; multiple ``ACD``; true-false 正确/错误; fill-in: blanks separated by ``；``,
the accepted alternatives of one blank by ``｜`` (``持续集成｜CI；测试先行``), every
blank in the stem written as ``____``; ordering: the items in 选项A… in the shown
order, the answer as the letters in the correct order (``BCA``). Options are in
the shown (seeded, balanced) order. Every cell is Text (``@``), never a formula;
rows are as tall as their longest cell. What a cell cannot hold is noted.
"""

from __future__ import annotations

import math
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..loaded import LoadedCourse
from ..quiz_models import OPTION_LETTERS, FillBlank, Ordering, TrueFalse
from ..render.text import plain
from . import ExportResult
from .common import TYPE_NAMES, Entry, blank_stem, entries, text_width
from .points import number

SHEET = "题库"
BLANK_SEPARATOR = "；"
ALTERNATIVE_SEPARATOR = "｜"
CELL_LIMIT = 32_767
"""Excel's limit on the characters of one cell."""
COLUMNS = (("题目ID", 24), ("题型", 9), ("题干", 50), *((f"选项{x}", 20) for x in OPTION_LETTERS),
           ("正确答案", 14), ("分值", 7), ("解析", 50), ("难度", 7), ("所属章节", 30))
HEADER = tuple(name for name, _ in COLUMNS)
LINE_HEIGHT = 15.0
"""Points per line of 11-point text."""


def answer_text(entry: Entry) -> str:
    question = entry.question
    if isinstance(question, TrueFalse):
        return "正确" if question.answer else "错误"
    if isinstance(question, FillBlank):
        return BLANK_SEPARATOR.join(ALTERNATIVE_SEPARATOR.join(plain(a) for a in alternatives)
                                    for alternatives in question.answer)
    return entry.shown.key


def row(entry: Entry) -> list[str]:
    """The cells of one question, in HEADER order."""
    question = entry.question
    stem = blank_stem(question.stem) if isinstance(question, FillBlank) else plain(question.stem)
    options = [plain(c) for c in entry.shown.choices]
    options += [""] * (len(OPTION_LETTERS) - len(options))
    return [question.id, TYPE_NAMES[question.type], stem, *options, answer_text(entry), number(entry.points),
            plain(question.explanation), question.difficulty, entry.section]


def separator_clashes(entry: Entry) -> list[str]:
    """Fill-in answers that contain a separator and would be read as two."""
    question = entry.question
    if not isinstance(question, FillBlank):
        return []
    return [a for alternatives in question.answer for a in alternatives
            if BLANK_SEPARATOR in a or ALTERNATIVE_SEPARATOR in a]


def lines_needed(text: str, width: float) -> int:
    return sum(max(1, math.ceil(text_width(line) / max(1.0, width - 1))) for line in text.split("\n"))


def workbook(rows: list[list[str]]) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate([list(HEADER), *rows], start=1):
        for c, value in enumerate(values, start=1):
            # Empty cells are Text too, so what a trainer types later is not read as a formula or number.
            cell = sheet.cell(row=r, column=c, value=value or None)
            cell.number_format = "@"
            cell.alignment = wrap
            if value:
                cell.data_type = "s"  # openpyxl turns a string starting with "=" into a formula otherwise
            if r == 1:
                cell.font = Font(bold=True)
        if r > 1:
            lines = max(lines_needed(v, w) for v, (_, w) in zip(values, COLUMNS) if v)
            sheet.row_dimensions[r].height = min(409.0, lines * LINE_HEIGHT)
    for c, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADER))}{len(rows) + 1}"
    book.properties.creator = "coursegen"
    return book


def fit(entry: Entry, cells: list[str], notes: list[str]) -> list[str]:
    """Cells cut to Excel's limit, each cut noted."""
    out = []
    for name, value in zip(HEADER, cells):
        if len(value) > CELL_LIMIT:
            notes.append(f"题目 {entry.question.id} 的“{name}”有 {len(value)} 个字符，超过 Excel 单元格上限 "
                         f"{CELL_LIMIT}，表中只保留了前 {CELL_LIMIT} 个字符。")
            value = value[:CELL_LIMIT]
        out.append(value)
    return out


def export(courses: list[LoadedCourse], base_name: str) -> ExportResult:
    notes: list[str] = []
    rows = []
    exported = entries(courses)
    for entry in exported:
        rows.append(fit(entry, row(entry), notes))
        for answer in separator_clashes(entry):
            notes.append(f"题目 {entry.question.id} 的填空答案“{plain(answer)[:30]}”含有分隔符"
                         f"“{BLANK_SEPARATOR}”或“{ALTERNATIVE_SEPARATOR}”，导入时可能被拆开，请在考试系统中核对。")
    ordering = sum(isinstance(e.question, Ordering) for e in exported)
    if ordering:
        notes.append(f"{ordering} 道排序题：多数考试系统没有排序题型，表中把各项放在选项A、选项B……，"
                     "正确答案为按正确顺序排列的字母（如 BCA）；如导入系统不支持，请删去这些行。")
    buffer = BytesIO()
    workbook(rows).save(buffer)
    return ExportResult({f"{base_name}.xlsx": buffer.getvalue()}, tuple(notes))
