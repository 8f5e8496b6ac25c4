"""Safe YAML reading that remembers where every value came from.

PyYAML's composer gives nodes with marks; we build plain Python data from them
ourselves so that we can refuse duplicate keys, cap alias expansion and keep a
map from each key path to its line and column.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 50_000
"""Aliases may point at big subtrees; more expanded nodes than this is a bomb."""

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    line: int
    column: int


@dataclass
class YamlDocument:
    """Parsed data plus where each value (and each mapping key) starts."""

    file: str
    data: Any
    value_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    key_marks: dict[KeyPath, Mark] = field(default_factory=dict)

    def mark_for(self, path: KeyPath, *, key: bool = False) -> Mark:
        """The mark of the longest prefix of ``path`` that exists."""
        marks = self.key_marks if key else self.value_marks
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in marks:
                return marks[prefix]
            if prefix in self.value_marks:
                return self.value_marks[prefix]
        return Mark(1, 1)

    def problem(self, path: KeyPath, message: str, hint: str = "", *, key: bool = False) -> Problem:
        mark = self.mark_for(path, key=key)
        return Problem(self.file, mark.line, mark.column, format_key_path(path), message, hint)


class YamlProblems(Exception):
    """Raised inside this module; carries the problems of one file."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        self.problems = problems


def format_key_path(path: KeyPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_yaml(path: Path, display_name: str) -> YamlDocument:
    """Read one YAML file; raise :class:`YamlProblems` listing what is wrong with it."""
    if path.is_dir():
        raise YamlProblems([Problem(display_name, 1, 1, "", "这是一个文件夹，不是 YAML 文件")])
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlProblems([Problem(display_name, 1, 1, "", f"无法读取文件：{exc.strerror}")]) from None
    if size > MAX_FILE_BYTES:
        raise YamlProblems(
            [
                Problem(
                    display_name, 1, 1, "",
                    f"文件过大（{size // 1024} KB，上限 {MAX_FILE_BYTES // 1024} KB）",
                    "课程内容应拆分为多个小文件",
                )
            ]
        )
    text = _decode(path.read_bytes(), display_name)
    _check_tabs(text, display_name)
    return _parse(text, display_name)


def _decode(raw: bytes, name: str) -> str:
    for bom, label in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                       (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if raw.startswith(bom):
            raise YamlProblems(
                [Problem(name, 1, 1, "", f"文件是 {label} 编码，不是 UTF-8",
                         "用编辑器把文件另存为“UTF-8”编码")]
            )
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        try:
            raw.decode("gb18030")
            guess = "文件看起来是 GBK（GB2312/GB18030）编码，不是 UTF-8"
        except UnicodeDecodeError:
            guess = "文件不是 UTF-8 编码"
        raise YamlProblems(
            [Problem(name, line, column, "", guess,
                     "用编辑器把文件另存为“UTF-8”编码（记事本：另存为 → 编码选 UTF-8）")]
        ) from None


_LEADING_TAB = re.compile(r"^[ ]*\t")


def _check_tabs(text: str, name: str) -> None:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _LEADING_TAB.match(line)
        if match:
            problems.append(
                Problem(name, number, match.end(), "", "缩进里有制表符（Tab）",
                        "YAML 只能用空格缩进，请把 Tab 换成空格")
            )
    if problems:
        raise YamlProblems(problems)


# PyYAML's messages, in the order they are tried, with what to tell a person.
_SYNTAX_MESSAGES: tuple[tuple[str, str, str], ...] = (
    ("found duplicate anchor", "锚点名称重复", "每个 &锚点 只能定义一次"),
    ("found undefined alias", "引用了未定义的别名", "先用 &名称 定义，再用 *名称 引用"),
    ("while scanning a quoted scalar", "引号没有闭合", "检查这一行开始的引号是否成对"),
    ("found unexpected end of stream", "文件意外结束", "检查引号和括号是否成对"),
    ("mapping values are not allowed here", "这里不能出现“键: 值”",
     "文本中含有“: ”时，请把整段文本用引号括起来"),
    ("could not find expected ':'", "缺少冒号", "每个键后面要有“: ”"),
    ("expected <block end>", "缩进不一致", "同一层的键要对齐，子项比父项多缩进两个空格"),
    ("expected a single document", "一个文件只能有一个 YAML 文档", "删除多余的“---”"),
    ("found unacceptable character", "文件里有不可见的控制字符", "删除该字符（常见于从 Word 复制的文本）"),
    ("found character that cannot start any token", "这里的字符不能开始一个值",
     "以 @ 或 ` 开头的文本请加引号"),
    ("could not determine a constructor for the tag", "不支持的 YAML 标签",
     "删除以 ! 开头的标签，课程文件只用普通文本、列表和映射"),
    ("found unknown escape character", "双引号文本里有无效的转义", "把 \\ 写成 \\\\，或改用单引号"),
)


_QUOTED_VALUE = re.compile(r"""^(?:\s*-\s+|\s*[^\s#"'][^:#]*:\s+)(["'])""")


def _unclosed_quote(text: str, until_line: int) -> tuple[int, int] | None:
    """The first line up to ``until_line`` whose quoted value does not close on it.

    Multi-line quoted values are legal YAML, so this is only consulted once the
    parser has already failed: the real mistake is usually the missing quote.
    """
    for number, line in enumerate(text.splitlines()[:until_line], start=1):
        match = _QUOTED_VALUE.match(line)
        if not match:
            continue
        quote, rest = match.group(1), line[match.end():]
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'(?!')", rest.replace("''", ""))
        if not closed:
            return number, match.end()
    return None


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    unclosed = _unclosed_quote(text, line)
    if unclosed:
        return Problem(name, *unclosed, "", "YAML 语法错误：引号没有闭合", "检查这一行开始的引号是否成对")
    text = f"{exc.context or ''} {exc.problem or ''}"
    for needle, message, hint in _SYNTAX_MESSAGES:
        if needle in text:
            return Problem(name, line, column, "", f"YAML 语法错误：{message}", hint)
    return Problem(name, line, column, "", f"YAML 语法错误：{(exc.problem or '').strip()}",
                   "对照上下文检查缩进、冒号和引号")


def _parse(text: str, name: str) -> YamlDocument:
    try:
        loader = yaml.SafeLoader(text)  # the reader rejects control characters right here
    except yaml.YAMLError as exc:
        raise YamlProblems([_reader_problem(name, exc, text)]) from None
    try:
        root = loader.get_single_node()
        if root is None:
            raise YamlProblems([Problem(name, 1, 1, "", "文件是空的", "按模板填写课程内容")])
        builder = _Builder(loader, name)
        data = builder.build(root, ())
        if builder.problems:
            raise YamlProblems(builder.problems)
        return YamlDocument(name, data, builder.value_marks, builder.key_marks)
    except yaml.MarkedYAMLError as exc:
        raise YamlProblems([_syntax_problem(name, exc, text)]) from None
    except yaml.YAMLError as exc:  # reader errors carry no MarkedYAMLError base
        raise YamlProblems([_reader_problem(name, exc, text)]) from None
    finally:
        loader.dispose()


def _reader_problem(name: str, exc: yaml.YAMLError, text: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        return Problem(name, line, column, "", f"文件里有不可见的控制字符（U+{exc.character:04X}）",
                       "删除该字符（常见于从 Word 或网页复制的文本）")
    return Problem(name, 1, 1, "", f"YAML 读取失败：{exc}", "检查文件内容")


class _Builder:
    """Turn a composed node tree into plain data, recording marks."""

    def __init__(self, loader: yaml.SafeLoader, name: str):
        self.loader = loader
        self.name = name
        self.nodes = 0
        self.problems: list[Problem] = []
        self.value_marks: dict[KeyPath, Mark] = {}
        self.key_marks: dict[KeyPath, Mark] = {}

    def _problem(self, node: yaml.Node, path: KeyPath, message: str, hint: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.name, mark.line + 1, mark.column + 1, format_key_path(path), message, hint)
        )

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            # Report the top-level entry being expanded; deeper paths are meaningless here.
            top = path[:1]
            mark = self.value_marks.get(top, Mark(node.start_mark.line + 1, node.start_mark.column + 1))
            raise YamlProblems(
                [Problem(self.name, mark.line, mark.column, format_key_path(top),
                         f"别名（*引用）展开后超过 {MAX_NODES} 个节点，疑似“别名炸弹”",
                         "不要用锚点和别名层层复制内容")]
            )
        self.value_marks.setdefault(path, Mark(node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        self.loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True) if isinstance(
                key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self._problem(key_node, path, "键必须是文本",
                              "把键写成英文单词，例如 title；yes/no/数字作键时请加引号")
                continue
            if key in first_seen:
                self._problem(key_node, path + (key,),
                              f"键“{key}”重复（第 {first_seen[key]} 行已出现）",
                              "删除或合并重复的键")
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.key_marks[path + (key,)] = Mark(key_node.start_mark.line + 1,
                                                 key_node.start_mark.column + 1)
            result[key] = self.build(value_node, path + (key,))
        return result
