"""generator/arrange.py's rules one by one, on built models: fast, and exact where test_arrange.py
checks only the issue's limits (found by the mutation run, see TESTING.md)."""

from __future__ import annotations

import dataclasses
import signal

import pytest

from generator.arrange import Arranged, arrange, shuffled, single_quota, variant_seed
from generator.quiz_models import MultipleChoice, Ordering, SingleChoice, TrueFalse

LETTERS = "ABCDEFGH"


def singles(n: int, size: int = 4) -> list[SingleChoice]:
    return [SingleChoice(id=f"q-s{i}", section="s", type="single", stem=f"题{i}", answer="A",
                         options=[f"选项{i}-{k}" for k in range(size)], explanation="e") for i in range(n)]


def multiples(n: int, size: int = 4, right: int = 2) -> list[MultipleChoice]:
    return [MultipleChoice(id=f"q-m{i}", section="s", type="multiple", stem=f"题{i}", answer=list(LETTERS[:right]),
                           options=[f"选项{i}-{k}" for k in range(size)], explanation="e") for i in range(n)]


def test_one_letters_share_of_single_choice_keys():
    # 40 % of the set, but never fewer than an even spread (rounded up) and never more than one above it
    assert [single_quota(n, 4) for n in (1, 4, 5, 8, 10, 20, 23)] == [1, 1, 2, 3, 4, 6, 7]
    assert [single_quota(n, 2) for n in (2, 5, 10)] == [1, 3, 5]


def test_a_key_goes_to_a_letter_at_most_one_above_the_least_used():
    spreads = set()
    for n in range(4, 40):
        keys = [s.key for s in arrange(singles(n))]
        counts = [keys.count(x) for x in "ABCD"]
        spreads.add(max(counts) - min(counts))
    assert spreads == {0, 1, 2}  # each key lands at most one above the lowest, so the sets end within two
    keys = [s.key for s in arrange(singles(6, size=3) + singles(0))]
    assert sorted(keys) == ["A", "A", "B", "B", "C", "C"]


def test_keys_go_only_to_letters_the_questions_have():
    short = [q.model_copy(update={"id": f"q-two{i}", "options": q.options[:2]}) for i, q in enumerate(singles(6))]
    keys = [s.key for s in arrange(short + singles(6))]
    assert set(keys[:6]) <= {"A", "B"} and max(keys.count(x) for x in "ABCD") <= single_quota(12, 4)


def test_the_wrong_options_are_shuffled_too():
    ascending = 0
    for shown in arrange(singles(30)):
        wrong = [i for i in shown.order if i != 0]
        ascending += wrong == sorted(wrong)
    assert ascending < 15  # a shuffle leaves 3 options in written order 1 time in 6


def test_the_right_options_of_a_multiple_choice_question_are_shuffled_among_themselves():
    in_written_order = sum([i for i in s.order if i < 3] == [0, 1, 2] for s in arrange(multiples(30, 5, 3)))
    assert in_written_order < 15


def test_leading_keys_are_allowed_up_to_half_and_used():
    leading_counts = set()
    for seed in range(40):
        keys = [s.key for s in arrange(multiples(2, 3, 2), f"s{seed}")]
        leading_counts.add(sum(k == "AB" for k in keys))
    assert leading_counts == {0, 1}  # never both; one of two when the draw says so


def test_keys_and_choices_of_every_type():
    q = multiples(1, 4, 2)[0]
    shown = Arranged(q, (2, 0, 3, 1))
    assert shown.choices == [q.options[i] for i in (2, 0, 3, 1)]
    assert shown.key_letters == ["B", "D"] and shown.key == "BD"
    tf = TrueFalse(id="q-tf", section="s", type="truefalse", stem="判断", answer=True, explanation="e")
    assert Arranged(tf).key_letters == [] and Arranged(tf).key == "" and Arranged(tf).choices == []


def test_variant_seeds():
    assert [variant_seed(i) for i in range(3)] == ["", "variant-B", "variant-C"]


def shows_every_option_once_with_pinned_last(shown: Arranged) -> bool:
    q = shown.question
    free = len(q.options) - q.pin_last
    return sorted(shown.order) == list(range(len(q.options))) and shown.order[free:] == tuple(
        range(free, len(q.options)))


def test_a_single_choice_key_on_a_pinned_option_stays_there():
    one = [q.model_copy(update={"id": f"q-p{i}", "answer": "D", "pin_last": 1}) for i, q in enumerate(singles(5))]
    two = [q.model_copy(update={"id": f"q-pp{i}", "answer": "C", "pin_last": 2}) for i, q in enumerate(singles(5))]
    shown = arrange(one + two + singles(4))
    assert all(shows_every_option_once_with_pinned_last(s) for s in shown)
    assert [s.key for s in shown[:10]] == ["D"] * 5 + ["C"] * 5


def test_a_multiple_choice_key_may_include_a_pinned_option():
    # 以上都对-style: D is pinned last and is one of the right options
    pinned = [q.model_copy(update={"id": f"q-pm{i}", "answer": ["A", "D"], "pin_last": 1})
              for i, q in enumerate(multiples(6))]
    for seed in ("", "variant-B"):
        shown = arrange(pinned, seed)
        assert all(shows_every_option_once_with_pinned_last(s) and s.key_letters[-1] == "D" for s in shown)
        assert all(s.choices[3] == s.question.options[3] for s in shown)


def test_a_key_that_can_only_be_leading_counts_towards_the_half():
    # A, B and the pinned C are all right, so its key is ABC whatever the shuffle: the other
    # question of the pair must then never show its key as the leading options.
    forced = MultipleChoice(id="q-forced", section="s", type="multiple", stem="题", answer=["A", "B", "C"],
                            options=["甲", "乙", "以上都对"], pin_last=1, explanation="e")
    for seed in range(40):
        shown = arrange([forced, *multiples(1)], f"s{seed}")
        assert shown[0].key == "ABC" and shown[1].key != "AB"


def test_ordering_questions_are_arranged_beside_choice_questions():
    order = Ordering(id="q-o", section="s", type="order", stem="排序", items=["一", "二", "三"], explanation="e")
    shown = arrange([order, *singles(2)])
    assert [s.question.id for s in shown] == ["q-o", "q-s0", "q-s1"]
    assert sorted(shown[0].order) == [0, 1, 2] and shown[0].order != (0, 1, 2)
    assert shown[0].choices == [order.items[i] for i in shown[0].order]


def test_a_variant_shuffles_two_questions_and_keeps_one():
    def too_slow(*_):
        raise TimeoutError("shuffled() never returned")
    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(5)
    try:
        assert shuffled(["q1"], "variant-B", "bank") == ["q1"]
        assert shuffled([], "variant-B", "bank") == []
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert shuffled(["q1", "q2"], "variant-B", "bank") == ["q2", "q1"]


def test_an_arrangement_cannot_be_changed_once_made():
    # Papers, exports and their answer keys share one arrangement; none may alter it for the others.
    shown = arrange(singles(1))[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        shown.order = (0, 1, 2, 3)  # type: ignore[misc]
