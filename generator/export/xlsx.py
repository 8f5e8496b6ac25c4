"""The question bank as an Excel workbook in the layout Chinese exam systems import.

One sheet 题库, one row per question. Answers: single ``B``; multiple ``ACD``;
true-false 正确/错误; fill-in: blanks separated by ``|``, alternatives by ``/``
(``持续集成/CI|测试先行``), every blank in the stem written as ``____``;
ordering: the items in 选项A… in a fixed shuffled order, the answer as the
letters in the correct order (``BCA``). Every cell is text, never a formula.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..loaded import LoadedCourse
from ..quiz_models import OPTION_LETTERS, FillBlank, MultipleChoice, Ordering, SingleChoice, TrueFalse
from ..render.text import plain
from . import ExportResult
from .common import TYPE_NAMES, AnyQuestion, blank_parts, entries, order_answer, shown_order

SHEET = "题库"
BLANK_MARK = "____"
HEADER = ("题型", "题干", *(f"选项{letter}" for letter in OPTION_LETTERS), "正确答案", "解析", "难度", "章节")
WIDTHS = (9, 50, *(20,) * len(OPTION_LETTERS), 12, 50, 7, 24)


def row(question: AnyQuestion, section: str) -> list[str]:
    """The cells of one question, in HEADER order."""
    stem = plain(question.stem)
    options: list[str] = []
    if isinstance(question, (SingleChoice, MultipleChoice)):
        options = [plain(o) for o in question.options]
        answer = "".join(question.answer)
    elif isinstance(question, TrueFalse):
        answer = "正确" if question.answer else "错误"
    elif isinstance(question, FillBlank):
        stem = BLANK_MARK.join(blank_parts(question.stem))
        answer = "|".join("/".join(plain(a) for a in alternatives) for alternatives in question.answer)
    else:
        assert isinstance(question, Ordering)
        options = [plain(item) for item in shown_order(question.items)]
        answer = order_answer(question.items)
    options += [""] * (len(OPTION_LETTERS) - len(options))
    return [TYPE_NAMES[question.type], stem, *options, answer, plain(question.explanation),
            question.difficulty, section]


def workbook(rows: list[list[str]]) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate([list(HEADER), *rows], start=1):
        for c, value in enumerate(values, start=1):
            if not value:
                continue
            cell = sheet.cell(row=r, column=c, value=value)
            # openpyxl turns any string starting with "=" into a formula; course text is data.
            cell.data_type = "s"
            cell.alignment = wrap
            if r == 1:
                cell.font = Font(bold=True)
    for c, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADER))}{len(rows) + 1}"
    book.properties.creator = "coursegen"
    return book


def export(courses: list[LoadedCourse], base_name: str) -> ExportResult:
    rows = [row(e.question, e.section) for e in entries(courses)]
    buffer = BytesIO()
    workbook(rows).save(buffer)
    return ExportResult({f"{base_name}.xlsx": buffer.getvalue()})
