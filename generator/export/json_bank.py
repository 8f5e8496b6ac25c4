"""The question bank as JSON for other tools.

One object: ``{"format", "version", "questions": [...]}``. Each question has
``course, id, type, section, section_title, stem, options, answer,
explanation, difficulty``. Answers use option letters for choice questions,
``true``/``false`` for true-false, a list of accepted alternatives per blank
for fill-in, and the items in their correct order for ordering questions.
"""

from __future__ import annotations

import json
from typing import Any

from ..loaded import LoadedCourse
from . import ExportResult
from ..quiz_models import FillBlank, MultipleChoice, Ordering, SingleChoice, TrueFalse
from ..render.site_map import build_course_map
from ..render.text import plain

FORMAT = "coursegen.questions"
VERSION = 1
DIFFICULTY = {"易": "easy", "中": "medium", "难": "hard"}


def question_record(question: Any, course_id: str, section_title: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "course": course_id,
        "id": question.id,
        "type": question.type,
        "section": question.section,
        "section_title": section_title,
        "stem": plain(question.stem),
        "options": [],
        "answer": None,
        "explanation": plain(question.explanation),
        "difficulty": DIFFICULTY[question.difficulty],
    }
    if isinstance(question, (SingleChoice, MultipleChoice)):
        record["options"] = [plain(o) for o in question.options]
        record["answer"] = question.answer if isinstance(question, SingleChoice) else list(question.answer)
    elif isinstance(question, TrueFalse):
        record["answer"] = question.answer
    elif isinstance(question, FillBlank):
        record["answer"] = [[plain(a) for a in alternatives] for alternatives in question.answer]
    elif isinstance(question, Ordering):
        record["answer"] = [plain(item) for item in question.items]
    return record


def records(courses: list[LoadedCourse]) -> list[dict[str, Any]]:
    out = []
    for loaded in courses:
        if loaded.bank is None:
            continue
        pages = build_course_map(loaded).pages
        out += [question_record(q, loaded.course.id, pages[q.section].label) for q in loaded.bank.questions]
    return out


def export(courses: list[LoadedCourse], base_name: str) -> ExportResult:
    document = {"format": FORMAT, "version": VERSION, "questions": records(courses)}
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return ExportResult({f"{base_name}.json": data})
