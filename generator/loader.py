"""Safe YAML reading that remembers where every value came from.

PyYAML's composer gives nodes with marks; we build plain Python data from them
ourselves so that we can refuse duplicate keys, cap alias expansion and keep a
map from each key path to its line and column.
"""

from __future__ import annotations

import codecs
import errno
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from .errors import Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 50_000
"""Aliases may point at big subtrees; more expanded nodes than this is a bomb."""
MAX_TEXT_CHARS = MAX_FILE_BYTES
"""Expanded text beyond what fits in one file can only come from aliases: a bomb."""
MAX_DEPTH = 50
"""Course files nest a few levels; far deeper is a mistake or an attack on the recursion limit."""

_YAML_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(_YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))
_MERGE_TAG = _YAML_TAG + "merge"
_TEXT_TAGS = frozenset({_MERGE_TAG, _YAML_TAG + "value"})
"""Plain ``<<`` and ``=`` resolve to these; as values they are just text."""
# What the YAML reader refuses in a file, also refused when a "\x07"-style escape produces it; and
# U+0085 (NEL), which the reader takes for a line break: it comes from mis-decoded "…" in cp1252 text.
_UNPRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")

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
    text = _read_text(path, display_name)
    _check_tabs(text, display_name)
    _check_next_line(text, display_name)
    return _parse(text, display_name)


def compose_yaml(path: Path, display_name: str) -> yaml.Node:
    """Check one YAML file's syntax and return its node tree, without constructing values.

    For files that are not ours (mkdocs.yml): their tags (``!ENV``, ``!!python/name``)
    are left alone, but size, encoding, tabs, nesting and syntax get our messages.
    """
    text = _read_text(path, display_name)
    _check_tabs(text, display_name)
    loader = _make_loader(text, display_name)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise YamlProblems([_syntax_problem(display_name, exc, text)]) from None
    finally:
        loader.dispose()
    if root is None:
        raise YamlProblems([Problem(display_name, 1, 1, "", "文件是空的", "按模板填写内容")])
    return root


_OS_ERRORS = {
    errno.ENOENT: "文件不存在（可能是失效的链接）",
    errno.ELOOP: "文件是循环的符号链接",
    errno.EACCES: "没有读取这个文件的权限",
    errno.EPERM: "没有读取这个文件的权限",
}


