"""Reading mkdocs.yml ourselves, so that MkDocs never parses what a person wrote.

The file (and any file it names with ``INHERIT``) is read through the safe
file layer and our marked YAML builder: sizes, encodings, duplicate keys and
alias bombs get the same treatment as course files, with ``file:line:col``.
Tags that run code (``!!python/object/apply``, ``!!python/module`` …) are
refused. MkDocs' own ``!ENV`` and ``!relative`` keep working, and so do the
few ``!!python/name:`` references that mkdocs-material documents for its
Markdown extensions (emoji, superfences), which only name a function.

:meth:`SiteConfig.mkdocs_text` is what MkDocs gets instead of the file: YAML
we wrote from plain data, with no anchors, and no tag except those above.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem
from .loader import KeyPath, MarkedBuilder, YamlDocument, YamlProblems, parse_yaml, tag_name
from .reading import check_next_line, check_tabs, read_text
from .safe_files import is_inside, real_root

PYTHON_NAME = "tag:yaml.org,2002:python/name:"
ALLOWED_PYTHON_NAMES = ("material.extensions.", "pymdownx.")
"""Modules whose functions mkdocs-material's documentation asks for by ``!!python/name:``."""
MAX_INHERIT = 5

_TAG_HINT = "删除这个标签；mkdocs.yml 不能写会执行代码的标签，MkDocs 自己的 !ENV 和 !relative 可以照常使用"


@dataclass(frozen=True)
class Tagged:
    """A value MkDocs resolves itself (``!ENV``, ``!relative``, an allowed ``!!python/name:``)."""

    tag: str
    value: Any


class _ConfigBuilder(MarkedBuilder):
    def tagged(self, node: yaml.Node, path: KeyPath) -> Any:
        tag = node.tag
        if tag == "!relative" and isinstance(node, yaml.ScalarNode):
            return Tagged(tag, node.value)
        if tag == "!ENV" and isinstance(node, yaml.ScalarNode):
            return Tagged(tag, node.value)
        if tag == "!ENV" and isinstance(node, yaml.SequenceNode):
            if all(isinstance(item, yaml.ScalarNode) and self._plain_tag(item) for item in node.value):
                return Tagged(tag, [self.build(item, path + (i,)) for i, item in enumerate(node.value)])
            self._problem(node, path, "!ENV 后面应是环境变量名，或变量名列表（最后一项是默认值）",
                          "例如 !ENV [SITE_URL, 'https://example.org/']")
            return None
        if (tag.startswith(PYTHON_NAME) and isinstance(node, yaml.ScalarNode) and not node.value
                and tag[len(PYTHON_NAME):].startswith(ALLOWED_PYTHON_NAMES)):
            return Tagged(tag, "")
        if tag.startswith("tag:yaml.org,2002:python/"):
            self._problem(node, path, f"不允许的 YAML 标签“{tag_name(tag)[:60]}”：它会让 MkDocs 执行代码", _TAG_HINT)
        else:
            self._problem(node, path, f"不支持的 YAML 标签“{tag_name(tag)[:60]}”", _TAG_HINT)
        return None


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # every alias was expanded (and counted) by the builder


def _represent_tagged(dumper: yaml.SafeDumper, value: Tagged) -> yaml.Node:
    if isinstance(value.value, list):
        return dumper.represent_sequence(value.tag, value.value)
    return dumper.represent_scalar(value.tag, value.value)


_Dumper.add_representer(Tagged, _represent_tagged)


@dataclass
class SiteConfig:
    """mkdocs.yml as plain data, with where each key was written."""

    path: Path
    data: dict[str, Any]
    documents: list[YamlDocument]
    """mkdocs.yml first, then the files it inherits from."""

    def problem(self, path: KeyPath, message: str, hint: str = "") -> Problem:
        """A problem at the key ``path``, in whichever file wrote it."""
        for document in self.documents:
            if path in document.key_marks or path in document.value_marks:
                return document.problem(path, message, hint, key=False)
        return self.documents[0].problem(path, message, hint)

    def mkdocs_text(self) -> str:
        return to_yaml(self.data)


def to_yaml(data: dict[str, Any]) -> str:
    """Settings as YAML for an engine: no anchors, and no tag except the few :class:`Tagged` keeps."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def read_site_config(root: Path, path: Path, display: str) -> SiteConfig:
    """mkdocs.yml (with its ``INHERIT`` chain) read safely; raise YamlProblems."""
    documents: list[YamlDocument] = []
    seen: set[str] = set()
    current, name = path, display
    while True:
        document = _read_one(root, current, name)
        documents.append(document)
        seen.add(os.path.realpath(current))
        parent = document.data.pop("INHERIT", None)
        if parent is None:
            break
        if not isinstance(parent, str) or not parent:
            raise YamlProblems([document.problem(("INHERIT",), "INHERIT 应是一个文件名", "例如 INHERIT: base.yml")])
        current = current.parent / parent
        name = os.path.relpath(current, root).replace(os.sep, "/")
        if not is_inside(os.path.realpath(current), real_root(root)):
            raise YamlProblems([document.problem(("INHERIT",), f"“{parent[:60]}”在项目之外，为安全起见不会读取",
                                                 "把要继承的文件放进项目里")])
        if os.path.realpath(current) in seen or len(documents) > MAX_INHERIT:
            raise YamlProblems([document.problem(("INHERIT",), "INHERIT 形成了循环，或层数过多",
                                                 f"最多继承 {MAX_INHERIT} 层，且不能继承自己")])
    data: dict[str, Any] = {}
    for document in reversed(documents):
        data = _merge(data, document.data)
    return SiteConfig(path, data, documents)


def _read_one(root: Path, path: Path, name: str) -> YamlDocument:
    text = read_text(path, name, root)
    check_tabs(text, name)
    check_next_line(text, name)
    document = parse_yaml(text, name, _ConfigBuilder, "写入 site_name 等设置，参考仓库自带的 mkdocs.yml")
    if not isinstance(document.data, dict):
        raise YamlProblems([Problem(name, 1, 1, "", "应为映射（键: 值）",
                                    "mkdocs.yml 的每一行写成“键: 值”，例如 site_name: 培训平台")])
    return document


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """MkDocs' INHERIT rule: mappings merge key by key, anything else is replaced."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
