"""``check_ignore``: a person's reviewed decision that a finding is acceptable, with the reason.

A finding is silenced by the ``check_ignore`` of the item it is about: a
question, a content item with an id (part, section, measure, key point, term,
concept, closing), course.yml (findings about the speech's paragraphs and
terms) or the bank's top level (rules about the whole bank). An entry that
silences nothing is reported (C001) so stale silences do not pile up.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Context, Finding
from .places import Place, identified
from .registry import BANK_WIDE, RULES
from .textutil import normalise


@dataclass(frozen=True)
class Ignore:
    owner: str
    rule: str
    text: str | None
    place: Place


def course_owner(course_id: str) -> str:
    return f"course:{course_id}"


def bank_owner(course_id: str) -> str:
    return f"bank:{course_id}"


def ignores(ctx: Context) -> list[Ignore]:
    """Every check_ignore entry of the course, with whose it is and where it is written."""
    course_id = ctx.loaded.course.id
    holders: list[tuple[Place, str]] = [(ctx.places.course, course_owner(course_id))]
    holders += [(place, place.value()["id"]) for place in identified(ctx.places.course) if place.path]
    holders += [(place, place.value()["id"]) for part in ctx.places.parts for place in identified(part)]
    holders += [(place, question_id) for question_id, place in ctx.places.questions.items()]
    if ctx.places.bank is not None:
        holders.append((ctx.places.bank, bank_owner(course_id)))
    return [Ignore(owner, entry["rule"], entry.get("text"), holder.at("check_ignore", index))
            for holder, owner in holders
            for index, entry in enumerate(holder.value().get("check_ignore") or [])]


def apply_ignores(ctx: Context, findings: list[Finding], ran: set[str]) -> tuple[list[Finding], list[Finding]]:
    """(findings to report, findings silenced); adds C001/C002 for entries that silence nothing."""
    entries = ignores(ctx)
    used: set[int] = set()
    kept, silenced = [], []
    for finding in findings:
        matched = [i for i, entry in enumerate(entries) if _matches(entry, finding)]
        used.update(matched)
        (silenced if matched else kept).append(finding)
    for index, entry in enumerate(entries):
        if entry.rule not in RULES:
            kept.append(ctx.at("C002", entry.place.at("rule"), _subject(entry), owner="", rule=entry.rule))
        elif index not in used and entry.rule in ran:
            text = f"（涉及“{entry.text}”）" if entry.text else ""
            kept.append(ctx.at("C001", entry.place, _subject(entry), owner="", rule=entry.rule, text=text,
                               bank_rules="、".join(BANK_WIDE)))
    return kept, silenced


def _subject(entry: Ignore) -> str:
    kind, _, _ = entry.owner.partition(":")
    return {"course": "course.yml", "bank": "题库"}.get(kind, entry.owner)


def _matches(entry: Ignore, finding: Finding) -> bool:
    if entry.rule != finding.code or entry.owner != finding.owner:
        return False
    return entry.text is None or normalise(entry.text) in normalise(finding.quote)
