"""The question bank in Moodle's GIFT format (UTF-8 text).

A ``$CATEGORY:`` per course and part (``课程标题/一、部分``); each question is
titled ``::id::`` and marked ``[plain]`` so Moodle shows its text literally
(never as HTML); the 解析 is the general feedback (``####``). Options are in the
shown (seeded, balanced) order. Single choice ``{=right ~wrong}``; multiple choice
weighted ``{~%50%right ~%-100%wrong}``; true-false ``{T}``/``{F}``; a fill-in blank
becomes a short answer ``{=%100%alt1 =%100%alt2}`` at the blank.

GIFT has one answer block per question and no ordering type, so a fill-in
question with several blanks becomes one question per blank (``id.1``, ``id.2``…)
with the other blanks left as ``____`` (never filled in: a piece must not give
away another's answer), and ordering questions are left out; both are noted,
pointing to ``coursegen export moodle``, which carries them whole.

Moodle reads a leading ``%number%`` on an answer as its weight and a leading
``[html]``, ``[markdown]``, ``[moodle]`` or ``[plain]`` on any text as its format;
neither can be escaped, so weights are always written out and such text gets an
explicit ``[plain]`` first.
"""

from __future__ import annotations

import re

from ..loaded import LoadedCourse
from ..quiz_models import OPTION_LETTERS, FillBlank, MultipleChoice, Ordering, SingleChoice, TrueFalse
from ..render.text import plain
from . import ExportResult
from .common import BLANK_MARK, Entry, blank_parts, entries
from .moodle_common import category_path, weight

_SPECIALS = re.compile(r"([~=#{}:\\])")


def escape(text: str) -> str:
    """Folded text with GIFT's special characters backslash-escaped."""
    return escape_piece(plain(text))


def escape_piece(text: str) -> str:
    """Escape without folding: a piece of a fill-in stem keeps the spaces next to its blank."""
    return _SPECIALS.sub(r"\\\1", text)


def formatted(text: str) -> str:
    """Escaped text that Moodle cannot read as a format marker."""
    escaped = escape(text)
    return f"[plain]{escaped}" if escaped.startswith("[") else escaped


def answer_text(text: str) -> str:
    # "->" inside an answer block would make Moodle read it as matching; it cannot be escaped.
    return formatted(text).replace("->", "→")


def block(title: str, before: str, answers: list[str], feedback: str, after: str = "") -> str:
    lines = [f"::{escape(title)}::[plain]{before}{{", *answers, f"####{formatted(feedback)}", f"}}{after}"]
    return "\n".join(lines)


def fill_blocks(question: FillBlank) -> list[str]:
    parts = [escape_piece(p) for p in blank_parts(question.stem)]  # already folded
    out = []
    for asked, alternatives in enumerate(question.answer):
        before = BLANK_MARK.join(parts[:asked + 1])
        after = BLANK_MARK.join(parts[asked + 1:])
        title = question.id if len(question.answer) == 1 else f"{question.id}.{asked + 1}"
        out.append(block(title, before, [f"=%100%{answer_text(a)}" for a in alternatives],
                         question.explanation, after))
    return out


def choice_answers(entry: Entry) -> list[str]:
    question, key = entry.question, entry.shown.key_letters
    out = []
    if isinstance(question, SingleChoice):
        for letter, option in zip(OPTION_LETTERS, entry.shown.choices):
            out.append(f"={answer_text(option)}" if letter in key else f"~%0%{answer_text(option)}")
    else:
        right = weight(100 / len(key))
        for letter, option in zip(OPTION_LETTERS, entry.shown.choices):
            out.append(f"~%{right if letter in key else '-100'}%{answer_text(option)}")
    return out


def question_blocks(entry: Entry) -> list[str]:
    """The GIFT text of a question: one block, one per blank for fill-in, none for ordering."""
    question = entry.question
    if isinstance(question, FillBlank):
        return fill_blocks(question)
    if isinstance(question, Ordering):
        return []
    if isinstance(question, (SingleChoice, MultipleChoice)):
        answers = choice_answers(entry)
    else:
        assert isinstance(question, TrueFalse)
        answers = ["T" if question.answer else "F"]
    return [block(question.id, escape(question.stem), answers, question.explanation)]


def notes_for(split: list[FillBlank], ordering: int) -> tuple[str, ...]:
    notes = []
    if split:
        pieces = sum(len(q.answer) for q in split)
        notes.append(f"GIFT 每道题只能有一个答案区：{len(split)} 道多空填空题按空拆成了 {pieces} 道单空题"
                     f"（题目名为“题目标识.空号”，其余的空仍是 {BLANK_MARK}，不填答案）；"
                     "要保持一题多空，请用 coursegen export moodle（完形填空题）。")
    if ordering:
        notes.append(f"GIFT 没有排序题型：跳过了 {ordering} 道排序题；"
                     "请用 coursegen export moodle（Moodle XML，Moodle 4.4 起自带排序题型）。")
    return tuple(notes)


def export(courses: list[LoadedCourse], base_name: str) -> ExportResult:
    chunks: list[str] = []
    split: list[FillBlank] = []
    ordering = 0
    current = None
    for entry in entries(courses):
        category = category_path(entry)
        if category != current:
            current = category
            chunks.append(f"$CATEGORY: {category}")
        blocks = question_blocks(entry)
        if isinstance(entry.question, FillBlank) and len(blocks) > 1:
            split.append(entry.question)
        ordering += isinstance(entry.question, Ordering)
        chunks += blocks
    text = "\n\n".join(chunks) + "\n"
    return ExportResult({f"{base_name}.gift.txt": text.encode("utf-8")}, notes_for(split, ordering))
