"""coursegen serve: live preview."""

from __future__ import annotations

from pathlib import Path

import click

from .options import CONTEXT, configure_logging, engine_option, help_option, project_option


@click.command("serve", context_settings=CONTEXT,
               help="本地预览：修改 content/ 或 quizzes/ 后自动重新生成并刷新浏览器；内容出错时继续显示上次成功的版本。")
@help_option
@project_option
@click.option("--host", default="127.0.0.1", help="监听地址，默认 127.0.0.1。")
@click.option("--port", default=8000, type=int, help="监听端口，默认 8000。")
@engine_option
def command(project: Path, host: str, port: int, engine: str | None) -> None:
    from ..serve import serve as run_server

    configure_logging(False)
    run_server(project.resolve(), host, port, echo=click.echo, engine=engine)
