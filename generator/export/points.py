"""Points per question: one rule for the paper, the answer key, Excel, JSON and Moodle.

Each type has a weight (单选 2, 多选 3, 判断 1, 填空 2, 排序 3), scaled so a course's
bank totals 100. Each type gets one value per question, a whole number if some choice
totals exactly 100, else a multiple of 0.5; among those the closest to the scaled
weights, never ranking a lighter type above a heavier one, and giving types of the same
weight the same value whenever some choice allows it. If no choice totals 100,
the rounded values are used and the paper states its total.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

from ..quiz_models import QUESTION_TYPES

WEIGHTS = {"single": 2, "multiple": 3, "truefalse": 1, "fill": 2, "order": 3}
TOTAL = 100


def _ranked(points: dict[str, Fraction], same_weight_same_points: bool) -> bool:
    """A lighter type never above a heavier one; with the flag, equal weights get equal points."""
    for a, b in itertools.permutations(points, 2):
        if WEIGHTS[a] < WEIGHTS[b] and points[a] > points[b]:
            return False
        if same_weight_same_points and WEIGHTS[a] == WEIGHTS[b] and points[a] != points[b]:
            return False
    return True


def _closest(counts: dict[str, int], ideal: dict[str, Fraction], step: Fraction,
             same_weight_same_points: bool) -> dict[str, Fraction] | None:
    """Values (multiples of ``step``, near ``ideal``) totalling exactly 100, closest to ``ideal``."""
    def window(k: str) -> range:
        """Steps between half and one and a half times the ideal, at most 4 steps away."""
        units = ideal[k] / step
        low = max(1, math.floor(units / 2), round(units) - 4)
        return range(low, min(math.ceil(units * 3 / 2), round(units) + 4) + 1)

    *free, last = counts
    best, best_cost = None, None
    for units in itertools.product(*(window(k) for k in free)):
        points = {k: u * step for k, u in zip(free, units)}
        last_units = (Fraction(TOTAL) - sum(counts[k] * points[k] for k in free)) / counts[last] / step
        if last_units.denominator != 1 or last_units not in window(last):
            continue
        points[last] = last_units * step
        if not _ranked(points, same_weight_same_points):
            continue
        cost = sum(counts[k] * (points[k] - ideal[k]) ** 2 for k in counts)
        if best_cost is None or cost < best_cost:
            best, best_cost = points, cost
    return best


def point_values(counts: dict[str, int]) -> dict[str, Fraction]:
    """Points per question of each type present (see the module docstring)."""
    counts = {k: counts[k] for k in QUESTION_TYPES if counts.get(k)}
    weight = sum(counts[k] * WEIGHTS[k] for k in counts)
    ideal = {k: Fraction(TOTAL * WEIGHTS[k], weight) for k in counts}
    for same_weight_same_points in (True, False):
        for step in (Fraction(1), Fraction(1, 2)):
            points = _closest(counts, ideal, step, same_weight_same_points)
            if points:
                return points
    return {k: Fraction(max(1, round(ideal[k]))) for k in counts}


def number(value: Fraction) -> str:
    """``2``, ``1.5``: how a point value is written."""
    return str(int(value)) if value.denominator == 1 else f"{float(value):g}"
