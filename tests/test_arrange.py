"""Seeded, balanced option order: no paper or export gives the key away by position (issue #11)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO
from export_readers import (aiken_keys, assert_balanced, docx_keys, gift_keys, json_keys, moodle_keys,
                            xlsx_keys)
from generator import api
from generator.arrange import arrange, item_order, shuffled
from generator.quiz_models import MultipleChoice, SingleChoice
from generator.render.quiz import paper_questions, quiz_specs
from generator.render.site_map import build_course_map

SECTIONS = ["meaning-one", "meaning-two", "step-one", "step-two", "step-three", "part-b", "concept"]


def worst_bank(singles: int, multiples: int, seed: int = 0) -> list[dict]:
    """Every key written first: the bank an author in a hurry writes."""
    rng = random.Random(seed)
    out = []
    for n in range(singles):
        size = rng.choice([2, 3, 4, 4, 4, 5])
        pinned = 1 if size >= 4 and n % 5 == 0 else 0
        out.append({"id": f"q-s{n}", "section": SECTIONS[n % len(SECTIONS)], "type": "single",
                    "stem": f"单选题 {n}", "options": [f"选项 {n}-{i}" for i in range(size)],
                    "pin_last": pinned, "answer": "A", "explanation": "解析"})
    for n in range(multiples):
        size = rng.choice([3, 4, 4, 5])
        right = rng.randint(2, size - 1)
        out.append({"id": f"q-m{n}", "section": SECTIONS[n % len(SECTIONS)], "type": "multiple",
                    "stem": f"多选题 {n}", "options": [f"选项 {n}-{i}" for i in range(size)],
                    "answer": list("ABCDEFGH"[:right]), "explanation": "解析"})
    return out


def bank_project(tmp_path: Path, questions: list[dict]) -> Path:
    root = Path(shutil.copytree(FIXTURES / "mini", tmp_path / "mini"))
    bank = {"course": "mini", "questions": questions}
    (root / "quizzes" / "mini.yml").write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    return root


def every_export_keys(root: Path, course_id: str):
    """The keys of every export, each read back by an independent reader."""
    yield "json", json_keys(api.export(root, "json", course_id).files[f"{course_id}.json"])
    yield "xlsx", xlsx_keys(api.export(root, "xlsx", course_id).files[f"{course_id}.xlsx"])
    yield "gift", gift_keys(api.export(root, "gift", course_id).files[f"{course_id}.gift.txt"].decode())
    yield "aiken", aiken_keys(api.export(root, "aiken", course_id).files[f"{course_id}.aiken.txt"].decode())
    yield "moodle", moodle_keys(api.export(root, "moodle", course_id).files[f"{course_id}.moodle.xml"])
    files = api.export(root, "docx", course_id, variants=2).files
    for label in "AB":
        yield f"docx {label}", docx_keys(files[f"{course_id}-答案与解析{label}.docx"])
    loaded = next(c for c in api.validate(root) if c.course.id == course_id)
    for spec in quiz_specs(build_course_map(loaded)):
        paper = paper_questions(spec)
        if sum(q["type"] == "单选" for q in paper) >= 5:  # a page with a handful of questions cannot balance
            yield f"paper {spec.id}", ([q["key"] for q in paper if q["type"] == "单选"],
                                       [q["key"] for q in paper if q["type"] == "多选"])


@pytest.mark.parametrize("root, course_id", [(REPO, "dangjian-ziyuan")], ids=["real-bank"])
def test_no_export_of_the_real_bank_gives_the_key_away_by_position(root, course_id):
    seen = []
    for where, (singles, multiples) in every_export_keys(root, course_id):
        assert singles, where
        assert_balanced(singles, multiples, where)
        seen.append(where)
    assert {"json", "xlsx", "gift", "aiken", "moodle", "docx A", "docx B", "paper final"} <= set(seen)


def test_every_export_of_a_bank_with_every_key_first_is_balanced(tmp_path):
    root = bank_project(tmp_path, worst_bank(23, 14))
    for where, (singles, multiples) in every_export_keys(root, "mini"):
        assert_balanced(singles, multiples, where)


@pytest.mark.parametrize("seed", range(40))
def test_the_balance_holds_for_any_bank_of_reasonable_size(seed):
    rng = random.Random(seed)
    questions = [SingleChoice(**q) if q["type"] == "single" else MultipleChoice(**q)
                 for q in worst_bank(rng.randint(5, 60), rng.randint(1, 30), seed)]
    for variant in ("", "variant-B"):
        shown = arrange(questions, variant)
        assert_balanced([s.key for s in shown if isinstance(s.question, SingleChoice)],
                        [s.key for s in shown if isinstance(s.question, MultipleChoice)], seed)


def test_order_is_stable_keeps_pinned_options_last_and_the_key_follows_it():
    questions = [SingleChoice(**q) for q in worst_bank(12, 0)]
    first, again = arrange(questions), arrange(list(reversed(questions)))
    assert {s.question.id: s.order for s in first} == {s.question.id: s.order for s in again}
    for shown in first:
        q = shown.question
        assert sorted(shown.order) == list(range(len(q.options)))
        assert shown.choices[ord(shown.key) - 65] == q.options[0]  # every key was written first
        if q.pin_last:
            assert shown.choices[-q.pin_last:] == q.options[-q.pin_last:]
    assert len({s.key for s in first}) > 1
    other = arrange(questions, "variant-B")
    assert [s.order for s in other] != [s.order for s in first]


def test_ordering_items_and_variant_question_orders_never_keep_the_written_order():
    from generator.quiz_models import Ordering

    for n in range(2, 9):
        q = Ordering(id=f"q-{n}", section="s", type="order", stem="排序", items=[f"项{i}" for i in range(n)],
                     explanation="e")
        assert item_order(q) != tuple(range(n)) and item_order(q) == item_order(q)
    items = list(range(5))
    assert shuffled(items, "variant-B", "x") != items and sorted(shuffled(items, "variant-B", "x")) == items
