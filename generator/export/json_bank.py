"""The question bank as JSON for other tools, described by a published JSON Schema.

One object ``{"format", "version", "courses", "questions"}``, declared once below
as pydantic models: ``coursegen schema`` writes their JSON Schema to
``generator/schema/questions-export.schema.json``. Options and ordering items are
in the shown (seeded, balanced) order and answers use the shown letters; every
blank of a fill-in stem is written ``____``.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from ..loaded import LoadedCourse
from ..quiz_models import FillBlank, MultipleChoice, Ordering, SingleChoice, TrueFalse
from ..render.text import plain
from . import ExportResult
from .common import BLANK_MARK, Entry, blank_stem, course_entries

FORMAT = "coursegen.questions"
VERSION = 2
DIFFICULTY = {"易": "easy", "中": "medium", "难": "hard"}
Letter = Annotated[str, Field(pattern="^[A-H]$")]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CourseRecord(_Record):
    id: str = Field(description="课程标识")
    title: str = Field(description="课程标题")
    version: str = Field(description="课程版本")
    total_points: int | float = Field(description="全部题目的分值之和（通常为 100）")


class QuestionRecord(_Record):
    course: str = Field(description="课程标识")
    id: str = Field(description="题目标识")
    position: int = Field(ge=1, description="题目在课程题库中的顺序号（从 1 开始）")
    type: Literal["single", "multiple", "truefalse", "fill", "order"] = Field(description="题型")
    section: str = Field(description="考查的部分、小节或举措的标识")
    section_title: str = Field(description="考查位置在课程中的名称，含上级，如“三、怎样整合 › （二）发挥组织优势”")
    stem: str = Field(description=f"题干；填空题的每个空写成 {BLANK_MARK}")
    options: list[str] = Field(description="单选、多选：选项；排序：各项（按显示顺序，即 A、B、C…）；其他题型为空列表")
    answer: Union[Letter, list[Letter], bool, list[list[str]]] = Field(description=(
        "单选：字母，如 \"B\"；多选：字母列表，如 [\"A\", \"C\"]；判断：true/false；"
        "填空：每个空的可接受答案列表；排序：按正确顺序排列的字母，如 [\"B\", \"C\", \"A\"]"))
    points: int | float = Field(gt=0, description="分值（与 Word 试卷相同，每门课程合计 100 分）")
    explanation: str = Field(description="解析")
    difficulty: Literal["easy", "medium", "hard"] = Field(description="难度：easy 易、medium 中、hard 难")


class QuestionsDocument(_Record):
    """``coursegen export json``: the question banks with shown option order and answers."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "description": "coursegen export json 导出的题库（选项已按固定的均衡打乱顺序排列，答案按显示的字母给出）"})
    format: Literal["coursegen.questions"] = Field(description="固定为 coursegen.questions")
    version: Literal[2] = Field(description="格式版本")
    courses: list[CourseRecord] = Field(description="导出的课程")
    questions: list[QuestionRecord] = Field(description="全部题目，按课程和题库顺序")


def as_number(value) -> int | float:
    """2 rather than 2.0; 1.5 stays 1.5."""
    return int(value) if value == int(value) else float(value)


def answer_value(entry: Entry):
    question = entry.question
    if isinstance(question, SingleChoice):
        return entry.shown.key
    if isinstance(question, (MultipleChoice, Ordering)):
        return entry.shown.key_letters
    if isinstance(question, TrueFalse):
        return question.answer
    assert isinstance(question, FillBlank)
    return [[plain(a) for a in alternatives] for alternatives in question.answer]


def question_record(entry: Entry, position: int) -> QuestionRecord:
    question = entry.question
    stem = blank_stem(question.stem) if isinstance(question, FillBlank) else plain(question.stem)
    return QuestionRecord(
        course=entry.course.course.id, id=question.id, position=position, type=question.type,
        section=question.section, section_title=entry.section, stem=stem,
        options=[plain(c) for c in entry.shown.choices], answer=answer_value(entry), points=as_number(entry.points),
        explanation=plain(question.explanation), difficulty=DIFFICULTY[question.difficulty])


def document(courses: list[LoadedCourse]) -> QuestionsDocument:
    course_records, questions = [], []
    for loaded in courses:
        entries = course_entries(loaded)
        if not entries:
            continue
        course = loaded.course
        course_records.append(CourseRecord(id=course.id, title=plain(course.title), version=course.version,
                                           total_points=as_number(sum(e.points for e in entries))))
        questions += [question_record(e, n) for n, e in enumerate(entries, start=1)]
    return QuestionsDocument(format=FORMAT, version=VERSION, courses=course_records, questions=questions)


def export(courses: list[LoadedCourse], base_name: str) -> ExportResult:
    data = json.dumps(document(courses).model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    return ExportResult({f"{base_name}.json": data.encode("utf-8")})
