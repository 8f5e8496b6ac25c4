"""Single-choice questions in Moodle's Aiken format (UTF-8 text).

Aiken carries nothing but single choice: a one-line stem, options ``A. …`` in the
shown order, ``ANSWER: B`` and a blank line. Other types are skipped and counted in
a note. Moodle reads any line that starts like an option (``A. ``, ``C.I.``) or
like the key (``ANSWER:``) as one, and would drop such a question: those stems are
indented by an ideographic space (U+3000, which Moodle does not trim) and noted.
"""

from __future__ import annotations

import re
from collections import Counter

from ..errors import ProjectError
from ..loaded import LoadedCourse
from ..quiz_models import OPTION_LETTERS, QUESTION_TYPES, TYPE_LABELS, SingleChoice
from ..render.text import plain
from . import ExportResult
from .common import Entry, entries

MISREAD = re.compile(r"^(?:[A-Z][).]|ANSWER:)")
"""How Moodle's Aiken import recognises an option line or the key line."""
INDENT = "\u3000"


def stem_line(question: SingleChoice) -> str:
    stem = plain(question.stem)
    return INDENT + stem if MISREAD.match(stem) else stem


def question_block(entry: Entry) -> str:
    lines = [stem_line(entry.question)]
    lines += [f"{OPTION_LETTERS[i]}. {plain(option)}" for i, option in enumerate(entry.shown.choices)]
    lines.append(f"ANSWER: {entry.shown.key}")
    return "\n".join(lines) + "\n"


def skip_note(exported: int, skipped: Counter[str]) -> str:
    kinds = "、".join(f"{TYPE_LABELS[kind]} {skipped[kind]}" for kind in QUESTION_TYPES if skipped[kind])
    return (f"Aiken 只支持单选题：已导出 {exported} 道单选题，"
            f"跳过 {sum(skipped.values())} 道（{kinds}）。")


def indent_note(ids: list[str]) -> str:
    return (f"{len(ids)} 道题的题干以“A. ”“C.I.”或“ANSWER:”这类写法开头，Moodle 会把它当成选项或答案行而丢掉整题；"
            f"已在题干前加一个全角空格：{'、'.join(ids)}。")


def export(courses: list[LoadedCourse], base_name: str) -> ExportResult:
    exported = entries(courses)
    singles = [e for e in exported if isinstance(e.question, SingleChoice)]
    if not singles:
        raise ProjectError("所选课程的题库中没有单选题，Aiken 格式只能导出单选题")
    skipped = Counter(e.question.type for e in exported if not isinstance(e.question, SingleChoice))
    notes = [skip_note(len(singles), skipped)] if skipped else []
    indented = [e.question.id for e in singles if MISREAD.match(plain(e.question.stem))]
    if indented:
        notes.append(indent_note(indented))
    text = "\n".join(question_block(e) for e in singles)
    return ExportResult({f"{base_name}.aiken.txt": text.encode("utf-8")}, tuple(notes))
