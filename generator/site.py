"""Build the site: stage, run MkDocs, then swap the result into place.

Everything is built inside a private staging folder. Only when MkDocs has
succeeded are ``docs/generated/`` and ``site/`` replaced, so a failed build
leaves both exactly as they were, and hand-written files are only read.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import CourseGenError, ProjectError, SiteBuildError
from .fsutil import build_lock, swap_into_place, write_tree
from .project import Project
from .render import RenderedSite
from .search_index import rewrite_search_index
from .segmentation import key_terms

GENERATED_DIR = "generated"
WORK_DIR = ".coursegen"


def generated_dir(project: Project) -> Path:
    return project.docs_dir / GENERATED_DIR


def hand_written_files(project: Project) -> list[Path]:
    """Files under docs/ that people write: everything except the generated folder."""
    skip = generated_dir(project)
    files = []
    for path in sorted(project.docs_dir.rglob("*")):
        if path.is_file() and skip not in path.parents:
            files.append(path)
    return files


def hand_written_pages(project: Project) -> list[str]:
    """Hand-written Markdown pages, listed after the courses (titled by their heading)."""
    return [path.relative_to(project.docs_dir).as_posix()
            for path in hand_written_files(project) if path.suffix == ".md"]


def stage_docs(project: Project, pages: dict[str, str], docs: Path) -> None:
    """Hand-written docs plus generated pages (paths relative to ``docs``)."""
    for path in hand_written_files(project):
        relative = path.relative_to(project.docs_dir).as_posix()
        if relative in pages:
            raise ProjectError(
                f"手写文件 docs/{relative} 与生成的页面同名（请改名或删除该手写文件，生成的页面由 content/ 决定）"
            )
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    write_tree(docs, pages)


class _CollectWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _mkdocs_warnings() -> Iterator[_CollectWarnings]:
    handler = _CollectWarnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


THEME_OVERRIDES = Path(__file__).parent / "theme"


def _add_theme_overrides(config) -> None:
    """Put our template overrides just above material's own templates.

    A project's own ``custom_dir`` stays first, so trainers can still
    override anything, and mkdocs.yml needs no path into this package.
    """
    import material

    material_dir = os.path.dirname(material.__file__)
    dirs = config.theme.dirs
    position = next((i for i, d in enumerate(dirs) if os.path.abspath(d).startswith(material_dir)), 0)
    dirs.insert(position, str(THEME_OVERRIDES))


@dataclass(frozen=True)
class SiteBuild:
    """One MkDocs run: which pages, which nav, which search terms, where to."""

    name: str
    pages: dict[str, str]
    nav: list
    search_terms: tuple[str, ...] = ()
    homepage: str | None = None


def run_mkdocs(project: Project, build_spec: SiteBuild, site: Path, work: Path) -> None:
    """Stage the docs of one build and run MkDocs with the project's mkdocs.yml on them."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not project.mkdocs_file.is_file():
        raise ProjectError(f"找不到 {project.display(project.mkdocs_file)}")
    docs = work / f"docs-{build_spec.name}"
    stage_docs(project, build_spec.pages, docs)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with _mkdocs_warnings() as warnings, key_terms(build_spec.search_terms):
        try:
            nav = build_spec.nav + hand_written_pages(project)
            config = load_config(str(project.mkdocs_file), docs_dir=str(docs), site_dir=str(site),
                                 nav=nav, strict=True)
            _add_theme_overrides(config)
            if build_spec.homepage:
                config.extra["homepage"] = build_spec.homepage  # the logo leads back to the catalog
            build(config)
            rewrite_search_index(site)
        except MkDocsException as exc:
            details = "\n".join(f"  {m}" for m in warnings.messages) or f"  {exc}"
            raise SiteBuildError(f"MkDocs 构建失败，原有的 site/ 保持不变：\n{details}") from None
        except CourseGenError:
            raise
        except Exception as exc:  # a broken mkdocs.yml surfaces as YAML or type errors
            raise SiteBuildError(f"MkDocs 构建失败，原有的 site/ 保持不变：{type(exc).__name__}: {exc}") from None


def site_builds(rendered: RenderedSite) -> list[SiteBuild]:
    """The catalog at the site root, then one build per course in its own folder."""
    builds = [SiteBuild("catalog", {"index.md": rendered.catalog}, [{"课程目录": "index.md"}])]
    for course in rendered.courses:
        builds.append(SiteBuild(course.id, course.pages, course.nav, course.search_terms, "../index.html"))
    return builds


def build_site(project: Project, rendered: RenderedSite, site_dir: Path | None = None) -> Path:
    """Stage, build every site, then swap the results in; return the site folder."""
    target = site_dir or project.site_dir
    work_root = project.root / WORK_DIR
    work_root.mkdir(exist_ok=True)
    with build_lock(work_root / "build.lock"):
        with tempfile.TemporaryDirectory(prefix="build-", dir=work_root) as work_name:
            work = Path(work_name)
            for spec in site_builds(rendered):
                # The catalog cleans and fills the root; each course fills its own folder below it.
                site = work / "site" if spec.name == "catalog" else work / "site" / spec.name
                run_mkdocs(project, spec, site, work)
            generated = work / "generated"
            write_tree(generated, rendered.pages)
            swap_into_place(generated, generated_dir(project))
            swap_into_place(work / "site", target)
    return target
