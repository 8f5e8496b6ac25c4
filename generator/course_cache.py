"""Source-level incremental builds: a course whose sources did not change is not read again.

Each course's last result (the validated course, its rendered pages and nav,
and its card in the catalog) is kept in ``.coursegen/courses/<id>.json``,
keyed by one digest of everything that could change it: its own files
(``content/<id>/``, ``quizzes/<id>.yml`` and ``quizzes/<id>/``), the
hand-written page names it must not collide with, and coursegen itself (its
code, templates and the versions of the tools it drives). A course whose key
matches is neither validated nor rendered; the others are, and so are the
checks across courses (bank files without a course, the catalog), every time.

A missing, garbled or planted entry is only a miss: the course is read again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import write_atomically
from .bank_loader import BANK_SUFFIX
from .course_loader import load_course
from .errors import CourseGenError, Problem
from .incremental import files_digest, generator_digest
from .loaded import LoadedCourse
from .names import hand_written
from .project import Project, load_courses
from .render import RenderedCourse, RenderedSite, render_catalog, render_course
from .render.pages import environment
from .safe_files import read_bytes, walk_files

CACHE_VERSION = 1
CACHE_DIR = "courses"
MAX_ENTRY_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class CourseResult:
    """One course, validated and rendered: now, or by an earlier build from the same sources."""

    rendered: RenderedCourse
    card: dict[str, Any]
    loaded_json: str
    fresh: LoadedCourse | None = None
    """The course as validated in this run; None when it was reused."""
    key: str | None = None
    """The digest of its sources it was kept under (None: not kept)."""

    @property
    def id(self) -> str:
        return self.rendered.id

    def course(self) -> LoadedCourse:
        """The validated course (a reused one is read back from its last result)."""
        return self.fresh or LoadedCourse.model_validate_json(self.loaded_json)


@dataclass(frozen=True)
class Generated:
    results: tuple[CourseResult, ...]
    site: RenderedSite

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


class CourseCache:
    """The last result of each course, one JSON file per course under ``.coursegen/courses/``."""

    def __init__(self, work_root: Path):
        self.folder = work_root / CACHE_DIR

    def _path(self, course_id: str) -> Path:
        return self.folder / f"{course_id}.json"

    def get(self, course_id: str, key: str) -> CourseResult | None:
        try:
            data = json.loads(read_bytes(self.folder.parent, self._path(course_id), MAX_ENTRY_BYTES))
            if data.get("version") != CACHE_VERSION or data.get("key") != key:
                return None
            rendered = data["rendered"]
            course = RenderedCourse(course_id, str(rendered["title"]), dict(rendered["pages"]), list(rendered["nav"]),
                                    tuple(rendered["search_terms"]))
            if not all(isinstance(k, str) and isinstance(v, str) for k, v in course.pages.items()):
                return None
            return CourseResult(course, dict(data["card"]), str(data["loaded"]), key=key)
        except (CourseGenError, OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, planted or garbled: read the course again

    def put(self, key: str, result: CourseResult) -> None:
        course = result.rendered
        document = {"version": CACHE_VERSION, "key": key, "loaded": result.loaded_json, "card": result.card,
                    "rendered": {"title": course.title, "pages": course.pages, "nav": course.nav,
                                 "search_terms": list(course.search_terms)}}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self._path(course.id), json.dumps(document, ensure_ascii=False), durable=False)
        except (CourseGenError, OSError):
            pass  # only a cache: the next build reads the course again

    def prune(self, keep: set[str]) -> None:
        """Forget courses that are gone."""
        for path in self.folder.glob("*.json") if self.folder.is_dir() else ():
            if path.stem not in keep:
                path.unlink(missing_ok=True)


def load_and_render(project: Project, work_root: Path | None = None, *, reuse: bool = True) -> Generated:
    """Every course validated and rendered; with ``work_root``, each result is kept there for next time
    and (with ``reuse``) unchanged courses are taken from it instead.

    Raises ContentError listing every problem, as :func:`generator.project.load_project` does.
    """
    env = environment()
    cache = CourseCache(work_root) if work_root is not None else None
    shared = shared_course_inputs(project) if cache is not None else ""

    def load(project: Project, course_dir: Path) -> tuple[CourseResult | None, list[Problem]]:
        key = course_key(project, course_dir, shared) if cache is not None else None
        if reuse and key is not None and (reused := cache.get(course_dir.name, key)) is not None:
            return reused, []
        loaded, problems = load_course(project, course_dir)
        if loaded is None:
            return None, problems
        rendered, card = render_course(env, loaded)
        result = CourseResult(rendered, card, loaded.model_dump_json(), loaded, key)
        if key is not None:
            cache.put(key, result)
        return result, problems

    results = load_courses(project, load)
    if cache is not None:
        cache.prune({result.id for result in results})
    catalog = render_catalog(env, [result.card for result in results])
    return Generated(tuple(results), RenderedSite(catalog, tuple(result.rendered for result in results)))
