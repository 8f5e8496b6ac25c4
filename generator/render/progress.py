"""The learner's record: page markers, the course data the widgets work from, the extra pages.

Every course page ends with a hidden marker holding the stored record's
schema and the lesson pages with their estimated study time, so any page can
read, check and update the record. The 学习进度 page, the course home, the
quiz index and the 错题本 carry the whole course data (``course_data``): what
the rules in ``rules.js`` need to work out 学时, 已学, practice and completion.
Study time is shared out over the lesson pages by their length, in whole
seconds that add up exactly to the course's 学时.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..completion import resolved_rule
from ..walk import part_of_topics
from .checklists import CHECKLIST_DIR, checklist_data, checklist_path
from .. import names
from .quiz import QUIZ_DIR, QuizSpec, question_data, question_hash, quiz_page_path, script_data
from .site_map import CHECKLIST_KEY, LESSON_KEY, PROGRESS_KEY, QUIZ_KEY, CourseMap, Page, html_path, page_path

MISTAKES_NAME = names.MISTAKES
MISTAKES_KEY = f"{QUIZ_KEY}{MISTAKES_NAME}"
SECONDS_PER_HOUR = 1800  # 1 学时 = 30 minutes of study
IDLE_SECONDS = 60  # study time counts while the learner acted within this many seconds
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_MARKUP = re.compile(r"<[^>]+>|\{[^}]*\}|[#*|\\\[\]()>!`_-]")


def add_extra_pages(m: CourseMap, specs: list[QuizSpec]) -> None:
    """Quiz, 错题本, checklist and progress pages join the course's page map."""
    course_id = m.id
    if specs:
        source = m.course.bank_file or ""
        m.pages[f"{QUIZ_KEY}{names.INDEX}"] = Page(page_path(course_id, QUIZ_DIR, names.INDEX), "自测练习", source)
        for spec in specs:
            m.pages[f"{QUIZ_KEY}{spec.id}"] = Page(quiz_page_path(course_id, spec.id), spec.label, source)
        m.pages[MISTAKES_KEY] = Page(quiz_page_path(course_id, MISTAKES_NAME), "错题本", source)
    if m.course.checklists:
        source = m.course.checklist_file or ""
        m.pages[f"{CHECKLIST_KEY}{names.INDEX}"] = Page(page_path(course_id, CHECKLIST_DIR, names.INDEX), "检查清单", source)
        for checklist in m.course.checklists:
            m.pages[f"{CHECKLIST_KEY}{checklist.id}"] = Page(
                checklist_path(course_id, checklist.id), checklist.title, source)
    m.pages[PROGRESS_KEY] = Page(page_path(course_id, names.PROGRESS), "学习进度", m.course.course_file)
    m.pages[LESSON_KEY] = Page(page_path(course_id, names.LESSON_PLAN), "教案（培训者用）", m.course.course_file)


def learnable_ids(m: CourseMap) -> list[str]:
    """Lesson pages, whose study counts towards 学时: the concept, parts, sections, measures, closing."""
    course = m.course.course
    return [course.concept.id, *part_of_topics(m.course.parts), course.closing.id]


def _reading_length(markdown: str) -> int:
    body = _FRONT_MATTER.sub("", markdown)
    return max(1, len(re.sub(r"\s+", "", _MARKUP.sub("", body))))


