"""A printable exam paper and its answer key, as two Word documents per course and variant.

``<course-id>-试卷.docx``: title, 姓名/单位/得分, a score table, 考试说明, the
questions grouped by type with the points in each heading, and a separate 答题卡
page; ``<course-id>-答案与解析.docx``: 答案速查 (every answer in one grid) and each
answer with its 解析. Points follow ``points.py`` (a course totals 100).

With ``variants`` > 1 (``--variants 2``) each course gets papers A, B…
(``<course-id>-试卷A.docx`` with ``<course-id>-答案与解析A.docx`` …): A keeps the
bank's question order, every other variant has its own seeded question order within
each type and its own option order, each with its own key.
"""

from __future__ import annotations

from ..arrange import shuffled, variant_seed
from ..errors import ProjectError, quoted
from ..loaded import LoadedCourse
from ..quiz_models import OPTION_LETTERS, QUESTION_TYPES
from ..render.text import plain
from . import ExportResult
from .answer_sheet import write_answer_sheet, write_key
from .common import course_entries
from .paper import Group, write_header, write_questions
from .points import TOTAL, number
from .word import centered, new_document, to_bytes

MAX_VARIANTS = 8


def paper_groups(loaded: LoadedCourse, variant: int) -> list[Group]:
    """The questions of one variant, grouped by type in the variant's order and arrangement."""
    assert loaded.bank is not None
    seed = variant_seed(variant)
    ordered = []
    for kind in QUESTION_TYPES:
        group = [q for q in loaded.bank.questions if q.type == kind]
        ordered += shuffled(group, seed, f"{loaded.course.id}/{kind}") if variant else group
    entries = course_entries(loaded, seed, ordered)
    kinds = [k for k in QUESTION_TYPES if any(e.question.type == k for e in entries)]
    return [Group(i, kind, [e for e in entries if e.question.type == kind]) for i, kind in enumerate(kinds, start=1)]


def documents(loaded: LoadedCourse, variant: int, label: str) -> tuple[bytes, bytes, float]:
    """The paper, the answer key and the paper's total."""
    groups = paper_groups(loaded, variant)
    total = sum(g.total for g in groups)
    title = f"{plain(loaded.course.title)} 测试卷" + (f"（{label} 卷）" if label else "")
    paper, key = new_document(title), new_document(f"{title} 答案与解析")
    write_header(paper, title, groups, total)
    write_questions(paper, groups)
    write_answer_sheet(paper, title, groups)
    centered(key.add_heading(f"{title} 答案与解析", level=0))
    write_key(key, groups)
    return to_bytes(paper), to_bytes(key), total


def export(courses: list[LoadedCourse], base_name: str, variants: int = 1) -> ExportResult:
    if not 1 <= variants <= MAX_VARIANTS:
        raise ProjectError(f"--variants 须在 1 到 {MAX_VARIANTS} 之间（现为 {variants}）")
    files: dict[str, bytes] = {}
    notes: list[str] = []
    for loaded in courses:
        course = loaded.course
        if loaded.bank is None:
            notes.append(f"课程{quoted(plain(course.title))}没有题库，未生成试卷。")
            continue
        for variant in range(variants):
            label = OPTION_LETTERS[variant] if variants > 1 else ""
            paper, key, total = documents(loaded, variant, label)
            files[f"{course.id}-试卷{label}.docx"] = paper
            files[f"{course.id}-答案与解析{label}.docx"] = key
        if total != TOTAL:
            notes.append(f"{quoted(plain(course.title))}的题目数量凑不成 100 分，试卷满分为 {number(total)} 分。")
    return ExportResult(files, tuple(notes))
