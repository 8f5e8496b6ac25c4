"""The course's text as the source checks see it: pieces of prose, grouped into units that cover the speech.

A unit is what has its own page: the course itself (title, overview), the
opening concept, a part, a section, a measure, the closing. Every piece of
prose knows its unit, the nearest item with an id (whose ``check_ignore``
applies) and the nearest ``source`` list that says which paragraphs it
summarises. Read from the YAML documents, so every piece has its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..quiz_models import OPTION_LETTERS
from .findings import Context
from .places import Place
from .textutil import bigrams

PROSE = frozenset({"title", "short_title", "subtitle", "overview", "summary", "definition", "aim", "description",
                   "name", "text", "meaning", "takeaway", "term", "source"})
PROSE_LISTS = frozenset({"objectives", "discussion", "focus", "difficulties"})
NOT_TEACHING = PROSE_LISTS | {"key_terms"}
"""Goals, questions and the glossary restate a page; they do not cover the speech on their own."""
SKIPPED = frozenset({"check_ignore", "current_rule", "source_date", "source_text", "id", "related", "section",
                     "parts", "checklists", "version", "hours"})


@dataclass(frozen=True)
class Prose:
    place: Place
    text: str
    owner: str
    """The nearest id: the subject of findings about this text, and whose check_ignore applies."""
    unit: str
    refs: tuple[int, ...]
    """The paragraphs the nearest ``source`` list names (empty if none is written)."""
    verbatim: bool = False
    """A slogan: kept word for word from the speech on purpose."""
    teaching: bool = True
    """What the page teaches (summaries, points, slogans); not learning goals, discussion or glossary terms."""


@dataclass
class Unit:
    id: str
    label: str
    prose: list[Prose] = field(default_factory=list)

    @property
    def grams(self) -> set[str]:
        """What the unit teaches, as character pairs: what coverage is measured on."""
        return set().union(*(bigrams(p.text) for p in self.prose if p.teaching))


@dataclass(frozen=True)
class Reference:
    """One paragraph number written in a ``source`` list."""

    owner: str
    unit: str
    number: int
    place: Place


@dataclass
class CourseText:
    units: dict[str, Unit] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    questions: list[Prose] = field(default_factory=list)
    slogans: list[str] = field(default_factory=list)

    def prose(self) -> list[Prose]:
        return [p for unit in self.units.values() for p in unit.prose]

    def owner_grams(self, owner: str) -> set[str]:
        texts = [p.text for p in self.prose() if p.owner == owner]
        unit = self.units.get(owner)
        if unit is not None:
            texts = [p.text for p in unit.prose]
        return set().union(*(bigrams(t) for t in texts)) if texts else set()


def course_text(ctx: Context) -> CourseText:
    out = CourseText()
    course_id = ctx.loaded.course.id
    _walk(out, ctx.places.course, course_id, course_id, (), "课程信息")
    for place in ctx.places.parts:
        _walk(out, place, "", "", (), "")
    out.slogans = [p.text for p in out.prose() if p.verbatim]
    _questions(out, ctx)
    return out


def _is_unit(path: tuple) -> bool:
    return path in {(), ("concept",), ("closing",)} or (len(path) >= 2 and path[-2] in {"sections", "measures"})


def _walk(out: CourseText, place: Place, unit: str, owner: str, refs: tuple[int, ...], label: str,
          verbatim: bool = False, teaching: bool = True) -> None:
    value = place.value()
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            owner = value["id"]
            if _is_unit(place.path):
                unit = owner
                label = str(value.get("short_title") or value.get("title") or label)
                out.units.setdefault(unit, Unit(unit, label))
        numbers = value.get("source")
        if isinstance(numbers, list) and numbers:
            refs = tuple(numbers)
            out.references += [Reference(owner, unit, n, place.at("source", i)) for i, n in enumerate(numbers)]
        for key, child in value.items():
            if key in SKIPPED or (key == "source" and not isinstance(child, str)):
                continue
            if isinstance(child, str) and key in PROSE:
                out.units[unit].prose.append(Prose(place.at(key), child, owner, unit, refs,
                                                   verbatim and key == "text", teaching))
            elif isinstance(child, list) and key in PROSE_LISTS:
                out.units[unit].prose += [Prose(place.at(key, i), text, owner, unit, refs, teaching=False)
                                          for i, text in enumerate(child) if isinstance(text, str)]
            elif isinstance(child, (dict, list)):
                _walk(out, place.at(key), unit, owner, refs, label, verbatim or key == "slogans",
                      teaching and key not in NOT_TEACHING)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            if isinstance(child, (dict, list)):
                _walk(out, place.at(index), unit, owner, refs, label, verbatim, teaching)


def _questions(out: CourseText, ctx: Context) -> None:
    """What a question states as true: its explanation, the correct options, a true statement, fill answers."""
    if ctx.loaded.bank is None:
        return
    for q in ctx.loaded.bank.questions:
        place = ctx.places.questions[q.id]
        unit = q.section if q.section in out.units else ""
        texts = [(place.at("explanation"), q.explanation)]
        if q.type == "truefalse" and q.answer:
            texts.append((place.at("stem"), q.stem))
        if q.type in ("single", "multiple"):
            letters = [q.answer] if q.type == "single" else q.answer
            texts += [(place.at("options", OPTION_LETTERS.index(x)), q.options[OPTION_LETTERS.index(x)])
                      for x in letters]
        refs = tuple(r.number for r in out.references if r.owner == q.section)
        out.questions += [Prose(where, text, q.id, unit, refs) for where, text in texts]
