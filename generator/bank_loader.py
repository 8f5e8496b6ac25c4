"""Load one course's question bank: ``quizzes/<id>.yml`` plus the question files it lists.

A bank too big for one file (a file holds at most 2 MB and 50 000 YAML nodes)
is split: the bank file keeps the settings and names more files in
``question_files``; they live in ``quizzes/<id>/`` and add their questions in
order. The course gets one merged bank and the place of every question.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem, quoted
from .loaded import SourcePlace
from .loader import SPLIT_HINT, KeyPath, YamlDocument
from .quiz_models import QuestionBank, QuestionFile
from .source_files import is_readable_file, not_a_file, read_document, unlisted_files, validate_model

if TYPE_CHECKING:
    from .project import Project

BANK_SUFFIX = ".yml"


def bank_split_hint(course_id: str) -> str:
    return (f"题目很多时，把题目分成几个文件放进 quizzes/{course_id}/ 文件夹，"
            f"再在 quizzes/{course_id}.yml 的 question_files 中按顺序列出")


@dataclass
class Bank:
    """A bank read from its files: merged questions and where each one is written."""

    bank: QuestionBank
    files: tuple[str, ...]
    places: tuple[SourcePlace, ...]
    located: list[tuple[YamlDocument, KeyPath]]
    """For each question: its file and its key path there (for cross-file checks)."""


def read_bank(project: Project, course_id: str) -> tuple[Bank | None, list[Problem]]:
    """The course's bank (None when it has none or it is broken) and the problems of its files."""
    path = project.quizzes_dir / f"{course_id}{BANK_SUFFIX}"
    folder = project.quizzes_dir / course_id
    if not (path.exists() or path.is_symlink()):  # a broken link is reported, not skipped
        if folder.is_dir():
            return None, [Problem(project.display(folder) + "/", 1, 1, "",
                                  f"有题目文件夹，却没有题库文件 {project.display(path)}",
                                  "新建题库文件，写上 course，并在 question_files 中列出这个文件夹里的文件")]
        return None, []
    problems: list[Problem] = []
    document, found = read_document(path, project.display(path), project.root)
    problems += _followable(found, course_id)
    bank: QuestionBank | None = validate_model(document, QuestionBank, problems)
    if bank is None:
        return None, problems
    documents: list[tuple[YamlDocument, list]] = [(document, list(bank.questions))]
    for index, name in enumerate(bank.question_files):
        file = folder / name
        if not is_readable_file(file):
            problems.append(not_a_file(project, document, ("question_files", index), file))
            continue
        part_doc, found = read_document(file, project.display(file), project.root)
        problems += _followable(found, course_id)
        questions: QuestionFile | None = validate_model(part_doc, QuestionFile, problems)
        if questions is not None:
            documents.append((part_doc, list(questions.questions)))
    if folder.is_dir():
        problems += unlisted_files(project, folder, set(bank.question_files),
                                   f"这个文件没有被 {project.display(path)} 的 question_files 列出",
                                   "把文件名加入 question_files，或删除这个文件")
    if not any(questions for _, questions in documents) and not problems:
        problems.append(document.problem(("questions",), "题库里没有题目",
                                         "在 questions 下写题目，或把题目文件列在 question_files 中"))
    if problems:
        return None, problems
    located = [(doc, ("questions", i)) for doc, questions in documents for i in range(len(questions))]
    merged = bank.model_copy(update={"questions": [q for _, questions in documents for q in questions]})
    places = tuple(SourcePlace.of(doc, key) for doc, key in located)
    return Bank(merged, tuple(doc.file for doc, _ in documents), places, located), []


def check_bank(found: Bank, course_id: str, targets: set[str]) -> list[Problem]:
    """The bank belongs to its course; question ids are unique; every question points at a page."""
    problems: list[Problem] = []
    main = found.located[0][0] if found.located else None
    if found.bank.course != course_id and main is not None:
        problems.append(main.problem(("course",), f"题库的课程标识{quoted(found.bank.course)}与文件名不一致",
                                     f"题库文件 {course_id}{BANK_SUFFIX} 的 course 应写 {course_id}"))
    seen: dict[str, int] = {}
    for index, (question, (document, path)) in enumerate(zip(found.bank.questions, found.located)):
        if question.id in seen:
            first = found.places[seen[question.id]]
            where = f"第 {first.line} 行" if first.file == document.file else f"{first.file}:{first.line} "
            problems.append(document.problem(path + ("id",), f"题目标识{quoted(question.id)}重复（{where}已使用）",
                                             "每道题的标识必须唯一"))
        else:
            seen[question.id] = index
        if question.section not in targets:
            problems.append(document.problem(path + ("section",), f"引用的标识{quoted(question.section)}不存在",
                                             "应为本课程某个部分、小节或举措的 id"))
    return problems


def _followable(problems: list[Problem], course_id: str) -> list[Problem]:
    """A bank file that is too big can be split, and this says how."""
    hint = bank_split_hint(course_id)
    return [dataclasses.replace(p, hint=hint) if p.hint == SPLIT_HINT else p for p in problems]


def orphan_banks(project: Project, course_ids: set[str]) -> list[Problem]:
    """Bank files and question folders that no course uses: never silently ignored."""
    if not project.quizzes_dir.is_dir():
        return []
    problems = []
    for path in sorted(project.quizzes_dir.iterdir()):
        name = project.display(path)
        if path.suffix.lower() in {".yml", ".yaml"} and path.name != path.stem + BANK_SUFFIX:
            problems.append(Problem(name, 1, 1, "", f"题库文件的扩展名应为 {BANK_SUFFIX}，这个文件不会被读取",
                                    f"改名为 quizzes/{path.stem}{BANK_SUFFIX}"))
        elif path.suffix == BANK_SUFFIX and path.stem not in course_ids:
            problems.append(Problem(name, 1, 1, "", f"没有与题库同名的课程文件夹 content/{path.stem}/",
                                    "题库文件名必须是课程标识，例如 quizzes/dangjian-ziyuan.yml"))
        elif path.is_dir() and not path.suffix and not path.name.startswith(".") and path.name not in course_ids:
            problems.append(Problem(name + "/", 1, 1, "", f"没有与题目文件夹同名的课程文件夹 content/{path.name}/",
                                    "题目文件夹名必须是课程标识，例如 quizzes/dangjian-ziyuan/"))
    return problems
