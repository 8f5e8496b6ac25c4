"""Single-choice questions in Moodle's Aiken format (UTF-8 text).

Aiken carries nothing but single choice: a one-line stem, options ``A. …``,
``ANSWER: B`` and a blank line. Other types are skipped and counted in a note.
"""

from __future__ import annotations

from collections import Counter

from ..errors import ProjectError
from ..loaded import LoadedCourse
from ..quiz_models import OPTION_LETTERS, QUESTION_TYPES, TYPE_LABELS, SingleChoice
from ..render.text import plain
from . import ExportResult
from .common import entries


def question_block(question: SingleChoice) -> str:
    lines = [plain(question.stem)]
    lines += [f"{OPTION_LETTERS[i]}. {plain(option)}" for i, option in enumerate(question.options)]
    lines.append(f"ANSWER: {question.answer}")
    return "\n".join(lines) + "\n"


def skip_note(exported: int, skipped: Counter[str]) -> str:
    kinds = "、".join(f"{TYPE_LABELS[kind]} {skipped[kind]}" for kind in QUESTION_TYPES if skipped[kind])
    return (f"Aiken 只支持单选题：已导出 {exported} 道单选题，"
            f"跳过 {sum(skipped.values())} 道（{kinds}）。")


def export(courses: list[LoadedCourse], base_name: str) -> ExportResult:
    questions = [e.question for e in entries(courses)]
    singles = [q for q in questions if isinstance(q, SingleChoice)]
    if not singles:
        raise ProjectError("所选课程的题库中没有单选题，Aiken 格式只能导出单选题")
    skipped = Counter(q.type for q in questions if not isinstance(q, SingleChoice))
    notes = (skip_note(len(singles), skipped),) if skipped else ()
    text = "\n".join(question_block(q) for q in singles)
    return ExportResult({f"{base_name}.aiken.txt": text.encode("utf-8")}, notes)
