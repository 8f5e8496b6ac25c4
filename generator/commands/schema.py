"""coursegen schema: write the JSON Schemas for editors."""

from __future__ import annotations

from pathlib import Path

import click

from .options import CONTEXT, help_option


@click.command("schema", context_settings=CONTEXT, help="导出 JSON Schema，供编辑器（如 VS Code 的 YAML 插件）自动补全和校验课程文件。")
@help_option
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="输出文件夹（默认为 generator/schema）。")
def command(output: Path | None) -> None:
    from .. import api

    for path in api.write_schemas(output or api.SCHEMA_DIR):
        click.echo(f"已写入 {path}")
