"""The course schema, declared once.

Every YAML file under ``content/`` is validated against these models. They are
exported as JSON Schema (``coursegen schema``) so editors can autocomplete and
check course files. Text is strictly ``str``: YAML's ``no``, dates and
octal-looking numbers are rejected instead of silently changing type.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from .errors import capped, quoted
from .names import CHECKLIST, COURSE, OTHER, PAGE, PART, TOPIC, IdKind, clash, reserved_for

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX_LENGTH = 64


MAX_HOURS = 1000
"""学时 beyond this is a typo (1000 学时 is 500 hours of study), and would overflow the lesson plan."""
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Fillers that Unicode calls letters or symbols but that show nothing."""


def is_invisible(char: str) -> bool:
    """Spaces, zero-width and other format characters, and blank fillers: nothing a reader sees."""
    return char.isspace() or unicodedata.category(char) == "Cf" or char in _INVISIBLE_LETTERS


def _not_blank(value: str) -> str:
    if all(is_invisible(char) for char in value):
        raise PydanticCustomError("blank_text", "不能为空")
    return value


def check_id(value: str, kind: IdKind) -> str:
    """The one rule for ids: short, safe as a file name, and not a name the generator uses."""
    if len(value) > SLUG_MAX_LENGTH:
        raise PydanticCustomError(
            "slug_too_long", "标识过长（{length} 个字符，最多 64 个）", {"length": len(value)}
        )
    if not re.fullmatch(SLUG_PATTERN, value):
        raise PydanticCustomError("slug_unsafe", "标识{value}不是安全的标识", {"value": quoted(value)})
    reserved = clash(value, kind)
    if reserved is not None:
        raise PydanticCustomError("slug_reserved", "{kind}{value}是保留名称（{use}）",
                                  {"kind": kind.label, "value": quoted(value), "use": reserved.use})
    return value


def _id(kind: IdKind) -> Any:
    """A stable id of one kind: lower-case ASCII letters, digits and single hyphens, not a reserved name."""
    schema = {"pattern": SLUG_PATTERN, "maxLength": SLUG_MAX_LENGTH, "not": {"enum": reserved_for(kind)}}
    return Annotated[str, Strict(), AfterValidator(lambda value: check_id(value, kind)), Field(json_schema_extra=schema)]


def _version(value: str) -> str:
    if not re.fullmatch(r"\d+(?:\.\d+){0,2}", value):
        raise PydanticCustomError("version_format", "版本号{value}格式不对", {"value": quoted(value)})
    return value


def _half_hours(value: float) -> float:
    if math.isfinite(value) and value > MAX_HOURS:
        raise PydanticCustomError("hours_too_many", "学时过大：最多 {most} 学时，这里是 {value}",
                                  {"most": MAX_HOURS, "value": capped(f"{value:g}")})
    if not math.isfinite(value) or value <= 0 or (value * 2) != int(value * 2):
        raise PydanticCustomError("hours_format", "学时必须是 0.5 的正整数倍")
    return value


Text = Annotated[str, Strict(), AfterValidator(_not_blank), Field(json_schema_extra={"minLength": 1, "pattern": r"\S"})]
"""Non-empty text. Strict, so YAML booleans, numbers and dates are refused."""

Slug = _id(OTHER)
"""An id that never names a file (a point, term, item, question) or a reference to any id."""
CourseId = _id(COURSE)
PartId = _id(PART)
TopicId = _id(TOPIC)
PageId = _id(PAGE)
ChecklistId = _id(CHECKLIST)

Version = Annotated[str, Strict(), AfterValidator(_version), Field(json_schema_extra={"pattern": r"^\d+(\.\d+){0,2}$"})]

Hours = Annotated[float, Strict(), AfterValidator(_half_hours),
                  Field(json_schema_extra={"multipleOf": 0.5, "exclusiveMinimum": 0, "maximum": MAX_HOURS})]

FILE_NAME_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*\.yml$"
FileName = Annotated[str, Strict(), StringConstraints(pattern=FILE_NAME_PATTERN)]


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


