"""Where a project's folders are, and loading all of its courses."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .bank_loader import orphan_banks
from .course_loader import load_course
from .errors import ContentError, Problem, ProjectError
from .file_errors import from_os_error, shown_path
from .loaded import LoadedCourse
from .safe_files import OutsideProjectError, check_inside

T = TypeVar("T")


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
        for folder in (self.content_dir, self.quizzes_dir):
            check_inside(self.root, folder, "课程内容文件夹")
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
    return load_courses(project, load_course)


def load_courses(project: Project, load: Callable[[Project, Path], tuple[T | None, list[Problem]]]) -> list[T]:
    """``load`` every course folder, then the checks across courses; one ContentError lists all problems.

    ``load`` may be :func:`load_course` or anything that gives the same course
    for the same folder (a build reuses the last result of unchanged ones).
    """
    courses: list[T] = []
    problems: list[Problem] = []
    course_dirs = project.course_dirs()
    for course_dir in course_dirs:
        outside = _linked_out(project, course_dir)
        if outside:
            problems.append(outside)
            continue
        course, found = load(project, course_dir)
        problems += found
        if course is not None:
            courses.append(course)
    problems += orphan_banks(project, {d.name for d in course_dirs})
    if problems:
        raise ContentError(problems)
    return courses


def _linked_out(project: Project, course_dir: Path) -> Problem | None:
    """A course folder that is a link out of the project: refused before anything in it is read.

    An unreadable course folder stops the run with its name (the OS error, in Chinese).
    """
    try:
        check_inside(project.root, course_dir, "课程文件夹")
    except OutsideProjectError as exc:
        return Problem(project.display(course_dir), 1, 1, "",
                       f"课程文件夹链接到项目之外（{shown_path(exc.target)}），为安全起见不会读取",
                       "把课程文件夹本身复制到 content/ 里，不要用符号链接指向项目之外")
    try:
        os.listdir(course_dir)
    except OSError as exc:
        raise from_os_error(exc, "读取文件夹", course_dir) from None
    return None
