"""The printed exam paper (试卷): header, score table, instructions and the questions.

Questions are grouped by type (一、单选题 … 五、排序题) with the points in each heading.
Options and ordering items are lettered in the shown (seeded, balanced) order. The
answer bracket is made of characters Word and LibreOffice never break a line in
(“（” may not end a line, “）” may not start one, no-break spaces between), and a
fill-in blank is an underlined run of no-break spaces as wide as its longest
accepted answer plus room to write.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

from ..quiz_models import BLANK, OPTION_LETTERS, FillBlank, MultipleChoice, Ordering, SingleChoice, TrueFalse
from ..render.site_map import chinese_number
from ..render.text import plain
from .common import TYPE_NAMES, Entry, blank_parts, text_width
from .points import number
from .word import centered, repeat_header

NBSP = "\u00a0"
BOX = f"（{NBSP * 8}）"
"""An answer bracket that never breaks across lines."""
BLANK_PADDING = 4
"""Half-width units of room beyond the longest accepted answer."""
MIN_BLANK = 8
INDENT = Pt(21)
"""Options sit two characters in."""
NAME_LINE = "姓名：__________\u3000单位：__________\u3000得分：__________"


@dataclass(frozen=True)
class Group:
    """One type's questions on a paper, with its number (一、二…) and points per question."""

    index: int
    kind: str
    entries: list[Entry]

    @property
    def points(self) -> Fraction:
        return self.entries[0].points

    @property
    def total(self) -> Fraction:
        return self.points * len(self.entries)

    @property
    def heading(self) -> str:
        return (f"{chinese_number(self.index)}、{TYPE_NAMES[self.kind]}"
                f"（每题 {number(self.points)} 分，共 {number(self.total)} 分）")


def blank_run(alternatives: list[str]) -> str:
    """No-break spaces for a blank: two per half-width unit of the longest answer, plus room."""
    units = max(text_width(plain(a)) for a in alternatives) + BLANK_PADDING
    return NBSP * (2 * max(MIN_BLANK, units))


def with_box(stem: str) -> str:
    """The stem with an answer bracket: at its blank if it has one, else at the end."""
    text = plain(stem)
    return BLANK.sub(BOX, text) if BLANK.search(text) else text + BOX


def instructions(groups: list[Group], total: Fraction) -> list[str]:
    count = sum(len(g.entries) for g in groups)
    kinds = {g.kind for g in groups}
    lines = [f"本卷共 {count} 题，满分 {number(total)} 分。请先在卷首和答题卡上写好姓名、单位。",
             "请把答案写在答题卡上，写在试卷上的答案不计分。"]
    if kinds & {"single", "multiple"}:
        lines.append("选择题写选项字母；多选题须选出全部正确选项，多选、少选、错选均不得分。")
    if "truefalse" in kinds:
        lines.append("判断题正确的写“√”，错误的写“×”。")
    if "fill" in kinds:
        lines.append("填空题每空写一个词语或短语，意思相同、写法不同的可酌情给分。")
    if "order" in kinds:
        lines.append("排序题按正确顺序写出各项的字母，例如 BCA。")
    return [f"{n}．{line}" for n, line in enumerate(lines, start=1)]


def score_table(document: DocumentObject, groups: list[Group], total: Fraction) -> None:
    """题型 一 二 … 总分 / 满分 / 得分 / 评卷人."""
    header = ("题型", *(chinese_number(g.index) for g in groups), "总分")
    rows = (("满分", *(number(g.total) for g in groups), number(total)),
            ("得分", *("" for _ in groups), ""), ("评卷人", *("" for _ in groups), ""))
    grid = document.add_table(rows=len(rows) + 1, cols=len(header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, values in enumerate((header, *rows)):
        for cell, text in zip(grid.rows[r].cells, values):
            centered(cell.paragraphs[0]).add_run(text).bold = r == 0 or text in ("满分", "得分", "评卷人")
    repeat_header(grid)


def write_header(document: DocumentObject, title: str, groups: list[Group], total: Fraction) -> None:
    centered(document.add_heading(title, level=0))
    centered(document.add_paragraph(NAME_LINE))
    count = sum(len(g.entries) for g in groups)
    centered(document.add_paragraph(f"（共 {count} 题，满分 {number(total)} 分，考试时间：______ 分钟）"))
    score_table(document, groups, total)
    document.add_heading("考试说明", level=2)
    for line in instructions(groups, total):
        document.add_paragraph(line)


def choices_of(entry: Entry) -> list[str]:
    question = entry.question
    return entry.shown.choices if isinstance(question, (SingleChoice, MultipleChoice, Ordering)) else []


def write_question(document: DocumentObject, n: int, entry: Entry) -> None:
    question = entry.question
    paragraph = document.add_paragraph(f"{n}. ")
    paragraph.paragraph_format.keep_with_next = bool(choices_of(entry))
    if isinstance(question, FillBlank):
        parts = blank_parts(question.stem)
        paragraph.add_run(parts[0])
        for alternatives, part in zip(question.answer, parts[1:]):
            paragraph.add_run(blank_run(alternatives)).underline = True
            paragraph.add_run(part)
        return
    assert isinstance(question, (SingleChoice, MultipleChoice, Ordering, TrueFalse))
    paragraph.add_run(with_box(question.stem))
    choices = choices_of(entry)
    for i, (letter, text) in enumerate(zip(OPTION_LETTERS, choices)):
        option = document.add_paragraph(f"{letter}. {plain(text)}")
        option.paragraph_format.left_indent = INDENT
        option.paragraph_format.keep_with_next = i < len(choices) - 1


def write_questions(document: DocumentObject, groups: list[Group]) -> None:
    n = 0
    for group in groups:
        document.add_heading(group.heading, level=1)
        for entry in group.entries:
            n += 1
            write_question(document, n, entry)
