"""What the Moodle formats (GIFT and Moodle XML) share: category paths and grade weights."""

from __future__ import annotations

from ..render.text import plain
from .common import Entry


def category_path(entry: Entry) -> str:
    """``课程标题/一、部分``: Moodle splits category paths at "/", and "//" keeps a slash in a name."""
    names = (plain(entry.course.course.title), plain(entry.part))
    return "/".join(name.replace("/", "//") for name in names)


def weight(fraction: float) -> str:
    """A Moodle grade percentage: 50, 33.33333, 12.5 (Moodle matches 5 decimals)."""
    return f"{fraction:.5f}".rstrip("0").rstrip(".")
