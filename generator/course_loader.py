"""Load one course folder: course.yml, its parts, checklists and question bank, with cross-file checks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .completion import check_completion
from .errors import Problem
from .loaded import LoadedCourse
from .loader import KeyPath, YamlDocument, YamlProblems, read_yaml
from .models import ChecklistFile, Course, Part
from .quiz_models import QuestionBank
from .references import check_ids_and_references, topic_ids
from .validation import validate_document

if TYPE_CHECKING:
    from .project import Project

COURSE_FILE = "course.yml"


def load_course(project: Project, course_dir: Path) -> tuple[LoadedCourse | None, list[Problem]]:
    course_path = course_dir / COURSE_FILE
    course_name = project.display(course_path)
    if not course_path.exists():
        return None, [Problem(course_name, 1, 1, "", f"课程文件夹缺少 {COURSE_FILE}",
                              "每个课程文件夹都需要一个 course.yml；可用 coursegen new 生成")]
    course_doc, problems = _read(course_path, course_name)
    course = _validate(course_doc, Course, problems)
    if course is not None and course.id != course_dir.name:
        problems.append(course_doc.problem(("id",), f"课程标识“{course.id}”与文件夹名“{course_dir.name}”不一致",
                                           "把文件夹或 id 改成同一个名字"))
    if course is not None:
        listed = set(course.parts) | ({course.checklists} if course.checklists else set())
        problems += _unlisted_files(project, course_dir, listed)

    parts: list[tuple[Part, YamlDocument]] = []
    for index, file_name in enumerate(_part_files(course, course_doc)):
        part_path = course_dir / file_name
        if not _is_readable_file(part_path):
            problems.append(_not_a_file(project, course_doc, ("parts", index), part_path))
            continue
        part_doc, found = _read(part_path, project.display(part_path))
        problems += found
        part = _validate(part_doc, Part, problems)
        if part is None:
            continue
        if part.id != part_path.stem:
            problems.append(part_doc.problem(("id",), f"部分标识“{part.id}”与文件名“{file_name}”不一致",
                                             f"把 id 改成 {part_path.stem}，或改文件名"))
        parts.append((part, part_doc))

    checklist_file, checklist_doc = None, None
    if course is not None and course.checklists:
        checklist_path = course_dir / course.checklists
        if _is_readable_file(checklist_path):
            checklist_doc, found = _read(checklist_path, project.display(checklist_path))
            problems += found
            checklist_file = _validate(checklist_doc, ChecklistFile, problems)
        else:
            problems.append(_not_a_file(project, course_doc, ("checklists",), checklist_path))

    bank_path = project.quizzes_dir / f"{course_dir.name}.yml"
    bank, bank_doc = None, None
    if bank_path.exists() or bank_path.is_symlink():  # a broken link is reported, not skipped
        bank_doc, found = _read(bank_path, project.display(bank_path))
        problems += found
        bank = _validate(bank_doc, QuestionBank, problems)

    if course is None or problems:
        return None, problems
    extra = [(checklist_file, checklist_doc)] if checklist_file and checklist_doc else []
    problems += check_ids_and_references(course, course_doc, parts, extra)
    problems += check_completion(course, course_doc, checklist_file, bank is not None)
    if bank is not None and bank_doc is not None:
        problems += _check_bank(bank, bank_doc, course_dir.name, topic_ids(course, [p for p, _ in parts]))
    if problems:
        return None, problems
    return LoadedCourse(
        course=course,
        parts=tuple(p for p, _ in parts),
        course_file=course_name,
        part_files=tuple(d.file for _, d in parts),
        bank=bank,
        bank_file=bank_doc.file if bank_doc else None,
        checklists=tuple(checklist_file.checklists) if checklist_file else (),
        checklist_file=checklist_doc.file if checklist_doc else None,
    ), []


def _check_bank(bank: QuestionBank, document: YamlDocument, course_id: str, targets: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    if bank.course != course_id:
        problems.append(document.problem(("course",), f"题库的课程标识“{bank.course}”与文件名不一致",
                                         f"题库文件 {course_id}.yml 的 course 应写 {course_id}"))
    seen: dict[str, int] = {}
    for index, question in enumerate(bank.questions):
        if question.id in seen:
            first = document.mark_for(("questions", seen[question.id], "id"))
            problems.append(document.problem(("questions", index, "id"),
                                             f"题目标识“{question.id}”重复（第 {first.line} 行已使用）",
                                             "每道题的标识必须唯一"))
        else:
            seen[question.id] = index
        if question.section not in targets:
            problems.append(document.problem(("questions", index, "section"),
                                             f"引用的标识“{question.section}”不存在",
                                             "应为本课程某个部分、小节或举措的 id"))
    return problems


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


def _is_readable_file(path: Path) -> bool:
    """Anything to hand to the reader: a file, or a link or special file it will explain."""
    return not path.is_dir() and (path.exists() or path.is_symlink())


def _not_a_file(project: Project, document: YamlDocument, key_path: KeyPath, path: Path) -> Problem:
    """A file that course.yml names, missing or a folder; reported where it is named."""
    if path.is_dir():
        return document.problem(key_path, f"{project.display(path)} 是一个文件夹，不是文件",
                                "把这个文件夹改名或移走，再放入同名的 YAML 文件")
    return document.problem(key_path, f"找不到文件 {project.display(path)}", "检查文件名，或创建这个文件")


def _read(path: Path, name: str) -> tuple[YamlDocument, list[Problem]]:
    try:
        return read_yaml(path, name), []
    except YamlProblems as exc:
        return YamlDocument(name, None), exc.problems


def _validate(document: YamlDocument, model: type, problems: list[Problem]):
    if document.data is None:
        return None
    value, found = validate_document(document, model)
    problems += found
    return value


def _unlisted_files(project: Project, course_dir: Path, listed: set[str]) -> list[Problem]:
    problems = []
    for path in sorted(course_dir.iterdir()):
        if path.suffix in {".yml", ".yaml"} and path.name != COURSE_FILE and path.name not in listed:
            problems.append(Problem(project.display(path), 1, 1, "", "这个文件没有被 course.yml 的 parts 列出",
                                    "把文件名加入 parts，或删除这个文件"))
    return problems
