"""Zensical's processes started ahead of the build: the right number, the catalog's at low priority, none left
running whatever the build turns out to need (issue #17: the cold build overlaps Zensical's start with ours)."""

from __future__ import annotations

import os

import pytest

from conftest import make_project
from generator.commands import build as build_command
from generator.zensical_process import ReadyProcesses, zensical_expected


def priority(process) -> int:
    return os.getpriority(os.PRIO_PROCESS, process.pid)


def test_the_catalogs_process_gives_way_and_unneeded_processes_end_at_once():
    with ReadyProcesses(1, catalog=True) as ready:
        course, catalog = ready.idle[0], ready.low[0]
        assert priority(catalog) > priority(course)
        assert ready.take(catalog=True) is catalog
        catalog.kill()
        catalog.wait()
        ready.keep(0)  # nothing to build after all (an unchanged site)
        assert course.wait(timeout=10) is not None and not ready.idle
    with ReadyProcesses(2, catalog=True) as ready:
        extra, low = ready.idle[1], ready.low[0]
        ready.keep(1, catalog=False)  # one course to build, the catalog unchanged
        assert extra.wait(timeout=10) is not None and low.wait(timeout=10) is not None
        assert len(ready.idle) == 1 and not ready.low
        ready.keep(3, catalog=False)  # a build only ever ends processes it cannot use
        assert len(ready.idle) == 1
        ready.want(3, catalog=False)  # more courses than the early guess: the missing ones are started
        assert len(ready.idle) == 3
        started = list(ready.idle)
    assert all(process.wait(timeout=10) is not None for process in started)  # ended with the block


def test_a_course_never_gets_the_catalogs_slow_process():
    with ReadyProcesses(0, catalog=True) as ready:
        low = ready.low[0]
        course = ready.take()
        assert course is not low and priority(course) < priority(low)
        course.kill()
        course.wait()


@pytest.mark.parametrize("settings, requested, expected", [
    (None, "zensical", True),
    (None, "mkdocs", False),
    (None, None, False),
    ("build:\n  engine: zensical\n", None, True),
    ("build:\n  engine: zensical\n", "mkdocs", False),
    ("build:\n  engine: mkdocs\n", None, False),
])
def test_zensical_is_expected_from_the_option_or_the_settings(tmp_path, settings, requested, expected, monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: object())  # installed or not: the same guess
    if settings is not None:
        (tmp_path / "coursegen.yml").write_text(settings, encoding="utf-8")
    assert zensical_expected(tmp_path, requested) is expected