RULE_CODE_PATTERN = r"^[A-Z][0-9]{3}$"
RuleCode = Annotated[str, Strict(), Field(pattern=RULE_CODE_PATTERN, description="检查规则的代码，例如 Q201")]
ParagraphNumber = Annotated[int, Strict(), Field(ge=1, le=100_000)]
Year = Annotated[int, Strict(), Field(ge=1900, le=2100)]


class CheckIgnore(Schema):
    """One finding of ``coursegen check`` that a person reviewed and accepts, with the reason."""

    model_config = ConfigDict(json_schema_extra={"description": "忽略 coursegen check 的一条发现（须写明理由）"})

    rule: RuleCode = Field(description="规则代码，例如 Q201、S301（见 README 的“题库检查规则”）")
    reason: Text = Field(description="为什么可以忽略：经过核对的理由")
    text: Text | None = Field(default=None, description="只忽略涉及这段文字的发现（可选），例如偏离规则找到的“都”")


class CurrentRule(Schema):
    """现行规定: the rule that applies today where the speech's wording is out of date."""

    model_config = ConfigDict(json_schema_extra={"description": "现行规定：讲话之后规定有了变化"})

    text: Text = Field(description="现在的规定是什么、与讲话的说法有何不同")
    document: Text = Field(description="规定变化所依据的文件全称，例如《中国共产党党和国家机关基层组织工作条例》")
    year: Year = Field(description="该文件印发的年份，例如 2019")


SourceRefs = Annotated[list[ParagraphNumber], Field(description="对应讲话原文的段落编号（原文中第几个非空行），例如 [5, 6]")]
IgnoreList = Annotated[list[CheckIgnore], Field(description="经核对后忽略的检查发现，每条写明规则和理由")]


class Point(Schema):
    """One key point, symptom, action or criterion, with a stable id."""

    model_config = ConfigDict(json_schema_extra={"description": "要点：一条要点、表现、举措或标准，带稳定标识"})

    id: Slug = Field(description="稳定标识：测验、清单和学习进度靠它引用，措辞改动时不要改")
    text: Text = Field(description="要点内容，用自己的话概括")
    source: SourceRefs = []
    current_rule: CurrentRule | None = Field(default=None, description="现行规定（可选）：讲话之后规定有了变化时写明")
    check_ignore: IgnoreList = []


class Slogan(Schema):
    """A fixed political term or slogan, kept exactly as the speech says it."""

    model_config = ConfigDict(json_schema_extra={"description": "关键提法：原文逐字保留的提法或口号"})

    id: Slug = Field(description="稳定标识")
    text: Text = Field(description="原文提法，逐字保留，例如“一岗双责”")
    meaning: Text = Field(description="这条提法的含义")


class Term(Schema):
    """A key term; all terms of a course form its glossary."""

    model_config = ConfigDict(json_schema_extra={"description": "关键术语，汇入术语表"})

    id: Slug = Field(description="稳定标识，也是术语表中的锚点")
    term: Text = Field(description="术语本身，例如“党建资源”")
    definition: Text = Field(description="简短释义")
    section: Slug | None = Field(
        default=None, description="讲解该术语的部分、小节或举措的标识（可选）"
    )
    current_rule: CurrentRule | None = Field(default=None, description="现行规定（可选）：讲话之后规定有了变化时写明")
    check_ignore: IgnoreList = []


class Topic(Schema):
    """What sections and measures share: one page each."""

    model_config = ConfigDict(json_schema_extra={"description": "小节或举措"})

    id: TopicId = Field(description="稳定标识，也是页面文件名，措辞改动时不要改")
    title: Text = Field(description="完整标题")
    short_title: Text = Field(description="短标题，用于导航和结构图，建议不超过 12 个字")
    summary: Text = Field(description="概述：用自己的话写一两段")
    key_points: list[Point] = Field(min_length=1, description="要点")
    symptoms: list[Point] = Field(default=[], description="主要表现（用于薄弱环节）")
    actions: list[Point] = Field(default=[], description="具体举措")
    criteria: list[Point] = Field(default=[], description="标准与要求")
    slogans: list[Slogan] = Field(default=[], description="关键提法（原文逐字）")
    takeaway: Text = Field(description="一句话总结")
    related: list[Slug] = Field(default=[], description="相关小节或举措的标识")
    source: SourceRefs = []
    current_rule: CurrentRule | None = Field(default=None, description="现行规定（可选）：讲话之后规定有了变化时写明")
    check_ignore: IgnoreList = []


