"""Ids and the references between them: unique within a course, pointing at something that exists."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from .errors import Problem
from .loader import KeyPath, YamlDocument
from .models import ChecklistFile, Course, Part
from .walk import located_topics, part_of_topics


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
    for path, topic in located_topics(part):
        for r_index, ref in enumerate(topic.related):
            yield path + ("related", r_index), ref
