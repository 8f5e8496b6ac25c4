"""Validate parsed YAML against a model and explain every failure in Chinese.

Pydantic reports a ``loc`` tuple for each error; the YAML document maps key
paths to marks, so each problem gets ``file:line:column`` and a key path.
"""

from __future__ import annotations

import datetime
import difflib
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .loader import KeyPath, YamlDocument

M = TypeVar("M", bound=BaseModel)

QUOTE_HINT = "把这个值用引号括起来，写成文本"


def validate_document(document: YamlDocument, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Return the model, or None and every problem found."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        problems = [_explain(document, model, error) for error in exc.errors(include_url=False)]
        return None, problems


def _explain(document: YamlDocument, model: type[BaseModel], error: Any) -> Problem:
    path: KeyPath = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        key = path[-1]
        return document.problem(path[:-1], f"缺少必填项“{key}”",
                                _field_hint(model, path) or "请添加这一项")
    if kind == "extra_forbidden":
        key = str(path[-1])
        allowed = _allowed_keys(model, path[:-1])
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"是否想写“{close[0]}”？" if close else ""
        hint += "可用的键：" + "、".join(allowed) if allowed else ""
        return document.problem(path, f"不认识的键“{key}”", hint, key=True)
    message, hint = _describe(kind, ctx, value, error["msg"])
    return document.problem(path, message, hint)


def _describe(kind: str, ctx: dict[str, Any], value: Any, fallback: str) -> tuple[str, str]:
    if kind in {"string_type", "float_type", "int_type", "float_parsing"}:
        expected = "文本" if kind == "string_type" else "数字"
        return f"应为{expected}，实际是{_kind_of(value)}", _type_hint(kind, value)
    if kind in {"list_type"}:
        return f"应为列表，实际是{_kind_of(value)}", "列表的每一项另起一行，以“- ”开头"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"应为映射（键: 值），实际是{_kind_of(value)}", "在下一行缩进两个空格，写出各个键"
    if kind == "too_short":
        return (f"至少需要 {ctx.get('min_length')} 项，现有 {ctx.get('actual_length')} 项",
                "补足条目")
    if kind == "string_pattern_mismatch":
        return f"“{value}”不是有效的文件名", "写成“小写标识.yml”，例如 part-one.yml"
    custom = _CUSTOM_HINTS.get(kind)
    if custom is not None:
        return fallback, custom
    return f"取值无效：{fallback}", "对照 JSON Schema 检查这一项"


_CUSTOM_HINTS = {
    "blank_text": "填写内容；文本不能只有空格",
    "slug_unsafe": "只能用小写英文字母、数字和单个连字符，例如 key-point-1",
    "slug_reserved": "换一个标识，con、nul、assets、search 等名称会与文件或网站路径冲突",
    "slug_too_long": "缩短标识",
    "version_format": "写成带引号的文本，例如 \"1.0\" 或 \"1.2.3\"",
    "hours_format": "例如 2、2.5、4",
}


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return f"布尔值 {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"日期 {value.isoformat()}"
    if value is None:
        return "空值"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return f"文本“{value}”"


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


def _model_at(model: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path``."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) in {list, tuple} or type(annotation).__name__ == "UnionType":
        args = [a for a in get_args(annotation) if a is not type(None) and a is not Ellipsis]
        annotation = args[0]
    return annotation


def _allowed_keys(model: type[BaseModel], path: KeyPath) -> list[str]:
    target = _model_at(model, path)
    return list(target.model_fields) if target else []


def _field_hint(model: type[BaseModel], path: KeyPath) -> str:
    target = _model_at(model, path[:-1])
    if target is None:
        return ""
    field = target.model_fields.get(str(path[-1]))
    return f"{field.description}" if field and field.description else ""