class Measure(Topic):
    """A numbered measure inside a group of measures."""

    model_config = ConfigDict(json_schema_extra={"description": "编号举措：一组举措中的一项，单独成页"})


class Section(Topic):
    """A section of a part; in a part of measures, a group holding its measures."""

    model_config = ConfigDict(json_schema_extra={"description": "小节；在“措施”部分中是一组举措"})

    measures: list[Measure] = Field(default=[], description="本组的编号举措（仅“措施”部分使用）")


class Part(Schema):
    """One part of the speech, kept in its own file."""

    model_config = ConfigDict(json_schema_extra={"description": "讲话的一个部分，单独一个文件"})

    id: PartId = Field(description="部分标识，须与文件名（不含 .yml）相同")
    title: Text = Field(description="完整标题")
    short_title: Text = Field(description="短标题，用于导航和结构图")
    summary: Text = Field(description="本部分概述")
    objectives: list[Text] = Field(min_length=1, description="学习目标")
    sections: list[Section] = Field(min_length=1, description="小节；“措施”部分中每一项是一组举措")
    key_terms: list[Term] = Field(default=[], description="关键术语，汇入术语表")
    discussion: list[Text] = Field(min_length=2, description="思考讨论题，至少 2 道")
    focus: list[Text] = Field(default=[], description="教学重点（用于教案），不写则取各小节的一句话总结")
    difficulties: list[Text] = Field(default=[], description="教学难点（用于教案）")
    source: SourceRefs = []
    check_ignore: IgnoreList = []


class ResourceKind(Schema):
    model_config = ConfigDict(json_schema_extra={"description": "资源的一个种类"})
    id: Slug = Field(description="稳定标识")
    name: Text = Field(description="种类名称，例如“队伍资源”")
    description: Text = Field(description="这类资源包括什么")


class Concept(Schema):
    """The opening concept the speech starts from."""

    model_config = ConfigDict(json_schema_extra={"description": "开篇概念"})

    id: PageId = Field(description="稳定标识，也是页面文件名")
    title: Text = Field(description="完整标题")
    short_title: Text = Field(description="短标题，用于导航和结构图")
    definition: Text = Field(description="概念的定义（自己的话）")
    kinds: list[ResourceKind] = Field(min_length=1, description="资源的种类")
    aim: Text = Field(description="整合要达到的目标")
    key_points: list[Point] = Field(min_length=1, description="要点")
    takeaway: Text = Field(description="一句话总结")
    source: SourceRefs = []
    check_ignore: IgnoreList = []


class Closing(Schema):
    """The closing summary of the speech."""

    model_config = ConfigDict(json_schema_extra={"description": "结语"})

    id: PageId = Field(description="稳定标识，也是页面文件名")
    title: Text = Field(description="完整标题")
    short_title: Text = Field(description="短标题，用于导航和结构图")
    summary: Text = Field(description="结语概述")
    key_points: list[Point] = Field(min_length=1, description="要点")
    takeaway: Text = Field(description="一句话总结")
    source: SourceRefs = []
    check_ignore: IgnoreList = []


class SourceDate(Schema):
    """What is known of when the speech was given."""

    model_config = ConfigDict(json_schema_extra={"description": "讲话的时间：已知的情况"})

    text: Text = Field(description="已知的情况，原样显示，例如“原文未注明日期，据措辞推断约在 2010—2012 年”")
    earliest: Year | None = Field(default=None, description="最早可能的年份（可选）")
    latest: Year | None = Field(default=None, description="最晚可能的年份（可选）")


