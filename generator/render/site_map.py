"""Where each page of a course lives, what it is called, and how pages link.

Paths are relative to the generated docs root, with forward slashes. They are
derived from ids only, so rewording a title never moves a page.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from .. import names
from ..loaded import LoadedCourse
from ..models import Measure, Part, Section

CHINESE_NUMERALS = "一二三四五六七八九十"
HOME_PAGE = names.INDEX + names.PAGE_SUFFIX
QUIZ_KEY = "quiz:"
CHECKLIST_KEY = "checklist:"
PAGE_KEY = "page:"
"""Prefixes of page keys for pages that are not content topics: no id contains a colon, so none can clash."""
GLOSSARY_KEY = PAGE_KEY + names.GLOSSARY
PROGRESS_KEY = PAGE_KEY + names.PROGRESS
LESSON_KEY = PAGE_KEY + names.LESSON_PLAN


def page_path(*parts: str) -> str:
    """The Markdown file of a page: ``page_path("mini", "part-a")`` is ``mini/part-a.md``."""
    return "/".join(parts) + names.PAGE_SUFFIX


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (enough for parts and sections)."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    prefix = "" if tens == 1 else CHINESE_NUMERALS[tens - 1]
    return prefix + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "")


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its label in the nav and its source file."""

    path: str
    label: str
    source: str


@dataclass
class CourseMap:
    """Pages of one course, keyed by the id of what each page shows."""

    course: LoadedCourse
    pages: dict[str, Page] = field(default_factory=dict)
    part_labels: dict[str, str] = field(default_factory=dict)
    section_labels: dict[str, str] = field(default_factory=dict)
    measure_numbers: dict[str, int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.course.course.id

    @property
    def home(self) -> Page:
        return self.pages[self.id]

    @property
    def glossary(self) -> Page:
        return self.pages[GLOSSARY_KEY]


def build_course_map(loaded: LoadedCourse) -> CourseMap:
    course = loaded.course
    root = course.id
    m = CourseMap(loaded)
    m.pages[course.id] = Page(page_path(root, names.INDEX), "课程首页", loaded.course_file)
    m.pages[course.concept.id] = Page(page_path(root, course.concept.id),
                                      f"开篇：{course.concept.short_title}", loaded.course_file)
    measure_number = 0
    for p_index, (part, source) in enumerate(zip(loaded.parts, loaded.part_files), start=1):
        m.part_labels[part.id] = f"{chinese_number(p_index)}、"
        m.pages[part.id] = Page(page_path(root, part.id, names.INDEX),
                                f"{chinese_number(p_index)}、{part.short_title}", source)
        for s_index, section in enumerate(part.sections, start=1):
            label = f"（{chinese_number(s_index)}）"
            m.section_labels[section.id] = label
            if section.measures:
                path = page_path(root, part.id, section.id, names.INDEX)
            else:
                path = page_path(root, part.id, section.id)
            m.pages[section.id] = Page(path, f"{label}{section.short_title}", source)
            for measure in section.measures:
                measure_number += 1
                m.measure_numbers[measure.id] = measure_number
                m.pages[measure.id] = Page(page_path(root, part.id, section.id, measure.id),
                                           f"{measure_number}. {measure.short_title}", source)
    m.pages[course.closing.id] = Page(page_path(root, course.closing.id),
                                      f"结语：{course.closing.short_title}", loaded.course_file)
    # Terms come from every part file: the source is the course folder.
    m.pages[GLOSSARY_KEY] = Page(page_path(root, names.GLOSSARY), "术语表", posixpath.dirname(loaded.course_file) + "/")
    return m


def relative(target: str, from_page: str) -> str:
    """A link from one page's Markdown file to another's (worked out from the two names alone:
    ``posixpath.relpath`` asks the system for the current folder on every call)."""
    to = posixpath.normpath(target).split("/")
    start = posixpath.normpath(posixpath.dirname(from_page) or ".").split("/")
    if ".." in to or ".." in start:
        return posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    to, start = [p for p in to if p != "."], [p for p in start if p != "."]
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def html_path(md_path: str) -> str:
    """Where MkDocs writes a page when directory URLs are off (needed for file://)."""
    return md_path[: -len(".md")] + ".html"


def topic_title(m: CourseMap, topic: Section | Measure | Part) -> str:
    """A heading that carries the speech's numbering."""
    if isinstance(topic, Part):
        return f"{m.part_labels[topic.id]}{topic.title}"
    if isinstance(topic, Measure):
        return f"举措 {m.measure_numbers[topic.id]}：{topic.title}"
    return f"{m.section_labels[topic.id]}{topic.title}"


def nav_for(m: CourseMap) -> list[dict[str, object]]:
    """The MkDocs ``nav`` entries of one course."""
    course = m.course.course
    entries: list[dict[str, object]] = [
        {m.home.label: m.home.path},
        {m.pages[course.concept.id].label: m.pages[course.concept.id].path},
    ]
    for part in m.course.parts:
        children: list[dict[str, object]] = [{m.pages[part.id].label: m.pages[part.id].path}]
        for section in part.sections:
            page = m.pages[section.id]
            if section.measures:
                group: list[dict[str, object]] = [{page.label: page.path}]
                group += [{m.pages[x.id].label: m.pages[x.id].path} for x in section.measures]
                children.append({page.label: group})
            else:
                children.append({page.label: page.path})
        entries.append({m.pages[part.id].label: children})
    entries.append({m.pages[course.closing.id].label: m.pages[course.closing.id].path})
    for prefix, title in ((QUIZ_KEY, "自测练习"), (CHECKLIST_KEY, "检查清单")):
        extra = [page for key, page in m.pages.items() if key.startswith(prefix)]
        if extra:
            entries.append({title: [{page.label: page.path} for page in extra]})
    for key in (PROGRESS_KEY, LESSON_KEY):
        if key in m.pages:
            entries.append({m.pages[key].label: m.pages[key].path})
    entries.append({m.glossary.label: m.glossary.path})
    return entries
