"""Options and settings that every command shares."""

from __future__ import annotations

import logging
from pathlib import Path

import click

CONTEXT = {"help_option_names": []}  # each command adds its own Chinese --help
help_option = click.help_option("-h", "--help", help="显示帮助并退出。")

PROJECT_META = "coursegen.project"
"""Where the project option leaves its value for the CLI's crash report (ctx.meta is shared by all contexts)."""


def _remember_project(ctx: click.Context, _: click.Parameter, value: Path) -> Path:
    ctx.meta[PROJECT_META] = value
    return value


project_option = click.option(
    "--project", "-p", "project", type=click.Path(file_okay=False, path_type=Path), default=".",
    callback=_remember_project, help="项目根目录（含 content/、docs/、mkdocs.yml），默认为当前目录。",
)


def configure_logging(verbose: bool) -> None:
    # MkDocs counts warnings (for strict mode) through a handler on its logger,
    # so its level must stay at WARNING or lower; quiet runs simply don't print.
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.setLevel(logging.INFO if verbose else logging.WARNING)
    if verbose:
        logging.basicConfig(format="%(message)s", level=logging.INFO)
    else:
        mkdocs_logger.propagate = False


def _engine_names() -> list[str]:
    from ..engines import ENGINES

    return list(ENGINES)


engine_option = click.option(
    "--engine", "-e", type=click.Choice(_engine_names()), default=None,
    help="用哪个程序把页面构建成网站：mkdocs（默认）或 zensical（更快，需先安装：pip install \"coursegen[zensical]\"）。",
)
