"""Crash reports: a bug in coursegen gets one Chinese line, the details go to a file.

A person never sees a traceback. The full report (version, command line,
traceback) is written to ``.coursegen/`` of the project, or to the
temporary folder when the project has no place for it.
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
import traceback
from pathlib import Path

from . import __version__
from .atomic import write_atomically
from .errors import CourseGenError
from .file_errors import shown_path

WORK_DIR = ".coursegen"


def report_text(exc: BaseException, argv: list[str]) -> str:
    lines = [
        f"coursegen {__version__}，Python {platform.python_version()}，{platform.platform()}",
        f"命令：coursegen {' '.join(argv)}",
        f"时间：{time.strftime('%Y-%m-%d %H:%M:%S')}",
        "",
        "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    ]
    return "\n".join(lines)


def write_crash_report(exc: BaseException, argv: list[str], project: Path | None) -> Path | None:
    """Write the report where it can be found; None if no place would take it."""
    name = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
    text = report_text(exc, argv)
    places = []
    if project is not None and (project / WORK_DIR).is_dir() and not (project / WORK_DIR).is_symlink():
        places.append(project / WORK_DIR)
    places.append(Path(tempfile.gettempdir()))
    for folder in places:
        try:
            write_atomically(folder / name, text)
            return folder / name
        except (OSError, CourseGenError):
            continue
    return None


def crash_message(exc: BaseException, report: Path | None) -> str:
    where = f"完整报告已写入 {shown_path(report)}" if report else "完整报告无法写入磁盘"
    return (f"错误：coursegen 内部出错（{type(exc).__name__}），这不是您的内容的问题。"
            f"{where}，请把它发给维护者。")


def debugging() -> bool:
    """COURSEGEN_DEBUG=1 lets a developer see the traceback itself."""
    return os.environ.get("COURSEGEN_DEBUG", "") not in ("", "0")
