"""coursegen export: question banks, papers and handouts for other tools."""

from __future__ import annotations

from pathlib import Path

import click

from .options import CONTEXT, help_option, project_option


def _export_help() -> str:
    from ..export import EXPORTERS

    formats = "；".join(f"{e.name}：{e.description}" for e in EXPORTERS.values())
    return f"导出题库、试卷、讲义等文件。FORMAT 为导出格式——{formats}。"


@click.command("export", context_settings=CONTEXT, help=_export_help())
@help_option
@click.argument("format_name", metavar="FORMAT")
@project_option
@click.option("--course", "-c", "course_id", default=None, help="只导出这门课程（课程标识）；默认导出全部课程。")
@click.option("--output", "-o", "output", default=None,
              help="输出文件或文件夹；默认写到 dist/。导出单个文本文件时写 - 表示输出到终端。")
@click.option("--variants", "variants", type=int, default=1,
              help="docx：每门课程出几套试卷（1–8，默认 1；A、B…卷的题目顺序和选项顺序不同，各有答案）。")
def command(format_name: str, project: Path, course_id: str | None, output: str | None, variants: int) -> None:
    from .. import api

    root = project.resolve()
    result = api.export(root, format_name, course_id, variants=variants)
    if output == "-":
        if len(result.files) != 1 or format_name not in {"json", "gift", "aiken", "moodle"}:
            raise click.UsageError("只有 json、moodle、gift、aiken 这类单个文本文件可以输出到终端")
        click.echo(next(iter(result.files.values())).decode("utf-8"), nl=False)
    else:
        for path in api.write_export(root, result, Path(output) if output else None):
            click.echo(f"已导出 {path}")
    for note in result.notes:
        click.echo(f"注意：{note}", err=True)
