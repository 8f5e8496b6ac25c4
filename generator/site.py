"""Build the site: stage, run MkDocs, then swap the result into place.

Everything is built inside a private staging folder. Only when MkDocs has
succeeded are ``docs/generated/`` and ``site/`` replaced, so a failed build
leaves both exactly as they were, and hand-written files are only read.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_new_files
from .config_yaml import SiteConfig
from .data_blocks import DataSetAside, directory_urls, set_aside
from .errors import ProjectError
from .file_errors import from_os_error
from .fsutil import build_lock, detach_worker, swap_into_place
from .incremental import Manifest, build_fingerprint, inputs_digest, sources_digest
from .engines import DEFAULT_ENGINE, SiteBuild, engine_fingerprint, run_engine
from .project import Project
from .render import RenderedSite
from .safe_files import check_inside, copy_file, walk_files
from .site_assembly import holds_only, in_place, share_identical_assets, stamps, sub_site_pages, write_pages
from .site_replace import Replacement, finish_interrupted, replace_all
from .segmentation import load_dictionary

__all__ = ["SiteBuild", "BuildReport", "build_site", "stage_and_build", "hand_written_files", "generated_dir",
           "work_root", "remove_stale_work", "shared_inputs", "unchanged_since_last_build", "WORK_DIR"]

GENERATED_DIR = "generated"
WORK_DIR = ".coursegen"
FORK_WORKERS = sys.platform.startswith("linux")
"""Parallel MkDocs builds fork their workers here; elsewhere they are spawned (started as new Pythons)."""
SITE_HINT = "删除这个链接，构建后再把 site/ 复制或同步到网站目录（例如 rsync -a --delete site/ 网站目录/）"


def generated_dir(project: Project) -> Path:
    """docs/generated, at its real place inside the project (it may be a link within it)."""
    return check_inside(project.root, project.docs_dir / GENERATED_DIR, "生成页面的文件夹")


def work_root(project: Project) -> Path:
    """.coursegen/: staging, the manifest and the lock; created inside the project, never through a link out."""
    folder = check_inside(project.root, project.root / WORK_DIR, "工作文件夹")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise from_os_error(exc, "创建文件夹", project.root / WORK_DIR) from None
    return folder


def hand_written_files(project: Project) -> list[Path]:
    """Files under docs/ that people write: everything except the generated folder.

    Read through the safe layer: a link out of the project stops the build
    with its name, so nothing from outside is ever published.
    """
    return list(walk_files(project.root, project.docs_dir, skip=project.docs_dir / GENERATED_DIR))


def stage_docs(project: Project, pages: dict[str, str], docs: Path) -> list[str]:
    """Hand-written docs plus generated pages in ``docs``; returns the hand-written pages for the nav."""
    hand_written = []
    for path in hand_written_files(project):
        relative = path.relative_to(project.docs_dir).as_posix()
        if relative in pages:
            raise ProjectError(
                f"手写文件 docs/{relative} 与生成的页面同名（请改名或删除该手写文件，生成的页面由 content/ 决定）"
            )
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        copy_file(project.root, path, target)
        if path.suffix == ".md":
            hand_written.append(relative)
    write_new_files(docs, pages)
    return hand_written


def stage_and_build(project: Project, config: SiteConfig, spec: SiteBuild, site: Path, work: Path) -> str:
    """Stage the docs of one sub-site and run its engine on them (hand-written pages come after the courses)."""
    docs = work / f"docs-{spec.name}"
    aside = set_aside(spec.pages)
    hand_written = stage_docs(project, aside.pages, docs)
    try:
        run_engine(spec, config, docs, hand_written, site, project.root / WORK_DIR)
        aside.put_back(site, directory_urls(config))
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise from_os_error(exc, "写入", work) from None  # a write into staging failed: name the folder
    return spec.name


def site_builds(rendered: RenderedSite, engine: str = DEFAULT_ENGINE) -> list[SiteBuild]:
    """The catalog at the site root, then one build per course in its own folder."""
    builds = [SiteBuild("catalog", {"index.md": rendered.catalog}, [{"课程目录": "index.md"}], engine=engine)]
    for course in rendered.courses:
        builds.append(SiteBuild(course.id, course.pages, course.nav, course.search_terms, "../index.html", engine))
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


def _warm_up(project: Project, engine: str) -> None:
    """Import MkDocs and material (when they build) and load jieba's dictionary (about a second in all)."""
    if engine == "mkdocs":
        import material  # noqa: F401
        import mkdocs.commands.build  # noqa: F401

    load_dictionary(project.root / WORK_DIR)


