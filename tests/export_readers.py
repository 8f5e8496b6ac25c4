"""Independent readers for the exports: each returns the keys as a person importing the file sees them.

Single-choice keys as letters, multiple-choice keys as letter strings; used to check
that no export gives the key away by position.
"""

from __future__ import annotations

import io
import json
import re

import docx
import openpyxl
from lxml import etree

LETTERS = "ABCDEFGH"


def json_keys(data: bytes) -> tuple[list[str], list[str]]:
    questions = json.loads(data)["questions"]
    return ([q["answer"] for q in questions if q["type"] == "single"],
            ["".join(q["answer"]) for q in questions if q["type"] == "multiple"])


def xlsx_rows(data: bytes) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))["题库"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def xlsx_keys(data: bytes) -> tuple[list[str], list[str]]:
    rows = xlsx_rows(data)
    return ([r["正确答案"] for r in rows if r["题型"] == "单选题"],
            [r["正确答案"] for r in rows if r["题型"] == "多选题"])


def gift_questions(text: str):
    from pygiftparser import parser  # a GIFT parser from PyPI (pygiftparserrgmf)

    return parser.parse(text).questions


def gift_weight(option) -> float:
    """The option's grade fraction; pygiftparser reads only whole-number weights, Moodle decimals too."""
    if m := re.match(r"%(-?\d+\.\d+)%", option.text or ""):
        return float(m.group(1)) / 100
    return option.percentage


def gift_keys(text: str) -> tuple[list[str], list[str]]:
    singles, multiples = [], []
    for question in gift_questions(text):
        options = question.answer.options
        kind = type(question.answer).__name__
        if kind == "MultipleChoiceRadio":
            singles += [LETTERS[i] for i, o in enumerate(options) if o.prefix == "="]
        elif kind == "MultipleChoiceCheckbox":
            multiples.append("".join(LETTERS[i] for i, o in enumerate(options) if gift_weight(o) > 0))
    return singles, multiples


def aiken_keys(text: str) -> tuple[list[str], list[str]]:
    return re.findall(r"^ANSWER: ([A-H])$", text, re.MULTILINE), []


def moodle_questions(data: bytes):
    return etree.fromstring(data).findall("question")


def moodle_keys(data: bytes) -> tuple[list[str], list[str]]:
    singles, multiples = [], []
    for question in moodle_questions(data):
        if question.get("type") != "multichoice":
            continue
        right = "".join(LETTERS[i] for i, a in enumerate(question.findall("answer")) if float(a.get("fraction")) > 0)
        (singles if question.findtext("single") == "true" else multiples).append(right)
    return singles, multiples


def docx_key_lines(data: bytes) -> list[tuple[str, str]]:
    """(heading of the group, answer) for each numbered answer in an answer key."""
    out, heading = [], ""
    for paragraph in docx.Document(io.BytesIO(data)).paragraphs:
        if paragraph.style.name.startswith("Heading") and "题（每题" in paragraph.text:
            heading = paragraph.text
        elif m := re.fullmatch(r"\d+\. 答案：(.*)", paragraph.text):
            out.append((heading, m.group(1)))
    return out


def docx_keys(data: bytes) -> tuple[list[str], list[str]]:
    lines = docx_key_lines(data)
    return ([a for h, a in lines if "单选题" in h], [a for h, a in lines if "多选题" in h])


def assert_balanced(singles: list[str], multiples: list[str], where: str) -> None:
    """Issue #11: no letter holds more than 40 % of single-choice keys; at most half of the
    multiple-choice keys are the leading options (A, AB, ABC…)."""
    if singles:
        top = max(singles.count(x) for x in set(singles))
        assert top <= 0.4 * len(singles), (where, sorted(singles))
    leading = [k for k in multiples if k == LETTERS[:len(k)]]
    assert len(leading) <= len(multiples) / 2, (where, multiples)
