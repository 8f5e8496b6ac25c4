"""Seeded, balanced arrangement of options, so no paper or export gives the key away by position.

Authors tend to write the right option first. Every printed or exported form of a
question bank (the quiz page's paper, Word, Excel, GIFT, Aiken, Moodle XML, JSON)
shows the options of each question in the order this module chooses, and writes the
key in that shown order.

- **Stable**: the order depends only on the questions being arranged, their ids and a
  seed (``""`` for the normal paper, one per A/B variant), never on the run.
- **Pinned options stay last**: ``pin_last`` options (以上都是 …) keep their places.
- **Balanced, yet random-looking**: a plain seeded shuffle can put 7 of 10 keys on one
  letter by chance. Here each single-choice key goes to a letter drawn at random among
  the least used ones that are still under a quota (never more than 40 % of the set's keys when the
  set allows it), and a multiple-choice key is the leading options (A, B… as written)
  for at most half of the set's multiple-choice questions. The questions with the
  fewest free options choose first (and keys that can only be leading count first),
  so the limits can always be met.
- **Ordering items** are shown in a seeded shuffled order that is never the correct one.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .quiz_models import OPTION_LETTERS, MultipleChoice, Ordering, SingleChoice

SINGLE_SHARE = 0.4
"""No letter holds more than this share of a set's single-choice keys (when the set allows it)."""
SPREAD = 1
"""A key goes to a letter used at most this many times more than the least used one."""
LEADING_SHARE = 0.5
"""At most this share of a set's multiple-choice keys are the leading options."""


@dataclass(frozen=True)
class Arranged:
    """A question as shown: ``order[i]`` is the written index of the option or item shown i-th."""

    question: Any
    order: tuple[int, ...] = ()

    @property
    def choices(self) -> list[str]:
        """Options (choice questions) or items (ordering) in the shown order; empty for other types."""
        q = self.question
        written = q.options if isinstance(q, (SingleChoice, MultipleChoice)) else (
            q.items if isinstance(q, Ordering) else [])
        return [written[i] for i in self.order] if written else []

    @property
    def key_letters(self) -> list[str]:
        """Choice questions: the shown letters of the correct options (sorted); ordering:
        the shown letters read in the correct order; other types: empty."""
        q = self.question
        if isinstance(q, Ordering):
            return [OPTION_LETTERS[self.order.index(i)] for i in range(len(q.items))]
        if isinstance(q, (SingleChoice, MultipleChoice)):
            written = [q.answer] if isinstance(q, SingleChoice) else q.answer
            return sorted(OPTION_LETTERS[self.order.index(OPTION_LETTERS.index(x))] for x in written)
        return []

    @property
    def key(self) -> str:
        """``B``, ``ACD`` or ``BCA``; empty for true-false and fill-in."""
        return "".join(self.key_letters)


def _rng(seed: str, question_id: str, purpose: str) -> random.Random:
    # random.Random seeded with a str hashes it with SHA-512: the same on every run and platform.
    return random.Random(f"coursegen/{seed}/{question_id}/{purpose}")


def single_quota(count: int, letters: int) -> int:
    """How many single-choice keys one letter may hold in a set of ``count``."""
    even = math.ceil(count / letters)
    return max(even, min(math.floor(count * SINGLE_SHARE), even + 1))


def _free(question: Any) -> int:
    return len(question.options) - question.pin_last


def _place(n: int, free: int, fixed: dict[int, int], rng: random.Random) -> tuple[int, ...]:
    """An order of ``n`` options: ``fixed`` maps shown slot to written index; the remaining free
    options fill the remaining free slots at random; pinned options stay where they are."""
    rest = [i for i in range(free) if i not in fixed.values()]
    rng.shuffle(rest)
    slots = [s for s in range(free) if s not in fixed]
    order = dict(zip(slots, rest)) | fixed
    return tuple(order.get(s, s) for s in range(n))


