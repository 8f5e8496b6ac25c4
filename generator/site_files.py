"""Which files of a built site a browser can load: what a handed-out zip must hold.

Worked out from the files themselves, not from a list of theme internals, so it stays
right when the theme or the search changes: every page (``*.html``) and every legal
notice is kept, then everything they name, transitively:

- HTML: ``src``, ``href``, ``poster``, ``data`` and ``srcset`` values, and every file
  name in its text (inline scripts and JSON configuration name workers and indexes);
- CSS: ``url(…)`` and ``@import``;
- JavaScript and JSON: every file name in the text (``search/search_index.js``), a
  file name being a run of path characters ending in an extension the site has.
  (Minified scripts cannot be split into string literals reliably; names can.)

A name counts when it resolves, relative to the file that names it or to the site's
root (where theme scripts resolve paths against ``base``), to an existing file inside
the site; a folder counts as its ``index.html``. Names with a scheme (``https:``,
``data:``) or only a fragment are ignored.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

PAGE_SUFFIXES = {".html", ".htm"}
LEGAL = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)
"""Licence texts travel with the code they cover, although no page loads them."""
_ATTRIBUTE = re.compile(r"""\b(?:src|href|poster|data)\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_SRCSET = re.compile(r"""\bsrcset\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+?)\1\s*\)|@import\s+(["'])(.+?)\3""")
_NAME = re.compile(r"^[\w./%~@+-]+$")
"""What a relative file name can look like (no spaces, no markup): keeps prose out."""


def _file_names(suffixes: set[str]) -> re.Pattern[str]:
    extensions = "|".join(sorted((re.escape(s[1:]) for s in suffixes if s), key=len, reverse=True))
    return re.compile(rf"[\w./%~@+-]+\.(?:{extensions})(?![\w-])")


def _references(path: Path, text: str, names: re.Pattern[str]) -> list[str]:
    suffix = path.suffix.lower()
    if suffix == ".css":
        return [m.group(2) or m.group(4) for m in _CSS_URL.finditer(text)]
    found = names.findall(text)
    if suffix in PAGE_SUFFIXES:
        found += [m.group(2) for m in _ATTRIBUTE.finditer(text)]
        found += [part.split()[0] for m in _SRCSET.finditer(text) for part in m.group(2).split(",") if part.split()]
        found += [m.group(2) or m.group(4) for m in _CSS_URL.finditer(text)]  # inline styles
    return found


def _resolve(root: Path, referrer: str, reference: str) -> list[str]:
    """Site-relative names a reference may mean (relative to its file, and to the root)."""
    parts = urlsplit(reference.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return []
    name = unquote(parts.path).replace("\\", "/")
    if not _NAME.match(name):
        return []
    bases = ["", posixpath.dirname(referrer)] if not name.startswith("/") else [""]
    out = []
    for base in bases:
        candidate = posixpath.normpath(posixpath.join(base, name.lstrip("/")))
        if candidate.startswith(".."):
            continue
        if (root / candidate).is_dir():
            candidate = posixpath.join(candidate, "index.html")
        if (root / candidate).is_file():
            out.append(candidate)
    return out


def loaded_files(root: Path) -> set[str]:
    """Site-relative POSIX names of the files a browser can load from ``root``."""
    every = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    keep = {name for name in every if Path(name).suffix.lower() in PAGE_SUFFIXES or LEGAL.match(Path(name).name)}
    names = _file_names({Path(name).suffix for name in every})
    todo = sorted(keep)
    while todo:
        name = todo.pop()
        path = root / name
        if path.suffix.lower() not in PAGE_SUFFIXES | {".css", ".js", ".mjs", ".json"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for reference in _references(path, text, names):
            for found in _resolve(root, name, reference):
                if found not in keep:
                    keep.add(found)
                    todo.append(found)
    return keep
