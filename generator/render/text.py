"""Turn course text into safe Markdown.

Course text is data, never markup: HTML is escaped (so ``<script>`` shows as
text) and Markdown punctuation is backslash-escaped (so ``*``, ``[`` or a
leading ``#`` cannot change the page's structure).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# Python-Markdown's escapable characters plus the table pipe.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_BLANK_LINES = re.compile(r"\n\s*\n")
_WHITESPACE = re.compile(r"\s+")
_LEADING_COLON = re.compile(r"^:")


def inline(text: str) -> Markup:
    """One line of text: whitespace folded, HTML and Markdown neutralised."""
    folded = _WHITESPACE.sub(" ", text).strip()
    html_safe = str(escape(folded))
    # Entities such as &lt; contain no specials except '&' and ';', which are safe.
    markdown = _MARKDOWN_SPECIALS.sub(r"\\\1", html_safe)
    # A line that starts with ": " after a paragraph is a definition to def_list, and a
    # backslash does not escape a colon; as an entity it is still just a colon.
    return Markup(_LEADING_COLON.sub("&#58;", markdown))


def paragraphs(text: str) -> Markup:
    """Text that may hold several paragraphs separated by blank lines."""
    return Markup("\n\n".join(inline(p) for p in _BLANK_LINES.split(text.strip()) if p.strip()))


def plain(text: str) -> str:
    """Folded plain text for places that escape on their own (SVG, JSON for the widgets)."""
    return _WHITESPACE.sub(" ", text).strip()


def meta_text(text: str) -> str:
    """Front-matter text (description, tags): the theme puts it into HTML and attributes unescaped."""
    return str(escape(plain(text)))


def nav_title(text: str) -> str:
    """A navigation title: MkDocs and its theme insert these as HTML, so they are escaped here."""
    return str(escape(plain(text)))
