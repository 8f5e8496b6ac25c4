"""The 答题卡 page of the paper and the answer key (答案与解析) with its one-page grid.

Both number the questions as the paper does. The 答题卡 has a grid per type: a row
of question numbers over a row of empty cells for choice, true-false and ordering
questions, and a numbered line per blank for fill-in. The key opens with 答案速查,
every answer in one compact grid for marking, then each answer with its 解析.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from ..quiz_models import FillBlank, Ordering, TrueFalse
from ..render.notes import current_rule_text
from ..render.text import plain
from .common import Entry
from .paper import NAME_LINE, Group, blank_run
from .word import centered

PER_ROW = 10
"""Questions per row of a grid: ten fit across an A4 page."""
GRID_FONT = Pt(9)


def key_text(entry: Entry) -> str:
    """The full answer: letters, 正确/错误, every accepted alternative, or the items in order."""
    question = entry.question
    if isinstance(question, TrueFalse):
        return "正确（√）" if question.answer else "错误（×）"
    if isinstance(question, FillBlank):
        return "；".join(plain(alts[0]) + (f"（或 {'、'.join(plain(a) for a in alts[1:])}）" if alts[1:] else "")
                        for alts in question.answer)
    if isinstance(question, Ordering):
        return f"{entry.shown.key}（{' → '.join(plain(i) for i in question.items)}）"
    return entry.shown.key


def short_key(entry: Entry) -> str:
    """The answer as the grid shows it: letters, √/×, or the first alternative of each blank."""
    question = entry.question
    if isinstance(question, TrueFalse):
        return "√" if question.answer else "×"
    if isinstance(question, FillBlank):
        return "；".join(plain(alts[0]) for alts in question.answer)
    return entry.shown.key


def grid(document: DocumentObject, numbers: list[int], cells: list[str]) -> None:
    """Rows of up to ten question numbers, each over its cell."""
    rows = [(numbers[i:i + PER_ROW], cells[i:i + PER_ROW]) for i in range(0, len(numbers), PER_ROW)]
    table = document.add_table(rows=2 * len(rows), cols=PER_ROW)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, (row_numbers, row_cells) in enumerate(rows):
        for c, (n, text) in enumerate(zip(row_numbers, row_cells)):
            number_run = centered(table.rows[2 * r].cells[c].paragraphs[0]).add_run(str(n))
            number_run.bold = True
            number_run.font.size = GRID_FONT
            centered(table.rows[2 * r + 1].cells[c].paragraphs[0]).add_run(text).font.size = GRID_FONT


def numbered_groups(groups: list[Group]) -> list[tuple[Group, list[int]]]:
    out, n = [], 0
    for group in groups:
        out.append((group, list(range(n + 1, n + 1 + len(group.entries)))))
        n += len(group.entries)
    return out


def write_answer_sheet(document: DocumentObject, title: str, groups: list[Group]) -> None:
    """A separate 答题卡 page after the questions."""
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    centered(document.add_heading(f"{title} 答题卡", level=1))
    centered(document.add_paragraph(NAME_LINE))
    for group, numbers in numbered_groups(groups):
        document.add_paragraph(group.heading.split("（")[0]).runs[0].bold = True
        if group.kind == "fill":
            for n, entry in zip(numbers, group.entries):
                line = document.add_paragraph(f"{n}. ")
                for blank, alternatives in enumerate(entry.question.answer, start=1):
                    line.add_run(f"第{blank}空 " if len(entry.question.answer) > 1 else "")
                    line.add_run(blank_run(alternatives)).underline = True
                    line.add_run("\u3000")
        else:
            grid(document, numbers, [""] * len(numbers))


def write_key(document: DocumentObject, groups: list[Group]) -> None:
    """答案速查 (one grid), then each answer with its 解析, grouped as on the paper."""
    document.add_heading("答案速查", level=1)
    numbered = numbered_groups(groups)
    for group, numbers in numbered:
        document.add_paragraph(group.heading).runs[0].bold = True
        grid(document, numbers, [short_key(e) for e in group.entries])
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("答案与解析", level=1)
    for group, numbers in numbered:
        document.add_heading(group.heading, level=2)
        for n, entry in zip(numbers, group.entries):
            answer = document.add_paragraph(f"{n}. ")
            answer.add_run("答案：").bold = True
            answer.add_run(key_text(entry))
            answer.paragraph_format.keep_with_next = True
            document.add_paragraph(f"解析：{plain(entry.question.explanation)}")
            if entry.question.current_rule is not None:
                document.add_paragraph(f"现行规定：{current_rule_text(entry.question.current_rule)}")
