"""One exception hierarchy for everything coursegen reports to a person.

The CLI catches :class:`CourseGenError`, prints its message and exits 1; any
other exception is a bug in coursegen, not in the user's content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_LIMIT = 60
"""The most characters of a user's value that any message shows."""

_LINE_BREAKS = re.compile(r"[\r\n\t\x0b\x0c\x85\u2028\u2029]+")


def capped(value: object, limit: int = QUOTE_LIMIT, *, tail: bool = False) -> str:
    """A value as a message may show it: on one line, at most ``limit`` characters, then “…”.

    Every message that repeats what a user wrote goes through here, so a
    megabyte-long value (or a secret file read by mistake) never fills the
    terminal: only a short prefix is shown. ``tail`` keeps the end instead
    (“…/project/dist”), which is what names a path.
    """
    try:
        text = value if isinstance(value, str) else str(value)
    except ValueError:  # an integer too long for Python to print
        return "（位数极多的数字）"
    text = _LINE_BREAKS.sub(" ", text)
    if len(text) <= limit:
        return text
    return "…" + text[-limit:] if tail else text[:limit] + "…"


def quoted(value: object, limit: int = QUOTE_LIMIT, *, tail: bool = False) -> str:
    """:func:`capped` inside Chinese quotation marks: ``“value”``."""
    return f"“{capped(value, limit, tail=tail)}”"


@dataclass(frozen=True, order=True)
class Problem:
    """One content problem, located in a file."""

    file: str
    line: int
    column: int
    key_path: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        key = f" {self.key_path}:" if self.key_path else ""
        hint = f"（提示：{self.hint}）" if self.hint else ""
        return f"{where}:{key} {self.message}{hint}"


class CourseGenError(Exception):
    """Base class: every error a user can cause and fix."""


class ContentError(CourseGenError):
    """The content has one or more problems; all of them are listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_reading_order)
        super().__init__(self._describe())

    def __reduce__(self):  # crosses from parallel build workers with its problems intact
        return type(self), (self.problems,)

    def _describe(self) -> str:
        lines = [str(p) for p in self.problems]
        files = len({p.file for p in self.problems})
        lines.append(f"共发现 {len(self.problems)} 个问题，涉及 {files} 个文件。")
        return "\n".join(lines)


class ProjectError(CourseGenError):
    """The project itself is not usable (missing folder, broken mkdocs.yml …)."""


class SiteBuildError(CourseGenError):
    """MkDocs could not build the generated pages; the previous site is kept."""


class BuildLockedError(CourseGenError):
    """Another build is running in the same project."""


def _reading_order(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.file, problem.line, problem.column, problem.message)
