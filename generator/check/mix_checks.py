"""Q401–Q404: does the bank cover the course, mix its types and label difficulty honestly?"""

from __future__ import annotations

from collections import Counter

from ..quiz_models import OPTION_LETTERS, TYPE_LABELS, ChoiceQuestion, MultipleChoice, SingleChoice, TrueFalse
from ..walk import part_of_topics, topics
from .findings import Context, Finding
from .textutil import share, words_in


def mix_findings(ctx: Context) -> list[Finding]:
    if ctx.loaded.bank is None:
        return []
    return [*_topic_counts(ctx), *_type_mix(ctx), *_difficulty_spread(ctx), *_difficulty_evidence(ctx)]


def _topic_counts(ctx: Context) -> list[Finding]:
    minimum = ctx.params("Q401")["min_questions"]
    asked = Counter(q.section for q in ctx.loaded.bank.questions)
    out = []
    for _, topic in topics(ctx.loaded.parts):
        measures = getattr(topic, "measures", [])
        count = asked[topic.id] + sum(asked[m.id] for m in measures)
        if count < minimum:
            kind = "举措组" if measures else ("小节" if hasattr(topic, "measures") else "举措")
            out.append(ctx.at("Q401", ctx.places.of(topic.id).at("id"), topic.id, kind=kind, title=topic.short_title,
                              count=count, minimum=minimum, id=topic.id))
    return out


def _type_mix(ctx: Context) -> list[Finding]:
    p = ctx.params("Q402")
    part_of = part_of_topics(ctx.loaded.parts)
    out = []
    for part, place in zip(ctx.loaded.parts, ctx.places.parts):
        types = Counter(q.type for q in ctx.loaded.bank.questions if part_of.get(q.section) == part.id)
        total = sum(types.values())
        if total < p["min_questions"]:
            continue
        kind, most = types.most_common(1)[0]
        if len(types) < p["min_types"]:
            problem = f"只有 {len(types)} 种题型（{'、'.join(TYPE_LABELS[t] for t in types)}）"
        elif most / total > p["max_share"]:
            problem = f"其中{TYPE_LABELS[kind]}题占 {share(most, total)}"
        else:
            continue
        out.append(ctx.at("Q402", place.at("id"), part.id, part=part.short_title, total=total, problem=problem))
    return out


def _difficulty_spread(ctx: Context) -> list[Finding]:
    p = ctx.params("Q403")
    questions = ctx.loaded.bank.questions
    if len(questions) < p["min_questions"]:
        return []
    labels = Counter(q.difficulty for q in questions)
    out = []
    for label, minimum in (("难", p["min_hard"]), ("易", p["min_easy"])):
        if labels[label] / len(questions) < minimum:
            out.append(ctx.on_bank("Q403", label=label, count=labels[label], total=len(questions),
                                   share=share(labels[label], len(questions)), minimum=f"{minimum:.0%}",
                                   quote=label))
    return out


def _difficulty_evidence(ctx: Context) -> list[Finding]:
    p = ctx.params("Q404")
    out = []
    for q in ctx.loaded.bank.questions:
        if q.difficulty != "难":
            continue
        evidence = ""
        if isinstance(q, (SingleChoice, MultipleChoice)):
            evidence = _weak_distractors(q, p)
        elif isinstance(q, TrueFalse) and not q.answer:
            words = words_in(q.stem, p["words"])
            if words:
                evidence = f"这句错误的说法含有“{'”“'.join(words)}”，一看就知道是错的"
        if evidence:
            out.append(ctx.on_question("Q404", q.id, "difficulty", evidence=evidence))
    return out


def _weak_distractors(q: ChoiceQuestion, p: dict) -> str:
    letters = {q.answer} if isinstance(q, SingleChoice) else set(q.answer)
    free = range(len(q.options) - q.pin_last)
    distractors = [q.options[i] for i in free if OPTION_LETTERS[i] not in letters]
    weak = [d for d in distractors if words_in(d, p["words"])]
    if not weak or (len(weak) / len(distractors) <= p["max_share"] and len(distractors) > 1):
        return ""
    shown = "”“".join(d[:16] for d in weak[:2])
    return f" {len(weak)}/{len(distractors)} 个干扰项一看就错（“{shown}”）"
