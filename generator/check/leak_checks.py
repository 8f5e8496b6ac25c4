"""Q301–Q303: one question giving away another's answer, and questions asked twice.

A practice page shows every question of a part with its explanation after each
answer, so an answer printed anywhere on the page leaks (Q301). The final test
shows stems and options only until it is handed in (Q302, a warning: it only
leaks when both questions are drawn).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from ..quiz_models import OPTION_LETTERS, ChoiceQuestion, FillBlank, MultipleChoice, Ordering, SingleChoice
from ..walk import part_of_topics
from .findings import Context, Finding
from .textutil import dice, normalise

MIN_ANSWER_CHARS = 2
"""Shorter answers (一, 三) appear everywhere by chance."""
MAX_MENTIONS = 2
"""A correct option printed in more questions than this is a word the whole course uses."""


def leak_findings(ctx: Context) -> list[Finding]:
    bank = ctx.loaded.bank
    if bank is None:
        return []
    part_of = part_of_topics(ctx.loaded.parts)
    order = {q.id: index for index, q in enumerate(bank.questions)}
    out: list[Finding] = []
    for q in bank.questions:
        page = part_of.get(q.section)
        reported: set[str] = set()
        for key, answers, distractors in _answers(q):
            holders = []
            for other in bank.questions:
                same_page = page is not None and part_of.get(other.section) == page
                if other.id == q.id or other.id in reported or (not same_page and bank.final.draw < 2):
                    continue
                # On a practice page an explanation shows once its question is answered: it leaks
                # to the questions after it. The final test shows no explanation before hand-in.
                explained = same_page and order[other.id] < order[q.id]
                field = _shown_in(answers, other, explained, distractors)
                if field:
                    holders.append((other, field, same_page))
            if distractors is not None and len(holders) > MAX_MENTIONS:
                continue  # a word the whole course uses, not a give-away
            for other, field, same_page in holders:
                reported.add(other.id)
                shown = "”“".join(answers)
                out.append(ctx.on_question("Q301" if same_page else "Q302", q.id, *key, answer=shown,
                                           other=other.id, field=field, quote=shown, related=(other.id,)))
    return out + _near_duplicates(ctx)


def _answers(q) -> Iterator[tuple[tuple, list[str], list[str] | None]]:
    """What a learner must produce or pick (all texts must be shown to leak), its key path, the distractors.

    A fill-in answer leaks wherever it is printed. A correct option leaks where
    its distractors are not printed too (seeing all the choices tells nothing);
    a multiple-choice key leaks only as a whole, when all its options are printed.
    """
    if isinstance(q, FillBlank):
        for blank, alternatives in enumerate(q.answer):
            for index, answer in enumerate(alternatives):
                if len(normalise(answer)) >= MIN_ANSWER_CHARS:
                    yield ("answer", blank, index), [answer], None
    elif isinstance(q, (SingleChoice, MultipleChoice)):
        letters = [q.answer] if isinstance(q, SingleChoice) else q.answer
        indexes = [OPTION_LETTERS.index(letter) for letter in letters]
        distractors = [normalise(o) for i, o in enumerate(q.options) if i not in indexes]
        keys = [q.options[i] for i in indexes]
        # An option that is also part of a distractor cannot single out the key.
        if all(len(normalise(k)) >= MIN_ANSWER_CHARS and not any(normalise(k) in d for d in distractors)
               for k in keys):
            yield (("options", indexes[0]) if len(indexes) == 1 else ("answer",)), keys, distractors


def _shown(q, with_explanation: bool) -> Iterator[tuple[str, str]]:
    yield "题干", q.stem
    if isinstance(q, ChoiceQuestion):
        for option in q.options:
            yield "选项", option
    if isinstance(q, Ordering):
        for item in q.items:
            yield "排序项", item
    if with_explanation:
        yield "解析", q.explanation


def _shown_in(answers: list[str], other, with_explanation: bool, distractors: list[str] | None) -> str:
    """Where ``other`` prints every one of ``answers`` (题干, 选项 …), or "" when it does not give them away."""
    texts = [(field, normalise(text)) for field, text in _shown(other, with_explanation)]
    if distractors and any(d and d in text for _, text in texts for d in distractors):
        return ""
    fields = []
    for answer in answers:
        plain = normalise(answer)
        # The same option offered in both questions is a shared choice, not a give-away.
        where = [field for field, text in texts if plain in text and not (field == "选项" and plain == text)]
        if not where:
            return ""
        fields.append(where[0])
    return "、".join(dict.fromkeys(fields))


def _near_duplicates(ctx: Context) -> list[Finding]:
    limit = ctx.params("Q303")["min_similarity"]
    out = []
    for first, second in combinations(ctx.loaded.bank.questions, 2):
        similarity = dice(_without_blanks(first.stem), _without_blanks(second.stem))
        if similarity >= limit:
            out.append(ctx.on_question("Q303", second.id, "stem", other=first.id, similarity=f"{similarity:.2f}",
                                       related=(first.id,)))
    return out


def _without_blanks(stem: str) -> str:
    return stem.replace("_", "").replace("＿", "")
