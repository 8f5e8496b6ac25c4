"""A course as the renderers and exporters see it: validated, with its sources."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .models import Checklist, Course, Part
from .quiz_models import QuestionBank
from .yaml_document import KeyPath, YamlDocument


class SourcePlace(BaseModel):
    """Where something is written: ``file:line:column``."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int
    column: int

    @classmethod
    def of(cls, document: YamlDocument, path: KeyPath) -> SourcePlace:
        mark = document.mark_for(path)
        return cls(file=document.file, line=mark.line, column=mark.column)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class LoadedCourse(BaseModel):
    """A validated course, its parts and (when it has one) its question bank."""

    model_config = ConfigDict(frozen=True)

    course: Course
    parts: tuple[Part, ...]
    course_file: str
    part_files: tuple[str, ...]
    bank: QuestionBank | None = None
    """The whole bank: the questions of every bank file, merged in order."""
    bank_file: str | None = None
    bank_files: tuple[str, ...] = ()
    """The bank file, then the question files it lists."""
    question_places: tuple[SourcePlace, ...] = ()
    """Where each question of ``bank.questions`` is written (same order)."""
    checklists: tuple[Checklist, ...] = ()
    checklist_file: str | None = None

    @property
    def source_files(self) -> tuple[str, ...]:
        """Every file the course was read from."""
        checklist = (self.checklist_file,) if self.checklist_file else ()
        return (self.course_file, *self.part_files, *checklist, *self.bank_files)

    def question_place(self, question_id: str) -> SourcePlace:
        """Where the question with this id is written (ids are unique in a bank)."""
        questions = self.bank.questions if self.bank else []
        for question, place in zip(questions, self.question_places):
            if question.id == question_id:
                return place
        raise KeyError(question_id)
