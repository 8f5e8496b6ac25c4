"""Where a project's folders are, and loading all of its courses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .bank_loader import orphan_banks
from .course_loader import load_course
from .errors import ContentError, Problem, ProjectError
from .loaded import LoadedCourse


@dataclass(frozen=True)
class Project:
    """Where a project's folders are."""

    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def quizzes_dir(self) -> Path:
        return self.root / "quizzes"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_file(self) -> Path:
        return self.root / "mkdocs.yml"

    def display(self, path: Path) -> str:
        """A path as the user sees it: relative to the project, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def course_dirs(self) -> list[Path]:
        if not self.content_dir.is_dir():
            raise ProjectError(
                f"找不到课程内容文件夹 {self.display(self.content_dir)}（请在项目根目录运行，或用 --project 指定）"
            )
        dirs = sorted(p for p in self.content_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
        if not dirs:
            raise ProjectError(
                f"{self.display(self.content_dir)} 里没有任何课程文件夹（可用 coursegen new 课程标识 新建一门课程）"
            )
        return dirs


def load_project(project: Project) -> list[LoadedCourse]:
    """Load and check every course; raise one ContentError listing all problems."""
    courses: list[LoadedCourse] = []
    problems: list[Problem] = []
    course_dirs = project.course_dirs()
    for course_dir in course_dirs:
        course, found = load_course(project, course_dir)
        problems += found
        if course is not None:
            courses.append(course)
    problems += orphan_banks(project, {d.name for d in course_dirs})
    if problems:
        raise ContentError(problems)
    return courses
