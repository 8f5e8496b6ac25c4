"""Exporters: one module per format, each a pure function from courses to files.

An exporter gets the validated courses (already narrowed to ``--course`` if
given) and returns an :class:`ExportResult`: file names with their bytes,
and notes for the trainer (for example what a format could not carry).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..loaded import LoadedCourse


@dataclass(frozen=True)
class ExportResult:
    files: dict[str, bytes]
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Exporter:
    name: str
    description: str
    needs_bank: bool
    write: Callable[[list[LoadedCourse], str], ExportResult]
    """Called with the courses and the base name for files, e.g. ``dangjian-ziyuan``."""


def _registry() -> dict[str, Exporter]:
    from . import aiken, docx_paper, gift, handout, json_bank, xlsx

    exporters = [
        Exporter("json", "题库 JSON（供其他工具导入）", True, json_bank.export),
        Exporter("xlsx", "题库 Excel 表格（考试系统导入模板）", True, xlsx.export),
        Exporter("gift", "题库 GIFT 文本（导入 Moodle，全部题型）", True, gift.export),
        Exporter("aiken", "题库 Aiken 文本（导入 Moodle，仅单选题）", True, aiken.export),
        Exporter("docx", "Word 试卷和答案与解析（两个文件）", True, docx_paper.export),
        Exporter("handout", "Word 课程讲义（每门课程一个文件）", False, handout.export),
    ]
    return {e.name: e for e in exporters}


EXPORTERS: dict[str, Exporter] = _registry()
