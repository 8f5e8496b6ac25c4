"""The ``coursegen`` command line: parse options, call the API, print, exit."""

from __future__ import annotations

import sys

import click

from . import __version__
from .cli_text import definition_list, describe_usage_error, help_text, help_words
from .commands import build, check, draft, export, new, pack, records, schema, serve, validate
from .commands.options import CONTEXT, help_option
from .errors import ContentError, CourseGenError


class ChineseHelpFormatter(click.HelpFormatter):
    HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, help_words(args), prefix="用法：")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:  # type: ignore[override]
        self.write(definition_list(list(rows), self.width, self.current_indent, col_max, col_spacing))

    def write_text(self, text: str) -> None:
        self.write(help_text(text, self.width, self.current_indent))

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{self.HEADINGS.get(heading, heading)}：\n")


click.Context.formatter_class = ChineseHelpFormatter


class CourseGenGroup(click.Group):
    """Prints content and usage errors in Chinese, never as tracebacks."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.Abort:
            click.echo("已中止。", err=True)
            sys.exit(1)
        except click.UsageError as exc:
            click.echo(f"错误：{describe_usage_error(exc)}", err=True)
            sys.exit(2)
        except ContentError as exc:
            click.echo(str(exc), err=True)
            click.echo("内容有误，未生成网站；原有的 site/ 保持不变。", err=True)
            sys.exit(1)
        except CourseGenError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=CourseGenGroup, context_settings=CONTEXT, help="coursegen：把讲话的 YAML 结构化摘要生成为中文培训网站。")
@click.version_option(__version__, "--version", message="coursegen %(version)s", help="显示版本并退出。")
@help_option
def cli() -> None:
    pass


for _module in (validate, build, serve, schema, new, pack, export, records, check, draft):
    cli.add_command(_module.command)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="coursegen")
