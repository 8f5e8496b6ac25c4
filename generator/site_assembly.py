"""Putting freshly built sub-sites in place, with work that grows with what changed.

The site is the catalog at ``site/`` with each course in ``site/<id>/``; their
generated Markdown is ``docs/generated/index.md`` and ``docs/generated/<id>/``.
A first or forced build swaps in a whole new site and folder of pages. Any
other build leaves every unchanged sub-site where it is and replaces only the
entries of the rebuilt ones (and of removed courses), through
:mod:`generator.site_replace`, so nothing of an unchanged course is read,
linked or copied. Whether an unchanged course's generated pages are still as
written is judged by a stamp of their names, sizes, times and inodes.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from .atomic import write_new_files
from .render import HOME_PAGE, RenderedSite
from .site_replace import Replacement

CATALOG = "catalog"


def sub_site_pages(rendered: RenderedSite) -> dict[str, Mapping[str, str]]:
    """Each sub-site's generated pages, relative to its place below docs/generated/ (courses' pages unread)."""
    pages: dict[str, Mapping[str, str]] = {CATALOG: {HOME_PAGE: rendered.catalog}}
    pages.update({course.id: course.pages for course in rendered.courses})
    return pages


def pages_place(generated: Path, name: str) -> Path:
    """Where a sub-site's generated pages live: the catalog's one page, or a course's folder."""
    return generated / HOME_PAGE if name == CATALOG else generated / name


def stamp(path: Path) -> str | None:
    """Names, sizes, times and inodes of the files at ``path`` (None: missing, or not only plain files)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISREG(info.st_mode):
        found = [("", info.st_size, info.st_mtime_ns, info.st_ino)]
    elif not stat.S_ISDIR(info.st_mode):
        return None
    else:
        found = []
        for folder, dirs, files in os.walk(path):
            for name in dirs + files:
                entry = os.path.join(folder, name)
                item = os.lstat(entry)
                if stat.S_ISREG(item.st_mode):
                    found.append((os.path.relpath(entry, path), item.st_size, item.st_mtime_ns, item.st_ino))
                elif not stat.S_ISDIR(item.st_mode):
                    return None  # a link or something special: write these pages again
    return hashlib.sha256(repr(sorted(found)).encode("utf-8")).hexdigest()


def stamps(generated: Path, names: list[str]) -> dict[str, str]:
    return {name: value for name in names if (value := stamp(pages_place(generated, name))) is not None}


def holds_only(generated: Path, names: list[str]) -> bool:
    """docs/generated/ is a folder holding nothing but the sub-sites' pages (no leftovers)."""
    try:
        listing = set(os.listdir(generated)) if not os.path.islink(generated) else None
    except OSError:
        return False
    return listing is not None and listing <= {HOME_PAGE, *names}


def write_pages(target: Path, name: str, pages: Mapping[str, str]) -> Path:
    """A sub-site's pages written below ``target`` (a staging folder), as docs/generated/ holds them."""
    write_new_files(target if name == CATALOG else target / name, dict(pages))
    return pages_place(target, name)


def share_identical_assets(site: Path, courses: list[str]) -> int:
    """Hard-link each course's theme and asset files to the catalog's identical copies.

    Every course is its own site with its own copy of the theme (about 2.5 MB);
    on disk they need to be stored once. Returns how many files now share storage.
    """
    return sum(share_assets(site, site / course) for course in courses)


def share_assets(catalog: Path, course: Path) -> int:
    """Hard-link a course's theme files to the catalog's identical copies (regular files only)."""
    shared = 0
    assets = course / "assets"
    for folder, _dirs, files in os.walk(assets):
        for name in files:
            path = Path(folder) / name
            twin = catalog / path.relative_to(course)
            try:
                mine, theirs = os.lstat(path), os.lstat(twin)
            except OSError:
                continue
            if not (stat.S_ISREG(mine.st_mode) and stat.S_ISREG(theirs.st_mode)) or mine.st_size != theirs.st_size \
                    or mine.st_ino == theirs.st_ino or path.read_bytes() != twin.read_bytes():
                continue
            temporary = path.with_name(path.name + ".link")
            try:
                os.link(twin, temporary)
            except OSError:  # no hard links here: keep the copies
                return shared
            os.replace(temporary, path)
            shared += 1
    return shared


def in_place(target: Path, generated: Path, staging: Path, built: list[str], removed: list[str],
             pages: dict[str, Mapping[str, str]], rewrite: list[str], courses: list[str]) -> list[Replacement]:
    """What to rename to put the ``built`` sub-sites (in staging/out/) and the ``rewrite`` pages in place,
    and to take ``removed`` courses away; ``courses`` are every course folder the site keeps."""
    out, aside = staging / "out", staging / "aside"
    replacements: list[Replacement] = []
    catalog = out / CATALOG if CATALOG in built else target
    for name in built:
        if name != CATALOG:
            share_assets(catalog, out / name)
            replacements.append(Replacement(target / name, out / name, aside / "site" / name))
    if CATALOG in built:  # the catalog's own entries at the site root; course folders are not its
        new = {entry.name for entry in (out / CATALOG).iterdir()}
        keep = set(courses) | set(removed)
        old = {name for name in os.listdir(target) if name not in keep and name not in new}
        for name in sorted(new):
            replacements.append(Replacement(target / name, out / CATALOG / name, aside / "site-root" / name))
        for name in sorted(old):
            replacements.append(Replacement(target / name, None, aside / "site-root" / name))
    for name in removed:
        replacements.append(Replacement(target / name, None, aside / "site" / name))
        replacements.append(Replacement(generated / name, None, aside / "generated" / name))
    for name in rewrite:
        staged = write_pages(staging / "generated", name, pages[name])
        replacements.append(Replacement(pages_place(generated, name), staged, aside / "generated" / staged.name))
    return replacements
