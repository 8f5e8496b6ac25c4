"""Q101–Q105: patterns across the whole bank that let a learner guess without knowing the course.

Each rule reports only when the pattern is both large (a share above the
threshold) and unlikely to be chance (a one-sided test below ``alpha``), so a
small or carefully balanced bank is left alone.
"""

from __future__ import annotations

import math
from collections import Counter

from ..quiz_models import OPTION_LETTERS, ChoiceQuestion, MultipleChoice, SingleChoice, TrueFalse
from .findings import Context, Finding, short_list
from .textutil import fisher_greater, normalise, share, tail_at_least, words_in


def balance_findings(ctx: Context) -> list[Finding]:
    if ctx.loaded.bank is None:
        return []
    return [*_single_key_position(ctx), *_multiple_key_leading(ctx), *_longest_correct(ctx),
            *_truefalse_cue_words(ctx), *_option_cue_words(ctx)]


def _expected(chances: list[float]) -> str:
    return share(round(sum(chances) * 100), len(chances) * 100)


def _single_key_position(ctx: Context) -> list[Finding]:
    p = ctx.params("Q101")
    singles = [q for q in ctx.loaded.bank.questions if isinstance(q, SingleChoice)]
    if len(singles) < p["min_questions"]:
        return []
    counts = Counter(q.answer for q in singles)
    letter, count = min(counts.items(), key=lambda item: (-item[1], item[0]))
    chances = [1 / len(q.options) if OPTION_LETTERS.index(letter) < len(q.options) else 0.0 for q in singles]
    letters = max(len(q.options) for q in singles)  # any letter could have been the one: correct for that
    if count / len(singles) <= p["max_share"] or tail_at_least(count, chances) * letters >= p["alpha"]:
        return []
    return [ctx.on_bank("Q101", count=count, total=len(singles), letter=letter, share=share(count, len(singles)),
                        expected=_expected(chances),
                        related=tuple(q.id for q in singles if q.answer == letter))]


def _multiple_key_leading(ctx: Context) -> list[Finding]:
    p = ctx.params("Q102")
    multiples = [q for q in ctx.loaded.bank.questions if isinstance(q, MultipleChoice)]
    if len(multiples) < p["min_questions"]:
        return []
    leading = [q for q in multiples if sorted(q.answer) == list(OPTION_LETTERS[:len(q.answer)])]
    chances = [1 / math.comb(len(q.options), len(q.answer)) for q in multiples]
    count = len(leading)
    if count / len(multiples) <= p["max_share"] or tail_at_least(count, chances) >= p["alpha"]:
        return []
    return [ctx.on_bank("Q102", count=count, total=len(multiples), share=share(count, len(multiples)),
                        expected=_expected(chances), related=tuple(q.id for q in leading))]


def _free_options(question: ChoiceQuestion) -> list[int]:
    """Indexes of the options that move when options are shuffled (pinned ones stay last)."""
    return list(range(len(question.options) - question.pin_last))


def _longest_correct(ctx: Context) -> list[Finding]:
    p = ctx.params("Q103")
    counted, longest = [], []
    for q in ctx.loaded.bank.questions:
        if not isinstance(q, SingleChoice):
            continue
        free = _free_options(q)
        key = OPTION_LETTERS.index(q.answer)
        if len(free) < 3 or key not in free:
            continue
        counted.append(q)
        key_length = len(normalise(q.options[key]))
        other = max(len(normalise(q.options[i])) for i in free if i != key)
        if key_length > other and key_length >= p["ratio"] * other:
            longest.append(q)
    if len(counted) < p["min_questions"]:
        return []
    chances = [1 / len(_free_options(q)) for q in counted]
    count = len(longest)
    if count / len(counted) <= p["max_share"] or tail_at_least(count, chances) >= p["alpha"]:
        return []
    ids = [q.id for q in longest]
    return [ctx.on_bank("Q103", count=count, total=len(counted), share=share(count, len(counted)),
                        expected=_expected(chances), examples=short_list(ids), related=tuple(ids))]


def _lopsided(code: str, ctx: Context, groups: tuple[tuple[str, list[tuple[str, str]]], ...]) -> list[Finding]:
    """Two groups of (owner id, text): report when the cue words sit markedly more in one of them."""
    p = ctx.params(code)
    (name_a, texts_a), (name_b, texts_b) = groups
    if len(texts_a) < 2 or len(texts_b) < 2:
        return []
    found_a = [(owner, words_in(text, p["words"])) for owner, text in texts_a]
    found_b = [(owner, words_in(text, p["words"])) for owner, text in texts_b]
    hit_a = sum(1 for _, words in found_a if words)
    hit_b = sum(1 for _, words in found_b if words)
    for (side, hits, total, found), (other, other_hits, other_total) in (
        ((name_a, hit_a, len(texts_a), found_a), (name_b, hit_b, len(texts_b))),
        ((name_b, hit_b, len(texts_b), found_b), (name_a, hit_a, len(texts_a))),
    ):
        gap = hits / total - other_hits / other_total
        p_value = fisher_greater(hits, total - hits, other_hits, other_total - other_hits)
        if gap >= p["min_gap"] and p_value < p["alpha"]:
            common = Counter(word for _, words in found for word in words).most_common(6)
            owners = tuple(dict.fromkeys(owner for owner, words in found if words))
            return [ctx.on_bank(code, side=side, hit=hits, total=total, other=other, other_hit=other_hits,
                                other_total=other_total, words="、".join(word for word, _ in common),
                                related=owners)]
    return []


def _truefalse_cue_words(ctx: Context) -> list[Finding]:
    items = [q for q in ctx.loaded.bank.questions if isinstance(q, TrueFalse)]
    false = [(q.id, q.stem) for q in items if not q.answer]
    true = [(q.id, q.stem) for q in items if q.answer]
    return _lopsided("Q104", ctx, (("错误", false), ("正确", true)))


def _option_cue_words(ctx: Context) -> list[Finding]:
    keys, distractors = [], []
    for q in ctx.loaded.bank.questions:
        if not isinstance(q, (SingleChoice, MultipleChoice)):
            continue
        answer = {q.answer} if isinstance(q, SingleChoice) else set(q.answer)
        for index in _free_options(q):
            (keys if OPTION_LETTERS[index] in answer else distractors).append((q.id, q.options[index]))
    return _lopsided("Q105", ctx, (("干扰项", distractors), ("正确选项", keys)))
