"""S401: key terms of the speech that the course never mentions.

Key terms are the short phrases the speech puts in quotation marks (“一岗双责”)
and the nouns it uses often (jieba's part-of-speech tags keep the nouns, so
everyday words such as 进行 or 方面 are never reported).
"""

from __future__ import annotations

import logging
import re
import warnings
from collections import Counter

from ..speech import Speech
from .findings import Context, Finding, make_finding
from .silencing import course_owner
from .source_units import CourseText
from .textutil import normalise

_QUOTED = re.compile(r"[“「『]([^”」』]{2,40})[”」』]")
_NOUN_TAGS = ("n", "nz", "nt", "nl", "ng", "vn")
_HAN = re.compile(r"^[\u4e00-\u9fff]{2,}$")


def term_findings(ctx: Context, speech: Speech, text: CourseText) -> list[Finding]:
    p = ctx.params("S401")
    course = normalise("".join(prose.text for prose in text.prose()))
    owner = course_owner(ctx.loaded.course.id)
    out = []
    for term, kind, count in key_terms(speech, p["min_count"], p["max_quote_chars"]):
        if normalise(term) in course:
            continue
        first = next(par for par in speech.paragraphs if term in par.text)
        times = f"等处，共 {count} 次" if count > 1 else ""
        out.append(make_finding("S401", speech.file, first.line, first.text.find(term) + 1, term, owner=owner,
                                quote=term, kind=kind, term=term, number=first.number, times=times))
    return out


def key_terms(speech: Speech, min_count: int, max_quote_chars: int) -> list[tuple[str, str, int]]:
    """(term, kind, times) for quoted phrases and frequent nouns, in order of first appearance."""
    whole = speech.text
    found: dict[str, tuple[str, int]] = {}
    for match in _QUOTED.finditer(whole):
        phrase = match.group(1).strip()
        if len(phrase) <= max_quote_chars and not re.search(r"[，。；！？]", phrase):
            found.setdefault(phrase, ("提法", whole.count(phrase)))
    for word, count in _frequent_nouns(whole, min_count).items():
        if word not in found and not any(word in phrase for phrase in found):
            found[word] = ("常用词语", count)
    return sorted(((t, k, c) for t, (k, c) in found.items()), key=lambda item: whole.find(item[0]))


def _frequent_nouns(text: str, min_count: int) -> Counter:
    import jieba

    with warnings.catch_warnings():  # jieba.posseg's own source has invalid escapes
        warnings.simplefilter("ignore")
        import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # it reports loading its dictionary at INFO
    counts = Counter(pair.word for pair in jieba.posseg.lcut(text)
                     if pair.flag in _NOUN_TAGS and _HAN.match(pair.word))
    return Counter({word: n for word, n in counts.items() if n >= min_count})
