"""Markdown for each page of one course, from Jinja2 templates."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import jinja2
from markupsafe import Markup

from .. import names
from ..completion import rule_text
from ..loaded import LoadedCourse
from ..template_env import new_environment
from ..walk import topics
from .checklists import LABELS, checklist_data
from .diagram import structure_diagram
from .lesson import LESSON_KEY, agenda, clock
from .notes import current_rule_text
from .progress import (
    IDLE_SECONDS, MISTAKES_KEY, PROGRESS_KEY, SECONDS_PER_HOUR, add_extra_pages, course_data, mistakes_data,
    page_marker, page_seconds,
)
from .quiz import paper_questions, quiz_data, quiz_specs, script_data
from .site_map import CHECKLIST_KEY, GLOSSARY_KEY, QUIZ_KEY, CourseMap, relative, topic_title
from .text import inline, meta_text, paragraphs, plain


SEARCH_KINDS = {
    "course_home.md.j2": "home", "concept.md.j2": "concept", "part.md.j2": "part", "topic.md.j2": "section",
    "closing.md.j2": "closing", "glossary.md.j2": "glossary", "checklist.md.j2": "checklist",
    "checklist_index.md.j2": "checklists", "quiz.md.j2": "quiz", "quiz_index.md.j2": "quizzes",
    "mistakes.md.j2": "mistakes",
    "lesson.md.j2": "lesson", "progress.md.j2": "progress",
}
"""What each template's pages are, for ranking search results (ranks in search_index.KIND_RANKS)."""


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """One environment per process: its templates are compiled once (the preview renders on every save)."""
    return new_environment({
        "inline": inline,
        "paragraphs": paragraphs,
        "current_rule": current_rule_text,
        "yaml_text": lambda text: Markup(json.dumps(meta_text(text), ensure_ascii=False)),
    })


def hours_text(hours: float) -> str:
    return f"{hours:g}"


def finish(text: str) -> str:
    """One trailing newline, no trailing spaces: stable bytes for golden files."""
    lines = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return re.sub(r"\n{3,}", "\n\n", lines) + "\n"


def course_pages(env: jinja2.Environment, m: CourseMap) -> dict[str, str]:
    course = m.course.course
    bodies: dict[str, str] = {}

    tags = _page_tags(m.course)
    specs = quiz_specs(m)
    add_extra_pages(m, specs)

    def render(template: str, page_id: str, description: str, **context: Any) -> None:
        page = m.pages[page_id]
        bodies[page_id] = env.get_template(template).render(
            page=page, pages=m.pages, description=description, tags=tags.get(page_id, []),
            search_kind=SEARCH_KINDS[template],
            link=lambda target: relative(m.pages[target].path, page.path), **context)

    # Lesson pages first: their length shares out the course's study time.
    render("concept.md.j2", course.concept.id, course.concept.definition, concept=course.concept)
    for part in m.course.parts:
        render("part.md.j2", part.id, part.summary, part=part, title=topic_title(m, part),
               quiz=f"{QUIZ_KEY}{part.id}" if f"{QUIZ_KEY}{part.id}" in m.pages else None)
        for section in part.sections:
            render("topic.md.j2", section.id, section.summary, topic=section,
                   measures=section.measures, title=topic_title(m, section))
            for measure in section.measures:
                render("topic.md.j2", measure.id, measure.summary, topic=measure, measures=[],
                       title=topic_title(m, measure))
    render("closing.md.j2", course.closing.id, course.closing.summary, closing=course.closing)
    data = course_data(m, page_seconds(m, bodies), specs)
    data_json = Markup(script_data(data))

    minutes = int(course.hours * 30)
    render("course_home.md.j2", course.id, course.overview, course=course, parts=m.course.parts,
           hours=hours_text(course.hours), minutes=minutes,
           diagram=Markup(structure_diagram(m, m.home.path)), data_json=data_json)
    for spec in specs:
        key = f"{QUIZ_KEY}{spec.id}"
        render("quiz.md.j2", key, spec.title, spec=spec, course_id=course.id, total=len(spec.questions),
               data_json=Markup(script_data(quiz_data(spec, m))), paper=paper_questions(spec))
    if specs:
        render("quiz_index.md.j2", f"{QUIZ_KEY}{names.INDEX}", "自测练习", specs=specs, course_id=course.id,
               data_json=data_json)
        render("mistakes.md.j2", MISTAKES_KEY, "错题本", course_id=course.id,
               data_json=Markup(script_data(mistakes_data(m, specs[-1]))))
    for checklist in m.course.checklists:
        checklist_json = checklist_data(checklist, m)
        render("checklist.md.j2", f"{CHECKLIST_KEY}{checklist.id}", checklist.intro, checklist=checklist,
               data=checklist_json, labels=LABELS[checklist.kind], data_json=Markup(script_data(checklist_json)))
    if m.course.checklists:
        render("checklist_index.md.j2", f"{CHECKLIST_KEY}{names.INDEX}", "检查清单",
               checklists=m.course.checklists, course_id=course.id, data_json=data_json)
    focus = {part.id: part.focus or [s.takeaway for s in part.sections] for part in m.course.parts}
    render("lesson.md.j2", LESSON_KEY, f"{course.title}：教案", course=course, parts=m.course.parts,
           hours=hours_text(course.hours), total=round(course.hours * 30), focus=focus,
           agenda=agenda(m, specs), clock=clock, specs=specs, checklists=m.course.checklists)
    render("progress.md.j2", PROGRESS_KEY, "学习进度", course_id=course.id, hours=hours_text(course.hours),
           minutes=minutes, data_json=data_json, idle=IDLE_SECONDS, per_hour=SECONDS_PER_HOUR // 60,
           conditions=rule_text(m.course, len(data["pages"])))
    render("glossary.md.j2", GLOSSARY_KEY, f"{plain(course.title)}：术语表", parts=m.course.parts)
    return {m.pages[key].path: finish(text + "\n\n" + page_marker(m, key, data)) for key, text in bodies.items()}


def _page_tags(loaded: LoadedCourse) -> dict[str, list[str]]:
    """Terms a page explains: its slogans and the key terms that point at it.

    Search puts the page that explains a term first when someone searches
    for that term (or a part of it).
    """
    tags: dict[str, list[str]] = {topic.id: [plain(s.text) for s in topic.slogans] for _, topic in topics(loaded.parts)}
    for part in loaded.parts:
        for term in part.key_terms:
            page_tags = tags.setdefault(term.section or part.id, [])
            if plain(term.term) not in page_tags:
                page_tags.append(plain(term.term))
    return tags


def search_terms(loaded: LoadedCourse) -> set[str]:
    """Key terms and slogans, so Chinese word segmentation keeps them whole."""
    terms = {t.term for p in loaded.parts for t in p.key_terms}
    for _, topic in topics(loaded.parts):
        terms.update(s.text for s in topic.slogans)
    words = set()
    for term in terms:
        for word in term.replace("“", " ").replace("”", " ").replace("、", " ").split():
            if 2 <= len(word) <= 12 and not any(ch.isspace() for ch in word):
                words.add(word)
    return words