def _run_builds(project: Project, config: SiteConfig, specs: list[SiteBuild], work: Path, jobs: int,
                lock_fd: int | None = None, during: Callable[[], None] | None = None, ready=None) -> None:
    """Build each sub-site into work/out/<name>, in parallel processes when there are several;
    ``during`` runs once, while they build (Zensical) or before (MkDocs)."""
    if specs and specs[0].engine == "zensical":
        _run_zensical_builds(project, config, specs, work, jobs, during, ready)
        return
    if during is not None:
        during()
    outputs = [(spec, work / "out" / spec.name) for spec in specs]
    if jobs <= 1 or len(specs) <= 1:
        for spec, out in outputs:
            stage_and_build(project, config, spec, out, work)
        return
    fork = FORK_WORKERS
    if fork:
        _warm_up(project, specs[0].engine)  # loaded once here, shared with every forked worker
    import multiprocessing  # only here: a Zensical build never loads it
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if fork else "spawn")
    # the pool starts a helper process as it is made and its workers as jobs arrive
    with _safe_path(not fork), ProcessPoolExecutor(max_workers=min(jobs, len(specs)), mp_context=context,
                                                   initializer=detach_worker,
                                                   initargs=(lock_fd if fork else None,)) as pool:
        futures = [pool.submit(stage_and_build, project, config, spec, out, work) for spec, out in outputs]
        for future in futures:
            future.result()  # re-raises the first failure (SiteBuildError, ProjectError)


@contextlib.contextmanager
def _safe_path(active: bool):
    """Processes spawned meanwhile do not import from the folder they start in (often the project): a
    spawned process is ``python -c``, which would look there first (PYTHONSAFEPATH: Python 3.11 and later)."""
    if not active:
        yield
        return
    before = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = before


def _run_zensical_builds(project: Project, config: SiteConfig, specs: list[SiteBuild], work: Path, jobs: int,
                         during: Callable[[], None] | None, ready) -> None:
    """Zensical renders up to ``jobs`` sub-sites at once, each in its own child process, while this
    process runs ``during`` (the checks) and builds their search indexes: both cores stay busy."""
    from .zensical_engine import start_zensical, stop_process

    # The courses first; the catalog last, in the process kept for it at low priority.
    pending, running = sorted(specs, key=lambda spec: spec.name == "catalog"), []
    asides: dict[str, DataSetAside] = {}

    def launch() -> None:
        while pending and len(running) < max(jobs, 1):
            spec = pending.pop(0)
            docs = work / f"docs-{spec.name}"
            asides[spec.name] = set_aside(spec.pages)
            hand_written = stage_docs(project, asides[spec.name].pages, docs)
            process = ready.take(catalog=spec.name == "catalog") if ready else None
            try:
                running.append(start_zensical(config, spec, docs, hand_written, process))
            except BaseException:
                if process is not None:
                    stop_process(process)
                raise

    try:
        try:
            launch()
            if during is not None:
                during()
            indexes: dict[str, dict | Exception] = {}
            while running:
                for run in running:  # all of them before waiting for any: the first may take longest
                    if run.spec.name not in indexes:
                        indexes[run.spec.name] = run.search_index(project.root / WORK_DIR)
                run = running.pop(0)
                try:
                    run.finish(work / "out" / run.spec.name, indexes.pop(run.spec.name))
                finally:
                    stop_process(run.process)
                asides.pop(run.spec.name).put_back(work / "out" / run.spec.name, directory_urls(config))
                launch()
        except OSError as exc:
            if exc.filename is not None:
                raise
            raise from_os_error(exc, "写入", work) from None  # a write into staging failed: name the folder
    finally:
        for run in running:
            stop_process(run.process)


def remove_stale_work(work: Path) -> None:
    """Staging folders left by a build that was killed; safe to remove while we hold the lock."""
    for leftover in list(work.glob("build-*")) + list(work.glob("pack-*")):
        shutil.rmtree(leftover, ignore_errors=True)


def shared_inputs(project: Project, config: SiteConfig, engine: str = DEFAULT_ENGINE) -> str:
    """What every sub-site owes to the project and the tools: settings, hand-written docs, generator, engine."""
    return inputs_digest(project.root, config.mkdocs_text() + engine_fingerprint(engine), project.docs_dir,
                         hand_written_files(project))


def site_target(project: Project) -> Path:
    """site/ at its real place: a link to a folder inside the project is followed, one out of it refused."""
    return check_inside(project.root, project.site_dir, "网站文件夹", hint=SITE_HINT)


def unchanged_since_last_build(project: Project, config: SiteConfig | None = None, sources: str | None = None,
                               engine: str = DEFAULT_ENGINE) -> tuple[str, ...] | None:
    """The sub-sites of the last build if no source changed since and its output is in place."""
    if sources is None:
        from .site_config import load_site_config

        sources = project_sources(project, config or load_site_config(project), engine)
    target = site_target(project)
    manifest = Manifest(work_root(project), target)
    previous = manifest.read()
    if not previous or sources is None or manifest.sources() != sources:
        return None
    in_place = all(_site_path(target, name).is_dir() for name in previous)
    return tuple(sorted(previous)) if in_place and generated_dir(project).is_dir() else None


