"""Moodle XML: parsed with lxml and every question checked against the bank."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from export_readers import moodle_questions
from generator import api
from generator.export.common import course_entries
from generator.quiz_models import BLANK, OPTION_LETTERS
from generator.render.text import plain
from test_export_formats import BANKS, MINI, SPECIALS, copy_of_mini, loaded_course, with_bank


def text_of(element, path: str) -> str:
    return element.find(path).findtext("text")


@pytest.mark.parametrize("root, course_id", BANKS)
def test_moodle_xml_carries_every_question_of_the_bank(root, course_id):
    result = api.export(root, "moodle", course_id)
    data = result.files[f"{course_id}.moodle.xml"]
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>") and b"<![CDATA[" in data
    elements = moodle_questions(data)
    loaded = loaded_course(root, course_id)
    entries = course_entries(loaded)
    categories = {text_of(e, "category") for e in elements if e.get("type") == "category"}
    assert categories == {f"$course$/top/{loaded.course.title}/{e.part}" for e in entries}
    questions = [e for e in elements if e.get("type") != "category"]
    assert [text_of(q, "name") for q in questions] == [e.question.id for e in entries]
    kinds = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "order": "ordering"}
    for element, entry in zip(questions, entries):
        q = entry.question
        assert element.get("type") == (kinds.get(q.type) or ("shortanswer" if len(q.answer) == 1 else "cloze"))
        assert element.findtext("idnumber") == q.id
        assert [element.findtext(k) for k in ("penalty", "hidden")] == ["0.3333333", "0"]
        assert float(element.findtext("defaultgrade")) == float(entry.points)
        assert [t.findtext("text") for t in element.find("tags")] == [entry.section, f"难度：{q.difficulty}"]
        feedback = element.find("generalfeedback")
        answers = element.findall("answer")
        if element.get("type") == "cloze":
            assert feedback.findtext("text") == plain(q.explanation) or "&" in plain(q.explanation)
            text = text_of(element, "questiontext")
            blanks = re.findall(r"\{1:SHORTANSWER:(.*?)\}", text)
            assert [[a.lstrip("=") for a in b.split("~")] for b in blanks] == [
                [plain(a) for a in alts] for alts in q.answer]
            continue
        assert element.find("questiontext").get("format") == "plain_text"
        assert feedback.get("format") == "plain_text" and feedback.findtext("text") == plain(q.explanation)
        fractions = [float(a.get("fraction")) for a in answers]
        assert all(a.find("feedback") is not None and a.find("feedback").findtext("text") == "" for a in answers)
        texts = [a.findtext("text") for a in answers]
        if q.type in ("single", "multiple"):
            stem = text_of(element, "questiontext")
            assert stem == plain(q.stem)
            assert texts == [plain(c) for c in entry.shown.choices]
            right = "".join(OPTION_LETTERS[i] for i, f in enumerate(fractions) if f > 0)
            assert right == entry.shown.key
            assert element.findtext("single") == ("true" if q.type == "single" else "false")
            assert round(sum(f for f in fractions if f > 0), 2) == 100  # what Moodle checks
            assert all(f == (0 if q.type == "single" else -100) for f in fractions if f <= 0)
            assert element.findtext("shuffleanswers") == ("false" if q.pin_last else "true")
            assert [element.findtext(k) for k in ("answernumbering", "showstandardinstruction")] == ["ABCD", "0"]
        elif q.type == "truefalse":
            assert dict(zip(texts, fractions)) == {"true": 100 * q.answer, "false": 100 * (not q.answer)}
        elif q.type == "fill":
            assert text_of(element, "questiontext") == BLANK.sub("____", plain(q.stem)).replace("____", "____")
            assert texts == [plain(a) for a in q.answer[0]] and set(fractions) == {100}
        else:
            assert texts == [plain(i) for i in q.items] and fractions == list(range(1, len(q.items) + 1))
            assert element.findtext("gradingtype") == "ABSOLUTE_POSITION"
    ordering = sum(e.question.type == "order" for e in entries)
    assert result.notes == (f"{ordering} 道排序题使用 Moodle 4.4 起自带的排序题型；更早的 Moodle 需先安装排序题插件（qtype_ordering）。",)


def test_moodle_xml_keeps_hostile_text_as_text(tmp_path):
    questions = [*SPECIALS, {"id": "q-cdata", "section": "meaning-one", "type": "single",
                             "stem": "含 ]]> 和 <b>标签</b> 的题干", "options": ["%100%甲", "[html]乙"], "answer": "B",
                             "explanation": "e"}]
    data = api.export(with_bank(copy_of_mini(tmp_path), questions), "moodle", "mini").files["mini.moodle.xml"]
    elements = {text_of(e, "name"): e for e in etree.fromstring(data).findall("question")
                if e.get("type") != "category"}
    assert text_of(elements["q-cdata"], "questiontext") == "含 ]]> 和 <b>标签</b> 的题干"
    assert text_of(elements["q-specials"], "questiontext").startswith("=SUM(A1) 路径 C:\\temp")
    cloze = text_of(elements["q-specials-fill"], "questiontext")
    assert cloze == "a{1}={1:SHORTANSWER:=x=y~=#z}，b~2={1:SHORTANSWER:=\\{w\\}}。".replace("#z", "\\#z").replace(
        "\\{w\\}", "{w\\}")
    assert [a.findtext("text") for a in elements["q-cdata"].findall("answer")] in (["%100%甲", "[html]乙"],
                                                                                    ["[html]乙", "%100%甲"])


def test_cli_exports_moodle_xml(project, invoke):
    result = invoke("export", "moodle", "-p", str(project), "-c", "mini")
    assert result.exit_code == 0 and (project / "dist" / "mini.moodle.xml").is_file()
    result = invoke("export", "moodle", "-p", str(project), "-o", "-")
    assert etree.fromstring(result.stdout.encode()).tag == "quiz"


def test_a_long_section_tag_is_cut_to_moodles_50_characters():
    import dataclasses

    from generator.export.moodle_xml import tag_names

    (entry, *_) = course_entries(loaded_course(MINI, "mini"))
    for length, expected in ((50, "节" * 50), (51, "节" * 49 + "…")):
        tags = tag_names(dataclasses.replace(entry, section="节" * length))
        assert tags == [expected, f"难度：{entry.question.difficulty}"]
