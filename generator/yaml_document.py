"""Parsed YAML with the place of every value: marks, key paths, problems of one file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import Problem, capped

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    line: int
    column: int


@dataclass
class YamlDocument:
    """Parsed data plus where each value (and each mapping key) starts."""

    file: str
    data: Any
    value_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    key_marks: dict[KeyPath, Mark] = field(default_factory=dict)

    def mark_for(self, path: KeyPath, *, key: bool = False) -> Mark:
        """The mark of the longest prefix of ``path`` that exists."""
        marks = self.key_marks if key else self.value_marks
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in marks:
                return marks[prefix]
            if prefix in self.value_marks:
                return self.value_marks[prefix]
        return Mark(1, 1)

    def problem(self, path: KeyPath, message: str, hint: str = "", *, key: bool = False) -> Problem:
        mark = self.mark_for(path, key=key)
        return Problem(self.file, mark.line, mark.column, format_key_path(path), message, hint)


class YamlProblems(Exception):
    """Raised inside this module; carries the problems of one file."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        self.problems = problems


def format_key_path(path: KeyPath) -> str:
    text = ""
    for part in path:
        name = capped(part)  # a key can be as long as a value
        text += f"[{part}]" if isinstance(part, int) else (f".{name}" if text else name)
    return text
