"""``coursegen new``: a complete small course to start from.

Every file the schema needs, with placeholder text marked 待填写, so the new
course validates and builds at once. Nothing existing is ever overwritten:
the files are written to a temporary folder and moved into place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from pydantic_core import PydanticCustomError

from .atomic import write_new_files
from .errors import ProjectError, quoted
from .models import SLUG_MAX_LENGTH, check_id
from .names import COURSE, RESERVED_HINT, hand_written
from .project import Project
from .safe_files import check_inside

SCAFFOLD = Path(__file__).parent / "scaffold"
COURSE_FILES = ("course.yml", "part-one.yml", "part-two.yml", "checklists.yml")


def check_course_id(project: Project, course_id: str) -> None:
    """A usable id for a new course: well formed, not reserved, not taken by a hand-written page."""
    check_course_slug(course_id)
    taken = hand_written(project.docs_dir).get(course_id)
    if taken is not None and COURSE in taken.clashes:
        raise ProjectError(f"课程标识{quoted(course_id)}与{taken.use} 同名，不能用作新课程的标识（提示：{RESERVED_HINT}）")


def check_course_slug(course_id: str) -> None:
    """The id alone: well formed and not one of the reserved names."""
    try:
        check_id(course_id, COURSE)
    except PydanticCustomError as exc:
        if exc.type != "slug_reserved":
            raise ProjectError(
                f"课程标识{quoted(course_id)}不可用（提示：只能用小写英文字母、数字和单个连字符，最长 "
                f"{SLUG_MAX_LENGTH} 个字符，例如 dangjian-2025）"
            ) from None
        raise ProjectError(f"{exc.message()}，不能用作新课程的标识（提示：{RESERVED_HINT}）") from None


def create_course(project: Project, course_id: str) -> list[Path]:
    """Write a new course and its question bank; return the files written."""

    def fill(name: str) -> str:
        return (SCAFFOLD / name).read_text(encoding="utf-8").replace("{{course_id}}", course_id)

    return write_new_course(project, course_id, {name: fill(name) for name in COURSE_FILES}, fill("quiz.yml"))


def write_new_course(project: Project, course_id: str, files: dict[str, str], bank: str) -> list[Path]:
    """Write ``content/<course_id>/`` (``files`` by name) and ``quizzes/<course_id>.yml``, all or nothing.

    Refuses when either exists; the files are written to a temporary folder and
    moved into place, so nothing is ever overwritten or left half-written.
    """
    check_course_id(project, course_id)
    for folder in (project.content_dir, project.quizzes_dir):
        check_inside(project.root, folder, "课程内容文件夹")  # never write through a link out of the project
    course_dir = project.content_dir / course_id
    bank_path = project.quizzes_dir / f"{course_id}.yml"
    for existing in (course_dir, bank_path):
        if existing.exists() or existing.is_symlink():
            raise ProjectError(f"课程{quoted(course_id)}已存在（{project.display(existing)}），没有做任何改动")
    project.content_dir.mkdir(parents=True, exist_ok=True)
    project.quizzes_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".new-", dir=project.content_dir) as staging:
        folder = Path(staging) / course_id
        write_new_files(folder, files)
        bank_temp = Path(staging) / "bank.yml"
        write_new_files(Path(staging), {bank_temp.name: bank})
        os.rename(folder, course_dir)
        try:
            os.link(bank_temp, bank_path)  # fails instead of replacing a bank created meanwhile
        except FileExistsError:
            shutil.rmtree(course_dir)
            raise ProjectError(f"课程{quoted(course_id)}已存在（{project.display(bank_path)}），没有做任何改动") from None
    return [course_dir / name for name in files] + [bank_path]
