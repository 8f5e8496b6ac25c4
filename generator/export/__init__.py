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
    from . import json_bank

    exporters = [
        Exporter("json", "题库 JSON（供其他工具导入）", True, json_bank.export),
    ]
    return {e.name: e for e in exporters}


EXPORTERS: dict[str, Exporter] = _registry()
