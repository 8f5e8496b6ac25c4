"""What the question-bank exporters share.

Chinese type names, the section label of each question, fill-in stems cut at
their blanks, and the fixed order in which ordering items are printed: the
same for every export and every run, and never the correct order.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..loaded import LoadedCourse
from ..quiz_models import (
    BLANK,
    OPTION_LETTERS,
    TYPE_LABELS,
    FillBlank,
    MultipleChoice,
    Ordering,
    SingleChoice,
    TrueFalse,
)
from ..render.site_map import build_course_map
from ..render.text import plain

AnyQuestion = SingleChoice | MultipleChoice | TrueFalse | FillBlank | Ordering
TYPE_NAMES = {kind: f"{label}题" for kind, label in TYPE_LABELS.items()}
"""单选题, 多选题, 判断题, 填空题, 排序题."""


@dataclass(frozen=True)
class Entry:
    """One question with the course it belongs to and its section's label."""

    course: LoadedCourse
    question: AnyQuestion
    section: str


def course_entries(loaded: LoadedCourse) -> list[Entry]:
    if loaded.bank is None:
        return []
    pages = build_course_map(loaded).pages
    return [Entry(loaded, q, pages[q.section].label) for q in loaded.bank.questions]


def entries(courses: list[LoadedCourse]) -> list[Entry]:
    """Every question of the courses that have a bank, in bank order."""
    return [entry for loaded in courses for entry in course_entries(loaded)]


def blank_parts(stem: str) -> list[str]:
    """The folded stem cut at its blanks: one piece more than there are blanks."""
    return BLANK.split(plain(stem))


def shown_order(items: list[str]) -> list[str]:
    """Ordering items in a fixed order (by a hash of the text), never the correct one."""
    shown = sorted(items, key=lambda text: (hashlib.sha256(text.encode("utf-8")).hexdigest(), text))
    return shown[::-1] if shown == list(items) else shown


def order_answer(items: list[str]) -> str:
    """The letters of the shown items, read in the correct order, e.g. ``BCA``."""
    shown = shown_order(items)
    return "".join(OPTION_LETTERS[shown.index(item)] for item in items)
