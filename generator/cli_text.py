"""click's own English, said in Chinese: usage errors and the type words of ``--help``.

click formats its messages in English (``File 'dist' is a directory.``). The
CLI describes a :class:`click.UsageError` from its parts instead: which
option or argument, and the reason, translated by the table below from the
message templates of ``click.types``. Values the user typed are shown capped.
"""

from __future__ import annotations

import ast
import re
import unicodedata

import click

from .errors import capped, quoted

_REPR = r"(?P<value>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
"""A Python repr of a string, as click quotes values with ``{value!r}``."""
_NAME = r"(?:File|Directory|Path)"
_PATH = _REPR.replace("?P<value>", "?P<path>")

# (click's reason as a pattern, the Chinese), tried in order; {value} is the user's value, quoted
# (capped at its start), {path} a path (capped at its end).
REASONS: tuple[tuple[str, str], ...] = (
    (rf"{_NAME} {_PATH} does not exist\.", "{path}不存在"),
    (rf"{_NAME} {_PATH} is a file\.", "{path}是一个文件，这里要写文件夹"),
    (rf"{_NAME} {_PATH} is a directory\.", "{path}是一个文件夹，这里要写文件的路径"),
    (rf"{_NAME} {_PATH} is not readable\.", "没有读取{path}的权限"),
    (rf"{_NAME} {_PATH} is not writable\.", "没有写入{path}的权限"),
    (rf"{_NAME} {_PATH} is not executable\.", "{path}不能执行"),
    (rf"{_REPR} is not a valid integer(?: range)?\.", "{value}不是整数"),
    (rf"{_REPR} is not a valid float(?: range)?\.", "{value}不是数字"),
    (rf"{_REPR} is not a valid boolean\..*", "{value}不是 true 或 false"),
    (rf"{_REPR} is not (?:one of )?(?P<choices>.+)\.", "{value}不是可选的值（可选：{choices}）"),
    (r"(?P<number>\S+) is not in the range (?P<range>\S+)\.", "{number} 超出范围：{range}"),
    (r"Takes (?P<count>\d+) values but .*", "需要 {count} 个值"),
)
# Messages of UsageError itself (no parameter attached).
USAGE: tuple[tuple[str, str], ...] = (
    (r"Got unexpected extra arguments? \((?P<args>.*)\)", "多余的参数：{args}"),
    (r"Missing command\.", "缺少命令"),
    (r"No such command (?P<value>.+)\.", "没有命令{value}"),
    (r"Argument (?P<option>.+) takes (?P<count>\d+) values\.", "参数 {option} 需要 {count} 个值"),
    (r"Option (?P<option>.+) requires an argument\.", "选项 {option} 需要一个值"),
    (r"Option (?P<option>.+) requires (?P<count>\d+) arguments\.", "选项 {option} 需要 {count} 个值"),
    (r"Option (?P<option>.+) does not take a value\.", "选项 {option} 不需要值"),
)
_RANGE = re.compile(r"(?P<low>[-\d.]+)?(?P<lop><=?)?x(?P<op>[<>]=?)(?P<high>[-\d.]+)")

# The type words click puts into --help, as a Chinese reader wants them.
HELP_WORDS = {
    "OPTIONS": "选项", "COMMAND": "命令", "ARGS": "参数", "DIRECTORY": "文件夹", "FILE": "文件", "PATH": "路径",
    "TEXT": "文本", "INTEGER RANGE": "整数", "INTEGER": "整数", "FLOAT RANGE": "数字", "FLOAT": "数字",
    "BOOLEAN": "true|false",
}
_HELP_WORD = re.compile(r"\b(" + "|".join(sorted(map(re.escape, HELP_WORDS), key=len, reverse=True)) + r")\b")
_HELP_RANGE = re.compile(r"\[(\S*x\S*)\]$")


def describe_usage_error(error: click.UsageError) -> str:
    """One Chinese line for a usage error, ending with where to read the usage."""
    command = error.ctx.command_path if error.ctx is not None else "coursegen"
    return f"{_what(error)}（运行 {command} --help 查看用法）"


def _what(error: click.UsageError) -> str:
    no_such_command = getattr(click.exceptions, "NoSuchCommand", None)  # click >= 8.4
    if no_such_command is not None and isinstance(error, no_such_command):
        return f"没有命令{quoted(error.command_name)}" + _did_you_mean(error.possibilities)
    if isinstance(error, click.NoSuchOption):
        return f"没有选项 {capped(error.option_name)}" + _did_you_mean(error.possibilities)
    if isinstance(error, click.MissingParameter):
        kind = "选项" if isinstance(error.param, click.Option) else "参数"
        return f"缺少{kind} {_param_name(error)}"
    if isinstance(error, click.BadParameter):
        kind, name = "选项" if isinstance(error.param, click.Option) else "参数", _param_name(error)
        return f"{kind} {name}{'' if name.endswith('）') else ' '}的值无效：{_translate(error.message, REASONS)}"
    return _translate(error.message, USAGE)


