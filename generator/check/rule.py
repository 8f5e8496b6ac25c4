"""What a lint rule is: code, severity, message, hint, thresholds and examples, declared once.

The registry (:mod:`generator.check.registry`) holds every rule; the checks,
the README's rule table, the settings file's schema and the tests all read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Mapping, Union

ERROR = "错误"
WARNING = "警告"
Severity = Literal["错误", "警告"]
SEVERITY_NAMES = {ERROR: "error", WARNING: "warning"}

Scope = Literal["question", "bank", "topic", "part", "content", "source", "course"]
"""Where a finding points and which ``check_ignore`` can silence it:
a question; the whole bank (its ``check_ignore``); a section or measure; a part;
any content item with an id; a paragraph or term of the speech (course.yml's
``check_ignore``)."""

ParamValue = Union[float, int, tuple[str, ...]]


@dataclass(frozen=True)
class Param:
    """A threshold a project may change in coursegen.yml."""

    default: ParamValue
    description: str


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    title: str
    severity: Severity
    scope: Scope
    message: str
    """A ``str.format`` template; each finding fills in its own facts."""
    hint: str
    bad: str
    good: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def format(self, **facts: object) -> str:
        return self.message.format(**facts)

    def hint_for(self, **facts: object) -> str:
        """The hint, with the finding's facts where it names them (an id, a paragraph, a word)."""
        return self.hint.format_map(_Facts(facts))

    def defaults(self) -> dict[str, ParamValue]:
        return {name: param.default for name, param in self.params.items()}


class _Facts(dict):
    def __missing__(self, key: str) -> str:
        return "…"
