"""The whole course as a printable handout (讲义): one Word document per course.

Same order and numbering as the site: course information, 课程概述, 学习目标,
the opening concept, each part (一、) with its sections (（一）) and measures
(举措 N), the closing, and a 术语表 of every part's key terms. Tables repeat their header
row on every page they run onto.
"""

from __future__ import annotations

from ..loaded import LoadedCourse
from ..models import Closing, Concept, Part, Topic
from ..render.notes import LABEL, current_rule_text
from ..render.site_map import CourseMap, build_course_map, topic_title
from ..render.text import plain
from . import ExportResult
from .word import bullets, centered, labeled, new_document, numbered, paragraphs, table, to_bytes

POINT_LISTS = (("要点", "key_points"), ("主要表现", "symptoms"), ("具体举措", "actions"), ("标准与要求", "criteria"))


def hours(value: float) -> str:
    return f"{value:g}"


def with_rule(text: str, item) -> str:
    """A point or term followed by its 现行规定 note, if it has one."""
    note = current_rule_text(item.current_rule)
    return f"{text}（{LABEL}：{note}）" if note else text


def write_topic(document, topic: Topic, level: int) -> None:
    """Summary, 现行规定, point lists, 关键提法 and 一句话总结 of a section or measure."""
    paragraphs(document, topic.summary)
    if topic.current_rule is not None:
        labeled(document, LABEL, current_rule_text(topic.current_rule))
    for label, attribute in POINT_LISTS:
        points = getattr(topic, attribute)
        if points:
            document.add_heading(label, level=level + 1)
            bullets(document, [with_rule(p.text, p) for p in points])
    if topic.slogans:
        document.add_heading("关键提法", level=level + 1)
        table(document, ("提法", "含义"), [(s.text, s.meaning) for s in topic.slogans])
    labeled(document, "一句话总结", topic.takeaway)


def prefixed(prefix: str, title: str) -> str:
    """``结语：title``, without doubling a prefix the title already has (“结语：结语：…”)."""
    text = plain(title)
    return text if text.startswith((prefix, prefix.replace("：", ":"))) else f"{prefix}{text}"


def write_concept(document, concept: Concept) -> None:
    document.add_heading(prefixed("开篇：", concept.title), level=1)
    paragraphs(document, concept.definition)
    table(document, ("种类", "包括"), [(k.name, k.description) for k in concept.kinds])
    labeled(document, "目标", concept.aim)
    document.add_heading("要点", level=2)
    bullets(document, [with_rule(p.text, p) for p in concept.key_points])
    labeled(document, "一句话总结", concept.takeaway)


def write_part(document, m: CourseMap, part: Part) -> None:
    document.add_heading(plain(topic_title(m, part)), level=1)
    paragraphs(document, part.summary)
    document.add_heading("学习目标", level=2)
    numbered(document, part.objectives)
    for section in part.sections:
        document.add_heading(plain(topic_title(m, section)), level=2)
        write_topic(document, section, 2)
        for measure in section.measures:
            document.add_heading(plain(topic_title(m, measure)), level=3)
            write_topic(document, measure, 3)
    if part.key_terms:
        document.add_heading("关键术语", level=2)
        for term in part.key_terms:
            labeled(document, plain(term.term), with_rule(term.definition, term))
    document.add_heading("思考讨论", level=2)
    numbered(document, part.discussion)


def write_closing(document, closing: Closing) -> None:
    document.add_heading(prefixed("结语：", closing.title), level=1)
    paragraphs(document, closing.summary)
    document.add_heading("要点", level=2)
    bullets(document, [with_rule(p.text, p) for p in closing.key_points])
    labeled(document, "一句话总结", closing.takeaway)


def write_glossary(document, m: CourseMap) -> None:
    rows = [(t.term, t.definition, m.pages[t.section or part.id].label)
            for part in m.course.parts for t in part.key_terms]
    if rows:
        document.add_heading("术语表", level=1)
        table(document, ("术语", "释义", "出处"), rows)


def handout(loaded: LoadedCourse) -> bytes:
    course = loaded.course
    m = build_course_map(loaded)
    document = new_document(f"{plain(course.title)} 讲义")
    centered(document.add_heading(plain(course.title), level=0))
    centered(document.add_paragraph(plain(course.subtitle), style="Subtitle"))
    centered(document.add_paragraph(
        f"学习对象：{plain(course.audience)}\u3000学时：{hours(course.hours)}\u3000版本：{course.version}"))
    centered(document.add_paragraph(f"学习材料：{plain(course.source)}"))
    if course.source_date is not None:
        centered(document.add_paragraph(f"讲话时间：{plain(course.source_date.text)}"))
    document.add_heading("课程概述", level=1)
    paragraphs(document, course.overview)
    document.add_heading("学习目标", level=1)
    numbered(document, course.objectives)
    write_concept(document, course.concept)
    for part in loaded.parts:
        write_part(document, m, part)
    write_closing(document, course.closing)
    write_glossary(document, m)
    return to_bytes(document)


def export(courses: list[LoadedCourse], base_name: str) -> ExportResult:
    return ExportResult({f"{loaded.course.id}-讲义.docx": handout(loaded) for loaded in courses})
