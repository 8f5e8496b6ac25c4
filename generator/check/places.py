"""Where things were written: the YAML documents of a course, re-read with their marks.

Validation hands the checks plain models; findings need ``file:line:column``.
The course's files are read again here, once, with the marked loader. This is
the one place that knows where a question lives (the bank file and the question files it lists).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..loaded import LoadedCourse
from ..loader import KeyPath, YamlDocument, read_yaml


@dataclass(frozen=True)
class Place:
    """A value in a file: the document and the key path inside it."""

    document: YamlDocument
    path: KeyPath

    def at(self, *more: str | int) -> Place:
        return Place(self.document, self.path + more)

    def value(self) -> Any:
        data = self.document.data
        for key in self.path:
            data = data[key]
        return data

    @property
    def file(self) -> str:
        return self.document.file

    def mark(self) -> tuple[int, int]:
        mark = self.document.mark_for(self.path)
        return mark.line, mark.column

    def problem(self, message: str, hint: str = "") -> Problem:
        return self.document.problem(self.path, message, hint)


def bank_documents(root: Path, loaded: LoadedCourse) -> list[YamlDocument]:
    """The bank file, then the question files it lists (``quizzes/<course-id>/…``)."""
    return [read_yaml(root / name, name, root) for name in loaded.bank_files]


def question_places(documents: list[YamlDocument]) -> dict[str, Place]:
    """Each question's place by its id, in whichever bank file it is written."""
    return {item["id"]: Place(document, ("questions", index))
            for document in documents
            for index, item in enumerate(document.data.get("questions") or []) if isinstance(item, dict)}


@dataclass
class CoursePlaces:
    """The course's documents and where each item with an id is written."""

    course: Place
    parts: list[Place]
    questions: dict[str, Place]
    bank: Place | None
    by_id: dict[str, Place] = field(default_factory=dict)

    def of(self, item_id: str) -> Place:
        return self.by_id.get(item_id) or self.questions.get(item_id) or self.course


def course_places(root: Path, loaded: LoadedCourse) -> CoursePlaces:
    course = Place(read_yaml(root / loaded.course_file, loaded.course_file, root), ())
    parts = [Place(read_yaml(root / name, name, root), ()) for name in loaded.part_files]
    documents = bank_documents(root, loaded)
    places = CoursePlaces(course, parts, question_places(documents), Place(documents[0], ()) if documents else None)
    for start in [course, *parts]:
        for place in identified(start):
            places.by_id.setdefault(place.value()["id"], place)
    return places


def identified(place: Place) -> Iterator[Place]:
    """Every mapping with an ``id`` at or below ``place``, outermost first."""
    value = place.value()
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            yield place
        for key, child in value.items():
            if isinstance(child, (dict, list)):
                yield from identified(place.at(key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            if isinstance(child, (dict, list)):
                yield from identified(place.at(index))
