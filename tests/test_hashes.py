"""The content hashes that learners' saved answers and ticks are kept under.

A saved answer counts only while its question's hash is unchanged, a saved
tick only while its item's hash is. If the hash of an unchanged question
changed (a new canonical form, another field counted), every learner would
silently lose their record; if an edit left the hash alone, old answers would
be scored against a new question. The values below are written out here, not
taken from the golden files, so no update command can accept a change of them.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from generator import api
from generator.render.checklists import item_hash
from generator.render.quiz import question_hash

QUESTION_HASHES = {
    "q-single": "9fbfce111402", "q-multiple": "8abb23a28e2a", "q-truefalse": "9812ce2cb94f",
    "q-fill": "332a5e88d5f5", "q-order": "5d1ebb5c4057", "q-hostile": "c2cb0068e5cb",
}
ITEM_HASHES = {
    "chk-tests-exist": "d4e4250dd89e", "chk-tests-run": "181c45a01752", "chk-hostile": "db2b40cbdf80",
    "act-write-cases": "2a86d9ddc75f", "act-automate": "b2e7d9326bc3",
}


@pytest.fixture(scope="module")
def course():
    (loaded,) = api.validate(FIXTURES / "mini")
    return loaded


def test_hashes_of_unchanged_content_never_change(course):
    assert {q.id: question_hash(q) for q in course.bank.questions} == QUESTION_HASHES
    assert {i.id: item_hash(i.text) for c in course.checklists for i in c.items} == ITEM_HASHES


def _question(course, question_id):
    return next(q for q in course.bank.questions if q.id == question_id)


@pytest.mark.parametrize(("question_id", "change"), [
    ("q-single", {"stem": "另一个题干？"}),
    ("q-single", {"options": ["早发现问题", "写更多代码", "少开会", "以上都是"]}),
    ("q-single", {"answer": "B"}),
    ("q-multiple", {"answer": ["A", "C"]}),
    ("q-truefalse", {"answer": True}),
    ("q-fill", {"answer": [["持续集成"], ["测试先行"]]}),
    ("q-order", {"items": ["自动运行", "写好用例", "评审测试"]}),
])
def test_an_edit_of_what_is_asked_or_what_is_right_changes_the_hash(course, question_id, change):
    question = _question(course, question_id)
    assert question_hash(question.model_copy(update=change)) != question_hash(question)


@pytest.mark.parametrize("change", [
    {"explanation": "新的解析。"}, {"difficulty": "难"}, {"section": "meaning-two"}, {"id": "q-renamed"},
])
def test_an_edit_of_the_explanation_or_filing_keeps_the_answers(course, change):
    question = _question(course, "q-single")
    assert question_hash(question.model_copy(update=change)) == question_hash(question)


def test_a_checklist_item_keeps_its_tick_until_its_words_change():
    assert item_hash("每个功能都有测试吗？") == item_hash("每个功能都有测试吗？  ")  # as shown on the page
    assert item_hash("每个功能都有测试吗？") != item_hash("每个功能都有单元测试吗？")
