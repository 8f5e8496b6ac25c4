"""The question bank as Moodle XML, the format Moodle reads with every question type.

A category question per course and part (``$course$/top/课程标题/一、部分``), then
each question with its id as name and idnumber, its points as default grade, the
解析 as general feedback and the section and difficulty as tags. Text is plain
(``plain_text``) in CDATA, so Moodle shows it literally. Options are in the shown
(seeded, balanced) order; Moodle may shuffle them again unless options are pinned.

- single / multiple → ``multichoice``; a multiple-choice key's right options share
  100 % (Moodle's own 33.33333 … values), each wrong option costs 100 %;
- true-false → ``truefalse``; one blank → ``shortanswer`` (every alternative 100 %);
- several blanks → ``cloze`` (multianswer) with a ``SHORTANSWER`` per blank;
- ordering → ``ordering`` (a core type since Moodle 4.4), items in the correct order.
"""

from __future__ import annotations

import html
import re

from lxml import etree

from ..loaded import LoadedCourse
from ..quiz_models import FillBlank, MultipleChoice, Ordering, SingleChoice, TrueFalse
from ..render.text import plain
from . import ExportResult
from .common import Entry, blank_parts, blank_stem, entries
from .moodle_common import category_path, weight
from .points import number

PLAIN = "plain_text"
TAG_LIMIT = 50
"""Moodle cuts tag names at 50 characters."""
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CLOZE_SPECIALS = re.compile(r'([}#~/"\\])')
DIFFICULTY_TAG = "难度："


def xml_text(text: str):
    """Text for an element: CDATA where XML allows it, else escaped by lxml."""
    text = _NOT_XML.sub("", text)
    return text if "]]>" in text else etree.CDATA(text)


def add_text(parent, name: str, text: str, text_format: str | None = PLAIN):
    element = etree.SubElement(parent, name, **({"format": text_format} if text_format else {}))
    etree.SubElement(element, "text").text = xml_text(text)
    return element


def add_value(parent, name: str, value: str) -> None:
    etree.SubElement(parent, name).text = value


def tag_names(entry: Entry) -> list[str]:
    section = entry.section if len(entry.section) <= TAG_LIMIT else entry.section[:TAG_LIMIT - 1] + "…"
    return [section, f"{DIFFICULTY_TAG}{entry.question.difficulty}"]


def add_answer(parent, fraction: str, text: str, text_format: str | None = PLAIN) -> None:
    answer = add_text(parent, "answer", text, text_format)
    answer.set("fraction", fraction)
    add_text(answer, "feedback", "")


def question_element(entry: Entry, kind: str, stem: str, stem_format: str = PLAIN):
    question = entry.question
    element = etree.Element("question", type=kind)
    add_text(element, "name", question.id, None)
    add_text(element, "questiontext", stem, stem_format)
    feedback = plain(question.explanation)
    add_text(element, "generalfeedback", feedback if stem_format == PLAIN else html.escape(feedback), stem_format)
    add_value(element, "defaultgrade", number(entry.points))
    add_value(element, "penalty", "0.3333333")
    add_value(element, "hidden", "0")
    add_value(element, "idnumber", question.id)
    return element


def add_choices(element, entry: Entry) -> None:
    question = entry.question
    single = isinstance(question, SingleChoice)
    add_value(element, "single", "true" if single else "false")
    add_value(element, "shuffleanswers", "false" if question.pin_last else "true")
    add_value(element, "answernumbering", "ABCD")
    add_value(element, "showstandardinstruction", "0")
    key = entry.shown.key_letters
    right = "100" if single else weight(100 / len(key))
    wrong = "0" if single else "-100"
    for letter, option in zip("ABCDEFGH", entry.shown.choices):
        add_answer(element, right if letter in key else wrong, plain(option))


def cloze_text(question: FillBlank) -> str:
    """The stem as HTML with a ``{1:SHORTANSWER:=alt~=alt}`` at each blank."""
    parts = [html.escape(p, quote=False) for p in blank_parts(question.stem)]
    out = parts[0]
    for alternatives, part in zip(question.answer, parts[1:]):
        accepted = "~".join("=" + _CLOZE_SPECIALS.sub(r"\\\1", plain(a)) for a in alternatives)
        out += f"{{1:SHORTANSWER:{accepted}}}" + part
    return out


def question_xml(entry: Entry):
    question = entry.question
    if isinstance(question, (SingleChoice, MultipleChoice)):
        element = question_element(entry, "multichoice", plain(question.stem))
        add_choices(element, entry)
    elif isinstance(question, TrueFalse):
        element = question_element(entry, "truefalse", plain(question.stem))
        add_answer(element, "100" if question.answer else "0", "true", None)
        add_answer(element, "0" if question.answer else "100", "false", None)
    elif isinstance(question, FillBlank) and len(question.answer) == 1:
        element = question_element(entry, "shortanswer", blank_stem(question.stem))
        add_value(element, "usecase", "0")
        for alternative in question.answer[0]:
            add_answer(element, "100", plain(alternative), None)
    elif isinstance(question, FillBlank):
        element = question_element(entry, "cloze", cloze_text(question), "html")
    else:
        assert isinstance(question, Ordering)
        element = question_element(entry, "ordering", plain(question.stem))
        for name, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                            ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW"),
                            ("numberingstyle", "abc")):
            add_value(element, name, value)
        for position, item in enumerate(question.items, start=1):
            add_answer(element, str(position), plain(item))
    tags = etree.SubElement(element, "tags")
    for name in tag_names(entry):
        etree.SubElement(etree.SubElement(tags, "tag"), "text").text = xml_text(name)
    return element


def category_xml(path: str):
    element = etree.Element("question", type="category")
    add_text(element, "category", f"$course$/top/{path}", None)
    return element


def document(courses: list[LoadedCourse]) -> bytes:
    quiz = etree.Element("quiz")
    current = None
    for entry in entries(courses):
        path = category_path(entry)
        if path != current:
            current = path
            quiz.append(category_xml(path))
        quiz.append(question_xml(entry))
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export(courses: list[LoadedCourse], base_name: str) -> ExportResult:
    ordering = sum(isinstance(e.question, Ordering) for e in entries(courses))
    notes = (f"{ordering} 道排序题使用 Moodle 4.4 起自带的排序题型；更早的 Moodle 需先安装排序题插件（qtype_ordering）。",
             ) if ordering else ()
    return ExportResult({f"{base_name}.moodle.xml": document(courses)}, notes)
