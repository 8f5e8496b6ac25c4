"""The question-bank schema: ``quizzes/<course-id>.yml``, and more question files in ``quizzes/<course-id>/``.

Five question types share one base; ``type`` selects the model. Answers are
checked against the options here, so a bank that validates can be scored.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal, Union

from pydantic import ConfigDict, Field, Strict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .models import CurrentRule, FileName, IgnoreList, Schema, Slug, Text, is_invisible

OPTION_LETTERS = "ABCDEFGH"
BLANK = re.compile(r"_{3,}|＿{2,}|（\s*）|\(\s*\)")
"""A blank in a fill-in stem: three or more underscores, or empty brackets."""

LETTER_PATTERN = r"^[A-H]$"
Letter = Annotated[str, Strict(), Field(pattern=LETTER_PATTERN, description="选项字母，A 表示第一个选项")]
WholeNumber = Annotated[int, Strict()]
"""Strict, so YAML's yes/no and quoted or decimal numbers are refused instead of converted."""
Difficulty = Literal["易", "中", "难"]


def blanks_in(stem: str) -> int:
    return len(BLANK.findall(stem))


def comparable(text: str) -> str:
    """What a learner can tell apart: width and case folded; spaces, invisible characters and punctuation dropped."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(c for c in folded if not is_invisible(c) and not unicodedata.category(c).startswith("P"))
    return kept or folded  # options made only of punctuation are still told apart by it


def _first_repeat(texts: list[str]) -> tuple[int, int, bool] | None:
    """The first text that a learner could not tell from an earlier one: (earlier, later, identical)."""
    seen: dict[str, int] = {}
    for index, text in enumerate(texts):
        key = comparable(text)
        if key in seen:
            return seen[key], index, texts[seen[key]] == text
        seen[key] = index
    return None


_LOOKS_THE_SAME = "只差空格、全角半角、大小写或标点，看起来是同一项"


class QuestionBase(Schema):
    id: Slug = Field(description="题目的稳定标识：学习记录靠它保存作答，改题干时不要改")
    section: Slug = Field(description="本题考查的部分、小节或举措的标识（必须存在于课程中）")
    stem: Text = Field(description="题干")
    explanation: Text = Field(description="解析：说明为什么这样答")
    difficulty: Difficulty = Field(default="中", description="难度：易、中、难")
    current_rule: CurrentRule | None = Field(default=None, description="现行规定（可选）：解析之后显示")
    check_ignore: IgnoreList = []


def _check_letter(letter: str, options: list[str] | None) -> None:
    if options is None:  # the options themselves are invalid and reported already
        return
    if OPTION_LETTERS.index(letter) >= len(options):
        raise PydanticCustomError(
            "answer_not_in_options", "答案 {letter} 不在选项中（共 {count} 个选项：A–{last}）",
            {"letter": letter, "count": len(options), "last": OPTION_LETTERS[len(options) - 1]},
        )


class ChoiceQuestion(QuestionBase):
    options: list[Text] = Field(min_length=2, max_length=8, description="选项，按 A、B、C… 的顺序")
    pin_last: WholeNumber = Field(
        default=0, ge=0, le=2,
        description="打乱选项时固定在最后的选项个数，例如最后一项是“以上都是”时写 1",
    )

    @field_validator("options")
    @classmethod
    def _options_are_distinct(cls, options: list[str]) -> list[str]:
        repeat = _first_repeat(options)
        if repeat is not None:
            first, later, identical = repeat
            raise PydanticCustomError("options_repeated", "选项 {later} 与选项 {first} {how}", {
                "later": OPTION_LETTERS[later], "first": OPTION_LETTERS[first],
                "how": "相同" if identical else _LOOKS_THE_SAME})
        return options


class SingleChoice(ChoiceQuestion):
    model_config = ConfigDict(json_schema_extra={"description": "单选题"})
    type: Literal["single"] = Field(description="题型：single 单选")
    answer: Letter = Field(description="正确选项的字母")

    @field_validator("answer")
    @classmethod
    def _answer_is_an_option(cls, answer: str, info: ValidationInfo) -> str:
        _check_letter(answer, info.data.get("options"))
        return answer


class MultipleChoice(ChoiceQuestion):
    model_config = ConfigDict(json_schema_extra={"description": "多选题"})
    type: Literal["multiple"] = Field(description="题型：multiple 多选")
    answer: list[Letter] = Field(description="全部正确选项的字母，至少两个")

    @field_validator("answer")
    @classmethod
    def _answers_are_options(cls, answer: list[str], info: ValidationInfo) -> list[str]:
        for letter in answer:
            _check_letter(letter, info.data.get("options"))
        if len(set(answer)) != len(answer):
            raise PydanticCustomError("answer_repeated", "答案中有重复的字母")
        if len(answer) < 2:
            raise PydanticCustomError("multiple_too_few", "多选题至少要有 2 个正确选项，现有 {count} 个",
                                      {"count": len(answer)})
        return answer


class TrueFalse(QuestionBase):
    model_config = ConfigDict(json_schema_extra={"description": "判断题"})
    type: Literal["truefalse"] = Field(description="题型：truefalse 判断")
    answer: Annotated[bool, Strict()] = Field(description="正确写 true，错误写 false（不加引号）")


class FillBlank(QuestionBase):
    model_config = ConfigDict(json_schema_extra={"description": "填空题"})
    type: Literal["fill"] = Field(description="题型：fill 填空")
    answer: list[Annotated[list[Text], Field(min_length=1)]] = Field(
        min_length=1,
        description="每个空一个列表，列出该空可接受的全部答案；全角半角、前后空格不影响判分",
    )

    @field_validator("answer")
    @classmethod
    def _blanks_match_answers(cls, answer: list[list[str]], info: ValidationInfo) -> list[list[str]]:
        stem = info.data.get("stem")
        if stem is not None and blanks_in(stem) != len(answer):
            raise PydanticCustomError(
                "blanks_mismatch", "题干中有 {blanks} 个空，答案却有 {answers} 组",
                {"blanks": blanks_in(stem), "answers": len(answer)},
            )
        return answer


class Ordering(QuestionBase):
    model_config = ConfigDict(json_schema_extra={"description": "排序题"})
    type: Literal["order"] = Field(description="题型：order 排序")
    items: list[Text] = Field(min_length=2, max_length=8, description="按正确顺序列出各项，出题时会打乱")

    @field_validator("items")
    @classmethod
    def _items_are_distinct(cls, items: list[str]) -> list[str]:
        repeat = _first_repeat(items)
        if repeat is not None:
            first, later, identical = repeat
            raise PydanticCustomError("items_repeated", "第 {later} 项与第 {first} 项{how}，无法判定顺序", {
                "later": later + 1, "first": first + 1, "how": "相同" if identical else _LOOKS_THE_SAME})
        return items


Question = Annotated[
    Union[SingleChoice, MultipleChoice, TrueFalse, FillBlank, Ordering],
    Field(discriminator="type"),
]
QUESTION_TYPES = ("single", "multiple", "truefalse", "fill", "order")
TYPE_LABELS = {"single": "单选", "multiple": "多选", "truefalse": "判断", "fill": "填空", "order": "排序"}


class FinalTest(Schema):
    title: Text = Field(default="综合测试", description="综合测试的标题")
    draw: WholeNumber = Field(default=20, ge=1, le=200, description="每次从整个题库中抽取的题数")
    pass_mark: WholeNumber = Field(default=80, ge=1, le=100, description="及格分（百分制）")


class QuestionBank(Schema):
    """``quizzes/<course-id>.yml``."""

    model_config = ConfigDict(json_schema_extra={"description": "题库文件：一门课程的自测题和测验设置"})
    course: Slug = Field(description="所属课程的标识，须与文件名相同")
    pass_mark: WholeNumber = Field(default=80, ge=1, le=100, description="各部分练习的及格分（百分制），默认 80")
    final: FinalTest = Field(default_factory=FinalTest, description="综合测试的设置")
    questions: list[Question] = Field(default=[], description="题目（题目很多时可改放在 question_files 列出的文件中）")
    question_files: list[FileName] = Field(
        default=[], description="更多题目文件（可选）：quizzes/<课程标识>/ 文件夹中的文件名，按顺序接在 questions 之后",
    )
    check_ignore: IgnoreList = Field(default=[], description="经核对后忽略的、针对整个题库的检查发现（如 Q101），每条写明规则和理由")


class QuestionFile(Schema):
    """``quizzes/<course-id>/<name>.yml``: more questions of a bank, listed in its ``question_files``."""

    model_config = ConfigDict(json_schema_extra={"description": "题目文件：题库 question_files 列出的一部分题目"})
    questions: list[Question] = Field(min_length=1, description="题目")