def _param_name(error: click.BadParameter) -> str:
    """``--output（-o）`` for an option, the metavar for an argument."""
    param = error.param
    if isinstance(param, click.Option):
        names = sorted(param.opts, key=len, reverse=True)
        return names[0] + (f"（{'、'.join(names[1:])}）" if names[1:] else "")
    if param is not None:
        return param.human_readable_name
    hint = error.param_hint
    return " / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint or "")


def _did_you_mean(possibilities: list[str] | None) -> str:
    return f"（是否想写 {'、'.join(sorted(possibilities))}？）" if possibilities else ""


def _translate(message: str, table: tuple[tuple[str, str], ...]) -> str:
    for pattern, chinese in table:
        match = re.fullmatch(pattern, message.strip(), flags=re.S)
        if match:
            return chinese.format(**{name: _shown(name, text) for name, text in match.groupdict().items()})
    return f"命令行参数有误（{capped(message)}）"


def _shown(name: str, text: str | None) -> str:
    text = text or ""
    if name == "value":
        return quoted(_unrepr(text))
    if name == "path":  # the end of a path names the file
        return quoted(_unrepr(text), tail=True)
    if name == "option":
        return capped(_unrepr(text))
    if name == "choices":
        return "、".join(_unrepr(choice.strip()) for choice in text.split(","))
    if name == "range":
        return range_text(text)
    return capped(text)


def _unrepr(text: str) -> str:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def range_text(described: str) -> str:
    """click's ``1<=x<=64`` or ``x>=1`` in words."""
    match = _RANGE.fullmatch(described)
    if match is None:
        return described
    low, high, op = match.group("low"), match.group("high"), match.group("op")
    if low is not None:
        return f"应在 {low} 到 {high} 之间"
    return {"<": f"应小于 {high}", "<=": f"应不大于 {high}", ">": f"应大于 {high}", ">=": f"应不小于 {high}"}[op]


def help_words(text: str) -> str:
    """Usage and option columns of --help: click's type words in Chinese."""
    return _HELP_WORD.sub(lambda m: HELP_WORDS[m.group(1)], text)


def help_range(text: str) -> str:
    """The ``[1<=x<=64]`` click appends to an option's help, in words."""
    return _HELP_RANGE.sub(lambda m: f"[{range_text(m.group(1))}]", text)


# --help laid out by display width: click counts characters, but a Chinese character takes two columns.
_CLOSING = "，。；：、！？）】」』”’》"
"""Punctuation that may not start a line."""


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _units(paragraph: str) -> list[str]:
    """Pieces a line may not be broken inside: breaks go at spaces and between two Chinese characters."""
    units: list[str] = []
    for char in paragraph:
        if units:
            before = units[-1][-1]
            joined = before.isspace() == char.isspace() and not (
                _wide(before) and _wide(char) and char not in _CLOSING)
            if joined:
                units[-1] += char
                continue
        units.append(char)
    return units


def display_width(text: str) -> int:
    return sum(2 if _wide(char) else 1 for char in text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns, broken between Chinese characters or at spaces."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, space = "", ""
        for token in _units(paragraph):
            if token.isspace():
                space = " " if line else ""
                continue
            if line and display_width(line + space + token) > width:
                lines.append(line)
                line = token
            else:
                line += space + token
            space = ""
        lines.append(line)
    return lines


def help_text(text: str, width: int, indent: int) -> str:
    """A paragraph of --help (a command's description), wrapped by display width."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    blocks = ["\n".join(" " * indent + line for line in wrap(" ".join(p.split()), max(width - indent, 20)))
              for p in paragraphs]
    return "\n\n".join(blocks) + "\n"


def definition_list(rows: list[tuple[str, str]], width: int, indent: int, col_max: int = 30,
                    col_spacing: int = 2) -> str:
    """Options or commands and their help, in two columns that line up on screen."""
    rows = [(help_words(term), help_range(text)) for term, text in rows]
    first_col = min(max((display_width(term) for term, _ in rows), default=0), col_max) + col_spacing
    text_width = max(width - indent - first_col, 20)
    out = []
    for term, text in rows:
        term_width = display_width(term)
        lines = wrap(" ".join(text.split()), text_width) if text else []
        if not lines:
            out.append(" " * indent + term)
            continue
        if term_width <= first_col - col_spacing:
            out.append(" " * indent + term + " " * (first_col - term_width) + lines[0])
        else:
            out += [" " * indent + term, " " * (indent + first_col) + lines[0]]
        out += [" " * (indent + first_col) + line for line in lines[1:]]
    return "\n".join(out) + "\n"
