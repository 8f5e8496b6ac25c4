"""MkDocs' configuration complaints, told in Chinese at the line of the setting.

MkDocs logs each problem as ``Config value 'key': message`` in English and
then aborts without a line number. Each known message has a Chinese
rendering here; an unknown one is still placed at its key, with MkDocs' own
first line quoted briefly.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .config_yaml import SiteConfig
from .errors import Problem
from .loader import KeyPath

CONFIG_VALUE = re.compile(r"^Config value '([^']+)': (.*)$", re.DOTALL)
MAX_QUOTED = 80

TYPE_NAMES = {
    "bool": "布尔值（true 或 false）", "str": "文本", "int": "整数", "float": "数字", "list": "列表",
    "dict": "映射（键: 值）", "NoneType": "空值", "tuple": "列表",
}

_Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[str, str]]]


def _type(name: str) -> str:
    return TYPE_NAMES.get(name, name)


RULES: tuple[_Rule, ...] = (
    (re.compile(r"Plugin '([^']+)' option '([^']+)': Unrecognised configuration name"),
     lambda m: (f"插件“{m[1]}”没有“{m[2]}”这个设置", "检查拼写，或删除这一项")),
    (re.compile(r"Unrecognised configuration name: (.+)"),
     lambda m: (f"不认识的设置项“{m[1][:MAX_QUOTED]}”", "检查拼写，或删除这一项")),
    (re.compile(r"Expected type: <class '(\w+)'> but received: <class '(\w+)'>"),
     lambda m: (f"应为{_type(m[1])}，实际是{_type(m[2])}", "按 MkDocs 文档中这一项的格式填写")),
    (re.compile(r"Expected a list of items, but a <class '(\w+)'> was given"),
     lambda m: (f"应为列表，实际是{_type(m[1])}", "每一项另起一行，以“- ”开头")),
    (re.compile(r"Expected a (string|dict|multiline string)(?: of items)?, (?:but a |got )<class '(\w+)'>"),
     lambda m: (f"应为{_type('dict' if m[1] == 'dict' else 'str')}，实际是{_type(m[2])}",
                "按 MkDocs 文档中这一项的格式填写")),
    (re.compile(r"Expected a key-value mapping \(dict\) but received: <class '(\w+)'>"),
     lambda m: (f"应为映射（键: 值），实际是{_type(m[1])}", "在下一行缩进两个空格，写出各个键")),
    (re.compile(r"Invalid Markdown Extensions configuration|is not a valid Markdown Extension name"),
     lambda m: ("Markdown 扩展的写法不对", "写成列表，每项是扩展名，或“扩展名: 设置”，例如 - toc")),
    (re.compile(r"Invalid Plugins configuration|is not a valid plugin name"),
     lambda m: ("插件的写法不对", "写成列表，每项是插件名，或“插件名: 设置”，例如 - search")),
    (re.compile(r"Invalid type <class '(\w+)'>\. Expected a string or key/value pairs"),
     lambda m: (f"应为文本或映射（键: 值），实际是{_type(m[1])}", "例如 theme: 下一行写 name: material")),
    (re.compile(r"The URL isn't valid|Unable to parse the URL"),
     lambda m: ("网址格式不对", "写完整的网址，以 http:// 或 https:// 开头")),
    (re.compile(r"The path '.*' isn't an existing (file|directory)"),
     lambda m: (f"这个{'文件' if m[1] == 'file' else '文件夹'}不存在", "检查路径（相对于 mkdocs.yml 所在的文件夹）")),
    (re.compile(r"Expected one of:? (.+?)(?: but received: (.+))?$", re.DOTALL),
     lambda m: (f"只能是这些值之一：{m[1][:MAX_QUOTED]}", "从中选一个")),
    (re.compile(r"Expected nav"),
     lambda m: ("导航（nav）的写法不对", "nav 由 coursegen 生成，请删除这一项")),
    (re.compile(r"At least one of 'name' or 'custom_dir' must be defined|No theme name set"),
     lambda m: ("没有写主题名", "写 name: material")),
    (re.compile(r"Required configuration not provided"),
     lambda m: ("缺少必填的设置", "例如 site_name: 培训平台")),
    (re.compile(r'The "([^"]+)" plugin is not installed'),
     lambda m: (f"插件“{m[1]}”没有安装", "检查插件名的拼写")),
    (re.compile(r"Failed to load extension '([^']+)'\..*ModuleNotFoundError", re.DOTALL),
     lambda m: (f"Markdown 扩展“{m[1]}”没有安装", "检查扩展名的拼写")),
    (re.compile(r"Failed to load extension '([^']+)'"),
     lambda m: (f"Markdown 扩展“{m[1]}”的设置有误，无法加载", "对照这个扩展的文档检查它下面的各项设置")),
    (re.compile(r"The path set in custom_dir \('.*'\) does not exist"),
     lambda m: ("custom_dir 指定的文件夹不存在", "检查路径（相对于 mkdocs.yml 所在的文件夹）")),
    (re.compile(r"Plugin '([^']+)' option '([^']+)': (.+)"),
     lambda m: (f"插件“{m[1]}”的设置“{m[2]}”有误（MkDocs 的说明：{_first_line(m[3])}）",
                "对照这个插件的文档修改这一项")),
)


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= MAX_QUOTED else line[:MAX_QUOTED] + "…"


def translate(message: str) -> tuple[str, str]:
    """A Chinese message and hint for one of MkDocs' configuration complaints."""
    for pattern, render in RULES:
        match = pattern.search(message)
        if match:
            return render(match)
    return f"MkDocs 不接受这个设置（MkDocs 的说明：{_first_line(message)}）", "对照 MkDocs 文档修改这一项"


def config_problems(config: SiteConfig, logged: list[str]) -> list[Problem]:
    """Problems for every ``Config value '…': …`` line MkDocs logged."""
    problems = []
    for line in logged:
        match = CONFIG_VALUE.match(line)
        if not match:
            continue
        key, message = match[1], match[2]
        text, hint = translate(message)
        problems.append(config.problem(_key_path(config, key, message), text, hint))
    return problems


def _key_path(config: SiteConfig, key: str, message: str) -> KeyPath:
    """The most precise place: a plugin's option if MkDocs named one, else the top-level key."""
    named = re.search(r"Plugin '[^']+' option '([^']+)'|Failed to load extension '([^']+)'", message)
    if named:
        name = named[1] or named[2]
        for document in config.documents:
            for path in list(document.key_marks) + list(document.value_marks):
                if path[:1] == (key,) and (path[-1] == name or _value_at(document.data, path) == name):
                    return path
    return (key,)


def _value_at(data: object, path: KeyPath) -> object:
    for part in path:
        try:
            data = data[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data
