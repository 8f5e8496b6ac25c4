"""coursegen records: gather learners' exported records into one roster."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ProjectError
from .options import CONTEXT, help_option, project_option


@click.command("records", context_settings=CONTEXT,
               help="汇总学员导出的学习记录（学习记录-姓名-课程标识.json）：读取 FILES 中的文件和文件夹，"
                    "写出一个 Excel 名册（每位学员每门课程一行，另有每门课程的汇总表）。"
                    "格式不对、不属于本课程、重复或被改动过的记录各报告一行，其余照常汇总。")
@help_option
@click.argument("paths", metavar="FILES", nargs=-1, required=True, type=click.Path(path_type=Path))
@project_option
@click.option("--course", "-c", "course_id", default=None, help="只汇总这门课程（课程标识）；默认汇总全部课程。")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="名册文件（.xlsx）；默认为 dist/学习记录名册.xlsx。")
def command(paths: tuple[Path, ...], project: Path, course_id: str | None, output: Path | None) -> None:
    from .. import api
    from ..records import gather

    root = project.resolve()
    target = output or root / gather.DEFAULT_OUTPUT
    if target.suffix.lower() != ".xlsx":
        raise ProjectError(f"名册文件的扩展名应为 .xlsx，而不是 {target.name}")
    data, collected = gather.roster(list(paths), root, course_id)
    for message in collected.messages:
        click.echo(message, err=True)
    try:
        api.write_atomically(target, data)
    except OSError as exc:
        raise ProjectError(f"无法写入 {target}：{exc.strerror or exc}（请换一个位置，或检查文件夹的权限）") from None
    courses = len({r.course for r in collected.current})
    other = f"，另有 {len(collected.other_versions)} 份其他版本的记录" if collected.other_versions else ""
    click.echo(f"已写入 {target}：{len(collected.current)} 位学员的记录，{courses} 门课程{other}。")
