"""Quiz pages: question data for the widget, and a printable paper without JS.

The data goes into the page as inline JSON; ``<``, ``>`` and ``&`` are
escaped as \\u sequences so no stem can close the script element. The paper is
rendered with autoescaping, so question text is always shown as text.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from ..arrange import arrange
from ..quiz_models import (
    BLANK, OPTION_LETTERS, TYPE_LABELS, FillBlank, MultipleChoice, Ordering, SingleChoice, TrueFalse,
)
from .. import names
from ..walk import part_of_topics
from .notes import current_rule_text
from .site_map import CourseMap, html_path, page_path, relative
from .text import plain

QUIZ_DIR = names.QUIZ_DIR


@dataclass(frozen=True)
class QuizSpec:
    """One quiz page: which questions, how many to draw, what passes."""

    id: str
    title: str
    label: str
    questions: tuple[Any, ...]
    draw: int | None
    pass_mark: int
    mode: str


def quiz_specs(m: CourseMap) -> list[QuizSpec]:
    """A quiz per part that has questions, then the comprehensive test over the whole bank."""
    loaded = m.course
    bank = loaded.bank
    if bank is None:
        return []
    part_of = part_of_topics(loaded.parts)
    specs = []
    for part in loaded.parts:
        questions = tuple(q for q in bank.questions if part_of.get(q.section) == part.id)
        if questions:
            label = m.pages[part.id].label
            specs.append(QuizSpec(part.id, f"自测：{label}", label, questions, None, bank.pass_mark, "practice"))
    draw = min(bank.final.draw, len(bank.questions))
    specs.append(QuizSpec(names.FINAL_QUIZ, plain(bank.final.title), plain(bank.final.title), tuple(bank.questions),
                          draw, bank.final.pass_mark, "test"))
    return specs


def quiz_page_path(course_id: str, quiz_id: str) -> str:
    return page_path(course_id, QUIZ_DIR, quiz_id)


def question_hash(question: Any) -> str:
    """Changes whenever what is asked or what counts as right changes."""
    content = question.model_dump(exclude={"explanation", "difficulty", "section", "id", "current_rule", "check_ignore"})
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def question_data(question: Any, m: CourseMap, from_page: str) -> dict[str, Any]:
    page = m.pages[question.section]
    data: dict[str, Any] = {
        "id": question.id,
        "hash": question_hash(question),
        "type": question.type,
        "stem": plain(question.stem),
        "explanation": plain(question.explanation),
        "difficulty": question.difficulty,
        "section": {"id": question.section, "title": page.label,
                    "href": html_path(relative(page.path, from_page))},
    }
    if question.current_rule is not None:
        data["currentRule"] = current_rule_text(question.current_rule)
    if isinstance(question, (SingleChoice, MultipleChoice)):
        data["options"] = [plain(o) for o in question.options]
        data["pinLast"] = question.pin_last
        letters = [question.answer] if isinstance(question, SingleChoice) else question.answer
        indexes = sorted(OPTION_LETTERS.index(letter) for letter in letters)
        data["answer"] = indexes[0] if isinstance(question, SingleChoice) else indexes
    elif isinstance(question, TrueFalse):
        data["answer"] = question.answer
    elif isinstance(question, FillBlank):
        data["answer"] = [[plain(alt) for alt in alternatives] for alternatives in question.answer]
    elif isinstance(question, Ordering):
        data["items"] = [plain(item) for item in question.items]
    return data


def quiz_data(spec: QuizSpec, m: CourseMap) -> dict[str, Any]:
    path = quiz_page_path(m.id, spec.id)
    return {
        "version": 1,
        "course": m.id,
        "quiz": spec.id,
        "title": spec.title,
        "mode": spec.mode,
        "passMark": spec.pass_mark,
        "draw": spec.draw,
        "questions": [question_data(q, m, path) for q in spec.questions],
    }


def script_data(data: Any) -> str:
    """Widget data for ``<script type="application/json">``, as a one-element array.

    material's instant navigation re-creates every inline script of the new
    page without its attributes, so the data runs as JavaScript once. An
    array literal is valid, harmless JavaScript where a bare object is a
    syntax error that stops the page; the widgets read element 0.
    """
    return script_json([data])


def script_json(data: Any) -> str:
    """JSON that is safe inside <script type="application/json">."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def paper_questions(spec: QuizSpec) -> list[dict[str, Any]]:
    """Questions as the printable paper shows them, with the key written out.

    Options and ordering items are in the seeded, balanced order of ``generator.arrange``
    for this page's set of questions, and the key follows that order.
    """
    out = []
    for shown in arrange(spec.questions):
        question = shown.question
        entry: dict[str, Any] = {"id": question.id, "kind": question.type,
                                 "type": TYPE_LABELS[question.type], "stem": plain(question.stem),
                                 "explanation": plain(question.explanation), "options": [], "order_items": [],
                                 "current_rule": current_rule_text(question.current_rule)}
        lettered = [f"{OPTION_LETTERS[i]}. {plain(text)}" for i, text in enumerate(shown.choices)]
        if isinstance(question, (SingleChoice, MultipleChoice)):
            entry["options"], entry["key"] = lettered, shown.key
        elif isinstance(question, TrueFalse):
            entry["key"] = "正确" if question.answer else "错误"
        elif isinstance(question, FillBlank):
            entry["stem"] = BLANK.sub("______", entry["stem"])
            entry["key"] = "；".join(" / ".join(plain(a) for a in alternatives) for alternatives in question.answer)
        elif isinstance(question, Ordering):
            entry["order_items"], entry["key"] = lettered, shown.key
        out.append(entry)
    return out