def _arrange_singles(questions: list[SingleChoice], seed: str) -> dict[str, tuple[int, ...]]:
    letters = max((_free(q) for q in questions), default=1) or 1
    quota = single_quota(len(questions), letters)
    counts: Counter[int] = Counter()
    out = {}
    # Fewest free options first (a pinned key has none), the rest in a seeded order.
    for q in sorted(questions, key=lambda q: (_free(q) if OPTION_LETTERS.index(q.answer) < _free(q) else 0,
                                              _rng(seed, q.id, "turn").random())):
        rng = _rng(seed, q.id, "options")
        key, free = OPTION_LETTERS.index(q.answer), _free(q)
        if key >= free:
            slot = key
        else:
            lowest = min(counts[s] for s in range(free))
            under = [s for s in range(free) if counts[s] < quota and counts[s] <= lowest + SPREAD]
            slot = rng.choice(under or [s for s in range(free) if counts[s] == lowest])
        counts[slot] += 1
        out[q.id] = _place(len(q.options), free, {slot: key}, rng)
    return out


def _right_slots(q: MultipleChoice) -> tuple[list[int], list[int]]:
    """Written indexes of the right options: those that may move, and those pinned last."""
    free = _free(q)
    right = [OPTION_LETTERS.index(x) for x in q.answer if OPTION_LETTERS.index(x) < free]
    return right, [OPTION_LETTERS.index(x) for x in q.answer if OPTION_LETTERS.index(x) >= free]


def _is_leading(q: MultipleChoice, slots: Sequence[int]) -> bool:
    """Whether the key shown with the moving right options in ``slots`` is A, B… (the leading options)."""
    return sorted([*slots, *_right_slots(q)[1]]) == list(range(len(q.answer)))


def _always_leading(q: MultipleChoice) -> bool:
    free, right = _free(q), _right_slots(q)[0]
    return all(_is_leading(q, c) for c in itertools.combinations(range(free), len(right)))


def _arrange_multiples(questions: list[MultipleChoice], seed: str) -> dict[str, tuple[int, ...]]:
    allowed_leading = math.floor(len(questions) * LEADING_SHARE)
    leading = 0
    out = {}
    # Keys that can only be leading (every free option right, and the pinned one too) go first, so the
    # others know how much of the limit is left; the rest in a seeded order.
    for q in sorted(questions, key=lambda q: (not _always_leading(q), _rng(seed, q.id, "turn").random())):
        rng = _rng(seed, q.id, "options")
        free = _free(q)
        right = _right_slots(q)[0]
        combos = list(itertools.combinations(range(free), len(right)))
        choices = [c for c in combos if leading < allowed_leading or not _is_leading(q, c)] or combos
        slots = rng.choice(choices)
        leading += _is_leading(q, slots)
        rng.shuffle(right)
        out[q.id] = _place(len(q.options), free, dict(zip(slots, right)), rng)
    return out


def item_order(question: Ordering, seed: str = "") -> tuple[int, ...]:
    """A seeded shuffled order of an ordering question's items, never the correct order."""
    rng = _rng(seed, question.id, "items")
    order = list(range(len(question.items)))
    while order == sorted(order):
        rng.shuffle(order)
    return tuple(order)


def arrange(questions: Sequence[Any], seed: str = "") -> list[Arranged]:
    """The questions of one paper or export, in the given order, each with its shown order."""
    singles = [q for q in questions if isinstance(q, SingleChoice)]
    multiples = [q for q in questions if isinstance(q, MultipleChoice)]
    orders = _arrange_singles(singles, seed) | _arrange_multiples(multiples, seed)
    out = []
    for q in questions:
        if isinstance(q, Ordering):
            out.append(Arranged(q, item_order(q, seed)))
        else:
            out.append(Arranged(q, orders.get(q.id, ())))
    return out


def shuffled(items: Sequence[Any], seed: str, name: str) -> list[Any]:
    """A seeded shuffle of a list (the question order of a variant), different from the list
    whenever it has two or more items."""
    rng = _rng(seed, name, "questions")
    out = list(items)
    while len(out) > 1 and out == list(items):
        rng.shuffle(out)
    return out


def variant_seed(index: int) -> str:
    """Variant 0 (试卷 A) is the normal paper; B, C… get their own seeds."""
    return "" if index == 0 else f"variant-{OPTION_LETTERS[index]}"
