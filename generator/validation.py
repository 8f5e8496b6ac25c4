"""Validate parsed YAML against a model and explain every failure in Chinese.

Pydantic reports a ``loc`` tuple for each error; the YAML document maps key
paths to marks, so each problem gets ``file:line:column`` and a key path.
"""

from __future__ import annotations

import datetime
import difflib
import re
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import Problem, capped, quoted
from .loader import KeyPath, YamlDocument
from .models import FILE_NAME_PATTERN, RULE_CODE_PATTERN, SOURCE_PATH_PATTERN
from .names import RESERVED_HINT
from .quiz_models import LETTER_PATTERN

M = TypeVar("M", bound=BaseModel)

QUOTE_HINT = "把这个值用引号括起来，写成文本"


def validate_document(document: YamlDocument, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Return the model, or None and every problem found."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        problems = [_explain(document, model, error) for error in exc.errors(include_url=False)]
        return None, problems


def _data_path(data: Any, loc: tuple[Any, ...]) -> KeyPath:
    """Drop what pydantic adds to ``loc`` that is not in the YAML, such as union tags."""
    path: list[str | int] = []
    for part in loc:
        if isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, dict) and isinstance(part, str) and data.get("type") == part:
            continue  # the tag of a discriminated union, e.g. questions[3].single
        elif isinstance(part, str) and not part.startswith(("function-", "union[")):
            data = None  # a key that is missing or unknown: still part of the path
        else:
            continue
        path.append(part)
    return tuple(path)


