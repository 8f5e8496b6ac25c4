"""The plain Python API behind the CLI: one function per command."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomically, write_files_atomically
from .config_yaml import SiteConfig
from .errors import CourseGenError, ProjectError, quoted
from .export import EXPORTERS, ExportResult
from .loaded import LoadedCourse
from .project import Project, load_project
from .render import RenderedSite, render_site
from .render.progress import SCHEMA_DIR, WIDGET_SCHEMA_FILE
from .safe_files import check_inside
from .course_cache import load_and_render
from .incremental import keep_digests, remember_digests
from .engines import DEFAULT_ENGINE, require_engine
from .site import BuildReport, build_site, project_sources, unchanged_since_last_build, work_root
from .site_config import load_site_config

__all__ = ["validate", "generate", "build", "pack", "export", "write_export", "write_schemas", "json_schemas",
           "check_site_config", "site_config", "select_courses", "dist_dir", "write_atomically"]
"""``write_atomically`` is the one atomic writer (generator/atomic.py), offered here for commands."""


def schema_models() -> dict:
    """Each JSON Schema file with the model it describes (loaded only for ``coursegen schema``)."""
    from .export.json_bank import QuestionsDocument
    from .models import ChecklistFile, Course, Part
    from .quiz_models import QuestionBank, QuestionFile
    from .records.schema import ExportedRecord
    from .settings import ProjectSettings

    return {
        "course.schema.json": Course,
        "part.schema.json": Part,
        "checklist.schema.json": ChecklistFile,
        "quiz.schema.json": QuestionBank,
        "quiz-questions.schema.json": QuestionFile,
        "questions-export.schema.json": QuestionsDocument,
        "record.schema.json": ExportedRecord,
        "settings.schema.json": ProjectSettings,
    }


def validate(root: Path) -> list[LoadedCourse]:
    """Load and check all content; raise ContentError listing every problem."""
    return load_project(Project(Path(root)))


def generate(root: Path) -> tuple[list[LoadedCourse], RenderedSite]:
    courses = validate(root)
    return courses, render_site(courses)


@dataclass(frozen=True)
class BuildResult:
    course_ids: tuple[str, ...]
    pages: int
    site_dir: Path
    report: BuildReport


def site_config(project: Project) -> SiteConfig:
    """mkdocs.yml, read safely and checked, before anything is rendered; ContentError in Chinese."""
    if not project.mkdocs_file.exists() and not project.mkdocs_file.is_symlink():
        raise ProjectError(f"找不到 {project.display(project.mkdocs_file)}（提示：在项目根目录运行，或用 --project 指定项目）")
    return load_site_config(project)


def check_site_config(project: Project, engine: str = DEFAULT_ENGINE, config: SiteConfig | None = None) -> SiteConfig:
    """mkdocs.yml (``config`` if it was read already) checked by us and then by the engine's own rules,
    with every complaint at its line."""
    config = config or site_config(project)
    if engine == "zensical":
        from .zensical_engine import check_for_zensical

        check_for_zensical(config)  # Zensical checks the rest itself, quickly, when it builds
        return config
    from .mkdocs_engine import check_with_mkdocs

    if project.docs_dir.is_dir():
        check_with_mkdocs(config, project.docs_dir, project.site_dir)
    else:  # no hand-written docs: MkDocs wants some docs folder to judge the rest
        with tempfile.TemporaryDirectory(prefix="coursegen-docs-") as empty:
            check_with_mkdocs(config, Path(empty), project.site_dir)
    return config


def build_engine(project: Project, requested: str | None = None) -> str:
    """The engine to build with: ``--engine``, else coursegen.yml's ``build.engine``, else MkDocs;
    refused in Chinese if it is not installed."""
    if requested is None:
        from .settings import load_settings

        requested = load_settings(project.root).build.engine
    require_engine(requested)
    return requested


def build(root: Path, site_dir: Path | None = None, *, force: bool = False, jobs: int | None = None,
          engine: str | None = None, gate: Callable[[list], None] | None = None, ready=None) -> BuildResult:
    """Validate, generate and build what changed; on any error the old site stays as it was.

    Courses whose sources did not change since the last build are neither validated
    nor rendered again (``force`` reads them all); unchanged sub-sites are not rebuilt.
    ``gate`` sees every validated course before the site is built (the checks of
    ``coursegen check``) and may stop the build by raising. ``ready`` holds Zensical processes the caller
    started ahead (:class:`generator.zensical_process.ReadyProcesses`; the caller ends them).
    """
    project = Project(Path(root))
    config = site_config(project)
    engine = build_engine(project, engine)
    work = work_root(project)
    remember_digests(work)  # files unchanged since the last build are not read again to be hashed
    try:
        return _build(project, config, engine, site_dir, force, jobs, gate, ready)
    finally:
        keep_digests(work)


def _build(project: Project, config: SiteConfig, engine: str, site_dir: Path | None, force: bool, jobs: int | None,
           gate: Callable[[list], None] | None, early=None) -> BuildResult:
    sources = None
    if site_dir is None:
        # Unchanged sources since the last successful build: nothing to read, render or write.
        sources = project_sources(project, config, engine)
        unchanged = None if force else unchanged_since_last_build(project, config, sources, engine)
        if unchanged is not None:
            return BuildResult(tuple(n for n in unchanged if n != "catalog"), 0, project.site_dir,
                               BuildReport(project.site_dir, (), unchanged))
    check_site_config(project, engine, config)
    with ready_processes(project, engine, jobs, force or not project.site_dir.is_dir(), early) as ready:
        generated = load_and_render(project, work_root(project), reuse=not force, keep_later=True)

        def during() -> None:
            """With Zensical: while it renders, on the other core. Results are kept for next time; the checks
            run before anything is swapped in (courses reused unchanged keep their last findings)."""
            generated.keep()
            if gate is not None:
                gate(list(generated.results))

        report = build_site(project, config, generated.site, site_dir, force=force, jobs=jobs, sources=sources,
                            engine=engine, during=during, ready=ready)
    pages = 1 + sum(r.card["page_count"] for r in generated.results)  # the catalog and each course's (unread) pages
    return BuildResult(tuple(r.id for r in generated.results), pages, report.site_dir, report)


def ready_processes(project: Project, engine: str, jobs: int | None, everything: bool, early=None):
    """Zensical processes started now (or ``early``, by the caller), to load while the courses are validated
    and rendered: one per core when ``everything`` is to be built (and one for the catalog, at low priority,
    if a core is left for it), else one (an edit usually rebuilds one course)."""
    if engine != "zensical":
        if early is not None:
            early.keep(0)
        return contextlib.nullcontext()
    from .zensical_process import ReadyProcesses

    try:
        courses = len(project.course_dirs())
    except (CourseGenError, OSError):
        courses = 0  # the loader says what is wrong
    cores = jobs or os.cpu_count() or 1
    count = min(cores, courses) if everything else min(1, courses)
    catalog = everything and courses < cores  # else the catalog waits for a course's core anyway
    if early is not None:
        early.want(count, catalog)
        return contextlib.nullcontext(early)
    return ReadyProcesses(count, catalog)


def pack(root: Path, course_id: str | None = None, output: Path | None = None, *, scorm: bool = False,
         engine: str | None = None):
    """Build one course for file:// and zip it as dist/<course-id>-<version>.zip
    (a SCORM 1.2 package, dist/<course-id>-<version>-scorm.zip, with ``scorm``)."""
    from .pack import pack_course
    from .scorm_course import scorm_course

    project = Project(Path(root))
    engine = build_engine(project, engine)
    config = check_site_config(project, engine)
    courses, rendered = generate(root)
    chosen = course_id or (courses[0].course.id if len(courses) == 1 else None)
    version = next((c.course.version for c in courses if c.course.id == chosen), "")
    loaded = next((c for c in courses if c.course.id == chosen), None)
    package = scorm_course(loaded) if scorm and loaded is not None else None
    return pack_course(project, config, rendered, course_id, version, output, package, engine)


def select_courses(courses: list[LoadedCourse], course_id: str | None) -> list[LoadedCourse]:
    if course_id is None:
        return courses
    chosen = [c for c in courses if c.course.id == course_id]
    if not chosen:
        known = "、".join(c.course.id for c in courses)
        raise ProjectError(f"没有课程{quoted(course_id)}（现有：{known}）")
    return chosen


def export(root: Path, format_name: str, course_id: str | None = None, *, variants: int = 1) -> ExportResult:
    """Render an export in memory: file names (relative) with their bytes, and notes."""
    exporter = EXPORTERS.get(format_name)
    if exporter is None:
        raise ProjectError(f"不支持的导出格式{quoted(format_name)}（可用：{'、'.join(EXPORTERS)}）")
    if variants != 1 and not exporter.variants:
        supported = "、".join(e.name for e in EXPORTERS.values() if e.variants)
        raise ProjectError(f"--variants 只适用于 {supported} 格式")
    courses = select_courses(validate(root), course_id)
    if exporter.needs_bank and not any(c.bank for c in courses):
        raise ProjectError("所选课程没有题库（quizzes/<课程标识>.yml），无可导出的题目")
    return exporter.write(courses, course_id or ("questions" if exporter.needs_bank else "courses"), variants)


def write_export(root: Path, result: ExportResult, output: Path | None) -> list[Path]:
    """Write an export's files, all or nothing: one file to ``output`` (or dist/), several into a folder."""
    if output is not None and output.is_dir():
        folder = output  # an existing folder, even one named like a file ("exports.v2")
    elif len(result.files) == 1 and output is not None and output.suffix:
        return _write({output: next(iter(result.files.values()))})
    elif output is not None and output.suffix:
        raise ProjectError(f"这种格式会导出 {len(result.files)} 个文件，--output 请写一个文件夹，而不是 {output.name}")
    else:
        folder = output or dist_dir(Project(Path(root)))
    return _write({folder / name: data for name, data in result.files.items()})