def apportion(total: int, weights: list[int]) -> list[int]:
    """Whole shares of ``total`` in proportion to ``weights`` that add up to exactly ``total``.

    Largest remainder: everyone gets the floor of their share, the leftover
    units go to the largest remainders (the earlier page on a tie).
    """
    whole = sum(weights)
    shares = [total * w // whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def page_seconds(m: CourseMap, bodies: dict[str, str]) -> dict[str, int]:
    """Each lesson page's estimated study time: the course's 学时 shared out by page length."""
    ids = learnable_ids(m)
    total = round(m.course.course.hours * SECONDS_PER_HOUR)
    return dict(zip(ids, apportion(total, [_reading_length(bodies[i]) for i in ids])))


def _href(m: CourseMap, key: str) -> str:
    """A page's address relative to the course folder (widgets add the way to the root)."""
    return html_path(m.pages[key].path.removeprefix(f"{m.id}/"))


def course_data(m: CourseMap, seconds: dict[str, int], specs: list[QuizSpec]) -> dict[str, Any]:
    """Everything the record's rules need to know about the course."""
    course = m.course.course
    return {
        "version": 2,
        "course": m.id,
        "title": course.title,
        "courseVersion": course.version,
        "hours": course.hours,
        "totalSeconds": sum(seconds.values()),
        "secondsPerHour": SECONDS_PER_HOUR,
        "idleSeconds": IDLE_SECONDS,
        "pages": [{"id": i, "title": m.pages[i].label, "href": _href(m, i), "seconds": s} for i, s in seconds.items()],
        "quizzes": [
            {"id": spec.id, "title": spec.title, "passMark": spec.pass_mark, "href": _href(m, f"{QUIZ_KEY}{spec.id}"),
             "practice": spec.mode == "practice",
             "questions": [{"id": q.id, "hash": question_hash(q)} for q in spec.questions]}
            for spec in specs
        ],
        "checklists": [
            {"id": c.id, "title": c.title, "href": _href(m, f"{CHECKLIST_KEY}{c.id}"),
             "items": [{"id": item["id"], "hash": item["hash"]} for item in checklist_data(c, m)["items"]]}
            for c in m.course.checklists
        ],
        "completion": resolved_rule(m.course),
        "mistakes": _href(m, MISTAKES_KEY) if MISTAKES_KEY in m.pages else None,
        "progress": _href(m, PROGRESS_KEY),
    }


def mistakes_data(m: CourseMap, final: QuizSpec) -> dict[str, Any]:
    """The 错题本: every question of the bank; the widget shows those the learner got wrong."""
    return {"version": 1, "course": m.id, "quiz": MISTAKES_NAME, "title": "错题本", "mode": "mistakes",
            "passMark": final.pass_mark, "draw": None,
            "questions": [question_data(q, m, m.pages[MISTAKES_KEY].path) for q in final.questions]}


SCHEMA_DIR = Path(__file__).parents[1] / "schema"
"""generator/schema/: the JSON Schema files ``coursegen schema`` writes."""
WIDGET_SCHEMA_FILE = "stored-record.schema.json"
"""The stored record's schema as the widgets get it, written by ``coursegen schema`` from
generator/records/schema.py (a test keeps it current): reading it spares every build importing and
building the record's pydantic models."""


@lru_cache(maxsize=1)
def _widget_schema() -> dict[str, Any]:
    try:
        return json.loads((SCHEMA_DIR / WIDGET_SCHEMA_FILE).read_bytes())
    except (OSError, ValueError):  # an installation without it: worked out from the models instead
        from ..records.schema import widget_schema

        return widget_schema()


def page_marker(m: CourseMap, page_id: str, data: dict[str, Any]) -> str:
    """The hidden marker of one page: the course data (without the questions), the record schema,
    and whether this page is a lesson page.

    With it any page can read and update the record and work out 学时 and completion
    (``CourseGenStore.course()``, ``CourseGenStore.status()``).
    """
    page = m.pages[page_id]
    marker = {
        **data,
        "quizzes": [{k: v for k, v in quiz.items() if k != "questions"} for quiz in data["quizzes"]],
        "page": page_id if any(p["id"] == page_id for p in data["pages"]) else None,
        "root": "../" * (page.path.count("/") - 1),
        "schema": _widget_schema(),
    }
    return (f'<div class="cg-page" data-course="{m.id}" hidden>\n'
            f'<script type="application/json" class="cg-page__data">{script_data(marker)}</script>\n</div>')
