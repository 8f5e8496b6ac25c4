"""What the question-bank exporters share.

Chinese type names, where each question sits in the course (a label that is
unique within the course, and the top-level part for categories), its points,
fill-in stems cut at their blanks, and the shown order of its options or items
(see ``generator.arrange``): the same for every export and every run.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..arrange import Arranged, arrange
from ..loaded import LoadedCourse
from ..quiz_models import BLANK, TYPE_LABELS, FillBlank, MultipleChoice, Ordering, SingleChoice, TrueFalse
from ..render.site_map import CourseMap, build_course_map
from ..render.text import plain
from ..walk import topics
from .points import point_values

AnyQuestion = SingleChoice | MultipleChoice | TrueFalse | FillBlank | Ordering
TYPE_NAMES = {kind: f"{label}题" for kind, label in TYPE_LABELS.items()}
"""单选题, 多选题, 判断题, 填空题, 排序题."""
PATH_SEPARATOR = " › "
BLANK_MARK = "____"
"""How every blank of a fill-in stem is written in the exports."""


@dataclass(frozen=True)
class Entry:
    """One question as exported: its course, where it sits, its points and its shown order."""

    course: LoadedCourse
    shown: Arranged
    section: str
    """The page label with its parents (``二、… › （二）…``): unique within the course."""
    part: str
    """The label of the top-level page the question belongs to (a part, 开篇 or 结语)."""
    points: Fraction

    @property
    def question(self) -> AnyQuestion:
        return self.shown.question


def section_paths(m: CourseMap) -> tuple[dict[str, str], dict[str, str]]:
    """For every page id a question may name: its label path and its top-level label."""
    paths = {key: page.label for key, page in m.pages.items()}
    tops = dict(paths)
    section_label = ""
    for part, topic in topics(m.course.parts):
        part_label = m.pages[part.id].label
        tops[topic.id] = part_label
        if topic.id in m.section_labels:
            section_label = m.pages[topic.id].label
            paths[topic.id] = f"{part_label}{PATH_SEPARATOR}{section_label}"
        else:
            measure = f"举措 {m.measure_numbers[topic.id]}：{topic.short_title}"
            paths[topic.id] = PATH_SEPARATOR.join((part_label, section_label, measure))
    return paths, tops


def course_entries(loaded: LoadedCourse, seed: str = "", questions: Sequence[AnyQuestion] | None = None) -> list[Entry]:
    """The course's questions (bank order unless given), arranged with ``seed``."""
    if loaded.bank is None:
        return []
    bank = loaded.bank.questions
    points = point_values(Counter(q.type for q in bank))
    paths, tops = section_paths(build_course_map(loaded))
    return [Entry(loaded, shown, paths[shown.question.section], tops[shown.question.section],
                  points[shown.question.type])
            for shown in arrange(bank if questions is None else questions, seed)]


def entries(courses: list[LoadedCourse]) -> list[Entry]:
    """Every question of the courses that have a bank, in bank order, arranged per course."""
    return [entry for loaded in courses for entry in course_entries(loaded)]


def blank_parts(stem: str) -> list[str]:
    """The folded stem cut at its blanks: one piece more than there are blanks."""
    return BLANK.split(plain(stem))


def blank_stem(stem: str) -> str:
    """The folded stem with every blank written as ``____``."""
    return BLANK_MARK.join(blank_parts(stem))


def text_width(text: str) -> int:
    """Width in half-width units: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
