"""The learner's record, declared once: what the browser stores and what it exports.

These pydantic models are the single table of stored-record fields:

- the widgets receive :func:`widget_schema` (JSON Schema; ``coursegen schema``
  writes it as ``generator/schema/stored-record.schema.json``, which the build
  reads) in every generated page and validate what they read from storage,
  write back and import against it (``schema.js``), dropping what does not fit;
- ``coursegen schema`` writes :class:`ExportedRecord` as
  ``generator/schema/record.schema.json``;
- ``coursegen records`` validates exported files with :class:`ExportedRecord`;
- the README's field table is :func:`field_rows` (a test keeps them equal).

Keys are short because the record lives in localStorage, which is small.
Every number is an integer (times in milliseconds since 1970, durations in
seconds) so that Python and JavaScript write the same canonical JSON.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..models import SLUG_PATTERN

FORMAT = "coursegen.record"
RECORD_VERSION = 2
STORAGE_PREFIX = "coursegen:v1:"

_EARLIEST = 946_684_800_000  # 2000-01-01: no learner studied this course before that
_LATEST = 4_102_444_800_000  # 2100-01-01

Slug = Annotated[str, StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=64)]
Time = Annotated[int, Field(strict=True, ge=_EARLIEST, le=_LATEST, description="时间（1970 年以来的毫秒数）")]
Seconds = Annotated[int, Field(strict=True, ge=0, le=100_000_000)]
Count = Annotated[int, Field(strict=True, ge=0, le=1_000_000)]
Score = Annotated[int, Field(strict=True, ge=0, le=100)]
Hash = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{6,64}$")]
Day = Annotated[str, StringConstraints(strict=True, pattern=r"^(\d{4}-\d{2}-\d{2})?$")]
Answer = (Annotated[int, Field(strict=True, ge=0, le=7)] | bool
          | Annotated[list[Annotated[int, Field(strict=True, ge=0, le=7)]], Field(max_length=8)]
          | Annotated[list[Annotated[str, StringConstraints(strict=True, max_length=500)]], Field(max_length=50)])


def _text(limit: int) -> Any:
    return Annotated[str, StringConstraints(strict=True, max_length=limit)]


def _map(value: Any, limit: int, description: str) -> Any:
    return Annotated[dict[Slug, value], Field(default_factory=dict, max_length=limit, description=description)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class PageEntry(_Strict):
    """One lesson page."""

    t: Time | None = Field(default=None, description="第一次打开这一页的时间")
    s: Seconds = Field(default=0, description="这一页计入的学习时间（秒，只计页面可见且 60 秒内有操作的时间）")
    d: Time | None = Field(default=None, description="这一页成为“已学”的时间")


class QuestionEntry(_Strict):
    """One question: the last practice answer, and whether it is in the 错题本."""

    h: Hash = Field(description="作答时题目内容的指纹；题目改动后不再相符，旧的作答作废")
    a: Answer | None = Field(default=None, description="最近一次练习的答案")
    ok: bool | None = Field(default=None, description="最近一次练习是否答对")
    n: Count = Field(default=0, description="练习作答次数")
    t: Time | None = Field(default=None, description="最近一次练习的时间")
    m: bool = Field(default=False, description="是否在错题本中（练习或测试中答错过，尚未再答对两次）")
    c: Annotated[int, Field(strict=True, ge=0, le=2)] = Field(default=0, description="进入错题本后已答对的次数")


class QuizEntry(_Strict):
    """One quiz taken in test mode."""

    best: Score | None = Field(default=None, description="最高分")
    last: Score | None = Field(default=None, description="最近一次得分")
    attempts: Count = Field(default=0, description="测试次数")
    t: Time | None = Field(default=None, description="最近一次交卷的时间")


class ChecklistEntry(_Strict):
    """One checklist item."""

    h: Hash = Field(description="勾选时这一项文字的指纹；措辞改动后不再相符，旧的勾选作废")
    c: Slug | None = Field(default=None, description="所属清单的标识")
    done: bool = Field(default=False, description="是否已勾选")
    note: _text(2000) = Field(default="", description="整改措施或备注")
    t: Day = Field(default="", description="勾选的日期（年-月-日）")


class LastPage(_Strict):
    page: Slug = Field(description="最近学习的页面的标识")
    t: Time = Field(description="最近学习的时间")


class SaveMark(_Strict):
    """One browser tab's saves, so that a tab can tell whether another tab's write includes its own."""

    n: Count = Field(description="这个页面已保存的次数")
    t: Time = Field(description="这个页面最近一次保存的时间")


class StoredRecord(_Strict):
    """One learner's record of one course, as the browser stores it (localStorage key ``coursegen:v1:<课程标识>``)."""

    v: Literal[2] = Field(description="记录格式的版本")
    learner: _text(60) = Field(default="", description="姓名")
    org: _text(100) = Field(default="", description="单位")
    updated: Time | None = Field(default=None, description="最近一次改动的时间")
    last: LastPage | None = Field(default=None, description="最近学习的页面（用于“继续学习”）")
    pages: _map(PageEntry, 2000, "各学习页面，按页面标识")
    questions: _map(QuestionEntry, 10_000, "各题的练习和错题情况，按题目标识")
    quizzes: _map(QuizEntry, 500, "各测验的测试成绩，按测验标识（部分标识或 final）")
    checklists: _map(ChecklistEntry, 5000, "各清单项的勾选和备注，按清单项标识")
    w: _map(SaveMark, 100, "最近一分钟内保存过记录的页面，按页面的随机标识（几个标签页同时保存时，用来补回被覆盖的改动；"
                           "不随记录导出）")


