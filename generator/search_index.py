"""Make material's search find whole Chinese terms.

The search worker splits a Han-script query into tokens it finds in the index,
but it never looks at the query's last character and relies on a trailing
wildcard instead: a query such as 党建带工建 is searched as the longest prefix
that is itself a token (党建*), so pages that merely mention 党建 rank first.
We add, per page, the prefixes of its longer Chinese words as an extra index
field; the worker then finds 党建带工* and the wildcard matches 党建带工建.
The text shown in results is untouched.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

PREFIX_FIELD = "prefixes"
_HAN_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{3,}$")
_TAG = re.compile(r"<[^>]+>")


def word_prefixes(text: str, separator: re.Pattern[str]) -> set[str]:
    """Prefixes (two characters up to one short of the word) of Chinese words in text."""
    prefixes: set[str] = set()
    for token in separator.split(_TAG.sub(" ", text)):
        if _HAN_WORD.match(token):
            prefixes.update(token[:end] for end in range(2, len(token)))
    return prefixes


def add_prefix_field(index: dict) -> dict:
    """Return the index with a prefix field on every page and section."""
    separator = re.compile(index["config"]["separator"])
    for doc in index["docs"]:
        prefixes = word_prefixes(doc.get("title", "") + " " + doc.get("text", ""), separator)
        doc[PREFIX_FIELD] = " ".join(sorted(prefixes))
    index["config"]["fields"][PREFIX_FIELD] = {"boost": 1.0}
    return index


def rewrite_search_index(site: Path) -> bool:
    """Update search_index.json and the offline plugin's search_index.js; False if absent."""
    json_path = site / "search" / "search_index.json"
    if not json_path.is_file():
        return False
    index = add_prefix_field(json.loads(json_path.read_text(encoding="utf-8")))
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    json_path.write_text(data, encoding="utf-8")
    script = site / "search" / "search_index.js"
    if script.is_file():  # the offline plugin inlines the index for file://
        script.write_text(f"var __index = {data}", encoding="utf-8")
    return True
