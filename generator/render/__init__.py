"""Render validated courses to Markdown pages, in memory.

Pure: the same courses always give the same pages (byte for byte), and
nothing here touches the file system except reading templates. Each course
is its own MkDocs site (its own navigation and search index); the catalog
at the site root links to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..loaded import LoadedCourse
from .pages import course_pages, environment, finish, hours_text, search_terms
from .site_map import HOME_PAGE, build_course_map, html_path, nav_for
from .text import nav_title, plain


@dataclass(frozen=True)
class RenderedCourse:
    """One course's pages (paths relative to the course folder), nav and search terms."""

    id: str
    title: str
    pages: dict[str, str]
    nav: list[dict[str, Any]]
    search_terms: tuple[str, ...]


@dataclass(frozen=True)
class RenderedSite:
    catalog: str
    courses: tuple[RenderedCourse, ...]

    @property
    def pages(self) -> dict[str, str]:
        """Every generated page by its path under docs/generated/."""
        out = {HOME_PAGE: self.catalog}
        for course in self.courses:
            out.update({f"{course.id}/{path}": text for path, text in course.pages.items()})
        return dict(sorted(out.items()))


def render_site(courses: list[LoadedCourse]) -> RenderedSite:
    env = environment()
    rendered = [render_course(env, loaded) for loaded in courses]
    return RenderedSite(render_catalog(env, [card for _, card in rendered]), tuple(course for course, _ in rendered))


def render_course(env, loaded: LoadedCourse) -> tuple[RenderedCourse, dict[str, Any]]:
    """One course's pages, and its card in the catalog (plain data: a build may keep it for next time)."""
    m = build_course_map(loaded)
    prefix = f"{m.id}/"
    pages = {path.removeprefix(prefix): text for path, text in course_pages(env, m).items()}
    course = RenderedCourse(m.id, plain(loaded.course.title), dict(sorted(pages.items())),
                            _relative_nav(nav_for(m), prefix), tuple(sorted(search_terms(loaded))))
    card = {
        "course": loaded.course.model_dump(mode="json"),
        "home": html_path(m.home.path),
        "hours": hours_text(loaded.course.hours),
        "part_count": len(loaded.parts),
        "page_count": len(pages),
        "questions": len(loaded.bank.questions) if loaded.bank else 0,
    }
    return course, card


def render_catalog(env, cards: list[dict[str, Any]]) -> str:
    """The catalog page at the site root: one card per course, in the order given."""
    return finish(env.get_template("catalog.md.j2").render(courses=cards))


def _relative_nav(entries: Any, prefix: str) -> Any:
    """Nav paths relative to the course folder, which is the docs root of its build.

    Titles are escaped: MkDocs passes nav titles to the theme as HTML.
    """
    if isinstance(entries, list):
        return [_relative_nav(entry, prefix) for entry in entries]
    if isinstance(entries, dict):
        return {nav_title(key): _relative_nav(value, prefix) for key, value in entries.items()}
    return entries.removeprefix(prefix)