def project_sources(project: Project, config: SiteConfig, engine: str = DEFAULT_ENGINE) -> str | None:
    """One digest of every source of the project (None if some cannot be read: the loader will say why)."""
    return sources_digest(project.root, project.content_dir, project.quizzes_dir,
                          shared_inputs(project, config, engine))


def build_site(project: Project, config: SiteConfig, rendered: RenderedSite, site_dir: Path | None = None, *,
               force: bool = False, jobs: int | None = None, sources: str | None = None,
               engine: str = DEFAULT_ENGINE, during: Callable[[], None] | None = None, ready=None) -> BuildReport:
    """Build what changed, reuse the rest, then put the new parts in place.

    A build with nothing changed writes nothing at all. A first or forced build
    assembles a whole new site in a staging folder and swaps it in together with
    ``docs/generated/``: both or neither. Any other build replaces only the
    rebuilt sub-sites' folders and pages, all or none (see
    :mod:`generator.site_assembly`). ``during`` (the checks) runs once before
    anything is put in place, while the engine renders if it runs in child
    processes, and may stop the build by raising; ``ready`` holds Zensical
    processes started ahead.
    """
    target = site_dir or site_target(project)
    work = work_root(project)
    specs = site_builds(rendered, engine)
    names = [spec.name for spec in specs]
    with build_lock(work / "build.lock") as lock_fd:
        finish_interrupted(project.root, work)  # a killed build's half-done replacement is undone first
        remove_stale_work(work)
        manifest = Manifest(work, target)
        previous = {} if force or not target.is_dir() else manifest.read()
        shared = shared_inputs(project, config, engine)
        fingerprints = {spec.name: build_fingerprint(shared, spec.pages, spec.nav, spec.search_terms, spec.homepage)
                        for spec in specs}
        reusable = {name for name in names
                    if previous.get(name) == fingerprints[name] and _site_path(target, name).is_dir()}
        generated = generated_dir(project)
        pages = sub_site_pages(rendered)
        found = stamps(generated, names) if previous and holds_only(generated, names) else {}
        written = manifest.stamps()
        pages_current = {name for name in found if found[name] == written.get(name)}
        stale = sorted(set(previous) - set(names))  # courses removed since the last build
        if reusable == set(names) and pages_current == set(names) and not stale:
            if ready is not None:
                ready.keep(0)
            if during is not None:
                during()
            if sources and manifest.sources() != sources:
                manifest.write(fingerprints, sources, found)  # e.g. a comment edited: next time, skip sooner
            return BuildReport(target, (), tuple(names))

        with tempfile.TemporaryDirectory(prefix="build-", dir=work) as work_name:
            staging = Path(work_name)
            to_build = [spec for spec in specs if spec.name not in reusable]
            if ready is not None:
                built_names = [spec.name for spec in to_build]
                ready.keep(len(built_names) - ("catalog" in built_names), "catalog" in built_names)
            whole = not reusable

            def meanwhile() -> None:
                """While the engine renders: a whole new site's generated pages are staged beside it."""
                if whole:
                    for name in names:
                        write_pages(staging / "generated", name, pages[name])
                if during is not None:
                    during()

            _run_builds(project, config, to_build, staging, jobs or os.cpu_count() or 1, lock_fd, meanwhile,
                        ready)
            built = [spec.name for spec in to_build]
            if whole:
                _swap_whole(target, generated, staging, names)
            else:
                leftovers = not holds_only(generated, names)  # then all pages are written again
                rewrite = [] if leftovers else [name for name in names if name not in pages_current or name in built]
                replacements = in_place(target, generated, staging, built, stale, pages, rewrite,
                                        [name for name in names if name != "catalog"])
                if leftovers:
                    for name in names:
                        write_pages(staging / "generated", name, pages[name])
                    replacements.append(Replacement(generated, staging / "generated", staging / "aside" / "pages"))
                # Cleared first: whatever happens from here, what moves is rebuilt next time unless it is done.
                manifest.write({name: fingerprints[name] for name in reusable}, None,
                               {name: found[name] for name in pages_current if name not in rewrite})
                replace_all(work, replacements)
            manifest.write(fingerprints, sources, stamps(generated, names))
    return BuildReport(target, tuple(built), tuple(sorted(reusable)))


def _swap_whole(target: Path, generated: Path, staging: Path, names: list[str]) -> None:
    """A whole new site and the folder of generated pages staged beside it, swapped in together."""
    site = staging / "site"
    for name in names:  # the catalog first: courses are folders inside it
        destination = _site_path(site, name)
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / "out" / name, destination)
    share_identical_assets(site, [name for name in names if name != "catalog"])
    swap_into_place([(site, target), (staging / "generated", generated)])
