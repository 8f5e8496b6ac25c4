"""Find a speech's structure from its numbering: parts, sections, numbered measures, opening, closing.

Chinese speeches number their levels in a known order: 一、 then （一） then
1. (or （1）), with 第一/第二 and 一是/二是 for points inside a paragraph.
Whichever of these a speech uses, the highest level present becomes its parts,
the next its sections and the next its measures. A number counts only when it
continues its sequence (1 starts one, 2 must follow 1), so "2.5 亿" or a stray
"三、" in a sentence is text. A speech with no numbering at all becomes one
part whose sections are its paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .speech import Speech

_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_CN = "[一二三四五六七八九十]{1,3}"
# (kind, pattern at the start of a paragraph); the order is the usual order of levels.
_LEADING = (
    ("part", re.compile(rf"^({_CN})、")),
    ("section", re.compile(rf"^[（(]({_CN})[)）]")),
    ("number", re.compile(r"^(\d{1,2})[.．、](?!\d)")),
    ("paren-number", re.compile(r"^[（(](\d{1,2})[)）]")),
    ("ordinal", re.compile(rf"^第({_CN})[，,、：:是]")),
    ("shi", re.compile(rf"^({_CN})是")),
)
# 第一，… 第二，… and 一是… 二是… also run on inside one paragraph, after a full stop or semicolon.
_INLINE = {
    "ordinal": re.compile(rf"(?:^|(?<=[。；;！？]))\s*第({_CN})[，,、：:是]"),
    "shi": re.compile(rf"(?:^|(?<=[。；;！？]))\s*({_CN})是"),
}
_SENTENCE_END = re.compile(r"[。！？!?]")
_CLOSING_CUE = re.compile(r"^(?:总之|综上|总而言之|最后|同志们|让我们)")
TITLE_MAX_CHARS = 40
BODY_TITLE = "正文"
"""The one part of a speech that has no 一、二、三 parts."""
LEVELS = ("part", "section", "measure")


@dataclass
class Node:
    level: str
    """part, section or measure."""
    title: str
    paragraphs: list[int] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Outline:
    title: str | None
    title_paragraph: int | None
    opening: list[int]
    parts: list[Node]
    closing: list[int]

    def label_of(self) -> dict[int, str]:
        """Which part of the speech each paragraph belongs to, for coverage tables."""
        labels = {self.title_paragraph: "标题"} if self.title_paragraph else {}
        labels.update({n: "开篇" for n in self.opening})
        for index, part in enumerate(self.parts, start=1):
            name = f"{_chinese(index)}、{part.title}"
            for node in part.walk():
                labels.update({n: name for n in node.paragraphs})
        labels.update({n: "结语" for n in self.closing})
        return labels

    @property
    def measures(self) -> list[Node]:
        return [n for part in self.parts for n in part.walk() if n.level == "measure"]


def _chinese(number: int) -> str:
    return next(c for c, i in _NUMERALS.items() if i == number) if number <= 10 else str(number)


def _value(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _NUMERALS[text]
    if text.startswith("十"):
        return 10 + _NUMERALS.get(text[1:], 0)
    tens = _NUMERALS[text[0]] * 10
    return tens + (_NUMERALS.get(text[2:], 0) if len(text) > 2 else 0)


def _heading(text: str, marker_end: int) -> tuple[str, bool]:
    """The heading after a marker: its first sentence; and whether the paragraph goes on after it."""
    rest = text[marker_end:].strip()
    end = _SENTENCE_END.search(rest)
    if end is None or end.end() >= len(rest):
        return rest.rstrip("。！？!?；;：: "), False
    return rest[:end.start()].strip(), True


def _leading_marker(text: str) -> tuple[str, int, int] | None:
    for kind, pattern in _LEADING:
        match = pattern.match(text)
        if match:
            return kind, _value(match.group(1)), match.end()
    return None


def outline(speech: Speech) -> Outline:
    paragraphs = list(speech.paragraphs)
    title, title_number = None, None
    first = paragraphs[0].text if paragraphs else ""
    if (paragraphs and len(first) <= TITLE_MAX_CHARS and not _SENTENCE_END.search(first)
            and _leading_marker(first) is None and len(paragraphs) > 1):
        title, title_number = first, paragraphs[0].number
        paragraphs = paragraphs[1:]

    markers = _accepted_markers([(p.number, p.text) for p in paragraphs])
    if not markers:
        return _without_headings(title, title_number, paragraphs)
    ranks = [kind for kind, _ in _LEADING if any(m[0] == kind for m in markers.values())]

    root = Node("root", "")
    stack: list[tuple[int, Node]] = [(-1, root)]
    if "part" not in ranks:  # numbered from （一） or 1. down: one part holds them all
        whole = Node("part", BODY_TITLE)
        root.children.append(whole)
        stack.append((-1, whole))
    opening: list[int] = []
    seen = False
    for paragraph in paragraphs:
        marker = markers.get(paragraph.number)
        if marker is None:
            if not seen:
                opening.append(paragraph.number)
            else:
                stack[-1][1].paragraphs.append(paragraph.number)
            continue
        seen = True
        kind, end = marker
        rank = ranks.index(kind)
        while stack[-1][0] >= rank:
            stack.pop()
        depth = len(stack) - 1
        if depth >= len(LEVELS):  # a fourth level: its paragraphs belong to the measure above
            stack[-1][1].paragraphs.append(paragraph.number)
            continue
        heading, _ = _heading(paragraph.text, end)
        node = Node(LEVELS[depth], heading, [paragraph.number])
        stack[-1][1].children.append(node)
        stack.append((rank, node))
    closing = _closing(root.children, speech)
    for part in root.children:
        _split_inline(part, speech)
    return Outline(title, title_number, opening, root.children, closing)


def _accepted_markers(paragraphs: list[tuple[int, str]]) -> dict[int, tuple[str, int]]:
    """Paragraph number → (kind, end of marker) for markers that continue their sequence."""
    last: dict[str, int] = {}
    out = {}
    for number, text in paragraphs:
        found = _leading_marker(text)
        if found is None:
            continue
        kind, value, end = found
        # Lower levels may restart at 1 under each heading or run on across headings.
        if value == 1 or last.get(kind) == value - 1:
            last[kind] = value
            out[number] = (kind, end)
    return out


def _split_inline(node: Node, speech: Speech) -> None:
    """一是……二是…… inside the paragraphs of a childless section (or part) become its measures."""
    for child in node.children:
        _split_inline(child, speech)
    if node.children or node.level == "measure":
        return
    for kind, pattern in _INLINE.items():
        found = []
        for number in node.paragraphs:
            text = speech.paragraph(number).text
            for match in pattern.finditer(text):
                found.append((number, _value(match.group(1)), text, match.end()))
        values = [value for _, value, _, _ in found]
        if len(found) >= 2 and values == list(range(1, len(found) + 1)):
            for number, _, text, end in found:
                title = re.split(r"[。；;！？!?]", text[end:], maxsplit=1)[0].strip()[:30] or first_clause(text[end:])
                node.children.append(Node("section" if node.level == "part" else "measure", title, [number]))
            return


def _closing(parts: list[Node], speech: Speech) -> list[int]:
    """Paragraphs after the last numbered item that close the speech rather than continue the item."""
    if not parts:
        return []
    parent, last = None, parts[-1]
    while last.children:
        parent, last = last, last.children[-1]
    trailing = last.paragraphs[1:]
    if not trailing:
        return []
    siblings = parent.children[:-1] if parent else []
    if siblings and all(len(s.paragraphs) == 1 for s in siblings):
        start = 0  # every other item is one paragraph long: what follows the last one is the closing
    else:
        start = next((i for i, n in enumerate(trailing) if _CLOSING_CUE.match(speech.paragraph(n).text)), None)
        if start is None:
            return []
    del last.paragraphs[len(last.paragraphs) - len(trailing) + start:]
    return trailing[start:]


def first_clause(text: str, limit: int = 30) -> str:
    """A paragraph's first clause, as a provisional title."""
    clause = re.split(r"[，,。；;：:！？!?]", text, maxsplit=1)[0].strip()
    return (clause or text)[:limit]


def _without_headings(title: str | None, title_number: int | None, paragraphs: list) -> Outline:
    """No numbering at all: opening and closing paragraphs, and one part of sections between them."""
    opening, closing, body = [], [], list(paragraphs)
    if len(body) >= 3:
        opening, body, closing = [body[0].number], body[1:-1], [body[-1].number]
    part = Node("part", BODY_TITLE, [], [Node("section", first_clause(p.text), [p.number]) for p in body])
    return Outline(title, title_number, opening, [part], closing)
