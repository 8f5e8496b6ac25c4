"""Exporters: one module per format, each a pure function from courses to bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..loaded import LoadedCourse
from . import json_bank


@dataclass(frozen=True)
class Exporter:
    name: str
    extension: str
    description: str
    write: Callable[[list[LoadedCourse]], bytes]


EXPORTERS: dict[str, Exporter] = {
    "json": Exporter("json", "json", "题库 JSON（供其他工具导入）", json_bank.export),
}
