"""Zensical's child processes, started as early as possible.

Kept apart from :mod:`generator.zensical_engine` and free of heavy imports, so
that ``coursegen build`` can start them before it imports the rest of
coursegen: Python starts and Zensical loads on the other core while coursegen
itself loads, validates and renders.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

__all__ = ["BUILT", "ReadyProcesses", "python_command", "start_process", "stop_process", "give_way",
           "zensical_expected"]

_SAFE_PATH = "import sys; sys.path[:] = [p for p in sys.path if p not in ('', '.')]\n"


def python_command(code: str) -> list[str]:
    """``python -c code`` for one of our child processes, without the current folder on its import path.

    With ``-c`` Python puts the folder it was started in first on the import path, so a project
    holding a ``json.py`` or ``jinja2.py`` would have it run by our children (coursegen itself,
    started as a command, does not look there). Python's own start-up does not use that entry yet.
    """
    return [sys.executable, "-c", _SAFE_PATH + code]


BUILT = "coursegen-built"
"""What the child prints once Zensical has written the site."""
WARM_EXTENSIONS = ("admonition", "attr_list", "def_list", "md_in_html", "tables", "toc")
"""The Markdown extensions of the project's mkdocs.yml (a test keeps them equal): Python-Markdown's own,
imported by a first parser while the child waits for its pages. Never names read from a settings file,
which the build checks first."""
_DRIVER = """
import json, os, sys
BUILT = "@BUILT@"
from zensical import build  # imported while coursegen still loads, validates and renders
try:  # what build() imports first (its settings, Markdown and extensions): loaded ahead too
    import zensical.config, zensical.markdown.render
    from markdown import Markdown
    Markdown(extensions=@EXTENSIONS@)  # a first parser: finds and imports the extensions
except Exception:
    pass  # only a head start: the build itself reports what is missing
line = sys.stdin.readline()
if not line.strip():
    sys.exit(0)  # started ahead of time, not needed after all
settings, strict = json.loads(line)
os.chdir(os.path.dirname(settings))
try:
    build(settings, {"strict": strict, "clean": True})
except Exception as exc:
    sys.stdout.flush()
    sys.stderr.write("coursegen-error: " + str(getattr(exc, "message", None) or exc) + "\\n")
    sys.exit(1)
sys.stdout.write("\\n" + BUILT + "\\n")  # the site is written: coursegen need not wait for this process to end
sys.stdout.flush()
""".replace("@BUILT@", BUILT).replace("@EXTENSIONS@", repr(list(WARM_EXTENSIONS)))


def start_process() -> subprocess.Popen:
    """A Zensical child process that imports Zensical, then waits for the one sub-site it is to build."""
    return subprocess.Popen(
        python_command(_DRIVER), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_COLOR": "1", "CLICOLOR": "0", "PYTHONDONTWRITEBYTECODE": "1"},
    )


def give_way(process: subprocess.Popen) -> None:
    """Lower a child's priority, so that it runs when a core would otherwise be idle."""
    with contextlib.suppress(AttributeError, OSError):  # not on every system; only a matter of speed
        os.setpriority(os.PRIO_PROCESS, process.pid, 10)


def stop_process(process: subprocess.Popen) -> None:
    """End a child: at once if it still runs (a build that failed or was stopped)."""
    if process.poll() is None:
        process.kill()
    for pipe in (process.stdin, process.stdout):
        if pipe is not None and not pipe.closed:
            with contextlib.suppress(OSError):
                pipe.close()
    process.wait()


class ReadyProcesses:
    """Zensical child processes started ahead of time, so that Python and Zensical load while coursegen
    loads, validates and renders; the ones left unused end when the block does.

    The catalog (a page or three) gets a process of its own at low priority: on two cores the courses'
    processes and coursegen's own work come first, and the catalog runs in what they leave.
    """

    def __init__(self, courses: int, catalog: bool = False):
        self.idle = [start_process() for _ in range(courses)]
        self.low = [start_process()] if catalog else []
        for process in self.low:
            give_way(process)

    def take(self, catalog: bool = False) -> subprocess.Popen:
        pool = (self.low or self.idle) if catalog else self.idle
        return pool.pop(0) if pool else start_process()

    def keep(self, courses: int, catalog: bool = False) -> None:
        """At most ``courses`` courses (and the catalog or not) are to be built at once: end the processes
        beyond them now."""
        while len(self.idle) > courses:
            stop_process(self.idle.pop())
        while self.low and not catalog:
            stop_process(self.low.pop())

    def want(self, courses: int, catalog: bool = False) -> None:
        """Exactly this many (the guess made before coursegen loaded may have been short): as :meth:`keep`,
        and start the processes still missing."""
        self.keep(courses, catalog)
        while len(self.idle) < courses:
            self.idle.append(start_process())

    def __enter__(self) -> "ReadyProcesses":
        return self

    def __exit__(self, *exc_info) -> None:
        for process in self.idle + self.low:
            stop_process(process)
        self.idle.clear()
        self.low.clear()


def zensical_expected(root: Path, requested: str | None) -> bool:
    """Whether this build will most likely use Zensical, known before coursegen's settings are loaded:
    ``--engine zensical``, or a coursegen.yml that names it. Only a guess, for starting processes early
    (the settings decide; a wrong guess costs a process started for nothing)."""
    from importlib.util import find_spec

    from .errors import CourseGenError
    from .safe_files import read_bytes

    if requested is None:
        try:
            settings = read_bytes(root, root / "coursegen.yml", 1 << 20)
        except (CourseGenError, OSError):  # no such file, or one the settings loader will complain about
            return False
        requested = "zensical" if b"zensical" in settings else None
    return requested == "zensical" and find_spec("zensical") is not None
