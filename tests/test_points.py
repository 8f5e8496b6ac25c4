"""Points per question (generator/export/points.py): exact values for typical and awkward banks.

test_export_papers.py checks the rule's properties on the papers; these pin what the rule gives,
so a changed weight, bound or tie-break shows up (found by the mutation run, see TESTING.md).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from generator.export.points import WEIGHTS, number, point_values


def shown(counts: dict[str, int]) -> dict[str, str]:
    return {k: number(v) for k, v in point_values(counts).items()}


@pytest.mark.parametrize(("counts", "points"), [
    # whole numbers totalling 100, heavier types heavier, equal weights equal
    ({"single": 10, "multiple": 5, "truefalse": 10, "fill": 5, "order": 2},
     {"single": "3", "multiple": "5", "truefalse": "2", "fill": "3", "order": "5"}),
    ({"single": 23, "multiple": 14, "truefalse": 15, "fill": 12},
     {"single": "2", "multiple": "2", "truefalse": "1", "fill": "2"}),
    ({"single": 3, "truefalse": 4}, {"single": "20", "truefalse": "10"}),
    ({"multiple": 7, "order": 3}, {"multiple": "10", "order": "10"}),
    ({"single": 1}, {"single": "100"}),
    # only halves reach 100, and only if the two weight-2 types differ
    ({"single": 31, "multiple": 13, "truefalse": 28, "fill": 15, "order": 6},
     {"single": "1", "multiple": "2.5", "truefalse": "0.5", "fill": "0.5", "order": "2.5"}),
    # two types: the weights' 2 : 3 exactly, or as near as whole numbers get
    ({"single": 1, "multiple": 1}, {"single": "40", "multiple": "60"}),
    ({"fill": 1, "order": 1}, {"fill": "40", "order": "60"}),
    ({"single": 2, "multiple": 8}, {"single": "6", "multiple": "11"}),
    ({"single": 1, "multiple": 13}, {"single": "5", "multiple": "7"}),
    # equal cost (25 ± 1 against 37.5 ± 0.5): the first candidate, the lighter type's lower value, wins
    ({"single": 1, "multiple": 2}, {"single": "24", "multiple": "38"}),
    # halves, where no whole numbers total 100 near the weights
    ({"single": 8}, {"single": "12.5"}),
    ({"single": 9, "multiple": 4}, {"single": "6", "multiple": "11.5"}),
    ({"single": 2, "multiple": 14}, {"single": "4.5", "multiple": "6.5"}),
    ({"single": 11, "multiple": 3}, {"single": "6.5", "multiple": "9.5"}),
    # nothing reaches 100: rounded values (the paper states its total)
    ({"truefalse": 3}, {"truefalse": "33"}),
    ({"truefalse": 300}, {"truefalse": "1"}),
])
def test_points_per_type(counts, points):
    assert shown(counts) == points


@pytest.mark.parametrize("counts", [
    {"single": 12, "multiple": 6, "truefalse": 9, "fill": 4, "order": 2},
    {"single": 40, "truefalse": 20}, {"fill": 5, "order": 5}, {"multiple": 1, "truefalse": 1},
])
def test_totals_are_exactly_100_with_the_closest_fair_values(counts):
    points = point_values(counts)
    assert sum(points[k] * n for k, n in counts.items()) == 100
    assert all(p > 0 and (p * 2).denominator == 1 for p in points.values())
    for a in points:
        for b in points:
            if WEIGHTS[a] < WEIGHTS[b]:
                assert points[a] <= points[b]


def test_types_without_questions_get_no_points():
    assert set(point_values({"single": 5, "multiple": 0, "fill": 5})) == {"single", "fill"}


def test_numbers_are_written_without_needless_decimals():
    assert [number(Fraction(2)), number(Fraction(3, 2)), number(Fraction(100)), number(Fraction(1, 2))] == \
        ["2", "1.5", "100", "0.5"]
