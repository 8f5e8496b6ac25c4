"""Run every check on every chosen course; the plain API behind ``coursegen check`` and ``build``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..loaded import LoadedCourse
from ..settings import ProjectSettings, load_settings
from .balance_checks import balance_findings
from .findings import Context, Finding
from .leak_checks import leak_findings
from .mix_checks import mix_findings
from .places import course_places
from .registry import ERROR, RULES
from .silencing import apply_ignores
from .wording_checks import wording_findings

BANK_CHECKS = (balance_findings, wording_findings, leak_findings, mix_findings)


@dataclass
class CourseReport:
    course: str
    questions: int
    findings: list[Finding]
    silenced: list[Finding] = field(default_factory=list)
    source: Any = None
    """The source comparison (coverage table and paragraph map) when the speech was given."""


@dataclass
class CheckReport:
    courses: list[CourseReport]

    @property
    def findings(self) -> list[Finding]:
        return [f for course in self.courses for f in course.findings]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != ERROR]

    def failed(self, strict: bool) -> bool:
        return bool(self.errors or (strict and self.warnings))


def check_course(root: Path, loaded: LoadedCourse, settings: ProjectSettings, source: Any = None) -> CourseReport:
    """All findings for one validated course; ``source`` is a read speech (or None)."""
    ctx = Context(loaded, course_places(root, loaded), settings.params)
    found: list[Finding] = []
    for check in BANK_CHECKS:
        found += check(ctx)
    ran = {code for code in RULES if code.startswith(("Q", "C"))}
    comparison = None
    if source is not None:
        from .source_checks import compare_with_source  # only when a speech is given

        comparison = compare_with_source(ctx, source)
        found += comparison.findings
        ran |= {code for code in RULES if code.startswith("S")}
    kept, silenced = apply_ignores(ctx, sorted(set(found)), ran)
    questions = len(loaded.bank.questions) if loaded.bank else 0
    return CourseReport(loaded.course.id, questions, sorted(kept), sorted(silenced), comparison)


def check_courses(root: Path, courses: list[LoadedCourse], sources: dict[str, Any] | None = None,
                  settings: ProjectSettings | None = None) -> CheckReport:
    settings = settings or load_settings(root)
    sources = sources or {}
    return CheckReport([check_course(root, loaded, settings, sources.get(loaded.course.id)) for loaded in courses])


def check_project(root: Path, course_id: str | None = None, source: Path | None = None) -> CheckReport:
    """Validate, then check the chosen courses; ``source`` is a speech named on the command line."""
    from ..api import select_courses, validate
    from .sources import speeches_for

    settings = load_settings(root)
    courses = select_courses(validate(root), course_id)
    return check_courses(root, courses, speeches_for(root, courses, source), settings)

