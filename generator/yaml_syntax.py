"""PyYAML's syntax and reader errors, told in Chinese at the place a person would fix."""

from __future__ import annotations

import re

import yaml

from .errors import Problem

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
    ("that cannot start any token", "这里的字符不能开始一个值", "以 @ 或 ` 开头的文本请加引号"),
    ("could not determine a constructor for the tag", "不支持的 YAML 标签",
     "删除以 ! 开头的标签，课程文件只用普通文本、列表和映射"),
    ("found unknown escape character", "双引号文本里有无效的转义", "把 \\ 写成 \\\\，或改用单引号"),
    ("expected ',' or ']'", "方括号 [ 没有闭合，或列表各项之间缺少逗号", "检查这一行的 [ ] 是否成对，各项之间用逗号分隔"),
    ("expected ',' or '}'", "花括号 { 没有闭合，或各项之间缺少逗号", "检查这一行的 { } 是否成对，各项之间用逗号分隔"),
)
_AT_OPENING = ("expected ',' or ']'", "expected ',' or '}'")
"""Errors better reported where the bracket was opened than where the parser gave up."""


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


def syntax_problem(name: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    unclosed = _unclosed_quote(text, line)
    if unclosed:
        return Problem(name, *unclosed, "", "YAML 语法错误：引号没有闭合", "检查这一行开始的引号是否成对")
    said = f"{exc.context or ''} {exc.problem or ''}"
    if "could not find expected ':'" in said and exc.context_mark and _key_too_long(text, exc.context_mark):
        start = exc.context_mark
        return Problem(name, start.line + 1, start.column + 1, "", f"键太长（超过 {MAX_KEY_CHARS} 个字符）",
                       "YAML 的键最多 1024 个字符，课程文件的键都是简短的英文单词；检查是否把一段文本写在了冒号前面")
    if "mapping values are not allowed here" in said:
        indented = _indented_key(text, line)
        if indented:
            return Problem(name, line, indented, "", "YAML 语法错误：缩进不一致",
                           "这一行比上一行多缩进了；同一层的键要左对齐")
    for needle, message, hint in _SYNTAX_MESSAGES:
        if needle in said:
            if needle in _AT_OPENING and exc.context_mark:
                line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
            return Problem(name, line, column, "", f"YAML 语法错误：{message}", hint)
    return Problem(name, line, column, "", "YAML 语法错误：无法解析这里的内容",
                   "对照上下文检查缩进、冒号、引号和括号")


MAX_KEY_CHARS = 1024
"""PyYAML gives up on a key (one written without ``?``) longer than this."""


def _key_too_long(text: str, start: yaml.Mark) -> bool:
    """Whether the key that starts at ``start`` ends with a colon on its line, too far away for PyYAML."""
    lines = text.splitlines()
    if start.line >= len(lines):
        return False
    rest = lines[start.line][start.column:]
    colon = re.search(r":(?:\s|$)", rest)
    return colon is not None and colon.start() > MAX_KEY_CHARS


_KEY_LINE = re.compile(r"^( *)(?:- +)?[A-Za-z_][A-Za-z0-9_]*:(?: |$)")
"""A line that starts with one of our keys (always English words), e.g. "  short_title: …"."""


def _indented_key(text: str, line: int) -> int | None:
    """The column of a key indented deeper than the key-and-value line above it, if that is the mistake.

    PyYAML reads such a key as more text of the value above and then trips over
    its colon ("mapping values are not allowed here").
    """
    lines = text.splitlines()
    if line > len(lines):
        return None
    here = _KEY_LINE.match(lines[line - 1])
    written = [row for row in lines[: line - 1] if row.strip() and not row.lstrip().startswith("#")]
    above = written[-1] if written else ""
    before = _KEY_LINE.match(above)
    if here and before and len(here.group(1)) > len(before.group(1)) and above[before.end():].strip():
        return len(here.group(1)) + 1
    return None


def reader_problem(name: str, exc: yaml.YAMLError, text: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        return Problem(name, line, column, "", f"文件里有不可见的控制字符（U+{exc.character:04X}）",
                       "删除该字符（常见于从 Word 或网页复制的文本）")
    return Problem(name, 1, 1, "", "YAML 读取失败", "检查文件内容，另存为 UTF-8 编码的普通文本")
