"""Exporters: one module per format, each a pure function from courses to files.

An exporter gets the validated courses (already narrowed to ``--course`` if
given) and returns an :class:`ExportResult`: file names with their bytes,
and notes for the trainer (for example what a format could not carry).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads this registry for its help without loading the course models
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
    module: str
    """The module under generator.export whose ``export(courses, base_name)`` writes this format.
    Imported only when used, so the CLI does not load openpyxl or python-docx to build a site."""
    variants: bool = False
    """Whether the format takes ``variants`` (A/B papers)."""

    def write(self, courses: list[LoadedCourse], base_name: str, variants: int = 1) -> ExportResult:
        module = importlib.import_module(f"{__name__}.{self.module}")
        if self.variants:
            return module.export(courses, base_name, variants)
        return module.export(courses, base_name)


EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("json", "题库 JSON（供其他工具导入）", True, "json_bank"),
    Exporter("xlsx", "题库 Excel 表格（考试系统导入模板）", True, "xlsx"),
    Exporter("moodle", "题库 Moodle XML（导入 Moodle，全部题型，推荐）", True, "moodle_xml"),
    Exporter("gift", "题库 GIFT 文本（导入 Moodle，不含排序题）", True, "gift"),
    Exporter("aiken", "题库 Aiken 文本（导入 Moodle，仅单选题）", True, "aiken"),
    Exporter("docx", "Word 试卷（含答题卡）和答案与解析（每卷两个文件）", True, "docx_paper", variants=True),
    Exporter("handout", "Word 课程讲义（每门课程一个文件）", False, "handout"),
)}
