"""Build the site: stage, run MkDocs, then swap the result into place.

Everything is built inside a private staging folder. Only when MkDocs has
succeeded are ``docs/generated/`` and ``site/`` replaced, so a failed build
leaves both exactly as they were, and hand-written files are only read.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import CourseGenError, ProjectError, SiteBuildError
from .fsutil import build_lock, detach_worker, swap_into_place, write_tree
from .incremental import (
    Manifest, build_fingerprint, generated_is_current, inputs_digest, link_tree, share_identical_assets,
    sources_digest,
)
from .project import Project
from .render import RenderedSite
from .search_index import MarkdownSettings, build_index, drop_theme_search, nav_labels, read_pages, write_index
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
    with _mkdocs_warnings() as warnings, key_terms(build_spec.search_terms, project.root / WORK_DIR) as cut:
        try:
            nav = build_spec.nav + hand_written_pages(project)
            config = load_config(str(project.mkdocs_file), docs_dir=str(docs), site_dir=str(site),
                                 nav=nav, strict=True)
            _add_theme_overrides(config)
            if build_spec.homepage:
                config.extra["homepage"] = build_spec.homepage  # the logo leads back to the catalog
            if config.site_url and build_spec.name != "catalog" and build_spec.homepage:
                # A course is published in its own folder below the catalog.
                config.site_url = config.site_url.rstrip("/") + f"/{build_spec.name}/"
            build(config)
            settings = MarkdownSettings(config.markdown_extensions, config.mdx_configs, config.use_directory_urls)
            index = build_index(build_spec.name, read_pages(docs), set(hand_written_pages(project)), settings, cut,
                                config.site_name, nav_labels(build_spec.nav), "../" if build_spec.homepage else None)
            write_index(site, index)
            drop_theme_search(site, config.plugins)
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


@dataclass(frozen=True)
class BuildReport:
    """What a build did: which sub-sites it built and which it reused."""

    site_dir: Path
    rebuilt: tuple[str, ...]
    reused: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.rebuilt) or not self.reused


def _site_path(root: Path, name: str) -> Path:
    return root if name == "catalog" else root / name


def _build_one(project: Project, spec: SiteBuild, out: Path, work: Path) -> str:
    run_mkdocs(project, spec, out, work)
    return spec.name


def _warm_up(project: Project) -> None:
    """Import MkDocs and material and load jieba's dictionary (about a second in all)."""
    import material  # noqa: F401
    import mkdocs.commands.build  # noqa: F401

    with key_terms((), project.root / WORK_DIR):
        pass


def _run_builds(project: Project, specs: list[SiteBuild], work: Path, jobs: int, lock_fd: int | None = None) -> None:
    """Build each sub-site into work/out/<name>, in parallel processes when there are several."""
    outputs = [(spec, work / "out" / spec.name) for spec in specs]
    if jobs <= 1 or len(specs) <= 1:
        for spec, out in outputs:
            _build_one(project, spec, out, work)
        return
    fork = sys.platform.startswith("linux")
    if fork:
        _warm_up(project)  # loaded once here, shared with every forked worker
    context = multiprocessing.get_context("fork" if fork else "spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, len(specs)), mp_context=context,
                             initializer=detach_worker, initargs=(lock_fd if fork else None,)) as pool:
        futures = [pool.submit(_build_one, project, spec, out, work) for spec, out in outputs]
        for future in futures:
            future.result()  # re-raises the first failure (SiteBuildError, ProjectError)


def remove_stale_work(work_root: Path) -> None:
    """Staging folders left by a build that was killed; safe to remove while we hold the lock."""
    for leftover in list(work_root.glob("build-*")) + list(work_root.glob("pack-*")):
        shutil.rmtree(leftover, ignore_errors=True)


def shared_inputs(project: Project) -> str:
    return inputs_digest(project.mkdocs_file, project.docs_dir, hand_written_files(project))


def unchanged_since_last_build(project: Project) -> tuple[str, ...] | None:
    """The sub-sites of the last build if no source changed since and its output is in place."""
    manifest = Manifest(project.root / WORK_DIR, project.site_dir)
    previous = manifest.read()
    if not previous or manifest.sources() != sources_digest(project.content_dir, project.quizzes_dir,
                                                             shared_inputs(project)):
        return None
    in_place = all(_site_path(project.site_dir, name).is_dir() for name in previous)
    return tuple(sorted(previous)) if in_place and generated_dir(project).is_dir() else None


def build_site(project: Project, rendered: RenderedSite, site_dir: Path | None = None, *,
               force: bool = False, jobs: int | None = None, sources: str | None = None) -> BuildReport:
    """Build what changed, reuse the rest, then swap the new site in.

    A build with nothing changed writes nothing at all. Otherwise the new site
    is assembled in a staging folder (rebuilt sub-sites plus hard links to the
    unchanged ones) and replaces ``site/`` in one step.
    """
    target = site_dir or project.site_dir
    work_root = project.root / WORK_DIR
    work_root.mkdir(exist_ok=True)
    specs = site_builds(rendered)
    names = [spec.name for spec in specs]
    with build_lock(work_root / "build.lock") as lock_fd:
        remove_stale_work(work_root)
        manifest = Manifest(work_root, target)
        previous = {} if force else manifest.read()
        shared = shared_inputs(project)
        fingerprints = {spec.name: build_fingerprint(shared, spec.pages, spec.nav, spec.search_terms, spec.homepage)
                        for spec in specs}
        reusable = {name for name in names
                    if previous.get(name) == fingerprints[name] and _site_path(target, name).is_dir()}
        generated_current = generated_is_current(generated_dir(project), rendered.pages)
        stale = set(previous) - set(names)  # courses removed since the last build
        if reusable == set(names) and generated_current and not stale:
            if sources and manifest.sources() != sources:
                manifest.write(fingerprints, sources)  # e.g. a comment edited: next time, skip sooner
            return BuildReport(target, (), tuple(names))

        with tempfile.TemporaryDirectory(prefix="build-", dir=work_root) as work_name:
            work = Path(work_name)
            to_build = [spec for spec in specs if spec.name not in reusable]
            _run_builds(project, to_build, work, jobs or os.cpu_count() or 1, lock_fd)
            site = work / "site"
            for name in names:  # the catalog first: courses are folders inside it
                destination = _site_path(site, name)
                if name in reusable:
                    skip = set(previous) if name == "catalog" else set()
                    link_tree(_site_path(target, name), destination, skip=skip - {"catalog"})
                else:
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(work / "out" / name, destination)
            share_identical_assets(site, [name for name in names if name != "catalog"])
            if not generated_current:
                generated = work / "generated"
                write_tree(generated, rendered.pages)
                swap_into_place(generated, generated_dir(project))
            swap_into_place(site, target)
            manifest.write(fingerprints, sources)
    return BuildReport(target, tuple(s.name for s in to_build), tuple(sorted(reusable)))