class CourseRef(_Strict):
    id: Slug = Field(description="课程标识")
    title: _text(200) = Field(description="课程标题")
    version: _text(20) = Field(description="课程版本")


class LearnerRef(_Strict):
    name: _text(60) = Field(description="姓名")
    org: _text(100) = Field(description="单位")


class QuizSummary(_Strict):
    id: Slug = Field(description="测验标识")
    title: _text(200) = Field(description="测验名称")
    best: Score | None = Field(default=None, description="最高分")
    pass_mark: Score = Field(description="及格分")
    passed: bool = Field(description="最高分是否达到及格分")
    attempts: Count = Field(description="测试次数")


class Summary(_Strict):
    """What the site worked out from the record when it was exported."""

    study_seconds: Seconds = Field(description="计入的学习时间（秒，每页最多计入其预计学习时间）")
    course_seconds: Seconds = Field(description="课程的总学习时间（秒，学时 × 1800）")
    pages_learned: Count = Field(description="已学页面数")
    pages_total: Count = Field(description="学习页面总数")
    quizzes: Annotated[list[QuizSummary], Field(max_length=500)] = Field(description="各测验的成绩")
    complete: bool = Field(description="是否已结业")
    remaining: Annotated[list[_text(300)], Field(max_length=2000)] = Field(description="结业还差什么")
    started: Time | None = Field(default=None, description="开始学习的时间")
    last_active: Time | None = Field(default=None, description="最近学习的时间")


class ExportedRecord(_Strict):
    """A learner's record as exported from the 学习进度 page (学习记录-姓名-课程标识.json)."""

    model_config = ConfigDict(json_schema_extra={"description": "从“学习进度”页导出的学习记录文件"})

    format: Literal["coursegen.record"] = Field(description="文件格式，固定为 coursegen.record")
    version: Literal[2] = Field(description="文件格式的版本")
    exported: Annotated[str, StringConstraints(strict=True, pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$")] = Field(
        description="导出时间（UTC，ISO 8601）")
    course: CourseRef = Field(description="课程")
    learner: LearnerRef = Field(description="学员")
    summary: Summary = Field(description="导出时的学习情况汇总")
    record: StoredRecord = Field(description="浏览器中保存的学习记录")
    code: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9A-F]{4}(-[0-9A-F]{4}){3}$")] = Field(
        description="记录码：对以上内容（不含导出时间）计算的 SHA-256 的前 16 位")


def _strip(node: Any, drop: frozenset[str], names: bool = False) -> Any:
    """``node`` without the annotation keys in ``drop`` (``names``: node maps field names to schemas)."""
    if isinstance(node, dict):
        return {k: _strip(v, drop, k in ("properties", "$defs", "patternProperties")) for k, v in node.items()
                if names or k not in drop}
    if isinstance(node, list):
        return [_strip(v, drop) for v in node]
    return node


def widget_schema() -> dict[str, Any]:
    """The stored record's JSON Schema as the widgets get it: no titles, descriptions or defaults."""
    return _strip(StoredRecord.model_json_schema(), frozenset({"title", "description", "default"}))


def _walk(schema: dict[str, Any], node: dict[str, Any], path: str) -> list[tuple[str, str, str]]:
    node = _resolve(schema, node)
    rows: list[tuple[str, str, str]] = []
    for name, field in node.get("properties", {}).items():
        target = _resolve(schema, _non_null(field))
        child = f"{path}{name}"
        rows.append((child, _type_text(schema, target), field.get("description") or target.get("description", "")))
        if target.get("type") == "object" and "properties" in target:
            rows += _walk(schema, target, child + ".")
        elif "patternProperties" in target:
            value = _resolve(schema, next(iter(target["patternProperties"].values())))
            rows += _walk(schema, value, f"{child}.<标识>.")
    return rows


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    return schema["$defs"][ref.rsplit("/", 1)[-1]] if ref else node


def _non_null(field: dict[str, Any]) -> dict[str, Any]:
    options = [o for o in field.get("anyOf", []) if o.get("type") != "null"]
    return options[0] if len(options) == 1 else field


def _type_text(schema: dict[str, Any], node: dict[str, Any]) -> str:
    if "anyOf" in node:
        return "答案：数字、true/false 或列表"
    kind = node.get("type")
    if "const" in node:
        return f"固定为 {json.dumps(node['const'], ensure_ascii=False)}"
    if kind == "integer":
        if node.get("minimum") == _EARLIEST:
            return "时间（毫秒）"
        return f"整数 {node.get('minimum', 0)}–{node.get('maximum')}"
    if kind == "string":
        if "pattern" in node:
            return "文本（有固定格式）"
        return f"文本，最多 {node['maxLength']} 字" if "maxLength" in node else "文本"
    if kind == "object":
        return "按标识的表" if "patternProperties" in node else "对象"
    return {"boolean": "true/false", "array": "列表"}.get(kind or "", kind or "")


def field_rows() -> list[tuple[str, str, str]]:
    """(field, type, meaning) for every stored-record field, in declaration order."""
    schema = StoredRecord.model_json_schema()
    return _walk(schema, schema, "")


def field_table() -> str:
    """The README's table of stored-record fields (Markdown)."""
    lines = ["| 字段 | 类型 | 含义 |", "| --- | --- | --- |"]
    lines += [f"| `{name}` | {kind} | {meaning} |" for name, kind, meaning in field_rows()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m generator.records.schema prints the README table
    print(field_table(), end="")
