"""The search index of one sub-site (a course, or the catalog), built with the site.

Our search (docs/assets/coursegen/search.js) finds any run of characters that
occurs in a page, so the index is the pages' readable text, heading by heading,
not a list of every prefix: its size grows linearly with the text. Word
boundaries from jieba (with the course's key terms kept whole) are marked inside
runs of letters so that whole words and terms rank above parts of words.

The index is written as a script (``search/index.js``) rather than JSON: pages
opened from file:// may load scripts but not fetch files.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from .search_text import page_sections
from .segmentation import Cut

INDEX_DIR = "search"
INDEX_FILE = "index.js"
INDEX_VERSION = 1
CALLBACK = "coursegenSearchData"
"""The function search.js defines; the index script calls it with its data."""
WORD_BREAK = "\u200b"
"""Marks a word boundary between two letters (two Han characters, mostly)."""

# How pages of each kind rank against each other when they match a query
# equally well (lower first). Kinds are set in each page's front matter
# (``search: {kind: …}``); hand-written pages have none and rank last.
KIND_RANKS = {
    "section": 0, "measure": 0,
    "part": 1,
    "concept": 2, "closing": 2, "home": 2,
    "glossary": 3,
    "checklist": 4, "checklists": 4,
    "quiz": 5, "quizzes": 5, "mistakes": 5,
    "lesson": 6, "progress": 6, "page": 6,
}
HIDDEN_KINDS = frozenset({"catalog"})
"""Pages left out of results: the catalog only lists the courses it links to."""
LONGEST_RUN = 200
"""jieba's hidden Markov model takes quadratic time on one long run of letters."""
_TERM_SPLIT = re.compile(r"[\s、，,；;：:“”\"‘’'（）()《》「」【】/]+")
_LONG_RUN = re.compile(r"\w{%d,}" % (LONGEST_RUN + 1))
_RUNS = re.compile(r"\w{1,%d}|\W+" % LONGEST_RUN)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loading with libyaml's parser when it has one (the same data, several times faster)."""
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


@dataclass(frozen=True)
class MarkdownSettings:
    """How the engine turns a page's Markdown into HTML (heading ids must match)."""

    extensions: list
    configs: dict
    directory_urls: bool = False


def mark_words(text: str, cut: Cut) -> str:
    """``text`` with WORD_BREAK between adjacent words that are both letters or digits."""
    out: list[str] = []
    pieces = [m.group() for m in _RUNS.finditer(text)] if _LONG_RUN.search(text) else [text]
    tokens = [token for piece in pieces if piece for token in cut(piece)]
    for token in tokens:
        if not token:
            continue
        if out and out[-1][-1:].isalnum() and token[0].isalnum():
            out.append(WORD_BREAK)
        out.append(token)
    return "".join(out)


def defined_terms(tags: Iterable[object]) -> list[str]:
    """A page's tags (the terms and slogans it explains), whole and cut at punctuation."""
    terms: list[str] = []
    for tag in tags:
        text = html.unescape(str(tag))  # front-matter text is escaped for the theme
        for term in [_TERM_SPLIT.sub("", text), *_TERM_SPLIT.split(text)]:
            if len(term) >= 2 and term not in terms:
                terms.append(term)
    return terms


