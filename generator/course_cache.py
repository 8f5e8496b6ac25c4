"""Source-level incremental builds: a course whose sources did not change is not read again.

Each course's last result (the validated course, its rendered pages and nav,
and its card in the catalog) is kept in ``.coursegen/courses/<id>.json``,
keyed by one digest of everything that could change it: its own files
(``content/<id>/``, ``quizzes/<id>.yml`` and ``quizzes/<id>/``), the
hand-written page names it must not collide with, and coursegen itself (its
code, templates and the versions of the tools it drives). A course whose key
matches is neither validated nor rendered; the others are, and so are the
checks across courses (bank files without a course, the catalog), every time.

An entry's first line holds what every build needs (the key, the course's
card, nav and search terms, and digests of its pages); the validated course and
the pages follow, read only by a build that needs them: a one-course edit in a
large catalog reads none of the other courses' pages.

A missing, garbled or planted entry is only a miss: the course is read again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import write_atomically
from .bank_loader import BANK_SUFFIX
from .course_loader import load_course
from .errors import ContentError, CourseGenError, Problem
from .incremental import files_digest, generator_digest, pages_digest
from .loaded import LoadedCourse
from .names import hand_written
from .project import Project, load_courses
from .render import RenderedCourse, RenderedSite, render_catalog, render_course
from .render.pages import environment
from .safe_files import open_regular, read_bytes, walk_files

CACHE_VERSION = 2
CACHE_DIR = "courses"
MAX_ENTRY_BYTES = 256 * 1024 * 1024
MAX_HEAD_BYTES = 4 * 1024 * 1024
HEAD_CHUNK = 64 * 1024


class Body:
    """What only some builds need of a course's result, its validated course (JSON) and its pages:
    given, or read from its cache entry when first asked for (a one-course edit in a large catalog
    reads none of the others). ``reload`` validates and renders the course again if the entry has
    gone bad since its first line was read."""

    def __init__(self, loaded_json: str | None = None, pages: dict[str, str] | None = None,
                 entry: Path | None = None, digest: str | None = None, reload: Callable[[], tuple[str, dict]] | None = None):
        self._value = (loaded_json, pages) if loaded_json is not None and pages is not None else None
        self._entry, self._digest, self._reload = entry, digest, reload

    def get(self) -> tuple[str, dict[str, str]]:
        if self._value is None:
            self._value = self._read() or self._reload()
        return self._value

    def _read(self) -> tuple[str, dict[str, str]] | None:
        try:
            data = read_bytes(self._entry.parent.parent, self._entry, MAX_ENTRY_BYTES)
            body = data[data.index(b"\n") + 1:]
            if hashlib.sha256(body).hexdigest() != self._digest:
                return None
            loaded, pages = json.loads(body)
            if isinstance(loaded, str) and isinstance(pages, dict) and all(
                    isinstance(k, str) and isinstance(v, str) for k, v in pages.items()):
                return loaded, pages
        except (CourseGenError, OSError, ValueError, TypeError, AttributeError):
            pass
        return None


class LazyPages(Mapping):
    """A course's pages, read when first needed; ``digest`` is known without reading them."""

    def __init__(self, body: Body, digest: str):
        self.body, self.digest = body, digest

    def __getitem__(self, name: str) -> str:
        return self.body.get()[1][name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.body.get()[1])

    def __len__(self) -> int:
        return len(self.body.get()[1])

    def __repr__(self) -> str:
        return f"LazyPages({self.digest[:12]})"

    def __reduce__(self):
        return dict, (dict(self.items()),)  # a build worker process gets the pages themselves


@dataclass(frozen=True)
class CourseResult:
    """One course, validated and rendered: now, or by an earlier build from the same sources."""

    rendered: RenderedCourse
    card: dict[str, Any]
    body: Body
    fresh: LoadedCourse | None = None
    """The course as validated in this run; None when it was reused."""
    key: str | None = None
    """The digest of its sources it was kept under (None: not kept)."""

    @property
    def id(self) -> str:
        return self.rendered.id

    @property
    def loaded_json(self) -> str:
        return self.body.get()[0]

    def course(self) -> LoadedCourse:
        """The validated course (a reused one is read back from its last result)."""
        return self.fresh or LoadedCourse.model_validate_json(self.loaded_json)


@dataclass(frozen=True)
class Generated:
    results: tuple[CourseResult, ...]
    site: RenderedSite
    unkept: tuple[Callable[[], None], ...] = ()
    """Results not yet kept for next time (``keep_later``): :meth:`keep` writes them."""

    def keep(self) -> None:
        for write in self.unkept:
            write()

    @property
    def reused(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.results if r.fresh is None)

    def courses(self) -> list[LoadedCourse]:
        return [result.course() for result in self.results]


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def shared_course_inputs(project: Project) -> str:
    """What every course's result depends on besides its own files."""
    return _digest(generator_digest(), json.dumps(sorted(hand_written(project.docs_dir)), ensure_ascii=False))


