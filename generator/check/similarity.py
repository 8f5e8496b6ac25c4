"""How much of one Chinese text is found in another: character pairs weighted by rarity.

Summaries are in our own words, but they keep the speech's distinctive terms.
So a source sentence counts as covered by a piece of the course when most of
its *rare* character pairs (weighted by inverse document frequency over the
speech's sentences) appear there; common pairs such as 机关 or 党建 weigh little.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..speech import Speech
from .textutil import bigrams, sentences


@dataclass(frozen=True)
class SourceSentence:
    paragraph: int
    text: str
    grams: frozenset[str]


@dataclass
class SourceModel:
    speech: Speech
    sentences: list[SourceSentence] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    unseen: float = 1.0

    @classmethod
    def of(cls, speech: Speech) -> SourceModel:
        model = cls(speech)
        for paragraph in speech.paragraphs:
            for text in sentences(paragraph.text):
                model.sentences.append(SourceSentence(paragraph.number, text, frozenset(bigrams(text))))
        counts = Counter(g for s in model.sentences for g in s.grams)
        total = len(model.sentences)
        model.weights = {g: math.log((total + 1) / (n + 1)) + 1 for g, n in counts.items()}
        model.unseen = math.log(total + 1) + 1
        return model

    def weight(self, grams: Iterable[str]) -> float:
        return sum(self.weights.get(g, self.unseen) for g in grams)

    def contained(self, part: Iterable[str], whole: set[str] | frozenset[str]) -> float:
        """The weighted share of ``part``'s pairs that occur in ``whole`` (0–1)."""
        part = set(part)
        total = self.weight(part)
        return self.weight(part & whole) / total if total else 0.0

    def of_paragraph(self, number: int) -> list[SourceSentence]:
        return [s for s in self.sentences if s.paragraph == number]

    def coverage(self, number: int, grams: set[str], threshold: float) -> float:
        """Share of a paragraph's text (by characters) whose sentences are covered by ``grams``."""
        own = self.of_paragraph(number)
        total = sum(len(s.text) for s in own)
        hit = sum(len(s.text) for s in own if self.contained(s.grams, grams) >= threshold)
        return hit / total if total else 0.0

    def support(self, number: int, grams: set[str], threshold: float) -> float:
        """How well a piece of the course matches a paragraph it names: coverage either way round."""
        paragraph = set().union(*(s.grams for s in self.of_paragraph(number)))
        return max(self.coverage(number, grams, threshold), self.contained(grams, paragraph))