def _explain(document: YamlDocument, model: type[BaseModel], error: Any) -> Problem:
    raw_loc = tuple(error["loc"])
    path: KeyPath = _data_path(document.data, raw_loc)
    kind = error["type"]
    if kind in {"union_tag_invalid", "union_tag_not_found"}:
        tags = "、".join(_union_tags(error, model, raw_loc))
        if kind == "union_tag_not_found":
            return document.problem(path, "缺少题型 type", f"写 type: 加上 {tags} 之一")
        return document.problem(path + ("type",), f"题型{quoted(error['ctx']['tag'])}无效", f"可用的题型：{tags}")
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        key = path[-1]
        return document.problem(path[:-1], f"缺少必填项{quoted(key)}",
                                _field_hint(model, raw_loc) or "请添加这一项")
    if kind == "extra_forbidden":
        key = str(path[-1])
        allowed = _allowed_keys(model, raw_loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"是否想写{quoted(close[0])}？" if close else ""
        hint += "可用的键：" + "、".join(allowed) if allowed else ""
        return document.problem(path, f"不认识的键{quoted(key)}", hint, key=True)
    message, hint = _describe(kind, ctx, value, error["msg"])
    return document.problem(path, message, hint)


def _describe(kind: str, ctx: dict[str, Any], value: Any, fallback: str) -> tuple[str, str]:
    if kind in {"string_type", "float_type", "float_parsing"}:
        expected = "文本" if kind == "string_type" else "数字"
        return f"应为{expected}，实际是{_kind_of(value)}", _type_hint(kind, value)
    if kind in {"int_type", "int_from_float", "int_parsing"}:
        return f"应为整数，实际是{_kind_of(value)}", "写一个整数，不加引号、不带小数点"
    if kind == "finite_number":
        return f"应为普通数字，实际是{_kind_of(value)}", "不要写 .inf、.nan 这类特殊值"
    if kind in {"list_type"}:
        return f"应为列表，实际是{_kind_of(value)}", "列表的每一项另起一行，以“- ”开头"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"应为映射（键: 值），实际是{_kind_of(value)}", "在下一行缩进两个空格，写出各个键"
    if kind == "too_short":
        return (f"至少需要 {ctx.get('min_length')} 项，现有 {ctx.get('actual_length')} 项",
                "补足条目")
    if kind == "too_long":
        return (f"最多 {ctx.get('max_length')} 项，现有 {ctx.get('actual_length')} 项", "删减条目")
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERNS:
        what, hint = _PATTERNS[ctx["pattern"]]
        return f"{quoted(value)}不是{what}", hint
    if kind == "string_too_long":
        return f"最多 {ctx.get('max_length')} 个字符，现有 {len(str(value))} 个", "缩短这段文字"
    if kind == "bool_type":
        return f"应为 true 或 false，实际是{_kind_of(value)}", "判断题答案写 true（正确）或 false（错误），不加引号"
    if kind == "literal_error":
        return f"取值{quoted(value)}无效", f"可选：{_choices(str(ctx.get('expected', '')))}"
    if kind in {"greater_than_equal", "less_than_equal"}:
        bound = ctx.get("ge", ctx.get("le"))
        relation = "不小于" if kind == "greater_than_equal" else "不大于"
        return f"应{relation} {bound}，实际是 {capped(value)}", "修改这个数值"
    custom = _CUSTOM_HINTS.get(kind)
    if custom is not None:
        return fallback, custom
    return "取值无效", "对照 JSON Schema 检查这一项"  # pydantic's own wording is English


# Each text pattern of the schema, with what a value of it is and how to write one.
_PATTERNS = {
    LETTER_PATTERN: ("选项字母", "写大写字母 A–H，A 表示第一个选项"),
    FILE_NAME_PATTERN: ("有效的文件名", "写成“小写标识.yml”，例如 part-one.yml"),
    RULE_CODE_PATTERN: ("检查规则的代码", "写一个大写字母加三位数字，例如 Q201；coursegen check --rules 列出全部规则"),
    SOURCE_PATH_PATTERN: ("项目内的相对路径", "写相对于项目根目录的路径，用 / 分隔，例如 sources/speech.txt"),
}

_CUSTOM_HINTS = {
    "blank_text": "填写内容；文本不能只有空格或看不见的字符",
    "slug_unsafe": "只能用小写英文字母、数字和单个连字符，例如 key-point-1",
    "slug_reserved": RESERVED_HINT,
    "slug_too_long": "缩短标识",
    "version_format": "写成带引号的文本，例如 \"1.0\" 或 \"1.2.3\"",
    "hours_format": "例如 2、2.5、4",
    "hours_too_many": "1 学时 = 30 分钟学习；检查是否多写了数字或写错了指数",
    "answer_not_in_options": "答案写选项字母，A 表示第一个选项",
    "multiple_too_few": "只有一个正确答案时请改为单选题（type: single）",
    "answer_repeated": "删除重复的字母",
    "blanks_mismatch": "题干中每个空写成 ____（至少三个下划线）或（ ），answer 里每个空对应一组可接受的答案",
    "items_repeated": "每个排序项都须不同",
    "options_repeated": "删除或修改重复的选项",
}


def _choices(expected: str) -> str:
    """Pydantic's "'易', '中' or '难'" as 易、中、难."""
    quoted = re.findall(r"'([^']*)'", expected)
    return "、".join(quoted) if quoted else expected


def _union_tags(error: Any, model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    expected = str((error.get("ctx") or {}).get("expected_tags", ""))
    tags = [tag.strip(" '") for tag in expected.split(",") if tag.strip(" '")]
    if tags:
        return tags
    # A missing tag comes without the list of tags: take them from the union's members.
    members = _annotation_at(model, loc)
    return [str(tag) for member in members for tag in _literal_tags(member)] if isinstance(members, list) else []


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return f"布尔值 {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"数字 {capped(value)}"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"日期 {value.isoformat()}"
    if value is None:
        return "空值"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return f"文本{quoted(value)}"


def _type_hint(kind: str, value: Any) -> str:
    if kind != "string_type":
        return "写一个数字，不加引号"
    if isinstance(value, bool):
        return f"YAML 会把 yes/no/on/off/true/false 读成布尔值；{QUOTE_HINT}"
    if isinstance(value, (int, float)):
        return f"以 0 开头或带小数点的数字会被改写；{QUOTE_HINT}"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"YAML 会把形如 2024-01-01 的值读成日期；{QUOTE_HINT}"
    if value is None:
        return "在冒号后填写内容，或删掉这一项（如果它是可选的）"
    return "这里应是一段文本"


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping at pydantic location ``loc``."""
    current = _annotation_at(model, loc)
    return current if _is_model(current) else None


def _annotation_at(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """What validates the value at ``loc``: a model, the members of a union (a list), or None."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if isinstance(current, list):  # members of a discriminated union: pick by tag
            current = next((m for m in current if part in _literal_tags(m)), None)
            continue
        if not _is_model(current):
            return None
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current


def _literal_tags(model: type[BaseModel]) -> tuple[Any, ...]:
    field = model.model_fields.get("type")
    return get_args(field.annotation) if field else ()


def _unwrap(annotation: Any) -> Any:
    """list[X] → X, X | None → X, Annotated[Union[A, B], …] → [A, B]."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in {list, tuple}:
            annotation = get_args(annotation)[0]
        elif origin is Union or type(annotation).__name__ == "UnionType":
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) == 1:
                annotation = members[0]
            else:
                return members if all(_is_model(m) for m in members) else None
        else:
            return annotation


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    target = _model_at(model, loc)
    return list(target.model_fields) if target else []


def _field_hint(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    target = _model_at(model, loc[:-1])
    if target is None:
        return ""
    field = target.model_fields.get(str(loc[-1]))
    return f"{field.description}" if field and field.description else ""
