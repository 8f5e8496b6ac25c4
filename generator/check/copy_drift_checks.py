"""S201 (copied passages), S301 and S302 (a summary that says more or other than the speech).

Copying: runs of at least ``min_chars`` characters (spaces, punctuation and
width ignored) that the course shares with the speech; slogans (关键提法) are
kept word for word on purpose and are left out.

Drift: each sentence of the course is compared with the sentences of the
paragraphs it summarises (its ``source`` list, or the paragraphs it was found
to cover) that share its distinctive words. If those say 有的/一些/绝大多数
and the course sentence drops that word for 都/所有/很少, or swaps 指导 for 领导,
a person should look: the finding names both words and the source sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .findings import Context, Finding
from .rules_source import ABSOLUTES, HEDGES
from .similarity import SourceModel, SourceSentence
from .source_checks import ParagraphCoverage
from .source_units import CourseText, Prose
from .textutil import bigrams, normalise, sentences

CLAUSE_MATCH = 0.3
"""Character-pair similarity at which a clause of the course restates a clause of the speech."""
CONTEXT = 3
"""Characters on either side that must read the same for two relation words to be a swap."""
MATCH = 0.15
"""Both ways round, at least this share of rare pairs in common: the two sentences say the same thing."""
# Words that are quantifiers only in some places: 首都 is no 都, 平均 no 均, 所有制 no 所有.
_SHAPES = {
    "都": r"(?<![首成古京])都(?![市城会])",
    "有的": r"(?<![应所没具拥享占持含固特])有的",
    "部分": r"(?<![成])部分",
    "少数": r"少数(?!民族)",
    "均": r"(?<![平人])均(?![衡匀等])",
    "所有": r"所有(?![制权者])(?=[\u4e00-\u9fff])",
}
_EVEN_IF = re.compile(r"(?:无论|不论|不管)[^，。；]*$")
_CLASS = {w: name for name, words in {**HEDGES, **ABSOLUTES}.items() for w in words}


def copy_drift_findings(ctx: Context, model: SourceModel, text: CourseText,
                        paragraphs: list[ParagraphCoverage]) -> list[Finding]:
    covering: dict[str, list[int]] = {}
    for p in paragraphs:
        for unit in p.units:
            covering.setdefault(unit, []).append(p.number)
    out = _copies(ctx, model, text)
    for prose in [*text.prose(), *text.questions]:
        if prose.verbatim:
            continue
        refs = prose.refs or tuple(covering.get(prose.unit, ()))
        if refs:
            out += _drift(ctx, model, prose, set(refs))
    return out


# ---------------------------------------------------------------- copying


def _mapped(text: str) -> tuple[str, list[int]]:
    """``text`` normalised, with the index in ``text`` of each normalised character."""
    chars, where = [], []
    for index, char in enumerate(text):
        plain = normalise(char)
        chars.append(plain)
        where += [index] * len(plain)
    return "".join(chars), where


def _copies(ctx: Context, model: SourceModel, text: CourseText) -> list[Finding]:
    size = ctx.params("S201")["min_chars"]
    paragraphs = [(p.number, normalise(p.text)) for p in model.speech.paragraphs]
    joined = "\0".join(plain for _, plain in paragraphs)
    windows = {joined[i:i + size] for i in range(len(joined) - size + 1) if "\0" not in joined[i:i + size]}
    slogans = sorted((normalise(s) for s in text.slogans if normalise(s)), key=len, reverse=True)
    out = []
    for prose in [*text.prose(), *text.questions]:
        if prose.verbatim:
            continue
        plain, where = _mapped(prose.text)
        for slogan in slogans:  # a slogan quoted inside a summary is not copying
            plain = plain.replace(slogan, "\0" * len(slogan))
        start = 0
        while start + size <= len(plain):
            if plain[start:start + size] not in windows:
                start += 1
                continue
            end = start + size
            while end < len(plain) and plain[start:end + 1] in joined:
                end += 1
            run = plain[start:end]
            number = next(n for n, p in paragraphs if run in p)
            original = prose.text[where[start]:where[end - 1] + 1]
            out.append(ctx.at("S201", prose.place, prose.owner, number=number, length=len(run),
                              prefix=original[:20], quote=original))
            start = end
    return out


# ---------------------------------------------------------------- drift


def _quantifiers(text: str, words: Iterable[str]) -> list[tuple[str, int]]:
    """Quantifier words in ``text`` with their positions; longer words hide the shorter ones inside."""
    found, taken = [], [False] * len(text)
    for word in sorted(set(words), key=len, reverse=True):
        for match in re.finditer(_SHAPES.get(word, re.escape(word)), text):
            span = range(match.start(), match.end())
            if any(taken[i] for i in span):
                continue
            if word == "都" and _EVEN_IF.search(text[:match.start()]):
                continue  # 无论……都: a condition, not a quantity
            for i in span:
                taken[i] = True
            found.append((word, match.start()))
    return found


def _supporting(model: SourceModel, refs: set[int], sentence: str) -> list[SourceSentence]:
    grams = bigrams(sentence)
    return [s for s in model.sentences if s.paragraph in refs
            and model.contained(s.grams, grams) >= MATCH and model.contained(grams, s.grams) >= MATCH]


def _drift(ctx: Context, model: SourceModel, prose: Prose, refs: set[int]) -> list[Finding]:
    q = ctx.params("S301")
    pairs = [tuple(pair.split("/", 1)) for pair in ctx.params("S302")["pairs"] if "/" in pair]
    out = []
    for sentence in sentences(prose.text):
        support = _supporting(model, refs, sentence)
        if not support:
            continue
        finding = _quantifier_drift(ctx, prose, sentence, support, q) or _relation_drift(ctx, prose, sentence,
                                                                                        support, pairs)
        if finding:
            out.append(finding)
    return out


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r"[，,；;。！？!?：:]", text) if normalise(c)]


def _quantifier_drift(ctx: Context, prose: Prose, sentence: str, support: list[SourceSentence], q: dict):
    """The speech hedges (有的, 一些 …) and the course drops the hedge for a word of another strength.

    Clause by clause where the clauses line up (有的单位…, 各单位都…); where the
    course merges several hedged clauses into one sentence, only a sentence with
    no hedge at all is reported.
    """
    words = q["hedges"] + q["absolutes"]
    if not _quantifiers(sentence, words):
        return None
    pieces = [(clause, s) for s in support for clause in _clauses(s.text)]
    for clause in _clauses(sentence):
        mine = [w for w, _ in _quantifiers(clause, words)]
        if not mine or not pieces:
            continue
        grams = bigrams(clause)
        source_clause, source = max(pieces, key=lambda p: _similarity(grams, bigrams(p[0])))
        if _similarity(grams, bigrams(source_clause)) < CLAUSE_MATCH:
            continue
        found = _changed(mine, clause, source_clause, source, q)
        if found:
            return _drift_finding(ctx, prose, found)
    if not [w for w, _ in _quantifiers(sentence, q["hedges"])]:
        for source in support:
            found = _changed([w for w, _ in _quantifiers(sentence, words)], sentence, source.text, source, q)
            if found:
                return _drift_finding(ctx, prose, found)
    return None


def _similarity(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _changed(mine: list[str], text: str, source_text: str, source: SourceSentence, q: dict):
    """(hedge of the speech, word of the course, sentence) when the course changed the hedge's strength."""
    hedges = [w for w, _ in _quantifiers(source_text, q["hedges"])]
    missing = [w for w in hedges if w not in text]
    classes = {_CLASS.get(w, w) for w in hedges}
    changed = [w for w in mine if _CLASS.get(w, w) not in classes and w not in source_text]
    return (missing[0], changed[0], source) if missing and changed else None


