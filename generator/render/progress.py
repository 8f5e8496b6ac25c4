"""The learner's progress: page markers, the pages that count, the progress page.

Every course page carries a hidden marker naming its course and the way to
the course root, so the browser can tick visited pages in the navigation.
Study time is shared out over the learnable pages by their length.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from ..walk import part_of_topics
from .checklists import CHECKLIST_DIR, checklist_data, checklist_path
from .quiz import QUIZ_DIR, QuizSpec, quiz_page_path
from .. import names
from .site_map import CHECKLIST_KEY, LESSON_KEY, PROGRESS_KEY, QUIZ_KEY, CourseMap, Page, html_path, page_path, relative

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_MARKUP = re.compile(r"<[^>]+>|\{[^}]*\}|[#*|\\\[\]()>!`_-]")


def add_extra_pages(m: CourseMap, specs: list[QuizSpec]) -> None:
    """Quiz, checklist and progress pages join the course's page map."""
    course_id = m.id
    if specs:
        source = m.course.bank_file or ""
        m.pages[f"{QUIZ_KEY}{names.INDEX}"] = Page(page_path(course_id, QUIZ_DIR, names.INDEX), "自测练习", source)
        for spec in specs:
            m.pages[f"{QUIZ_KEY}{spec.id}"] = Page(quiz_page_path(course_id, spec.id), spec.label, source)
    if m.course.checklists:
        source = m.course.checklist_file or ""
        m.pages[f"{CHECKLIST_KEY}{names.INDEX}"] = Page(page_path(course_id, CHECKLIST_DIR, names.INDEX), "检查清单", source)
        for checklist in m.course.checklists:
            m.pages[f"{CHECKLIST_KEY}{checklist.id}"] = Page(
                checklist_path(course_id, checklist.id), checklist.title, source)
    m.pages[PROGRESS_KEY] = Page(page_path(course_id, names.PROGRESS), "学习进度", m.course.course_file)
    m.pages[LESSON_KEY] = Page(page_path(course_id, names.LESSON_PLAN), "教案（培训者用）", m.course.course_file)


def learnable_ids(m: CourseMap) -> list[str]:
    """Pages whose study counts towards 学时: the concept, parts, sections, measures, closing."""
    course = m.course.course
    return [course.concept.id, *part_of_topics(m.course.parts), course.closing.id]


def page_marker(m: CourseMap, page_id: str) -> str:
    page = m.pages[page_id]
    root = posixpath.relpath(m.id, posixpath.dirname(page.path)) + "/"
    learnable = ""
    if page_id in learnable_ids(m):
        learnable = f' data-page="{page_id}" data-path="{html_path(posixpath.relpath(page.path, m.id))}"'
    return f'<div class="cg-page" data-course="{m.id}" data-root="{root}"{learnable} hidden></div>'


def _reading_length(markdown: str) -> int:
    body = _FRONT_MATTER.sub("", markdown)
    return max(1, len(re.sub(r"\s+", "", _MARKUP.sub("", body))))


def progress_data(m: CourseMap, pages: dict[str, str], specs: list[QuizSpec]) -> dict[str, Any]:
    here = m.pages[PROGRESS_KEY].path
    total_minutes = m.course.course.hours * 30
    ids = learnable_ids(m)
    lengths = {i: _reading_length(pages[m.pages[i].path]) for i in ids}
    whole = sum(lengths.values())
    return {
        "version": 1,
        "course": m.id,
        "title": m.course.course.title,
        "hours": m.course.course.hours,
        "pages": [
            {"id": i, "title": m.pages[i].label, "href": html_path(relative(m.pages[i].path, here)),
             "minutes": round(total_minutes * lengths[i] / whole, 2)}
            for i in ids
        ],
        "quizzes": [
            {"id": spec.id, "title": spec.title, "passMark": spec.pass_mark,
             "href": html_path(relative(m.pages[f"{QUIZ_KEY}{spec.id}"].path, here))}
            for spec in specs
        ],
        "checklists": [
            {"id": c.id, "title": c.title, "href": html_path(relative(m.pages[f"{CHECKLIST_KEY}{c.id}"].path, here)),
             "items": [{"id": item["id"], "hash": item["hash"]} for item in checklist_data(c, m)["items"]]}
            for c in m.course.checklists
        ],
    }