SOURCE_PATH_PATTERN = r"^[^/\\][^\\]*$"
SourceTextPath = Annotated[
    str, Strict(), StringConstraints(pattern=SOURCE_PATH_PATTERN, max_length=255),
    Field(description="相对于项目根目录的路径，用 / 分隔"),
]


class Completion(Schema):
    """``completion`` in course.yml: what a learner must do to complete (结业) the course."""

    model_config = ConfigDict(json_schema_extra={"description": "结业条件（可选）：不写时，要求全部学习页面“已学”，有题库的课程还要求综合测试及格"})

    pages: Annotated[bool, Strict()] = Field(default=True, description="是否要求每个学习页面都“已学”，默认 true")
    final_test: Annotated[bool, Strict()] | None = Field(
        default=None, description="是否要求综合测试达到及格分；不写时，有题库的课程要求，没有题库的不要求")
    checklists: list[Slug] = Field(default=[], description="还须全部勾选完成的清单的标识（可选）")


class Course(Schema):
    """``content/<course-id>/course.yml``: the course and the list of its part files."""

    model_config = ConfigDict(json_schema_extra={"description": "课程文件 course.yml：课程信息和各部分文件的列表"})

    id: CourseId = Field(description="课程标识，须与所在文件夹同名")
    title: Text = Field(description="课程标题")
    subtitle: Text = Field(description="副标题")
    source: Text = Field(description="讲话或材料的名称")
    audience: Text = Field(description="学习对象")
    version: Version = Field(description="课程版本号，写成带引号的文本，例如 \"1.0\"")
    hours: Hours = Field(description="预计学时（1 学时 = 30 分钟学习），0.5 的整数倍")
    overview: Text = Field(description="课程概述")
    objectives: list[Text] = Field(min_length=1, description="课程学习目标")
    concept: Concept = Field(description="开篇概念")
    parts: list[FileName] = Field(min_length=1, description="各部分文件名，按顺序")
    closing: Closing = Field(description="结语")
    checklists: FileName | None = Field(default=None, description="清单文件名（可选），例如 checklists.yml")
    completion: Completion = Field(default_factory=Completion, description="结业条件（可选），默认：全部学习页面“已学”，有题库时综合测试及格")
    source_text: SourceTextPath | None = Field(
        default=None,
        description="讲话原文的文本文件（可选），相对于项目根目录，例如 sources/speech.txt；只供 coursegen check 核对，不会发布",
    )
    source_date: SourceDate | None = Field(default=None, description="讲话的时间：已知的情况（可选）")
    check_ignore: IgnoreList = []


class ChecklistItem(Schema):
    model_config = ConfigDict(json_schema_extra={"description": "清单中的一项"})

    id: Slug = Field(description="稳定标识：勾选状态和备注靠它保存，改措辞时不要改")
    text: Text = Field(description="检查或落实的内容，写成可以回答“是/否”或“已完成”的一句话")
    section: Slug = Field(description="这一项出自的小节或举措的标识（必须存在于课程中）")
    current_rule: CurrentRule | None = Field(default=None, description="现行规定（可选）：这一项按现行规定检查时写明依据")


class Checklist(Schema):
    model_config = ConfigDict(json_schema_extra={"description": "一份清单：自查清单或落实清单"})

    id: ChecklistId = Field(description="清单标识，也是页面文件名")
    kind: Literal["自查清单", "落实清单"] = Field(description="自查清单（对照薄弱环节检查）或落实清单（逐项落实举措）")
    title: Text = Field(description="清单标题")
    intro: Text = Field(description="使用说明：谁来填、什么时候填")
    items: list[ChecklistItem] = Field(min_length=1, description="清单各项")


class ChecklistFile(Schema):
    """``content/<course-id>/checklists.yml``."""

    model_config = ConfigDict(json_schema_extra={"description": "清单文件：一门课程的自查清单和落实清单"})

    checklists: list[Checklist] = Field(min_length=1, description="清单，按显示顺序")
