"""One walk over a course's parts, sections and measures, in the speech's order.

Sections and measures are both "topics": each has its own page, and quizzes,
checklists, key terms and progress all point at them by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .models import Measure, Part, Section
from .yaml_document import KeyPath

Topic = Section | Measure


def topics(parts: Iterable[Part]) -> Iterator[tuple[Part, Topic]]:
    """Every section and measure with its part: each section, then its measures."""
    for part in parts:
        for _, topic in located_topics(part):
            yield part, topic


def located_topics(part: Part) -> Iterator[tuple[KeyPath, Topic]]:
    """The topics of one part with their key paths inside the part's file."""
    for s_index, section in enumerate(part.sections):
        yield ("sections", s_index), section
        for m_index, measure in enumerate(section.measures):
            yield ("sections", s_index, "measures", m_index), measure


def part_of_topics(parts: Iterable[Part]) -> dict[str, str]:
    """Part id by the id of each part, section and measure."""
    owner: dict[str, str] = {}
    for part in parts:
        owner[part.id] = part.id
        for _, topic in located_topics(part):
            owner[topic.id] = part.id
    return owner