def _read_text(path: Path, name: str) -> str:
    """The decoded text of a regular file of sensible size, or YamlProblems."""
    try:
        info = path.stat()
    except OSError as exc:
        reason = _OS_ERRORS.get(exc.errno or 0, f"无法读取文件（错误号 {exc.errno}）")
        raise YamlProblems([Problem(name, 1, 1, "", reason, "检查这个文件是否存在、能否打开")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise YamlProblems([Problem(name, 1, 1, "", "这是一个文件夹，不是 YAML 文件",
                                    "把这个文件夹改名或移走，在这里放一个 YAML 文件")])
    if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
        raise YamlProblems([Problem(name, 1, 1, "", "这不是普通文件（可能是管道或设备）",
                                    "换成一个普通的 YAML 文件")])
    if info.st_size > MAX_FILE_BYTES:
        raise YamlProblems(
            [
                Problem(
                    name, 1, 1, "",
                    f"文件过大（{info.st_size // 1024} KB，上限 {MAX_FILE_BYTES // 1024} KB）",
                    "课程内容应拆分为多个小文件",
                )
            ]
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = _OS_ERRORS.get(exc.errno or 0, f"无法读取文件（错误号 {exc.errno}）")
        raise YamlProblems([Problem(name, 1, 1, "", reason, "检查这个文件是否存在、能否打开")]) from None
    return _decode(raw, name)


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
    if _looks_like_utf16(raw):
        raise YamlProblems(
            [Problem(name, 1, 1, "", "文件看起来是 UTF-16 编码（没有 BOM），不是 UTF-8",
                     "用编辑器把文件另存为“UTF-8”编码")]
        )
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


def _looks_like_utf16(raw: bytes) -> bool:
    """UTF-16 without a BOM: the zero high bytes of ASCII characters, nearly all on one side.

    UTF-8 text never holds NUL bytes in quantity, so a stray NUL is still reported
    as a control character.
    """
    zeros = raw.count(0)
    if zeros == 0 or zeros * 10 < len(raw):
        return False
    odd = raw[1::2].count(0)
    return max(odd, zeros - odd) >= zeros * 0.9


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


def _check_next_line(text: str, name: str) -> None:
    """U+0085 is a line break to YAML but never meant as one: report it like other control characters."""
    at = text.find("\x85")
    if at >= 0:
        before = text[:at]
        line, column = before.count("\n") + 1, at - before.rfind("\n")
        raise YamlProblems([Problem(name, line, column, "", "文件里有不可见的控制字符（U+0085）",
                                    "删除该字符（常见于从 Word 或网页复制的文本）")])


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


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    unclosed = _unclosed_quote(text, line)
    if unclosed:
        return Problem(name, *unclosed, "", "YAML 语法错误：引号没有闭合", "检查这一行开始的引号是否成对")
    said = f"{exc.context or ''} {exc.problem or ''}"
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


_DEPTH_HINT = "课程文件只需几层缩进；检查是否多写了“[”“{”或“- ”，或别名层层引用"


class _Loader(yaml.SafeLoader):
    """SafeLoader whose composer stops at absurd depth or size, before Python's recursion
    limit or minutes of parsing are reached."""

    def __init__(self, text: str, name: str):
        super().__init__(text)
        self.name = name
        self.depth = 0
        self.composed = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self.depth += 1
        self.composed += 1
        try:
            if self.depth > MAX_DEPTH:
                raise YamlProblems([self._here(f"嵌套层数过多（超过 {MAX_DEPTH} 层）", _DEPTH_HINT)])
            if self.composed > MAX_NODES:
                raise YamlProblems([self._here(f"文件里的条目过多（超过 {MAX_NODES} 个）",
                                               "课程内容应拆分为多个小文件")])
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _here(self, message: str, hint: str) -> Problem:
        mark = self.peek_event().start_mark
        return Problem(self.name, mark.line + 1, mark.column + 1, "", message, hint)



def _make_loader(text: str, name: str) -> _Loader:
    try:
        return _Loader(text, name)  # the reader rejects control characters right here
    except yaml.YAMLError as exc:
        raise YamlProblems([_reader_problem(name, exc, text)]) from None


def _parse(text: str, name: str) -> YamlDocument:
    loader = _make_loader(text, name)
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
    return Problem(name, 1, 1, "", "YAML 读取失败", "检查文件内容，另存为 UTF-8 编码的普通文本")


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag


class _Builder:
    """Turn a composed node tree into plain data, recording marks.

    Aliases are expanded here, so this is where bombs are caught: too many
    nodes, too much text, aliases that contain themselves, merges (``<<``)
    that multiply.
    """

    def __init__(self, loader: yaml.SafeLoader, name: str):
        self.loader = loader
        self.name = name
        self.nodes = 0
        self.chars = 0
        self.active: set[int] = set()
        """Collections being built right now: meeting one again means an alias cycle."""
        self.problems: list[Problem] = []
        self.value_marks: dict[KeyPath, Mark] = {}
        self.key_marks: dict[KeyPath, Mark] = {}

    def _located(self, node: yaml.Node, path: KeyPath, message: str, hint: str) -> Problem:
        mark = node.start_mark
        return Problem(self.name, mark.line + 1, mark.column + 1, format_key_path(path), message, hint)

    def _problem(self, node: yaml.Node, path: KeyPath, message: str, hint: str) -> None:
        self.problems.append(self._located(node, path, message, hint))

    def _fail(self, node: yaml.Node, path: KeyPath, message: str, hint: str) -> NoReturn:
        raise YamlProblems([self._located(node, path, message, hint)])

    def _bomb(self, node: yaml.Node, path: KeyPath, message: str) -> NoReturn:
        # Report the top-level entry being expanded; deeper paths are meaningless here.
        top = path[:1]
        mark = self.value_marks.get(top, Mark(node.start_mark.line + 1, node.start_mark.column + 1))
        raise YamlProblems([Problem(self.name, mark.line, mark.column, format_key_path(top), message,
                                    "不要用锚点和别名层层复制内容")])

    def _count(self, node: yaml.Node, path: KeyPath) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self._bomb(node, path, f"别名（*引用）展开后超过 {MAX_NODES} 个节点，疑似“别名炸弹”")

    def _enter(self, node: yaml.Node, path: KeyPath) -> None:
        if id(node) in self.active:
            self._fail(node, path, "别名引用了包含它自己的内容（循环引用）",
                       "删除这个 *别名，或让它引用别处定义的锚点")
        self.active.add(id(node))

    def _tag_ok(self, node: yaml.Node, path: KeyPath) -> bool:
        if node.tag in _PLAIN_TAGS or (isinstance(node, yaml.ScalarNode) and node.tag in _TEXT_TAGS):
            return True
        self._problem(node, path, f"不支持的 YAML 标签“{_tag_name(node.tag)}”",
                      "删除以 ! 开头的标签，课程文件只用普通文本、列表和映射")
        return False

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self._count(node, path)
        if len(path) > MAX_DEPTH:  # the composer caps what is written, so aliases did this
            self._bomb(node, path, f"别名（*引用）展开后嵌套超过 {MAX_DEPTH} 层，疑似“别名炸弹”")
        self.value_marks.setdefault(path, Mark(node.start_mark.line + 1, node.start_mark.column + 1))
        if not self._tag_ok(node, path):
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        self._enter(node, path)
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        finally:
            self.active.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        if node.tag in _TEXT_TAGS:
            value: Any = node.value
        else:
            try:
                value = self.loader.construct_object(node, deep=True)
            except ValueError:  # e.g. 2024-13-45 matches the date pattern but is no date
                self._problem(node, path, f"“{node.value}”看起来像日期，但不是有效的日期",
                              "把这个值用引号括起来，写成文本")
                return None
        if isinstance(value, str):
            self._check_text(node, path, value)
        return value

    def _check_text(self, node: yaml.Node, path: KeyPath, text: str) -> None:
        self.chars += len(text)
        if self.chars > MAX_TEXT_CHARS:
            self._bomb(node, path, f"别名（*引用）展开后文本超过 {MAX_TEXT_CHARS} 个字符，疑似“别名炸弹”")
        bad = _UNPRINTABLE.search(text)
        if bad is None:
            return
        code = ord(bad.group())
        if 0xD800 <= code <= 0xDFFF:
            self._problem(node, path, f"文本里有无效的字符（U+{code:04X}，单独的代理项）",
                          "删除“\\ud800”这类转义；表情等字符请直接输入")
        else:
            self._problem(node, path, f"文本里有不可见的控制字符（U+{code:04X}）",
                          "删除双引号文本里“\\x07”“\\0”这类转义")

    def _key(self, node: yaml.Node, path: KeyPath) -> str | None:
        if isinstance(node, yaml.ScalarNode):
            if not self._tag_ok(node, path):
                return None
            key = self._scalar(node, path)
            if isinstance(key, str):
                return key
        self._problem(node, path, "键必须是文本", "把键写成英文单词，例如 title；yes/no/数字作键时请加引号")
        return None

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            key = self._key(key_node, path)
            if key is None:
                continue
            if key in first_seen:
                self._problem(key_node, path + (key,),
                              f"键“{key}”重复（第 {first_seen[key]} 行已出现）",
                              "删除或合并重复的键")
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self._store(key_node, value_node, path + (key,), result)
        # The mapping's own keys win over merged ones, and earlier merged mappings over later ones.
        for key, key_node, value_node in self._merged(node, path, 1):
            if key not in result:
                self._store(key_node, value_node, path + (key,), result)
        return result

    def _store(self, key_node: yaml.Node, value_node: yaml.Node, path: KeyPath, result: dict[str, Any]) -> None:
        self.key_marks[path] = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        result[str(path[-1])] = self.build(value_node, path)

    def _merged(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """The pairs that merge keys (``<<``) bring in, in priority order, each counted as a node.

        PyYAML's own ``flatten_mapping`` copies merged pairs into every node, which
        grows exponentially when merges build on merges.
        """
        if depth > MAX_DEPTH:
            self._bomb(node, path, f"合并键（<<）层层合并超过 {MAX_DEPTH} 层，疑似“别名炸弹”")
        pairs: list[tuple[str, yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE_TAG:
                continue
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    self._fail(source, path, "合并键 << 后面应是映射（或映射的列表）",
                               "写成 <<: *锚点名，锚点要定义在一个映射（键: 值）上")
                self._enter(source, path)
                try:
                    for source_key, source_value in source.value:
                        if source_key.tag == _MERGE_TAG:
                            continue
                        self._count(source_key, path)
                        key = self._key(source_key, path)
                        if key is not None:
                            pairs.append((key, source_key, source_value))
                    pairs += self._merged(source, path, depth + 1)
                finally:
                    self.active.discard(id(source))
        return pairs