def dist_dir(project: Project) -> Path:
    """dist/ at its real place inside the project (a link out of it is refused)."""
    return check_inside(project.root, project.root / "dist", "导出文件夹")


def _write(targets: dict[Path, bytes]) -> list[Path]:
    write_files_atomically(targets)
    return list(targets)


def json_schemas() -> dict[str, str]:
    """The JSON Schema of each kind of content file, as editors want it."""
    out = {}
    for name, model in schema_models().items():
        schema = _without_titles(model.model_json_schema())
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"
        schema["$id"] = name
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    from .records.schema import widget_schema

    # as the pages carry it: in the record's field order, which the widgets keep when they save
    out[WIDGET_SCHEMA_FILE] = json.dumps(widget_schema(), ensure_ascii=False, indent=2) + "\n"
    return out


def _without_titles(node):
    """Drop pydantic's English field titles; editors show our Chinese descriptions."""
    if isinstance(node, dict):
        return {k: _without_titles(v) for k, v in node.items() if not (k == "title" and isinstance(v, str))}
    if isinstance(node, list):
        return [_without_titles(v) for v in node]
    return node


def write_schemas(target: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema, all or nothing."""
    files = {target / name: text for name, text in json_schemas().items()}
    write_files_atomically(files)
    return list(files)
