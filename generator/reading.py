"""Read a content file's text: a regular file of sensible size, decoded as UTF-8.

Everything that can go wrong before YAML parsing starts (missing, a folder,
a FIFO, too big, GBK or UTF-16, tabs in indentation, U+0085) becomes a
:class:`YamlProblems` with a Chinese message.
"""

from __future__ import annotations

import codecs
import errno
import re
from pathlib import Path

from .errors import Problem
from .file_errors import FileAccessError, shown_path
from .safe_files import FileTooLargeError, NotRegularFileError, OutsideProjectError, read_bytes
from .yaml_document import YamlProblems

MAX_FILE_BYTES = 2 * 1024 * 1024

_OPEN_HINT = "检查这个文件是否存在、能否打开"
_OS_REASONS = {
    errno.ENOENT: "文件不存在（可能是失效的链接）",
    errno.ELOOP: "文件是循环的符号链接",
    errno.EACCES: "没有读取这个文件的权限",
    errno.EPERM: "没有读取这个文件的权限",
}


def read_text(path: Path, name: str, root: Path) -> str:
    """The decoded text of a regular file of sensible size inside project ``root``, or YamlProblems."""
    try:
        raw = read_bytes(root, path, MAX_FILE_BYTES)
    except FileAccessError as exc:
        raise YamlProblems([_problem(exc, name)]) from None
    return _decode(raw, name)


def _problem(exc: FileAccessError, name: str) -> Problem:
    if isinstance(exc, OutsideProjectError):
        return Problem(name, 1, 1, "", f"文件链接到项目之外（{shown_path(exc.target)}），为安全起见不会读取",
                       "把文件本身复制到项目里，不要用符号链接指向项目之外")
    if isinstance(exc, NotRegularFileError) and exc.is_dir:
        return Problem(name, 1, 1, "", "这是一个文件夹，不是 YAML 文件", "把这个文件夹改名或移走，在这里放一个 YAML 文件")
    if isinstance(exc, NotRegularFileError):  # a FIFO or device would block or never end
        return Problem(name, 1, 1, "", "这不是普通文件（可能是管道或设备）", "换成一个普通的 YAML 文件")
    if isinstance(exc, FileTooLargeError):
        return Problem(name, 1, 1, "", f"文件过大（{exc.size // 1024} KB，上限 {exc.limit // 1024} KB）",
                       "课程内容应拆分为多个小文件")
    return Problem(name, 1, 1, "", _OS_REASONS.get(exc.code or 0, f"无法读取文件：{exc.reason}"), _OPEN_HINT)


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


def check_tabs(text: str, name: str) -> None:
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


def check_next_line(text: str, name: str) -> None:
    """U+0085 is a line break to YAML but never meant as one: report it like other control characters."""
    at = text.find("\x85")
    if at >= 0:
        before = text[:at]
        line, column = before.count("\n") + 1, at - before.rfind("\n")
        raise YamlProblems([Problem(name, line, column, "", "文件里有不可见的控制字符（U+0085）",
                                    "删除该字符（常见于从 Word 或网页复制的文本）")])
