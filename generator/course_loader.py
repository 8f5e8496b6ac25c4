"""Load one course folder: course.yml, its parts and checklists, and its question bank, with cross-file checks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .bank_loader import check_bank, read_bank
from .completion import check_completion
from .errors import Problem, quoted
from .loaded import LoadedCourse
from .loader import YamlDocument
from .models import ChecklistFile, Course, Part
from .names import hand_written
from .references import check_hand_written_names, check_ids_and_references, topic_ids
from .source_files import is_readable_file, not_a_file, read_document, unlisted_files, validate_model

if TYPE_CHECKING:
    from .project import Project

COURSE_FILE = "course.yml"


def load_course(project: Project, course_dir: Path) -> tuple[LoadedCourse | None, list[Problem]]:
    course_path = course_dir / COURSE_FILE
    course_name = project.display(course_path)
    if not course_path.exists():
        return None, [Problem(course_name, 1, 1, "", f"课程文件夹缺少 {COURSE_FILE}",
                              "每个课程文件夹都需要一个 course.yml；可用 coursegen new 生成")]
    course_doc, problems = read_document(course_path, course_name, project.root)
    course = validate_model(course_doc, Course, problems)
    if course is not None and course.id != course_dir.name:
        problems.append(course_doc.problem(("id",), f"课程标识{quoted(course.id)}与文件夹名{quoted(course_dir.name)}不一致",
                                           "把文件夹或 id 改成同一个名字"))
    if course is not None:
        listed = set(course.parts) | ({course.checklists} if course.checklists else set())
        problems += _unlisted_files(project, course_dir, listed)

    parts: list[tuple[Part, YamlDocument]] = []
    for index, file_name in enumerate(_part_files(course, course_doc)):
        part_path = course_dir / file_name
        if not is_readable_file(part_path):
            problems.append(not_a_file(project, course_doc, ("parts", index), part_path))
            continue
        part_doc, found = read_document(part_path, project.display(part_path), project.root)
        problems += found
        part = validate_model(part_doc, Part, problems)
        if part is None:
            continue
        if part.id != part_path.stem:
            problems.append(part_doc.problem(("id",), f"部分标识{quoted(part.id)}与文件名{quoted(file_name)}不一致",
                                             f"把 id 改成 {part_path.stem}，或改文件名"))
        parts.append((part, part_doc))

    checklist_file, checklist_doc = None, None
    if course is not None and course.checklists:
        checklist_path = course_dir / course.checklists
        if is_readable_file(checklist_path):
            checklist_doc, found = read_document(checklist_path, project.display(checklist_path), project.root)
            problems += found
            checklist_file = validate_model(checklist_doc, ChecklistFile, problems)
        else:
            problems.append(not_a_file(project, course_doc, ("checklists",), checklist_path))

    bank, found = read_bank(project, course_dir.name)
    problems += found

    if course is None or problems:
        return None, problems
    extra = [(checklist_file, checklist_doc)] if checklist_file and checklist_doc else []
    problems += check_ids_and_references(course, course_doc, parts, extra)
    problems += check_hand_written_names(course, course_doc, parts, extra, hand_written(project.docs_dir))
    problems += check_completion(course, course_doc, checklist_file, bank is not None)
    if bank is not None:
        problems += check_bank(bank, course_dir.name, topic_ids(course, [p for p, _ in parts]))
    if problems:
        return None, problems
    return LoadedCourse(
        course=course,
        parts=tuple(p for p, _ in parts),
        course_file=course_name,
        part_files=tuple(d.file for _, d in parts),
        bank=bank.bank if bank else None,
        bank_file=bank.files[0] if bank else None,
        bank_files=bank.files if bank else (),
        question_places=bank.places if bank else (),
        checklists=tuple(checklist_file.checklists) if checklist_file else (),
        checklist_file=checklist_doc.file if checklist_doc else None,
    ), []


def _part_files(course: Course | None, course_doc: YamlDocument) -> list[str]:
    """The part files to read; from the raw YAML when course.yml itself has errors,
    so that problems in the parts are reported in the same run."""
    if course is not None:
        return list(course.parts)
    raw = course_doc.data.get("parts") if isinstance(course_doc.data, dict) else None
    if not isinstance(raw, list):
        return []
    return [name for name in raw if isinstance(name, str) and "/" not in name and "\\" not in name
            and name.endswith(".yml")]


def _unlisted_files(project: Project, course_dir: Path, listed: set[str]) -> list[Problem]:
    return unlisted_files(project, course_dir, listed | {COURSE_FILE}, "这个文件没有被 course.yml 的 parts 列出",
                          "把文件名加入 parts，或删除这个文件")
