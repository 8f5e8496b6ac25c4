"""coursegen draft: start a course from a speech's text."""

from __future__ import annotations

from pathlib import Path

import click

from .options import CONTEXT, help_option, project_option


@click.command("draft", context_settings=CONTEXT,
               help="从讲话原文（纯文本，UTF-8 或 GBK）起草一门课程：按一、（一）、1. 等编号找出部分、小节和举措，"
                    "生成可以立即检查和构建的课程骨架，标题取自原文，概述标为“待填写”并注明对应的原文段落。"
                    "不会覆盖已有课程。")
@help_option
@click.argument("speech", metavar="讲话原文", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "course_id", required=True, metavar="课程标识", help="新课程的标识，例如 dangjian-2025。")
@project_option
def command(speech: Path, course_id: str, project: Path) -> None:
    from ..draft import write_draft
    from ..project import Project
    from ..speech import read_speech

    root = project.resolve()
    text = read_speech(speech, speech.as_posix())
    draft, written = write_draft(Project(root), text, speech, course_id)
    found = draft.outline
    click.echo(f"已从 {speech.as_posix()} 起草课程“{course_id}”（{text.encoding}，{len(text.paragraphs)} 段）："
               f"{len(found.parts)} 个部分、{draft.sections} 个小节、{draft.measures} 项举措。")
    for number, part in enumerate(found.parts, start=1):
        click.echo(f"  {number}. {part.title}：{len(part.children)} 个小节，"
                   f"{sum(len(s.children) for s in part.children)} 项举措")
    for path in written:
        click.echo(f"已创建 {path.relative_to(root).as_posix()}")
    check = f"coursegen check --course {course_id}" + ("" if draft.files["course.yml"].count("source_text:")
                                                       else f" --source {speech.as_posix()}")
    click.echo(f"下一步：把各文件中的“待填写”换成自己的概括，再运行 {check} 查看原文各段是否都已覆盖。")