def course_key(project: Project, course_dir: Path, shared: str) -> str | None:
    """One digest of a course's own files and ``shared``; None if one cannot be read safely (the loader says why)."""
    root, course_id = project.root, course_dir.name
    bank, bank_dir = project.quizzes_dir / f"{course_id}{BANK_SUFFIX}", project.quizzes_dir / course_id
    try:
        files = list(walk_files(root, course_dir))
        if bank.exists() or bank.is_symlink():
            if not bank.is_file():
                return None
            files.append(bank)
        if bank_dir.is_dir():
            files += walk_files(root, bank_dir)
        return _digest(files_digest(root, files), shared)
    except (CourseGenError, OSError):
        return None


def _first_line(root: Path, path: Path) -> bytes:
    """The first line of a cache entry (its head), without reading the rest."""
    fd, _ = open_regular(root, path)
    try:
        head = b""
        while b"\n" not in head:
            chunk = os.read(fd, HEAD_CHUNK)
            if not chunk or len(head) > MAX_HEAD_BYTES:
                raise ValueError("no head")
            head += chunk
        return head[:head.index(b"\n")]
    finally:
        os.close(fd)


class CourseCache:
    """The last result of each course, one file per course under ``.coursegen/courses/``: a first line
    with what every build needs (key, catalog card, nav, digests), then the validated course and pages."""

    def __init__(self, work_root: Path):
        self.folder = work_root / CACHE_DIR

    def _path(self, course_id: str) -> Path:
        return self.folder / f"{course_id}.json"

    def get(self, course_id: str, key: str, reload: Callable[[], tuple[str, dict]]) -> CourseResult | None:
        try:
            head = json.loads(_first_line(self.folder.parent, self._path(course_id)))
            if head.get("version") != CACHE_VERSION or head.get("key") != key:
                return None
            body = Body(entry=self._path(course_id), digest=str(head["body"]), reload=reload)
            pages = LazyPages(body, str(head["pages"]))
            course = RenderedCourse(course_id, str(head["title"]), pages, list(head["nav"]),  # type: ignore[arg-type]
                                    tuple(str(term) for term in head["search_terms"]))
            return CourseResult(course, dict(head["card"]), body, key=key)
        except (CourseGenError, OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, planted or garbled: read the course again

    def put(self, key: str, result: CourseResult) -> None:
        course = result.rendered
        body = json.dumps([result.loaded_json, dict(course.pages)], ensure_ascii=False).encode("utf-8")
        head = {"version": CACHE_VERSION, "key": key, "card": result.card, "title": course.title, "nav": course.nav,
                "search_terms": list(course.search_terms), "pages": pages_digest(course.pages),
                "body": hashlib.sha256(body).hexdigest()}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self._path(course.id), json.dumps(head, ensure_ascii=False).encode("utf-8") + b"\n" + body,
                             durable=False)
        except (CourseGenError, OSError):
            pass  # only a cache: the next build reads the course again

    def prune(self, keep: set[str]) -> None:
        """Forget courses that are gone."""
        for path in self.folder.glob("*.json") if self.folder.is_dir() else ():
            if path.stem not in keep:
                path.unlink(missing_ok=True)


def load_and_render(project: Project, work_root: Path | None = None, *, reuse: bool = True,
                    keep_later: bool = False) -> Generated:
    """Every course validated and rendered; with ``work_root``, each result is kept there for next time
    (with ``keep_later``, only when :meth:`Generated.keep` is called: a cold build first starts the engine)
    and (with ``reuse``) unchanged courses are taken from it instead.

    Raises ContentError listing every problem, as :func:`generator.project.load_project` does.
    """
    env = environment()
    unkept: list[Callable[[], None]] = []
    cache = CourseCache(work_root) if work_root is not None else None
    shared = shared_course_inputs(project) if cache is not None else ""

    def load(project: Project, course_dir: Path) -> tuple[CourseResult | None, list[Problem]]:
        key = course_key(project, course_dir, shared) if cache is not None else None
        if reuse and key is not None:
            reused = cache.get(course_dir.name, key, lambda: _again(project, course_dir, env))
            if reused is not None:
                return reused, []
        loaded, problems = load_course(project, course_dir)
        if loaded is None:
            return None, problems
        rendered, card = render_course(env, loaded)
        result = CourseResult(rendered, card, Body(loaded.model_dump_json(), rendered.pages), loaded, key)
        if key is not None:
            write = functools.partial(cache.put, key, result)
            if keep_later:
                unkept.append(write)
            else:
                write()
        return result, problems

    results = load_courses(project, load)
    if cache is not None:
        cache.prune({result.id for result in results})
    catalog = render_catalog(env, [result.card for result in results])
    return Generated(tuple(results), RenderedSite(catalog, tuple(result.rendered for result in results)), tuple(unkept))


def _again(project: Project, course_dir: Path, env) -> tuple[str, dict[str, str]]:
    """A reused course's validated course and pages, from its sources (its cache entry went bad meanwhile)."""
    loaded, problems = load_course(project, course_dir)
    if loaded is None:
        raise ContentError(problems)
    rendered, _ = render_course(env, loaded)
    return loaded.model_dump_json(), rendered.pages
