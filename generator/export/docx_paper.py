"""A printable exam paper and its answer key, as two Word documents per course.

``<course-id>-试卷.docx`` groups the questions by type (一、单选题 … 五、排序题)
with the points in each heading; ``<course-id>-答案与解析.docx`` has the same
numbering with each answer and its 解析. The paper never shows an answer:
ordering items are lettered in a fixed shuffled order (see ``common``).

Points: each type has a weight (单选 2, 多选 3, 判断 1, 填空 2, 排序 3),
scaled so the paper totals 100. Each type gets one value per question, a whole
number if some choice totals exactly 100, else a multiple of 0.5; among those
the closest to the scaled weights, never ranking a lighter type above a
heavier one. If no choice totals 100, the rounded values are used and the
paper states its total.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

from docx.shared import Pt

from ..loaded import LoadedCourse
from ..quiz_models import BLANK, OPTION_LETTERS, QUESTION_TYPES, FillBlank, MultipleChoice, Ordering, SingleChoice
from ..render.notes import current_rule_text
from ..render.site_map import chinese_number
from ..render.text import plain
from . import ExportResult
from .common import TYPE_NAMES, AnyQuestion, blank_parts, course_entries, order_answer, shown_order
from .word import centered, new_document, to_bytes

WEIGHTS = {"single": 2, "multiple": 3, "truefalse": 1, "fill": 2, "order": 3}
TOTAL = 100
BOX = "（\u3000\u3000）"
UNDERLINE = "\u00a0" * 12
"""A fill-in blank on paper: an underlined run of no-break spaces."""
INDENT = Pt(21)
"""Options sit two characters in."""
NAME_LINE = "姓名：__________\u3000单位：__________\u3000得分：__________"


def _closest(counts: dict[str, int], ideal: dict[str, Fraction], step: Fraction) -> dict[str, Fraction] | None:
    """Values (multiples of ``step``, near ``ideal``) totalling exactly 100, closest to ``ideal``."""
    def window(k: str) -> range:
        """Steps between half and one and a half times the ideal, at most 4 steps away."""
        units = ideal[k] / step
        low = max(1, math.floor(units / 2), round(units) - 4)
        return range(low, min(math.ceil(units * 3 / 2), round(units) + 4) + 1)

    *free, last = counts
    best, best_cost = None, None
    for units in itertools.product(*(window(k) for k in free)):
        points = {k: u * step for k, u in zip(free, units)}
        last_units = (Fraction(TOTAL) - sum(counts[k] * points[k] for k in free)) / counts[last] / step
        if last_units.denominator != 1 or last_units not in window(last):
            continue
        points[last] = last_units * step
        if any(points[a] > points[b] for a in counts for b in counts if WEIGHTS[a] < WEIGHTS[b]):
            continue
        cost = sum(counts[k] * (points[k] - ideal[k]) ** 2 for k in counts)
        if best_cost is None or cost < best_cost:
            best, best_cost = points, cost
    return best


def point_values(counts: dict[str, int]) -> dict[str, Fraction]:
    """Points per question of each type present (see the module docstring)."""
    counts = {k: counts[k] for k in QUESTION_TYPES if counts.get(k)}
    weight = sum(counts[k] * WEIGHTS[k] for k in counts)
    ideal = {k: Fraction(TOTAL * WEIGHTS[k], weight) for k in counts}
    for step in (Fraction(1), Fraction(1, 2)):
        points = _closest(counts, ideal, step)
        if points:
            return points
    return {k: Fraction(max(1, round(ideal[k]))) for k in counts}


def number(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):g}"


def group_heading(index: int, kind: str, count: int, points: Fraction) -> str:
    return f"{chinese_number(index)}、{TYPE_NAMES[kind]}（每题 {number(points)} 分，共 {number(points * count)} 分）"


def with_box(stem: str) -> str:
    """The stem with an answer box: at its blank if it has one, else at the end."""
    text = plain(stem)
    return BLANK.sub(BOX, text) if BLANK.search(text) else text + BOX


def answer_text(question: AnyQuestion) -> str:
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return "".join(question.answer)
    if isinstance(question, FillBlank):
        return "；".join(plain(alts[0]) + (f"（或 {'、'.join(plain(a) for a in alts[1:])}）" if alts[1:] else "")
                        for alts in question.answer)
    if isinstance(question, Ordering):
        return f"{order_answer(question.items)}（{' → '.join(plain(i) for i in question.items)}）"
    return "正确" if question.answer else "错误"


def write_question(document, n: int, question: AnyQuestion) -> None:
    paragraph = document.add_paragraph(f"{n}. ")
    if isinstance(question, FillBlank):
        parts = blank_parts(question.stem)
        paragraph.add_run(parts[0])
        for part in parts[1:]:
            paragraph.add_run(UNDERLINE).underline = True
            paragraph.add_run(part)
        return
    paragraph.add_run(with_box(question.stem))
    choices = question.options if isinstance(question, (SingleChoice, MultipleChoice)) else (
        shown_order(question.items) if isinstance(question, Ordering) else [])
    for letter, text in zip(OPTION_LETTERS, choices):
        document.add_paragraph(f"{letter}. {plain(text)}").paragraph_format.left_indent = INDENT


def documents(loaded: LoadedCourse) -> tuple[bytes, bytes, Fraction]:
    """The paper, the answer key and the paper's total."""
    questions = [e.question for e in course_entries(loaded)]
    groups = [(k, [q for q in questions if q.type == k]) for k in QUESTION_TYPES]
    groups = [(k, qs) for k, qs in groups if qs]
    points = point_values({k: len(qs) for k, qs in groups})
    total = sum(points[k] * len(qs) for k, qs in groups)
    title = f"{plain(loaded.course.title)} 测试卷"
    paper, key = new_document(title), new_document(f"{title} 答案与解析")
    centered(paper.add_heading(title, level=0))
    centered(paper.add_paragraph(NAME_LINE))
    centered(paper.add_paragraph(f"（共 {len(questions)} 题，满分 {number(total)} 分）"))
    centered(key.add_heading(f"{title} 答案与解析", level=0))
    n = 0
    for index, (kind, group) in enumerate(groups, start=1):
        for document in (paper, key):
            document.add_heading(group_heading(index, kind, len(group), points[kind]), level=1)
        for question in group:
            n += 1
            write_question(paper, n, question)
            answer = key.add_paragraph(f"{n}. ")
            answer.add_run("答案：").bold = True
            answer.add_run(answer_text(question))
            key.add_paragraph(f"解析：{plain(question.explanation)}")
            if question.current_rule is not None:
                key.add_paragraph(f"现行规定：{current_rule_text(question.current_rule)}")
    return to_bytes(paper), to_bytes(key), total


def export(courses: list[LoadedCourse], base_name: str) -> ExportResult:
    files: dict[str, bytes] = {}
    notes: list[str] = []
    for loaded in courses:
        course = loaded.course
        if loaded.bank is None:
            notes.append(f"课程“{plain(course.title)}”没有题库，未生成试卷。")
            continue
        paper, key, total = documents(loaded)
        files[f"{course.id}-试卷.docx"] = paper
        files[f"{course.id}-答案与解析.docx"] = key
        if total != TOTAL:
            notes.append(f"“{plain(course.title)}”的题目数量凑不成 100 分，试卷满分为 {number(total)} 分。")
    return ExportResult(files, tuple(notes))
