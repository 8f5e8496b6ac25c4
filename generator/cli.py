"""The ``coursegen`` command line: parse options, call the API, print, exit.

:class:`CourseGenGroup` is the one error boundary. Content and project
errors, operating-system errors (any ``OSError``, e.g. a full disk or a
read-only dist/) and usage errors each become Chinese lines and exit 1 (2 for
usage). Anything else is a bug in coursegen: one Chinese line says where
the full crash report was written; no traceback is ever printed.
"""

from __future__ import annotations

import atexit
import errno
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .cli_text import definition_list, describe_usage_error, help_text, help_words
from .commands import build, check, draft, export, new, pack, records, schema, serve, validate
from .commands.options import CONTEXT, PROJECT_META, help_option
from .crash import crash_message, debugging, write_crash_report
from .errors import ContentError, CourseGenError
from .file_errors import from_os_error, os_error_reason


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


class CourseGenContext(click.Context):
    """Chinese help headings for our commands only; click itself is left as it is."""

    formatter_class = ChineseHelpFormatter


ARGV_META = "coursegen.argv"


class _Crashed(Exception):
    """A bug in coursegen, already written to a crash report."""


class CourseGenGroup(click.Group):
    """Prints every error a person can cause in Chinese, never as a traceback."""

    context_class = CourseGenContext

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.context_class = CourseGenContext
        super().add_command(cmd, name)

    def make_context(self, info_name, args, parent=None, **extra):  # type: ignore[override]
        argv = list(args)
        ctx = super().make_context(info_name, args, parent, **extra)
        ctx.meta[ARGV_META] = argv  # for the crash report: the command as the person typed it
        return ctx

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (CourseGenError, OSError, click.ClickException, click.exceptions.Exit, click.Abort,
                KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:
            if debugging():
                raise
            project = ctx.meta.get(PROJECT_META)
            report = write_crash_report(exc, ctx.meta.get(ARGV_META, []), Path(project).resolve() if project else None)
            raise _Crashed(crash_message(exc, report)) from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            _flush_stdout()
        except click.Abort:
            _fail("已中止。", 1)
        except click.UsageError as exc:
            _fail(f"错误：{describe_usage_error(exc)}", 2)
        except click.ClickException as exc:  # e.g. an error MkDocs raised through click
            _fail(f"错误：{exc.format_message()}", exc.exit_code)
        except ContentError as exc:
            _fail(f"{exc}\n内容有误，未生成网站；原有的 site/ 保持不变。", 1)
        except (CourseGenError, _Crashed) as exc:
            _fail(str(exc) if isinstance(exc, _Crashed) else f"错误：{exc}", 1)
        except OSError as exc:
            _fail(_os_error_line(exc), 1)
        except KeyboardInterrupt:
            _fail("已中止。", 130)
        sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str | None, code: int) -> None:
    if message:
        try:
            click.echo(message, err=True)
        except OSError:
            pass
    sys.exit(code)


class _StdoutError(OSError):
    """Standard output could not take what was printed (a full disk, a closed pipe)."""


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except OSError as exc:
        raise _StdoutError(exc.errno, exc.strerror) from None


def _os_error_line(exc: OSError) -> str | None:
    """One Chinese line for an OSError; None when stdout was closed by its reader (``| head``)."""
    if isinstance(exc, _StdoutError) or (exc.filename is None and _printing_to_stdout(exc)):
        _silence_stdout()
        if exc.errno == errno.EPIPE:
            return None
        reason, hint = os_error_reason(exc)
        return f"错误：无法写入标准输出：{reason}（提示：{hint}）"
    if exc.filename is None:
        reason, hint = os_error_reason(exc)
        return f"错误：操作系统报告：{reason}（提示：{hint}）"
    return f"错误：{from_os_error(exc, '访问')}"


def _printing_to_stdout(exc: OSError) -> bool:
    """True if ``exc`` came from ``click.echo`` writing to stdout (not to stderr or a file)."""
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name == "echo" and code.co_filename.endswith(os.path.join("click", "utils.py")):
            return not tb.tb_frame.f_locals.get("err") and _is_stdout(tb.tb_frame.f_locals.get("file"))
        tb = tb.tb_next
    return False


def _is_stdout(stream: object) -> bool:
    if stream is None or stream is sys.stdout:
        return True
    try:
        return stream.fileno() == sys.stdout.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit has nothing more to complain about."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


@click.group(cls=CourseGenGroup, context_settings=CONTEXT, help="coursegen：把讲话的 YAML 结构化摘要生成为中文培训网站。")
@click.version_option(__version__, "--version", message="coursegen %(version)s", help="显示版本并退出。")
@help_option
def cli() -> None:
    pass


for _module in (validate, build, serve, schema, new, pack, export, records, check, draft):
    cli.add_command(_module.command)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point (``coursegen``, ``python -m generator``)."""
    try:
        cli.main(args=argv, prog_name="coursegen")
    except SystemExit as done:
        _leave(done)


def _leave(done: SystemExit) -> NoReturn:
    """Exit without Python freeing every object one by one, which takes a tenth of a second after a
    build: its output is written and its files closed. What Python does before that (wait for threads,
    run exit handlers, flush output) is done here; anything unusual exits the usual way."""
    threading = sys.modules.get("threading")
    if type(done.code) is not int or (threading is not None and threading.active_count() > 1) \
            or sys.getprofile() is not None or sys.gettrace() is not None:  # a profiler writes its report after
        raise done
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        raise done from None  # Python reports it as it always does
    os._exit(done.code)
