"""The ``coursegen`` command line: parse options, call the API, print, exit."""

from __future__ import annotations

import logging
import re
import sys
import time
from pathlib import Path

import click

from . import __version__, api
from .errors import ContentError, CourseGenError


class ChineseHelpFormatter(click.HelpFormatter):
    HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="用法：")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{self.HEADINGS.get(heading, heading)}：\n")


CONTEXT = {"help_option_names": []}  # each command adds its own Chinese --help
click.Context.formatter_class = ChineseHelpFormatter
help_option = click.help_option("-h", "--help", help="显示帮助并退出。")

project_option = click.option(
    "--project", "-p", "project", type=click.Path(file_okay=False, path_type=Path), default=".",
    help="项目根目录（含 content/、docs/、mkdocs.yml），默认为当前目录。",
)


class CourseGenGroup(click.Group):
    """Prints content and usage errors in Chinese, never as tracebacks."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.Abort:
            click.echo("已中止。", err=True)
            sys.exit(1)
        except click.UsageError as exc:
            click.echo(f"错误：{_translate_usage(exc.format_message())}（运行 coursegen --help 查看用法）", err=True)
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


def _configure_logging(verbose: bool) -> None:
    # MkDocs counts warnings (for strict mode) through a handler on its logger,
    # so its level must stay at WARNING or lower; quiet runs simply don't print.
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.setLevel(logging.INFO if verbose else logging.WARNING)
    if verbose:
        logging.basicConfig(format="%(message)s", level=logging.INFO)
    else:
        mkdocs_logger.propagate = False


@cli.command(context_settings=CONTEXT, help="检查全部课程内容，无误时退出码为 0，有误时为 1。")
@help_option
@project_option
def validate(project: Path) -> None:
    courses = api.validate(project.resolve())
    for loaded in courses:
        files = 1 + len(loaded.part_files) + (1 if loaded.bank_file else 0) + (1 if loaded.checklist_file else 0)
        questions = f"，{len(loaded.bank.questions)} 道题" if loaded.bank else "，无题库"
        click.echo(f"✓ {loaded.course.id}：{files} 个文件，{len(loaded.parts)} 个部分{questions}，内容无误")
    click.echo(f"检查通过：共 {len(courses)} 门课程。")


@cli.command(context_settings=CONTEXT,
             help="检查内容、生成页面并构建 site/。出错时原有的 site/ 保持不变。")
@help_option
@project_option
@click.option("--verbose", "-v", is_flag=True, help="显示 MkDocs 的详细输出。")
@click.option("--force", "-f", is_flag=True, help="全部重新构建，不沿用上次构建中没有变化的课程。")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="同时构建的课程数，默认等于 CPU 核数。")
def build(project: Path, verbose: bool, force: bool, jobs: int | None) -> None:
    _configure_logging(verbose)
    started = time.perf_counter()
    result = api.build(project.resolve(), force=force, jobs=jobs)
    seconds = time.perf_counter() - started
    report = result.report
    if not report.changed:
        click.echo(f"没有变化：网站已是最新，未写入任何文件（用时 {seconds:.1f} 秒；用 --force 可强制重建）。")
        return
    courses = [name for name in report.rebuilt if name != "catalog"]
    reused = [name for name in report.reused if name != "catalog"]
    detail = f"重建 {len(courses)} 门课程" + (f"、沿用 {len(reused)} 门未变的课程" if reused else "")
    click.echo(f"构建完成：{len(result.courses)} 门课程，{result.pages} 个生成页面，{detail}，用时 {seconds:.1f} 秒。")
    click.echo(f"网站位于 {result.site_dir}，可直接用浏览器打开其中的 index.html。")


@cli.command(context_settings=CONTEXT,
             help="本地预览：修改 content/ 或 quizzes/ 后自动重新生成并刷新浏览器；内容出错时继续显示上次成功的版本。")
@help_option
@project_option
@click.option("--host", default="127.0.0.1", help="监听地址，默认 127.0.0.1。")
@click.option("--port", default=8000, type=int, help="监听端口，默认 8000。")
def serve(project: Path, host: str, port: int) -> None:
    from .serve import serve as run_server

    _configure_logging(False)
    run_server(project.resolve(), host, port, echo=click.echo)


@cli.command(context_settings=CONTEXT, help="导出 JSON Schema，供编辑器（如 VS Code 的 YAML 插件）自动补全和校验课程文件。")
@help_option
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="输出文件夹（默认为 generator/schema）。")
def schema(output: Path | None) -> None:
    for path in api.write_schemas(output or api.SCHEMA_DIR):
        click.echo(f"已写入 {path}")


@cli.command(context_settings=CONTEXT, name="new",
             help="新建一门课程：生成 content/<课程标识>/ 下的全部文件和 quizzes/<课程标识>.yml，内容为“待填写”的占位文字，可立即检查和构建。不会覆盖已有课程。")
@help_option
@click.argument("course_id", metavar="课程标识")
@project_option
def new_command(course_id: str, project: Path) -> None:
    from .new_course import create_course
    from .project import Project

    root = project.resolve()
    for path in create_course(Project(root), course_id):
        click.echo(f"已创建 {path.relative_to(root).as_posix()}")
    click.echo("下一步：把各文件中的“待填写”换成课程内容，然后运行 coursegen validate 和 coursegen build。")


@cli.command(context_settings=CONTEXT, name="pack",
             help="把一门课程打包成离线 zip（dist/<课程标识>-<版本>.zip）：解压后双击 index.html 即可学习，无需联网。")
@help_option
@project_option
@click.option("--course", "-c", "course_id", default=None, help="要打包的课程标识；只有一门课程时可省略。")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="zip 文件的位置，默认 dist/<课程标识>-<版本>.zip。")
def pack_command(project: Path, course_id: str | None, output: Path | None) -> None:
    _configure_logging(False)
    package = api.pack(project.resolve(), course_id, output)
    click.echo(f"已打包 {package.path}（{package.files} 个文件，{package.size / 1024 / 1024:.1f} MB）")
    click.echo("分发说明：对方解压后，用浏览器打开文件夹中的 index.html；学习记录保存在所用的浏览器中。")


def _export_help() -> str:
    from .export import EXPORTERS

    formats = "；".join(f"{e.name}：{e.description}" for e in EXPORTERS.values())
    return f"导出题库、试卷、讲义等文件。FORMAT 为导出格式——{formats}。"


@cli.command(context_settings=CONTEXT, name="export", help=_export_help())
@help_option
@click.argument("format_name", metavar="FORMAT")
@project_option
@click.option("--course", "-c", "course_id", default=None, help="只导出这门课程（课程标识）；默认导出全部课程。")
@click.option("--output", "-o", "output", default=None,
              help="输出文件或文件夹；默认写到 dist/。导出单个文本文件时写 - 表示输出到终端。")
def export_command(format_name: str, project: Path, course_id: str | None, output: str | None) -> None:
    root = project.resolve()
    result = api.export(root, format_name, course_id)
    if output == "-":
        if len(result.files) != 1 or format_name not in {"json", "gift", "aiken"}:
            raise click.UsageError("只有 json、gift、aiken 这类单个文本文件可以输出到终端")
        click.echo(next(iter(result.files.values())).decode("utf-8"), nl=False)
    else:
        for path in api.write_export(root, result, Path(output) if output else None):
            click.echo(f"已导出 {path}")
    for note in result.notes:
        click.echo(f"注意：{note}", err=True)


_USAGE_TRANSLATIONS = (
    (r"No such command '(.+)'\.", r"没有命令“\1”"),
    (r"No such option:? '?([^'\s]+?)'?\.?(?: Did you mean '?([^'\s?]+)'?\?)?$", r"没有选项 \1"),
    (r"Missing argument '(.+)'\.", r"缺少参数 \1"),
    (r"Got unexpected extra arguments? \((.+)\)", r"多余的参数：\1"),
    (r"Option '(.+)' requires an argument\.", r"选项 \1 需要一个值"),
    (r"Invalid value for '(.+)': (.+)", r"选项 \1 的值无效：\2"),
)


def _translate_usage(message: str) -> str:
    for pattern, replacement in _USAGE_TRANSLATIONS:
        if re.search(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="coursegen")
