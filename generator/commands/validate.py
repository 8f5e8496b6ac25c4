"""coursegen validate: check every course."""

from __future__ import annotations

from pathlib import Path

import click

from .options import CONTEXT, help_option, project_option


@click.command("validate", context_settings=CONTEXT, help="检查全部课程内容，无误时退出码为 0，有误时为 1。")
@help_option
@project_option
def command(project: Path) -> None:
    from .. import api

    courses = api.validate(project.resolve())
    for loaded in courses:
        files = len(loaded.source_files)
        questions = f"，{len(loaded.bank.questions)} 道题" if loaded.bank else "，无题库"
        click.echo(f"✓ {loaded.course.id}：{files} 个文件，{len(loaded.parts)} 个部分{questions}，内容无误")
    click.echo(f"检查通过：共 {len(courses)} 门课程。")
