"""Q201–Q204: the wording of one question at a time."""

from __future__ import annotations

import re
import unicodedata

from ..quiz_models import ChoiceQuestion, Ordering
from .findings import Context, Finding

# A capital letter standing alone (not in a word, an acronym or "A4"), half or full width.
_LETTER = re.compile(r"(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])([A-HＡ-Ｈ])(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])")
# "A 股", "B 超", "A 岗 B 岗", "A 级": letters that name something else, not an option.
_NOT_AN_OPTION = re.compile(r"\s?[股超级类证照轮档角端面型区岗票卡等]")
_ALL_OF_THE_ABOVE = re.compile(r"以上(?:各项|几项|选项|说法|答案|情况|三项|四项|两项)?[都均皆全](?:是|对|正确|不是|不对|不正确|错误|不)"
                               r"|以上(?:答案|选项|说法)?[都均皆全]?(?:正确|错误)|都不对|都不是|全都对|全都是")
_NEGATIVE = re.compile(r"不正确|不准确|不恰当|不符合|不属于|不包括|不是|不应当?|不能|不宜|不对|错误|除外")
_QUESTION = re.compile(r"[？?]|哪|下列|以下|什么|的是|的有|的一项")
_EMPHASIS = (("“", "”"), ("「", "」"), ("【", "】"), ("〖", "〗"), ("『", "』"), ("‘", "’"), ("**", "**"), ("<u>", "</u>"))
_FIELDS = {"stem": "题干", "explanation": "解析"}


def wording_findings(ctx: Context) -> list[Finding]:
    if ctx.loaded.bank is None:
        return []
    out: list[Finding] = []
    for q in ctx.loaded.bank.questions:
        out += _letter_references(ctx, q)
        if isinstance(q, ChoiceQuestion):
            out += _all_of_the_above(ctx, q)
            out += _negative_stem(ctx, q)
    return out


def _letter_references(ctx: Context, q) -> list[Finding]:
    if isinstance(q, ChoiceQuestion):
        count = len(q.options)
    elif isinstance(q, Ordering):
        count = len(q.items)
    else:
        return []
    out = []
    texts = [("stem", q.stem), ("explanation", q.explanation)]
    if isinstance(q, ChoiceQuestion):
        texts += [(("options", i), option) for i, option in enumerate(q.options)]
    for key, text in texts:
        letters = []
        for match in _LETTER.finditer(text):
            letter = unicodedata.normalize("NFKC", match.group(1))
            if "ABCDEFGH".index(letter) < count and not _NOT_AN_OPTION.match(text, match.end()):
                letters.append(letter)
        if letters:
            keys = key if isinstance(key, tuple) else (key,)
            field = _FIELDS.get(keys[0], f"第 {keys[-1] + 1} 个选项" if keys[0] == "options" else "")
            shown = "、".join(dict.fromkeys(letters))
            out.append(ctx.on_question("Q201", q.id, *keys, field=field, letters=shown, quote=shown))
    return out


def _all_of_the_above(ctx: Context, q: ChoiceQuestion) -> list[Finding]:
    out = []
    for index, option in enumerate(q.options):
        if _ALL_OF_THE_ABOVE.search(option):
            pinned = index >= len(q.options) - q.pin_last
            pinning = "" if pinned else "；它也没有用 pin_last 固定在最后，打乱后会出现在中间，“以上”就不通了"
            out.append(ctx.on_question("Q203", q.id, "options", index, option=option[:20], pinning=pinning,
                                       quote=option))
    return out


def _question_clause(stem: str) -> str:
    """The part of the stem that asks: after the last full stop, if the stem sets a scene first."""
    parts = [p for p in re.split(r"[。！]", stem) if p.strip()]
    return parts[-1] if parts else stem


def _emphasised(text: str, start: int, end: int) -> bool:
    return any(text[:start].endswith(left) and text[end:].startswith(right) for left, right in _EMPHASIS) or any(
        text.rfind(left, 0, start) > text.rfind(right, 0, start) and text.find(right, end) >= 0
        for left, right in _EMPHASIS if left != right)


def _negative_stem(ctx: Context, q: ChoiceQuestion) -> list[Finding]:
    clause = _question_clause(q.stem)
    if not _QUESTION.search(clause):
        return []
    offset = q.stem.rfind(clause)
    for match in _NEGATIVE.finditer(clause):
        if not _emphasised(q.stem, offset + match.start(), offset + match.end()):
            return [ctx.on_question("Q204", q.id, "stem", word=match.group(), quote=match.group())]
    return []
