"""The question bank in Moodle's GIFT format (UTF-8 text).

One ``$CATEGORY:`` per course; each question is titled ``::id::`` and marked
``[plain]`` so Moodle shows its text literally (never as HTML); the 解析 is
the general feedback (``####``). Single choice ``{=right ~wrong}``; multiple
choice weighted ``{~%50%right ~%-100%wrong}``; true-false ``{T}``/``{F}``;
a fill-in blank becomes a short answer ``{=alt1 =alt2}`` at the blank; an
ordering question becomes matching ``{=item -> 第1位 …}``.

GIFT allows one answer block per question, so a fill-in question with several
blanks is exported as one short-answer question per blank, titled
``id.1``, ``id.2`` …, with the other blanks filled in with their answer.
"""

from __future__ import annotations

import re

from ..loaded import LoadedCourse
from ..quiz_models import OPTION_LETTERS, FillBlank, MultipleChoice, Ordering, SingleChoice, TrueFalse
from ..render.text import plain
from . import ExportResult
from .common import AnyQuestion, blank_parts, entries

_SPECIALS = re.compile(r"([~=#{}:\\])")


def escape(text: str) -> str:
    """Folded text with GIFT's special characters backslash-escaped."""
    return escape_piece(plain(text))


def escape_piece(text: str) -> str:
    """Escape without folding: a piece of a fill-in stem keeps the spaces next to its blank."""
    return _SPECIALS.sub(r"\\\1", text)


def answer_text(text: str) -> str:
    # "->" inside an answer block would make Moodle read it as matching; it cannot be escaped.
    return escape(text).replace("->", "→")


def weight(fraction: float) -> str:
    """A Moodle grade percentage: 50, 33.33333, 12.5 (Moodle matches 5 decimals)."""
    return f"{fraction:.5f}".rstrip("0").rstrip(".")


def block(title: str, before: str, answers: list[str], feedback: str, after: str = "") -> str:
    lines = [f"::{title}::[plain]{before}{{", *answers, f"####{escape(feedback)}", f"}}{after}"]
    return "\n".join(lines)


def fill_blocks(question: FillBlank) -> list[str]:
    parts = [escape_piece(p) for p in blank_parts(question.stem)]  # already folded
    out = []
    for asked, alternatives in enumerate(question.answer):
        before = parts[0]
        for blank in range(asked):
            before += escape(question.answer[blank][0]) + parts[blank + 1]
        after = parts[asked + 1]
        for blank in range(asked + 1, len(question.answer)):
            after += escape(question.answer[blank][0]) + parts[blank + 1]
        title = question.id if len(question.answer) == 1 else f"{question.id}.{asked + 1}"
        out.append(block(title, before, [f"={answer_text(a)}" for a in alternatives], question.explanation, after))
    return out


def question_blocks(question: AnyQuestion) -> list[str]:
    """The GIFT text of a question: one block, or one per blank for fill-in."""
    if isinstance(question, FillBlank):
        return fill_blocks(question)
    stem = escape(question.stem)
    if isinstance(question, SingleChoice):
        answers = [f"{'=' if OPTION_LETTERS[i] == question.answer else '~'}{answer_text(o)}"
                   for i, o in enumerate(question.options)]
    elif isinstance(question, MultipleChoice):
        right = weight(100 / len(question.answer))
        answers = [f"~%{right if OPTION_LETTERS[i] in question.answer else '-100'}%{answer_text(o)}"
                   for i, o in enumerate(question.options)]
    elif isinstance(question, TrueFalse):
        answers = ["T" if question.answer else "F"]
    else:
        assert isinstance(question, Ordering)
        answers = [f"={answer_text(item)} -> 第{n}位" for n, item in enumerate(question.items, start=1)]
    return [block(question.id, stem, answers, question.explanation)]


def category(title: str) -> str:
    # Moodle splits category paths at "/"; "//" keeps a slash in the name.
    return f"$CATEGORY: {plain(title).replace('/', '//')}"


def export(courses: list[LoadedCourse], base_name: str) -> ExportResult:
    chunks: list[str] = []
    split = pieces = 0
    current = None
    for entry in entries(courses):
        if entry.course is not current:
            current = entry.course
            chunks.append(category(current.course.title))
        blocks = question_blocks(entry.question)
        if len(blocks) > 1:
            split, pieces = split + 1, pieces + len(blocks)
        chunks += blocks
    notes = ()
    if split:
        notes = (f"GIFT 每道题只能有一个答案区：{split} 道多空填空题按空拆成了 {pieces} 道单空题"
                 "（题目名为“题目标识.空号”，其余的空直接填入答案）。"),
    text = "\n\n".join(chunks) + "\n"
    return ExportResult({f"{base_name}.gift.txt": text.encode("utf-8")}, notes)
