"""Safe YAML reading that remembers where every value came from.

PyYAML's composer gives nodes with marks; we build plain Python data from them
ourselves so that we can refuse duplicate keys, cap alias expansion and keep a
map from each key path to its line and column.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NoReturn

import yaml
import yaml.composer
import yaml.constructor
import yaml.reader
import yaml.resolver

from .errors import Problem, quoted
from .reading import MAX_FILE_BYTES, check_next_line, check_tabs, read_text
from .yaml_document import KeyPath, Mark, YamlDocument, YamlProblems, format_key_path
from .yaml_syntax import reader_problem, syntax_problem

__all__ = ["KeyPath", "Mark", "YamlDocument", "YamlProblems", "format_key_path", "read_yaml", "parse_yaml",
           "MarkedBuilder", "MAX_FILE_BYTES", "MAX_NODES", "MAX_TEXT_CHARS", "MAX_DEPTH", "SPLIT_HINT"]

MAX_NODES = 50_000
"""Aliases may point at big subtrees; more expanded nodes than this is a bomb."""
MAX_TEXT_CHARS = MAX_FILE_BYTES
"""Expanded text beyond what fits in one file can only come from aliases: a bomb."""
MAX_DEPTH = 50
"""Course files nest a few levels; far deeper is a mistake or an attack on the recursion limit."""
SPLIT_HINT = "课程内容应拆分为多个小文件"
"""The hint for a file that is too big (here and in reading.py); the bank loader says how to split a bank."""

_YAML_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(_YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))
_MERGE_TAG = _YAML_TAG + "merge"
_TEXT_TAGS = frozenset({_MERGE_TAG, _YAML_TAG + "value"})
"""Plain ``<<`` and ``=`` resolve to these; as values they are just text."""
# What the YAML reader refuses in a file, also refused when a "\x07"-style escape produces it; and
# U+0085 (NEL), which the reader takes for a line break: it comes from mis-decoded "…" in cp1252 text.
_UNPRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def read_yaml(path: Path, display_name: str, root: Path | None = None) -> YamlDocument:
    """Read one YAML file of project ``root``; raise :class:`YamlProblems` listing what is wrong with it.

    Without a ``root`` the file must really be in its own folder (not a link to elsewhere).
    """
    text = read_text(path, display_name, root if root is not None else path.parent)
    check_tabs(text, display_name)
    check_next_line(text, display_name)
    key = (display_name, text)
    document = _PARSED.pop(key, None) or parse_yaml(text, display_name)
    _PARSED[key] = document  # the newest last; the oldest goes first
    if len(_PARSED) > PARSED_KEPT:
        del _PARSED[next(iter(_PARSED))]
    return document


PARSED_KEPT = 128
_PARSED: dict[tuple[str, str], YamlDocument] = {}
"""Files parsed in this process, by name and text: the preview reads a course again on every save,
and only the file that was saved needs parsing (documents are never changed once parsed)."""


_DEPTH_HINT = "课程文件只需几层缩进；检查是否多写了“[”“{”或“- ”，或别名层层引用"


class _Capped:
    """A composer that stops at absurd depth or size, before Python's recursion
    limit or minutes of parsing are reached."""

    name: str
    depth: int
    composed: int

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self.depth += 1
        self.composed += 1
        try:
            if self.depth > MAX_DEPTH:
                raise YamlProblems([self._here(f"嵌套层数过多（超过 {MAX_DEPTH} 层）", _DEPTH_HINT)])
            if self.composed > MAX_NODES:
                raise YamlProblems([self._here(f"文件里的条目过多（超过 {MAX_NODES} 个）", SPLIT_HINT)])
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self.depth -= 1

    def _here(self, message: str, hint: str) -> Problem:
        mark = self.peek_event().start_mark  # type: ignore[attr-defined]
        return Problem(self.name, mark.line + 1, mark.column + 1, "", message, hint)


class _Loader(_Capped, yaml.SafeLoader):
    """SafeLoader with the capped composer (PyYAML's own reader, scanner and parser)."""

    def __init__(self, text: str, name: str):
        super().__init__(text)
        self.name = name
        self.depth = 0
        self.composed = 0


def _make_loader(text: str, name: str) -> _Loader:
    try:
        return _Loader(text, name)  # the reader rejects control characters right here
    except yaml.YAMLError as exc:
        raise YamlProblems([reader_problem(name, exc, text)]) from None


def _fast_loader() -> type | None:
    """Our capped composer over libyaml's C parser (None without libyaml)."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None

    class FastLoader(_Capped, yaml.composer.Composer, yaml.constructor.SafeConstructor, yaml.resolver.Resolver,
                     yaml._yaml.CParser):
        def __init__(self, text: str, name: str):
            yaml._yaml.CParser.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self.name, self.depth, self.composed = name, 0, 0

    return FastLoader


_FAST = _fast_loader()
_NOT_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
"""What PyYAML's reader refuses (with its own message) is left to it."""


def parse_yaml(text: str, name: str, builder_class: type[MarkedBuilder] | None = None,
               empty_hint: str = "按模板填写课程内容") -> YamlDocument:
    """Plain data with marks from YAML text; ``builder_class`` may accept more tags than course files do.

    Parsed with libyaml's C parser when it is there (several times faster; the
    same events, marks and data); a file it finds anything wrong with is read
    again by PyYAML's own parser, whose messages the error texts are built on.
    """
    if _FAST is not None and not _NOT_PRINTABLE.search(text):
        try:
            return _parse(_FAST(text, name), text, name, builder_class, empty_hint, fast=True)
        except _SyntaxError:
            pass
    return _parse(_make_loader(text, name), text, name, builder_class, empty_hint)


class _SyntaxError(Exception):
    """libyaml found the text malformed: PyYAML's parser says so in the words our messages expect."""


def _parse(loader, text: str, name: str, builder_class: type[MarkedBuilder] | None, empty_hint: str,
           fast: bool = False) -> YamlDocument:
    try:
        root = loader.get_single_node()
        if root is None:
            raise YamlProblems([Problem(name, 1, 1, "", "文件是空的", empty_hint)])
        builder = (builder_class or MarkedBuilder)(loader, name)
        data = builder.build(root, ())
        if builder.problems:
            raise YamlProblems(builder.problems)
        return YamlDocument(name, data, builder.value_marks, builder.key_marks)
    except yaml.YAMLError as exc:
        if fast:
            raise _SyntaxError() from None
        if isinstance(exc, yaml.MarkedYAMLError):
            raise YamlProblems([syntax_problem(name, exc, text)]) from None
        raise YamlProblems([reader_problem(name, exc, text)]) from None
    finally:
        loader.dispose()


def _unreadable_scalar(node: yaml.ScalarNode) -> tuple[str, str]:
    """Why a plain value that YAML resolved to a number or a date could not become one."""
    if node.tag == _YAML_TAG + "int":  # Python refuses integers of more than 4 300 digits
        return f"数字{quoted(node.value)}太长（{len(node.value)} 位），无法读取", _QUOTE_HINT
    # e.g. 2024-13-45 matches the date pattern but is no date
    return f"{quoted(node.value)}看起来像日期，但不是有效的日期", _QUOTE_HINT


_QUOTE_HINT = "把这个值用引号括起来，写成文本"


def tag_name(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag


class MarkedBuilder:
    """Turn a composed node tree into plain data, recording marks.

    Aliases are expanded here, so this is where bombs are caught: too many
    nodes, too much text, aliases that contain themselves, merges (``<<``)
    that multiply. Only YAML's plain tags are accepted; a subclass may accept
    more by overriding :meth:`tagged`.
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

    @staticmethod
    def _plain_tag(node: yaml.Node) -> bool:
        return node.tag in _PLAIN_TAGS or (isinstance(node, yaml.ScalarNode) and node.tag in _TEXT_TAGS)

    def tagged(self, node: yaml.Node, path: KeyPath) -> Any:
        """A node with a tag of its own (``!ENV``, ``!!python/…``): refused in course files."""
        self._problem(node, path, f"不支持的 YAML 标签{quoted(tag_name(node.tag))}",
                      "删除以 ! 开头的标签，课程文件只用普通文本、列表和映射")
        return None

    def _tag_ok(self, node: yaml.Node, path: KeyPath) -> bool:
        if self._plain_tag(node):
            return True
        MarkedBuilder.tagged(self, node, path)
        return False

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self._count(node, path)
        if len(path) > MAX_DEPTH:  # the composer caps what is written, so aliases did this
            self._bomb(node, path, f"别名（*引用）展开后嵌套超过 {MAX_DEPTH} 层，疑似“别名炸弹”")
        self.value_marks.setdefault(path, Mark(node.start_mark.line + 1, node.start_mark.column + 1))
        if not self._plain_tag(node):
            return self.tagged(node, path)
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
            except ValueError:
                self._problem(node, path, *_unreadable_scalar(node))
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
                              f"键{quoted(key)}重复（第 {first_seen[key]} 行已出现）",
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
