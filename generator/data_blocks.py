"""The widgets' data, kept out of the engine's way while it draws the pages.

Two thirds of the speech's course pages, by bytes, are the widgets' JSON (each
page's marker holds the course's data and the record's schema; the quiz pages
hold their questions). An engine has nothing to do with it: it is one line of
raw HTML, which Markdown passes through unchanged. Yet Zensical scans every
byte of a page for links in Python, and Markdown's HTML parser reads it too.
So the pages are staged with each data line's JSON replaced by a short token,
and once the engine has written the site, the JSON goes back where the token
is: the site is byte for byte what the engine makes of the full pages, in
about two thirds of Zensical's time. The search index skips scripts, so it is
built from the staged pages unchanged.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .config_yaml import SiteConfig
from .safe_files import read_bytes
from .search_index import page_url

_DATA = re.compile(r'(<script type="application/json" class="cg-[a-z0-9_-]+">)([^<\n]+)(</script>)')
"""A widget's data line, as the page templates write it (the JSON escapes every "<")."""
MAX_PAGE_BYTES = 64 * 1024 * 1024


def html_path(relative: str, directory_urls: bool) -> str:
    """Where the engine writes a page's HTML, relative to its sub-site."""
    url = page_url(relative, directory_urls)
    return url + "index.html" if url == "" or url.endswith("/") else url


def directory_urls(config: SiteConfig) -> bool:
    """Whether the engines write ``x.md`` as ``x/index.html`` (their default) rather than ``x.html``."""
    return config.data.get("use_directory_urls", True) is not False


@dataclass
class DataSetAside:
    """The pages of one sub-site as the engine gets them, and the data to put back into its output."""

    pages: dict[str, str]
    data: dict[str, list[str]]
    """Each page's data, by the page's path, in the order of the tokens numbered in it."""
    token: str

    def put_back(self, site: Path, directory_urls: bool) -> None:
        """The data in place of its tokens, in the pages the engine wrote into ``site``."""
        found = re.compile(re.escape(self.token) + r"-(\d+)")
        for relative, data in self.data.items():
            page = site / html_path(relative, directory_urls)
            text = read_bytes(site, page, MAX_PAGE_BYTES).decode("utf-8")
            page.write_bytes(found.sub(lambda match: data[int(match.group(1))], text).encode("utf-8"))


def set_aside(pages: Mapping[str, str]) -> DataSetAside:
    """``pages`` with the JSON of each widget's data line replaced by a token unique to this build."""
    token = f"cgdata{secrets.token_hex(8)}"
    staged, data = {}, {}
    for relative, text in pages.items():
        kept: list[str] = []

        def swap(match: re.Match) -> str:
            kept.append(match.group(2))
            return f"{match.group(1)}{token}-{len(kept) - 1}{match.group(3)}"

        staged[relative] = _DATA.sub(swap, text)
        if kept:
            data[relative] = kept
    return DataSetAside(staged, data, token)
