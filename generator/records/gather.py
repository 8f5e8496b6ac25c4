"""The plain API behind ``coursegen records``: read the files, check them, make the roster."""

from __future__ import annotations

from pathlib import Path

from ..errors import CourseGenError
from ..project import Project, load_project
from .collect import Collected, collect

DEFAULT_OUTPUT = Path("dist") / "学习记录名册.xlsx"


def project_versions(root: Path) -> tuple[dict[str, str] | None, str | None]:
    """Each course's current version from the project's content, or (None, why not)."""
    project = Project(root)
    if not project.content_dir.is_dir():
        return None, None
    try:
        return {loaded.course.id: loaded.course.version for loaded in load_project(project)}, None
    except CourseGenError as exc:
        first = str(exc).splitlines()[0][:120]
        return None, f"注意：无法读取本项目的课程内容（{first}），按记录中最新的课程版本汇总"


def roster(paths: list[Path], root: Path, course_id: str | None = None) -> tuple[bytes, Collected]:
    """The roster workbook for the records in ``paths``, and what was skipped or flagged."""
    versions, note = project_versions(root)
    collected = collect(paths, course_id, versions)
    if note:
        collected.messages.insert(0, note)
    from .roster import roster_workbook  # openpyxl: a third of every command's start-up, needed here only

    return roster_workbook(collected), collected
