"""coursegen build: validate, render and build site/."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import click

from ..template_env import compiled_ahead
from ..zensical_process import ReadyProcesses, zensical_expected
from .options import CONTEXT, configure_logging, engine_option, help_option, project_option


@click.command("build", context_settings=CONTEXT,
               help="检查内容、生成页面并构建 site/。出错时原有的 site/ 保持不变。")
@help_option
@project_option
@click.option("--verbose", "-v", is_flag=True, help="显示 MkDocs 的详细输出。")
@click.option("--force", "-f", is_flag=True, help="全部重新构建，不沿用上次构建中没有变化的课程。")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="同时构建的课程数，默认等于 CPU 核数。")
@click.option("--strict", is_flag=True, help="题库检查（coursegen check）有警告时也不构建，退出码为 1。")
@engine_option
def command(project: Path, verbose: bool, force: bool, jobs: int | None, strict: bool, engine: str | None) -> None:
    started = time.perf_counter()
    root = project.resolve()
    # Zensical's processes and our templates' compiler start first: they load on the other core while
    # coursegen loads, validates and renders.
    with _early_processes(root, engine, force, jobs) as ready, compiled_ahead():
        from .. import api
        from ..check.gate import BuildGate

        configure_logging(verbose)
        gate = BuildGate(root, strict, lambda line: click.echo(line, err=True))
        if strict:  # an unchanged site may still have warnings: check before the no-change shortcut
            gate(api.validate(root))
        result = api.build(root, force=force, jobs=jobs, engine=engine, gate=None if strict else gate, ready=ready)
    gate.report()
    seconds = time.perf_counter() - started
    report = result.report
    if not report.changed:
        click.echo(f"没有变化：网站已是最新，未写入任何文件（用时 {seconds:.1f} 秒；用 --force 可强制重建）。")
        return
    courses = [name for name in report.rebuilt if name != "catalog"]
    reused = [name for name in report.reused if name != "catalog"]
    detail = f"重建 {len(courses)} 门课程" + (f"、沿用 {len(reused)} 门未变的课程" if reused else "")
    click.echo(f"构建完成：{len(result.course_ids)} 门课程，{result.pages} 个生成页面，{detail}，用时 {seconds:.1f} 秒。")
    click.echo(f"网站位于 {result.site_dir}，可直接用浏览器打开其中的 index.html。")


def _early_processes(root: Path, engine: str | None, force: bool, jobs: int | None):
    """Zensical's processes, started before coursegen loads when this build will most likely use it
    (the build keeps as many as it needs, or none)."""
    if not zensical_expected(root, engine):
        return contextlib.nullcontext()
    everything = force or not (root / "site").is_dir()
    return ReadyProcesses(1, catalog=everything and (jobs or os.cpu_count() or 1) > 1)
