"""The readable text of one rendered page, heading by heading, for the search index.

Only what a reader sees in the article counts: scripts (the widgets' JSON data,
which holds quiz answers), styles, drawings, the heading permalinks and
anything marked ``data-search-exclude`` (a quiz's printed answer key) are left
out. Text is taken from parsed HTML, so no Markdown or HTML syntax reaches a
search result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

SKIPPED = frozenset({"script", "style", "svg", "template", "noscript", "head", "title"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                  "track", "wbr"})
BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "thead", "tbody",
                    "blockquote", "pre", "details", "summary", "figure", "figcaption", "section", "article",
                    "br", "hr", *HEADINGS})
SKIPPED_CLASSES = frozenset({"headerlink"})


@dataclass
class Section:
    """The text below one heading (the first section is the top of the page)."""

    anchor: str
    heading: str
    text: str = ""


@dataclass
class _Draft:
    anchor: str
    heading: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def _clean(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.drafts = [_Draft("")]
        self.title: list[str] = []
        self.open: list[str] = []
        self.skip_from: int | None = None  # depth of the element whose content is left out
        self.heading_depth: int | None = None
        self.heading_level = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if tag in BLOCKS and self.skip_from is None:
                self._separate()
            return
        self.open.append(tag)
        if self.skip_from is not None:
            return
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if tag in SKIPPED or "data-search-exclude" in values or classes & SKIPPED_CLASSES:
            self.skip_from = len(self.open)
        elif tag in HEADINGS and self.heading_depth is None:
            self.heading_depth = len(self.open)
            self.heading_level = tag
            if tag == "h1" and not self.title:
                self.drafts[-1].heading = self.title  # the page's title heads its first section
            else:
                self.drafts.append(_Draft(values.get("id") or ""))
        elif tag in BLOCKS:
            self._separate()

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return  # a stray end tag changes nothing
        while self.open:
            closed = self.open.pop()
            depth = len(self.open) + 1
            if self.skip_from is not None and depth <= self.skip_from:
                self.skip_from = None
            if self.heading_depth is not None and depth <= self.heading_depth:
                self.heading_depth = None
            if closed == tag:
                break
        if tag in BLOCKS and self.skip_from is None:
            self._separate()

    def handle_data(self, data: str) -> None:
        if self.skip_from is not None:
            return
        draft = self.drafts[-1]
        (draft.heading if self.heading_depth is not None else draft.text).append(data)

    def _separate(self) -> None:
        if self.heading_depth is None:
            self.drafts[-1].text.append("\n")


def page_sections(html: str) -> tuple[str, list[Section]]:
    """The page's title (its first h1) and its sections, in order, with their heading ids."""
    parser = _PageText()
    parser.feed(html)
    parser.close()
    sections = [Section(d.anchor, _clean(d.heading), _clean(d.text)) for d in parser.drafts]
    title = _clean(parser.title)
    if sections[0].heading == title:
        sections[0].heading = ""  # shown as the page title, not as a heading
    return title, [s for i, s in enumerate(sections) if i == 0 or s.heading or s.text]