def split_front_matter(source: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(source)
    if not match:
        return {}, source
    try:
        meta = yaml.load(match.group(1), Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        meta = None
    return (meta if isinstance(meta, dict) else {}), source[match.end():]


def page_url(relative: str, directory_urls: bool) -> str:
    path = PurePosixPath(relative)
    if not directory_urls:
        return path.with_suffix(".html").as_posix()
    if path.stem in ("index", "README"):
        parent = path.parent.as_posix()
        return "" if parent == "." else parent + "/"
    return path.with_suffix("").as_posix() + "/"


def nav_labels(nav: list) -> dict[str, str]:
    """Each page's label in the navigation (escaped for the theme there), by its path."""
    labels: dict[str, str] = {}

    def walk(entries: list) -> None:
        for entry in entries:
            for label, value in entry.items() if isinstance(entry, dict) else ():
                if isinstance(value, str):
                    labels.setdefault(value, html.unescape(str(label)))
                elif isinstance(value, list):
                    walk(value)

    walk(nav)
    return labels


def search_meta(meta: dict) -> dict:
    """The ``search:`` part of a page's front matter (kind, exclude, courses)."""
    return meta["search"] if isinstance(meta.get("search"), dict) else {}


def page_entry(relative: str, meta: dict, rendered: str, cut: Cut, *, directory_urls: bool, shared: bool,
               label: str = "") -> dict:
    """One page of the index from its front matter and its body rendered as HTML."""
    title, sections = page_sections(rendered)
    kind = str(search_meta(meta).get("kind") or "page")
    tags = meta.get("tags") if isinstance(meta.get("tags"), list) else []
    entry = {
        "u": page_url(relative, directory_urls),
        "t": mark_words(title or PurePosixPath(relative).stem, cut),
        "r": KIND_RANKS.get(kind, KIND_RANKS["page"]),
        "d": defined_terms(tags),
        "s": [[s.anchor, mark_words(s.heading, cut), mark_words(s.text, cut)] for s in sections],
    }
    if label and label != title:
        entry["l"] = mark_words(label, cut)  # people also search for what the navigation calls a page
    if shared:
        entry["h"] = 1  # a hand-written page, the same in every course: listed once in catalog search
    return entry


def build_index(site_id: str, pages: dict[str, str], hand_written: set[str], settings: MarkdownSettings,
                cut: Cut, site_name: str = "", labels: dict[str, str] | None = None,
                catalog: str | None = None) -> dict:
    """The index of one sub-site from its Markdown pages (paths relative to its docs root).

    ``catalog`` is the address of the catalog around a course ("../"); a course on
    its own (a packed zip) has none, so its pages never ask for one.
    """
    entries = []
    courses: list[str] = []
    title = site_name
    import markdown  # here: a build hands Zensical its pages before it needs Markdown for the index

    renderer = markdown.Markdown(extensions=settings.extensions, extension_configs=settings.configs)
    for relative in sorted(pages):
        meta, body = split_front_matter(pages[relative])
        search = search_meta(meta)
        if isinstance(search.get("courses"), list):
            courses = [str(course) for course in search["courses"]]
        if search.get("exclude") or search.get("kind") in HIDDEN_KINDS:
            continue
        entry = page_entry(relative, meta, renderer.reset().convert(body), cut, directory_urls=settings.directory_urls,
                           shared=relative in hand_written, label=(labels or {}).get(relative, ""))
        if relative == "index.md" and entry["t"]:
            title = entry["t"].replace(WORD_BREAK, "")
        entries.append(entry)
    index = {"v": INDEX_VERSION, "id": site_id, "title": title, "pages": entries}
    if courses:
        index["courses"] = courses
    if catalog:
        index["catalog"] = catalog
    return index


def index_script(index: dict) -> str:
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    # Line and paragraph separators end a line in older JavaScript engines; "<" is escaped so
    # that text like "</script>" stays inert even if the script is ever inlined in a page.
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("<", "\\u003c")
    return f"{CALLBACK}({data});\n"


def write_index(site: Path, index: dict) -> Path:
    target = site / INDEX_DIR / INDEX_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_script(index), encoding="utf-8")
    return target


def drop_theme_search(site: Path, plugins) -> list[Path]:
    """Remove material's search scripts (lunr and its worker, about 1 MB) when its plugin is off.

    The theme copies them into every site, but with our search no page loads them.
    """
    if any(name in plugins for name in ("search", "material/search")):
        return []
    scripts = site / "assets" / "javascripts"
    dropped = [scripts / "lunr", *sorted((scripts / "workers").glob("search.*"))]
    for path in dropped:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    return dropped


def read_pages(docs: Path) -> dict[str, str]:
    """Every Markdown page below a staged docs folder, by its path relative to it."""
    return {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(docs.rglob("*.md")) if path.is_file()}
