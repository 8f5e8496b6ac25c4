"""A speech as plain text: read safely, decoded (UTF-8 or GBK), split into numbered paragraphs.

A paragraph is a non-empty line; paragraphs are numbered from 1 in file
order, the title line included. Course files refer to the speech by these
numbers (``source: [5, 6]``), and ``coursegen check --source`` reports by them.
The speech is only ever read: it is never copied into the project or the site.
"""

from __future__ import annotations

import codecs
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem, ProjectError, quoted

MAX_SPEECH_BYTES = 2 * 1024 * 1024
PUBLISHED = ("docs", "site")
"""Folders whose files end up on the website: the speech's text must never be there."""
_WHITESPACE = " \t\u3000\u00a0\ufeff\r"


@dataclass(frozen=True)
class Paragraph:
    number: int
    line: int
    """Line in the file (blank lines are not paragraphs but count as lines)."""
    text: str


@dataclass(frozen=True)
class Speech:
    file: str
    """The path as the user sees it."""
    paragraphs: tuple[Paragraph, ...]
    encoding: str

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


def read_speech(path: Path, display: str) -> Speech:
    """Read and split a speech; ProjectError with a Chinese reason when it cannot be used."""
    try:
        info = path.stat()
    except OSError:
        raise ProjectError(f"找不到讲话原文 {display}（提示：检查文件名和路径）") from None
    if not stat.S_ISREG(info.st_mode):
        raise ProjectError(f"讲话原文 {display} 不是普通文件（提示：写一个 .txt 文本文件的路径）")
    if info.st_size > MAX_SPEECH_BYTES:
        raise ProjectError(f"讲话原文 {display} 过大（{info.st_size // 1024} KB，上限 {MAX_SPEECH_BYTES // 1024} KB）"
                           "（提示：只放讲话正文的纯文本）")
    try:
        raw = path.read_bytes()
    except OSError:
        raise ProjectError(f"无法读取讲话原文 {display}（提示：检查文件权限）") from None
    text, encoding = decode_speech(raw, display)
    paragraphs = []
    for index, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip(_WHITESPACE)
        if stripped:
            paragraphs.append(Paragraph(len(paragraphs) + 1, index, stripped))
    if not paragraphs:
        raise ProjectError(f"讲话原文 {display} 是空的（提示：把讲话正文粘贴为纯文本，每段一行）")
    return Speech(display, tuple(paragraphs), encoding)


def decode_speech(raw: bytes, display: str) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else GBK/GB18030, as Chinese Windows editors save it."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    if b"\0" in raw:
        raise ProjectError(f"讲话原文 {display} 不是文本文件（提示：用记事本等编辑器另存为 .txt）")
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "GBK"
    except UnicodeDecodeError:
        raise ProjectError(f"讲话原文 {display} 既不是 UTF-8 也不是 GBK 编码（提示：用编辑器另存为 UTF-8 文本）") from None


def source_path(root: Path, relative: str, course_file: str, where: tuple[int, int]) -> Path:
    """The speech named in course.yml (``source_text``): only a file inside the project is read."""
    candidate = (root / relative).resolve()
    line, column = where
    if not candidate.is_relative_to(root.resolve()):
        raise ContentError([Problem(
            course_file, line, column, "source_text",
            f"讲话原文{quoted(relative)}在项目之外，为安全起见不读取",
            "把原文放进项目（例如 sources/ 文件夹），或在命令行用 --source 指定")])
    if any(candidate.is_relative_to((root / folder).resolve()) for folder in PUBLISHED):
        raise ContentError([Problem(
            course_file, line, column, "source_text",
            f"讲话原文{quoted(relative)}放在会发布到网站的文件夹里",
            "原文只用于检查、不能发布：把它移到 sources/ 等文件夹")])
    return candidate
