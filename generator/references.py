"""Ids and the references between them: unique within a course, pointing at something that exists."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from .errors import Problem, quoted
from .loader import KeyPath, YamlDocument
from .models import ChecklistFile, Course, Part
from .names import CHECKLIST, COURSE, PAGE, PART, TOPIC, IdKind, ReservedName
from .walk import located_topics, part_of_topics

MISSING_TARGET_HINT = "应为本课程某个部分、小节或举措的 id"


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
    return {course.concept.id, course.closing.id} | set(part_of_topics(parts))


def check_ids_and_references(
    course: Course, course_doc: YamlDocument, parts: list[tuple[Part, YamlDocument]],
    extra: list[tuple[ChecklistFile, YamlDocument]],
) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    documents = [(course, course_doc)] + parts + extra
    for model, document in documents:
        for ident, path in iter_ids(model):
            if ident in seen:
                problems.append(document.problem(path, f"标识{quoted(ident)}重复（{seen[ident]} 已使用）",
                                                 "同一课程内所有标识必须唯一，请换一个"))
            else:
                mark = document.mark_for(path)
                seen[ident] = f"{document.file}:{mark.line}"
    targets = topic_ids(course, [p for p, _ in parts])
    for part, document in parts:
        for index, term in enumerate(part.key_terms):
            if term.section is not None and term.section not in targets:
                problems.append(document.problem(("key_terms", index, "section"),
                                                 f"引用的标识{quoted(term.section)}不存在",
                                                 MISSING_TARGET_HINT))
        for path, related in _related_refs(part):
            if related not in targets:
                problems.append(document.problem(path, f"引用的标识{quoted(related)}不存在",
                                                 MISSING_TARGET_HINT))
    for checklists, document in extra:
        for c_index, checklist in enumerate(checklists.checklists):
            for i_index, item in enumerate(checklist.items):
                if item.section not in targets:
                    problems.append(document.problem(("checklists", c_index, "items", i_index, "section"),
                                                     f"引用的标识{quoted(item.section)}不存在",
                                                     MISSING_TARGET_HINT))
    return problems


def _related_refs(part: Part) -> Iterator[tuple[KeyPath, str]]:
    for path, topic in located_topics(part):
        for r_index, ref in enumerate(topic.related):
            yield path + ("related", r_index), ref


def file_ids(
    course: Course, course_doc: YamlDocument, parts: list[tuple[Part, YamlDocument]],
    extra: list[tuple[ChecklistFile, YamlDocument]],
) -> Iterator[tuple[IdKind, str, YamlDocument, KeyPath]]:
    """Every id that becomes a page, file or folder name, with its kind and where it is written."""
    yield COURSE, course.id, course_doc, ("id",)
    yield PAGE, course.concept.id, course_doc, ("concept", "id")
    yield PAGE, course.closing.id, course_doc, ("closing", "id")
    for part, document in parts:
        yield PART, part.id, document, ("id",)
        for path, topic in located_topics(part):
            yield TOPIC, topic.id, document, path + ("id",)
    for checklists, document in extra:
        for index, checklist in enumerate(checklists.checklists):
            yield CHECKLIST, checklist.id, document, ("checklists", index, "id")


def check_hand_written_names(
    course: Course, course_doc: YamlDocument, parts: list[tuple[Part, YamlDocument]],
    extra: list[tuple[ChecklistFile, YamlDocument]], taken: dict[str, ReservedName],
) -> list[Problem]:
    """Ids that would land on a hand-written page or folder of docs/ (see :func:`names.hand_written`)."""
    problems = []
    for kind, ident, document, path in file_ids(course, course_doc, parts, extra):
        reserved = taken.get(ident)
        if reserved is not None and kind in reserved.clashes:
            problems.append(document.problem(path, f"{kind.label}{quoted(ident)}与{reserved.use} 同名",
                                             "换一个标识，或给手写的文件改名"))
    return problems
