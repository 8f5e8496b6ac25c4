"""Checklist pages: a paper 自查表 that the widget turns into saved checkboxes."""

from __future__ import annotations

import hashlib
from typing import Any

from .. import names
from ..models import Checklist, ChecklistItem
from .notes import current_rule_text
from .site_map import CourseMap, html_path, page_path, relative
from .text import plain

CHECKLIST_DIR = names.CHECKLIST_DIR

# What the columns are called, by kind of checklist.
LABELS = {
    "自查清单": {"status": "情况", "tick": "符合", "untick": "不符合", "note": "整改措施 / 备注", "signer": "检查人"},
    "落实清单": {"status": "完成情况", "tick": "已落实", "untick": "未落实", "note": "落实措施 / 备注", "signer": "责任人"},
}


def checklist_path(course_id: str, checklist_id: str) -> str:
    return page_path(course_id, CHECKLIST_DIR, checklist_id)


def item_hash(text: str) -> str:
    """Changes when an item's wording changes, so an old tick is not applied to new text."""
    return hashlib.sha256(plain(text).encode("utf-8")).hexdigest()[:12]


def checklist_data(checklist: Checklist, m: CourseMap) -> dict[str, Any]:
    path = checklist_path(m.id, checklist.id)
    return {
        "version": 1,
        "course": m.id,
        "checklist": checklist.id,
        "title": plain(checklist.title),
        "kind": checklist.kind,
        "labels": LABELS[checklist.kind],
        "items": [_item(item, m, path) for item in checklist.items],
    }


def _item(item: ChecklistItem, m: CourseMap, path: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id,
        "hash": item_hash(item.text),
        "text": plain(item.text),
        "section": {"id": item.section, "title": m.pages[item.section].label,
                    "href": html_path(relative(m.pages[item.section].path, path))},
    }
    if item.current_rule is not None:
        data["currentRule"] = current_rule_text(item.current_rule)
    return data
