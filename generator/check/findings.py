"""One finding of ``coursegen check``, and the context every family of checks works in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..loaded import LoadedCourse
from .places import CoursePlaces, Place
from .registry import RULES


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    code: str
    subject: str
    """What the finding is about, as the reader sees it: a question id, a topic id, 第 12 段, 题库."""
    message: str
    hint: str
    owner: str = ""
    """The id whose ``check_ignore`` can silence the finding (a question, content item, course or bank)."""
    quote: str = ""
    """The text the finding is about; ``check_ignore.text`` narrows a silence to it."""
    related: tuple[str, ...] = ()

    @property
    def severity(self) -> str:
        return RULES[self.code].severity

    def __str__(self) -> str:
        hint = f"（提示：{self.hint}）" if self.hint else ""
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.severity} [{self.subject}] {self.message}{hint}"


def make_finding(code: str, file: str, line: int, column: int, subject: str, *, owner: str = "",
                 quote: str = "", related: tuple[str, ...] = (), **facts: Any) -> Finding:
    rule = RULES[code]
    return Finding(file, line, column, code, subject, rule.format(**facts), rule.hint_for(**facts),
                   owner or subject, quote, related)


@dataclass(frozen=True)
class Context:
    """A loaded course, where its items are written, and the project's thresholds."""

    loaded: LoadedCourse
    places: CoursePlaces
    params: Callable[[str], dict[str, Any]]

    def at(self, code: str, place: Place, subject: str, **details: Any) -> Finding:
        line, column = place.mark()
        return make_finding(code, place.file, line, column, subject, **details)

    def on_question(self, code: str, question_id: str, *keys: str | int, **details: Any) -> Finding:
        place = self.places.questions[question_id].at(*keys)
        return self.at(code, place, question_id, **details)

    def on_bank(self, code: str, **details: Any) -> Finding:
        assert self.places.bank is not None
        return self.at(code, self.places.bank.at("questions"), "题库", owner=f"bank:{self.loaded.course.id}",
                       **details)


def short_list(ids: list[str], limit: int = 4) -> str:
    """A few ids for a message; the JSON output carries all of them."""
    shown = "、".join(ids[:limit])
    return shown + (f" 等 {len(ids)} 道" if len(ids) > limit else "")
