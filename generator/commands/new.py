"""coursegen new: start a course from the scaffold."""

from __future__ import annotations

from pathlib import Path

import click

from .options import CONTEXT, help_option, project_option


@click.command("new", context_settings=CONTEXT,
               help="新建一门课程：生成 content/<课程标识>/ 下的全部文件和 quizzes/<课程标识>.yml，内容为“待填写”的占位文字，可立即检查和构建。不会覆盖已有课程。")
@help_option
@click.argument("course_id", metavar="课程标识")
@project_option
def command(course_id: str, project: Path) -> None:
    from ..new_course import create_course
    from ..project import Project

    root = project.resolve()
    for path in create_course(Project(root), course_id):
        click.echo(f"已创建 {path.relative_to(root).as_posix()}")
    click.echo("下一步：把各文件中的“待填写”换成课程内容，然后运行 coursegen validate 和 coursegen build。")
