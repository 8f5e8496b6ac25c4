"""Small text and statistics helpers shared by the checks: pure functions, no I/O."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")


@lru_cache(maxsize=65536)  # the checks compare every question with every other: the same texts, many times
def normalise(text: str) -> str:
    """Compare text the way a reader does: full/half width, spaces, punctuation and case ignored."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text)).lower()


def sentences(text: str) -> list[str]:
    """Sentences (and clauses ended by ；), with their punctuation."""
    return [s.strip() for s in _SENTENCE.findall(text) if normalise(s)]


@lru_cache(maxsize=65536)
def bigrams(text: str) -> frozenset[str]:
    plain = normalise(text)
    return frozenset(plain[i:i + 2] for i in range(len(plain) - 1))


def dice(a: str, b: str) -> float:
    """Similarity of two short texts (0–1) by their character pairs."""
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else float(normalise(a) == normalise(b))


def words_in(text: str, words: Iterable[str]) -> list[str]:
    """Which of ``words`` occur in ``text``; a longer word hides the shorter ones inside it."""
    found = []
    rest = text
    for word in sorted(set(words), key=len, reverse=True):
        if word and word in rest:
            found.append(word)
            rest = rest.replace(word, "\0")
    return found


def share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


# ---------------------------------------------------------------- statistics


def tail_at_least(count: int, chances: Sequence[float]) -> float:
    """P(at least ``count`` successes) for independent trials with these chances (Poisson binomial)."""
    dist = [1.0]
    for p in chances:
        nxt = [0.0] * (len(dist) + 1)
        for k, value in enumerate(dist):
            nxt[k] += value * (1 - p)
            nxt[k + 1] += value * p
        dist = nxt
    return min(1.0, sum(dist[count:]))


def fisher_greater(a: int, b: int, c: int, d: int) -> float:
    """One-sided Fisher exact test: P(a table at least as lopsided towards the first row as [[a, b], [c, d]]).

    Rows are two groups, columns "has the word" / "has not".
    """
    row1, col1, total = a + b, a + c, a + b + c + d

    def probability(x: int) -> float:
        return math.comb(col1, x) * math.comb(total - col1, row1 - x) / math.comb(total, row1)

    return min(1.0, sum(probability(x) for x in range(a, min(row1, col1) + 1)))
