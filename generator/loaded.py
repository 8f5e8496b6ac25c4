"""A course as the renderers and exporters see it: validated, with its sources."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .models import Checklist, Course, Part
from .quiz_models import QuestionBank


class LoadedCourse(BaseModel):
    """A validated course, its parts and (when it has one) its question bank."""

    model_config = ConfigDict(frozen=True)

    course: Course
    parts: tuple[Part, ...]
    course_file: str
    part_files: tuple[str, ...]
    bank: QuestionBank | None = None
    bank_file: str | None = None
    checklists: tuple[Checklist, ...] = ()
    checklist_file: str | None = None
