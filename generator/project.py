"""Find the courses of a project and load each one with its cross-file checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel

from .errors import ContentError, Problem, ProjectError
from .loaded import LoadedCourse
from .loader import KeyPath, YamlDocument, YamlProblems, compose_yaml, read_yaml
from .models import ChecklistFile, Course, Part
from .quiz_models import QuestionBank
from .validation import validate_document

COURSE_FILE = "course.yml"


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
    problems += _check_ids_and_references(course, course_doc, parts, extra)
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


def orphan_banks(project: Project, course_ids: set[str]) -> list[Problem]:
    """Question banks whose course folder does not exist."""
    if not project.quizzes_dir.is_dir():
        return []
    return [
        Problem(project.display(path), 1, 1, "", f"没有与题库同名的课程文件夹 content/{path.stem}/",
                "题库文件名必须是课程标识，例如 quizzes/dangjian-ziyuan.yml")
        for path in sorted(project.quizzes_dir.glob("*.y*ml")) if path.stem not in course_ids
    ]


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


def site_config_problems(project: Project) -> list[Problem]:
    """What is wrong with mkdocs.yml that we can say in Chinese, with file and line.

    Checks that it is readable YAML (size, encoding, tabs, syntax) and that its
    theme is installed. MkDocs itself reports these in English, and only after
    every page has been rendered; the build should call this before it renders.
    Tags such as ``!ENV`` are MkDocs's business and are left alone.
    """
    path = project.mkdocs_file
    if not (path.exists() or path.is_symlink()):
        return []
    name = project.display(path)
    try:
        root = compose_yaml(path, name)
    except YamlProblems as exc:
        return exc.problems
    if not isinstance(root, yaml.MappingNode):
        mark = root.start_mark
        return [Problem(name, mark.line + 1, mark.column + 1, "", "应为映射（键: 值）",
                        "mkdocs.yml 的每一行写成“键: 值”，例如 site_name: 培训平台")]
    theme = _mapping_value(root, "theme")
    key_path = "theme"
    if isinstance(theme, yaml.MappingNode):
        theme, key_path = _mapping_value(theme, "name"), "theme.name"
    if not isinstance(theme, yaml.ScalarNode) or theme.tag != "tag:yaml.org,2002:str" or not theme.value:
        return []  # no theme (MkDocs's default), a custom_dir-only theme, or an !ENV value
    installed = installed_themes()
    if theme.value in installed:
        return []
    mark = theme.start_mark
    return [Problem(name, mark.line + 1, mark.column + 1, key_path, f"主题“{theme.value}”没有安装",
                    f"检查拼写；已安装的主题：{'、'.join(installed)}")]


def installed_themes() -> list[str]:
    """MkDocs theme names, as its own ``get_theme_names`` finds them (without importing MkDocs)."""
    from importlib.metadata import entry_points

    return sorted({entry.name for entry in entry_points(group="mkdocs.themes")})


def _mapping_value(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((value for k, value in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def iter_ids(value: object, path: KeyPath = ()) -> Iterator[tuple[str, KeyPath]]:
    """Every ``id`` in a model tree, with its key path, in document order."""
    if isinstance(value, BaseModel):
        if isinstance(getattr(value, "id", None), str):
            yield value.id, path + ("id",)
        for name in type(value).model_fields:
            yield from iter_ids(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from iter_ids(item, path + (index,))


def topic_ids(course: Course, parts: list[Part]) -> set[str]:
    """Ids a learner can navigate to: concept, parts, sections, measures, closing."""
    ids = {course.concept.id, course.closing.id}
    for part in parts:
        ids.add(part.id)
        for section in part.sections:
            ids.add(section.id)
            ids.update(m.id for m in section.measures)
    return ids


def _check_ids_and_references(
    course: Course, course_doc: YamlDocument, parts: list[tuple[Part, YamlDocument]],
    extra: list[tuple[ChecklistFile, YamlDocument]],
) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    documents = [(course, course_doc)] + parts + extra
    for model, document in documents:
        for ident, path in iter_ids(model):
            if ident in seen:
                problems.append(document.problem(path, f"标识“{ident}”重复（{seen[ident]} 已使用）",
                                                 "同一课程内所有标识必须唯一，请换一个"))
            else:
                mark = document.mark_for(path)
                seen[ident] = f"{document.file}:{mark.line}"
    targets = topic_ids(course, [p for p, _ in parts])
    for part, document in parts:
        for index, term in enumerate(part.key_terms):
            if term.section is not None and term.section not in targets:
                problems.append(document.problem(("key_terms", index, "section"),
                                                 f"引用的标识“{term.section}”不存在",
                                                 "应为本课程某个部分、小节或举措的 id"))
        for path, related in _related_refs(part):
            if related not in targets:
                problems.append(document.problem(path, f"引用的标识“{related}”不存在",
                                                 "应为本课程某个部分、小节或举措的 id"))
    for checklists, document in extra:
        for c_index, checklist in enumerate(checklists.checklists):
            for i_index, item in enumerate(checklist.items):
                if item.section not in targets:
                    problems.append(document.problem(("checklists", c_index, "items", i_index, "section"),
                                                     f"引用的标识“{item.section}”不存在",
                                                     "应为本课程某个部分、小节或举措的 id"))
    return problems


def _related_refs(part: Part) -> Iterator[tuple[KeyPath, str]]:
    for s_index, section in enumerate(part.sections):
        base: KeyPath = ("sections", s_index)
        for r_index, ref in enumerate(section.related):
            yield base + ("related", r_index), ref
        for m_index, measure in enumerate(section.measures):
            for r_index, ref in enumerate(measure.related):
                yield base + ("measures", m_index, "related", r_index), ref
