"""The preview's rebuilds: on a save, draw again only the pages whose Markdown changed.

The preview's first build, and any save that changes more than the text of
generated pages (mkdocs.yml, hand-written docs, the navigation, a course's
search terms, a course added or removed), is an ordinary incremental build
(:func:`generator.site.build_site`). A save that only changes the text of some
pages, which is what a trainer editing a summary does, is handled here:

- the engine builds a copy of each affected sub-site in which every other page
  is a stub that keeps its front matter and headings (so the navigation, page
  titles and anchors the changed pages link to are all still there), and the
  HTML of the changed pages is taken from it;
- the sub-site's search index is patched: only the changed pages' entries are
  made again;
- the preview's docs/generated/ files and build manifest are updated as a full
  build would leave them.

The pages come out byte for byte as a full build draws them (a test compares
them under each engine). Anything unusual (a partial build that fails, a page
newly hidden from search) falls back to the full build, which has the last
word, errors included. Nothing is moved into the served folder until every
partial build has succeeded.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .atomic import write_atomically
from .config_yaml import SiteConfig, to_yaml
from .data_blocks import directory_urls as folder_urls, html_path
from .engines import SiteBuild
from .errors import CourseGenError
from .fsutil import build_lock
from .incremental import Manifest, build_fingerprint
from .project import Project
from .render import RenderedSite
from .search_index import (
    CALLBACK, HIDDEN_KINDS, INDEX_DIR, INDEX_FILE, WORD_BREAK, MarkdownSettings, index_script, nav_labels,
    page_entry, page_url, search_meta, split_front_matter,
)
from .segmentation import key_terms
from .site import WORK_DIR, build_site, generated_dir, shared_inputs, site_builds, stage_docs, work_root
from .live_zensical import ZensicalFolders
from .zensical_worker import ZensicalWorker

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)
_HEADING = re.compile(r"^#{1,6}[ \t]")
_SCRIPT_LINE = re.compile(r"^<script\b[^<]*>(?:(?!</script).)*</script>$")
"""One whole script element on one line (JSON escapes "<", so no "</script" inside)."""


class _Unusual(Exception):
    """A change the partial rebuild does not handle: the full build does."""


def stub(page: str) -> str:
    """What a page keeps in a partial rebuild: its front matter and its headings (titles and anchors)."""
    match = _FRONT_MATTER.match(page)
    head = match.group(0) if match else ""
    body = page[len(head):]
    return head + "".join(line + "\n\n" for line in body.splitlines() if _HEADING.match(line))


def _swap_scripts(old: str, new: str, served: Path) -> bytes | None:
    """The served page with its widgets' data replaced, if one-line scripts are all that changed.

    Such a line passes through the engine as it is (raw HTML) and search leaves
    scripts out, so the page the engine would draw is the served one with the
    line swapped. None if anything else changed, or the line is not found once.
    """
    old_lines, new_lines = old.split("\n"), new.split("\n")
    if len(old_lines) != len(new_lines):
        return None
    swaps = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
    if not all(_SCRIPT_LINE.match(a) and _SCRIPT_LINE.match(b) for a, b in swaps):
        return None
    try:
        page = served.read_bytes()
    except OSError:
        return None
    for a, b in swaps:
        before = a.encode("utf-8")
        if page.count(before) != 1:
            return None
        page = page.replace(before, b.encode("utf-8"))
    return page


class LiveSite:
    """The served preview site and what it was last built from."""

    def __init__(self, project: Project, site: Path, scratch: Path, engine: str):
        self.project, self.site, self.scratch, self.engine = project, site, scratch, engine
        self._built: dict[str, SiteBuild] | None = None
        self._shared: str | None = None
        self._settings: MarkdownSettings | None = None
        self.worker = ZensicalWorker() if engine == "zensical" else None
        self.zensical = ZensicalFolders(project, scratch, self.worker) if self.worker is not None else None

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()

    def update(self, config: SiteConfig, rendered: RenderedSite) -> int | None:
        """Bring the served site up to date: how many pages were drawn again, or None after a full build."""
        specs = site_builds(rendered, self.engine)
        shared = shared_inputs(self.project, config, self.engine)
        changes = self._changes(specs, shared)
        if changes is not None:
            try:
                self._draw(config, specs, changes, shared)
                self._built = {spec.name: spec for spec in specs}
                return sum(len(pages) for pages in changes.values())
            except (_Unusual, CourseGenError, OSError):
                pass  # the full build decides, and says what is wrong if anything is
        self._built, self._settings = None, None
        if self.zensical is not None:
            self.zensical.reset()  # its folders hold the old settings and hand-written docs
        build_site(self.project, config, rendered, site_dir=self.site, jobs=1, engine=self.engine)
        self._built, self._shared = {spec.name: spec for spec in specs}, shared
        if self.zensical is not None:
            self.zensical.warm(config, [dataclasses.replace(spec, pages={name: stub(text) for name, text in
                                                                            spec.pages.items()}) for spec in specs])
        return None

    def _changes(self, specs: list[SiteBuild], shared: str) -> dict[str, list[str]] | None:
        """The changed pages of each sub-site, if page texts are all that changed since the last build."""
        if self._built is None or shared != self._shared or set(self._built) != {spec.name for spec in specs}:
            return None
        changes = {}
        for spec in specs:
            old = self._built[spec.name]
            if (old.nav, old.search_terms, old.homepage, old.pages.keys()) != \
                    (spec.nav, spec.search_terms, spec.homepage, spec.pages.keys()):
                return None
            pages = sorted(name for name, text in spec.pages.items() if old.pages[name] != text)
            if pages:
                changes[spec.name] = pages
        return changes

    def _draw(self, config: SiteConfig, specs: list[SiteBuild], changes: dict[str, list[str]], shared: str) -> None:
        directory_urls = folder_urls(config)
        work = work_root(self.project)
        with build_lock(work / "build.lock"), tempfile.TemporaryDirectory(prefix="live-", dir=self.scratch) as name:
            staging = Path(name)
            moves: list[tuple[Path, Path]] = []
            drawing = []  # sub-sites whose engine draws some pages again
            for spec in specs:
                if spec.name not in changes:
                    continue
                target = self._sub_site(spec.name)
                pages = []  # drawn again by the engine; the others only had their widgets' data changed
                for page in changes[spec.name]:
                    swapped = _swap_scripts(self._built[spec.name].pages[page], spec.pages[page],
                                            target / html_path(page, directory_urls))
                    if swapped is None:
                        pages.append(page)
                        continue
                    moves.append((staging / "swapped" / spec.name / html_path(page, directory_urls),
                                  target / html_path(page, directory_urls)))
                    moves[-1][0].parent.mkdir(parents=True, exist_ok=True)
                    moves[-1][0].write_bytes(swapped)
                if pages:
                    out = staging / "out" / spec.name
                    drawing.append((spec, pages, self._start_build(config, spec, pages, staging, out, directory_urls)))
            for spec, pages, _ in drawing:  # while Zensical draws, in its own process
                patched = staging / f"index-{spec.name}.js"
                patched.write_text(index_script(self._patched_index(config, spec, pages, staging)), encoding="utf-8")
                moves.append((patched, self._sub_site(spec.name) / INDEX_DIR / INDEX_FILE))
            for spec, pages, finish in drawing:
                finish()
                moves += [(staging / "out" / spec.name / html_path(page, directory_urls),
                           self._sub_site(spec.name) / html_path(page, directory_urls)) for page in pages]
            for source, target in moves:
                if not source.is_file() or not target.is_file():
                    raise _Unusual(source)
            for source, target in moves:
                os.replace(source, target)
            self._write_generated(specs, changes)
            fingerprints = {spec.name: build_fingerprint(shared, spec.pages, spec.nav, spec.search_terms, spec.homepage)
                            for spec in specs}
            Manifest(work, self.site).write(fingerprints)

    def _sub_site(self, name: str) -> Path:
        return self.site if name == "catalog" else self.site / name

    def _start_build(self, config: SiteConfig, spec: SiteBuild, pages: list[str], staging: Path,
                     out: Path, directory_urls: bool) -> Callable[[], None]:
        """Start the engine on the sub-site with every unchanged page a stub; the function returned
        waits for it and leaves the pages' HTML in ``out``."""
        stubbed = {name: text if name in pages else stub(text) for name, text in spec.pages.items()}
        partial = dataclasses.replace(spec, pages=stubbed)
        if self.zensical is not None:
            wait = self.zensical.start(config, partial)

            def finish() -> None:
                built = wait()
                for page in pages:
                    (out / html_path(page, directory_urls)).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(built / html_path(page, directory_urls), out / html_path(page, directory_urls))

            return finish
        from .mkdocs_engine import run_mkdocs  # in this process: done when it returns

        docs = staging / f"docs-{spec.name}"
        run_mkdocs(config, partial, docs, stage_docs(self.project, stubbed, docs), out, self.project.root / WORK_DIR,
                   search=False)
        return lambda: None

    def _patched_index(self, config: SiteConfig, spec: SiteBuild, pages: list[str], staging: Path) -> dict:
        """The served search index of a sub-site with the entries of ``pages`` made again."""
        import markdown

        script = (self._sub_site(spec.name) / INDEX_DIR / INDEX_FILE).read_text(encoding="utf-8")
        prefix, suffix = f"{CALLBACK}(", ");\n"
        if not (script.startswith(prefix) and script.endswith(suffix)):
            raise _Unusual("search index")
        try:
            index = json.loads(script[len(prefix):-len(suffix)])
        except ValueError:
            raise _Unusual("search index") from None
        positions = {entry.get("u"): n for n, entry in enumerate(index.get("pages", []))}
        settings = self._markdown_settings(config, spec, staging)
        renderer = markdown.Markdown(extensions=settings.extensions, extension_configs=settings.configs)
        labels = nav_labels(spec.nav)
        with key_terms(spec.search_terms, self.project.root / WORK_DIR) as cut:
            for relative in pages:
                meta, body = split_front_matter(spec.pages[relative])
                search = search_meta(meta)
                url = page_url(relative, settings.directory_urls)
                if url not in positions or search.get("exclude") or search.get("kind") in HIDDEN_KINDS \
                        or "courses" in search:
                    raise _Unusual(relative)  # hidden, shown again, or listing courses: the whole index
                entry = page_entry(relative, meta, renderer.reset().convert(body), cut,
                                   directory_urls=settings.directory_urls, shared=False,
                                   label=labels.get(relative, ""))
                index["pages"][positions[url]] = entry
                if relative == "index.md":
                    index["title"] = entry["t"].replace(WORD_BREAK, "") or str(config.data.get("site_name", ""))
        return index

    def _markdown_settings(self, config: SiteConfig, spec: SiteBuild, staging: Path) -> MarkdownSettings:
        """The engine's own reading of the Markdown settings (kept until mkdocs.yml changes)."""
        if self._settings is None:
            folder = staging / "markdown"
            for name in ("docs", "theme"):  # the engines want to see them beside the settings
                (folder / name).mkdir(parents=True)
            if self.engine == "zensical":
                from .zensical_engine import _markdown_settings, zensical_settings

                settings_file = folder / "mkdocs.yml"
                settings_file.write_text(to_yaml(zensical_settings(config, spec, [], "theme")),
                                         encoding="utf-8")
                self._settings = _markdown_settings(settings_file)
            else:
                from .mkdocs_engine import load_mkdocs_config

                loaded = load_mkdocs_config(config, docs_dir=str(folder / "docs"), site_dir=str(folder / "site"))
                self._settings = MarkdownSettings(loaded.markdown_extensions, loaded.mdx_configs,
                                                  loaded.use_directory_urls)
        return self._settings

    def _write_generated(self, specs: list[SiteBuild], changes: dict[str, list[str]]) -> None:
        """docs/generated/ as a full build leaves it: only the changed pages are written."""
        generated = generated_dir(self.project)
        if not generated.is_dir():
            return  # the next full build writes it whole
        for spec in specs:
            for page in changes.get(spec.name, ()):
                relative = page if spec.name == "catalog" else f"{spec.name}/{page}"
                write_atomically(generated / relative, spec.pages[page], durable=False)