def _drift_finding(ctx: Context, prose: Prose, found: tuple[str, str, SourceSentence]) -> Finding:
    hedge, word, source = found
    return ctx.at("S301", prose.place, prose.owner, number=source.paragraph, source_word=hedge,
                  source_quote=_around(source.text, hedge), word=word, quote=word)


def _relation_drift(ctx: Context, prose: Prose, sentence: str, support: list[SourceSentence], pairs: list):
    """A relation word the speech uses in the same wording around it, replaced by its pair."""
    mine = normalise(sentence)
    for source in support:
        theirs = normalise(source.text)
        for first, second in pairs:
            for said, written in ((first, second), (second, first)):
                if said not in theirs or written not in mine or said in mine:
                    continue
                for left, right in _contexts(mine, written):
                    swapped = (left and left + said in theirs and left + written not in theirs) or (
                        right and said + right in theirs and written + right not in theirs)
                    if swapped:
                        return ctx.at("S302", prose.place, prose.owner, number=source.paragraph, source_word=said,
                                      source_quote=_around(source.text, said), word=written, quote=written)
    return None


def _contexts(text: str, word: str, width: int = CONTEXT) -> Iterable[tuple[str, str]]:
    """The ``width`` characters before and after each occurrence of ``word`` (empty when too short)."""
    for match in re.finditer(re.escape(word), text):
        left = text[max(0, match.start() - width):match.start()]
        right = text[match.end():match.end() + width]
        yield (left if len(left) == width else ""), (right if len(right) == width else "")


def _around(text: str, word: str, width: int = 12) -> str:
    """A short stretch of the source around ``word``: enough to find it, never a long quotation."""
    at = text.find(word)
    start = max(0, at - width)
    return ("…" if start else "") + text[start:at + len(word) + width] + ("…" if at + len(word) + width < len(text) else "")
