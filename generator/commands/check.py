"""coursegen check: lint the question banks (and, given the speech, the course's faithfulness)."""

from __future__ import annotations

from pathlib import Path

import click

from .options import CONTEXT, help_option, project_option


@click.command("check", context_settings=CONTEXT,
               help="检查题库的出题质量（以及对照讲话原文检查课程的覆盖、照抄和偏离）。"
                    "没有错误时退出码为 0，有错误时为 1；加 --strict 时有警告也为 1。")
@help_option
@project_option
@click.option("--course", "-c", "course_id", default=None, help="只检查这门课程（课程标识）。")
@click.option("--strict", is_flag=True, help="有警告也算未通过（退出码 1）。")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="输出格式：text（默认）逐行列出，json 供其他工具读取。")
@click.option("--source", "-s", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="讲话原文的文本文件（UTF-8 或 GBK），对照检查覆盖、照抄、偏离和关键词语；"
                   "不写时使用 course.yml 的 source_text。")
@click.option("--rules", "list_rules", is_flag=True, help="列出全部检查规则及其默认阈值后退出。")
@click.pass_context
def command(ctx: click.Context, project: Path, course_id: str | None, strict: bool, output_format: str,
            source: Path | None, list_rules: bool) -> None:
    from ..check.output import as_json, as_text, rules_text
    from ..check.runner import check_project

    if list_rules:
        click.echo(rules_text(), nl=False)
        return
    report = check_project(project.resolve(), course_id, source)
    click.echo((as_json if output_format == "json" else as_text)(report, strict), nl=False)
    if report.failed(strict):
        ctx.exit(1)
