"""coursegen pack: one course as an offline zip."""

from __future__ import annotations

from pathlib import Path

import click

from .options import CONTEXT, configure_logging, engine_option, help_option, project_option


@click.command("pack", context_settings=CONTEXT,
               help="把一门课程打包成离线 zip（dist/<课程标识>-<版本>.zip）：解压后双击 index.html 即可学习，无需联网。")
@help_option
@project_option
@click.option("--course", "-c", "course_id", default=None, help="要打包的课程标识；只有一门课程时可省略。")
@click.option("--output", "-o", "output", type=click.Path(path_type=Path), default=None,
              help="zip 文件的位置，默认 dist/<课程标识>-<版本>.zip；写一个已有的文件夹时放在其中。")
@click.option("--scorm", "scorm", is_flag=True, default=False,
              help="打包成 SCORM 1.2 课件（dist/<课程标识>-<版本>-scorm.zip），可上传到 Moodle、学习通等学习平台，"
                   "由平台记录完成情况和成绩。")
@engine_option
def command(project: Path, course_id: str | None, output: Path | None, scorm: bool, engine: str | None) -> None:
    from .. import api

    configure_logging(False)
    package = api.pack(project.resolve(), course_id, output, scorm=scorm, engine=engine)
    click.echo(f"已打包 {package.path}（{package.files} 个文件，{package.size / 1024 / 1024:.1f} MB）")
    if scorm:
        click.echo("上传说明：在学习平台中添加“SCORM 课件”并上传此 zip（不要解压）；平台会记录完成情况、成绩和学习进度。"
                   "这个 zip 解压后也能直接打开 index.html 离线学习。")
    else:
        click.echo("分发说明：对方解压后，用浏览器打开文件夹中的 index.html；学习记录保存在所用的浏览器中。")