def test_a_settings_file_outside_the_project_is_not_read_to_guess(tmp_path, monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: object())
    outside = tmp_path / "outside.yml"
    outside.write_text("build:\n  engine: zensical\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "coursegen.yml").symlink_to(outside)
    assert zensical_expected(project, None) is False


def test_no_guess_without_zensical_installed(tmp_path, monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    assert zensical_expected(tmp_path, "zensical") is False


class Recorded(ReadyProcesses):
    made: list[ReadyProcesses] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.processes = self.idle + self.low
        Recorded.made.append(self)


@pytest.mark.parametrize("case", ["settings say mkdocs", "content error", "built"])
def test_the_build_command_ends_every_process_it_started_early(tmp_path, invoke, monkeypatch, case):
    if case == "built":
        from conftest import require_zensical

        require_zensical()
    project = make_project(tmp_path / "project")
    monkeypatch.setattr(build_command, "ReadyProcesses", Recorded)
    monkeypatch.setattr(build_command, "zensical_expected", lambda root, requested: True)
    Recorded.made = []
    args = ["build", "--project", str(project)]
    if case == "content error":
        course_file = next((project / "content").glob("*/course.yml"))
        course_file.write_text(course_file.read_text(encoding="utf-8") + "\nunknown_key: 1\n", encoding="utf-8")
        args += ["--engine", "zensical"]
    elif case == "built":
        args += ["--engine", "zensical"]
    result = invoke(*args)
    assert (result.exit_code == 1) is (case == "content error"), result.output
    [ready] = Recorded.made
    assert ready.processes and all(process.poll() is not None for process in ready.processes)
    if case == "built":
        assert (project / "site" / "index.html").is_file()


@pytest.mark.parametrize("courses, everything, expected", [
    (1, True, (1, True)),  # the speech's course: its process, and the catalog's at low priority
    (3, True, (2, False)),  # every core for a course; the catalog waits for one
    (3, False, (1, False)),  # an edit: one course, usually
])
def test_as_many_processes_as_a_build_can_use(tmp_path, monkeypatch, courses, everything, expected):
    from generator import api, zensical_process
    from generator.project import Project

    made = []
    monkeypatch.setattr(zensical_process, "ReadyProcesses", lambda count, catalog: made.append((count, catalog)))
    for index in range(courses):
        (tmp_path / "content" / f"course-{index}").mkdir(parents=True)
    api.ready_processes(Project(tmp_path), "zensical", 2, everything)
    assert made == [expected]


def _child(code: str):
    import subprocess
    import sys

    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_the_site_is_taken_as_soon_as_zensical_says_it_is_written():
    """A process's exit (Python and Zensical tearing down) is not waited for once the site is written."""
    import time

    from generator.zensical_engine import _until_built
    from generator.zensical_process import BUILT, stop_process

    process = _child(f"import sys, time; print('Build started'); print({BUILT!r}, flush=True); time.sleep(60)")
    started = time.monotonic()
    try:
        output, built = _until_built(process, time.monotonic() + 30)
        assert built and b"Build started" in output and time.monotonic() - started < 20
    finally:
        stop_process(process)


@pytest.mark.parametrize("code", [
    "print('Build started')",  # ended without saying the site was written
    "import sys; print('coursegen-error: 找不到文件'); sys.exit(1)",
    "import sys; print('coursegen-built-not-quite'); sys.exit(0)",
])
def test_a_child_that_never_says_the_site_is_written_failed(code):
    import time

    from generator.zensical_engine import _until_built

    process = _child(code)
    output, built = _until_built(process, time.monotonic() + 30)
    assert not built and process.returncode is not None


def test_a_child_that_hangs_is_stopped_at_the_deadline():
    import subprocess
    import time

    from generator.zensical_engine import _until_built
    from generator.zensical_process import stop_process

    process = _child("import time; print('Build started', flush=True); time.sleep(60)")
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            _until_built(process, time.monotonic() + 1)
    finally:
        stop_process(process)


# ---------- a hostile project: modules in the folder coursegen is started in ----------

HOSTILE_MODULES = ("json", "jinja2", "zensical", "markdown", "marshal", "generator")


def plant(folder, marker) -> None:
    """Modules that our children import, each of which would leave a file behind if it ran."""
    for name in HOSTILE_MODULES:
        (folder / f"{name}.py").write_text(f"open({str(marker)!r} + '-{name}', 'w').close()\n", encoding="utf-8")


def test_our_child_processes_never_import_from_the_folder_they_start_in(tmp_path):
    import subprocess

    from generator.zensical_process import python_command

    plant(tmp_path, tmp_path / "ran")
    out = subprocess.run(python_command("import json, marshal; print(json.__file__)"), cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and not out.stdout.startswith(str(tmp_path))
    assert list(tmp_path.glob("ran-*")) == []


def test_every_python_child_starts_through_python_command():
    from conftest import REPO

    starts = {path.relative_to(REPO).as_posix() for path in (REPO / "generator").rglob("*.py")
              if "sys.executable" in path.read_text(encoding="utf-8")}
    assert starts == {"generator/zensical_process.py"}


def test_a_build_started_in_a_project_with_planted_modules_runs_none_of_them(tmp_path, zensical_installed):
    import subprocess
    import sys
    from pathlib import Path

    project = make_project(tmp_path / "project")
    plant(project, tmp_path / "ran")
    coursegen = Path(sys.executable).with_name("coursegen")
    out = subprocess.run([str(coursegen), "build", "--engine", "zensical"], cwd=project, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert list(tmp_path.glob("ran-*")) == []
    assert (project / "site" / "mini" / "index.html").is_file()


def test_the_child_warms_up_exactly_the_markdown_extensions_of_mkdocs_yml():
    import yaml

    from conftest import REPO
    from generator.zensical_process import WARM_EXTENSIONS

    settings = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    named = [next(iter(item)) if isinstance(item, dict) else item for item in settings["markdown_extensions"]]
    assert sorted(named) == sorted(WARM_EXTENSIONS)


_SPAWNED_BUILD = """
from pathlib import Path
import generator.site
from generator import api
if __name__ == "__main__":  # a spawned worker imports this file again
    generator.site.FORK_WORKERS = False  # as on Windows and macOS: workers are new Python processes
    api.build(Path.cwd(), jobs=2, engine="mkdocs")
"""


def test_spawned_mkdocs_workers_run_nothing_planted_in_the_project(tmp_path):
    """Where workers are spawned (not Linux), each starts as ``python -c`` in the project folder."""
    import subprocess
    import sys

    project = make_project(tmp_path / "project")
    plant(project, tmp_path / "ran")
    for name in ("multiprocessing", "pickle", "runpy"):  # what a spawned worker imports before our code
        (project / f"{name}.py").write_text(f"open({str(tmp_path / 'ran')!r} + '-{name}', 'w').close()\n",
                                            encoding="utf-8")
    script = tmp_path / "spawned_build.py"  # run as a file: only the worker starts with -c
    script.write_text(_SPAWNED_BUILD, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], cwd=project, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert list(tmp_path.glob("ran-*")) == []
    assert (project / "site" / "mini" / "index.html").is_file() and (project / "site" / "index.html").is_file()
