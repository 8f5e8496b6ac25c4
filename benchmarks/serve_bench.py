"""Save-to-reload latency of ``coursegen serve``. Prints a table; never a timed test.

    python benchmarks/serve_bench.py              # the speech's course, 7 saves per engine
    python benchmarks/serve_bench.py --saves 3    # fewer

A copy of the speech's course is previewed with each installed engine, and
one of its pages is open in Chromium. Each round saves a new summary into a
part's YAML file and measures the time from the save to the moment the
browser has reloaded that page (its load event) with the new text on it:
noticing the change, validating and rendering the course, the engine's
rebuild, the reload message and the page load, all of it. The preview's own
report line ("已更新…") splits each figure into the preview's part (save to
rebuilt) and the browser's part (rebuilt to reloaded).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from generator.engines import ENGINES, engine_version  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
TARGETS = {"zensical": 1.0, "mkdocs": 2.5}
"""Seconds from save to reloaded page (issue #17)."""
PART = "why-integrate"
PAGE = f"course-001/{PART}/index.html"


def save(source: Path, original: str, marker: str) -> None:
    """The edit each round makes: a new first line in the part's summary."""
    source.write_text(original.replace("summary: >-\n", f"summary: >-\n  {marker}\n", 1), encoding="utf-8")


REBUILT = ("已更新", "已重新生成", "页面没有变化", "内容有误")
"""How the preview's lines about a finished rebuild begin."""


class Preview:
    """``coursegen serve`` in a child process, with the time each line it printed arrived."""

    def __init__(self, project: Path, engine: str):
        self.url = ""  # port 0: the preview takes a free port and prints its address
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--project", str(project), "--port", "0",
             "--engine", engine], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"})
        self.lines: list[tuple[float, str]] = []
        started = threading.Event()
        threading.Thread(target=self._read, args=(started,), daemon=True).start()
        if not started.wait(300):
            self.stop()
            raise SystemExit(f"serve --engine {engine} did not start")

    def _read(self, started: threading.Event) -> None:
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line.strip()))
            if line.startswith("预览地址："):
                self.url = line.removeprefix("预览地址：").split("（")[0]
                started.set()

    def rebuilt_after(self, moment: float) -> tuple[float, str]:
        """When the first rebuild after ``moment`` was reported, and how."""
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline:
            for when, line in list(self.lines):
                if when > moment and line.startswith(REBUILT):
                    return when, line
            time.sleep(0.01)
        raise SystemExit("the preview reported no rebuild")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def measure(browser, project: Path, engine: str, saves: int) -> dict[str, list]:
    """Per counted save: seconds to the reloaded page, the preview's share of them, and its report line."""
    source = project / "content" / "course-001" / f"{PART}.yml"
    original = source.read_text(encoding="utf-8")
    preview = Preview(project, engine)
    figures: dict[str, list] = {"seconds": [], "rebuild": [], "how": []}
    try:
        page = browser.new_page()
        page.goto(preview.url + PAGE)
        for n in range(saves + 1):  # the first save warms up (jieba, the engine's imports): not counted
            marker = f"第{n}次保存{time.time_ns()}"
            with page.expect_navigation(timeout=60_000):
                save(source, original, marker)
                saved = time.perf_counter()
            reloaded = time.perf_counter()
            if marker not in page.content():
                raise SystemExit(f"the reloaded page does not show the edit ({engine})")
            rebuilt, how = preview.rebuilt_after(saved)
            if n:
                figures["seconds"].append(reloaded - saved)
                figures["rebuild"].append(rebuilt - saved)
                figures["how"].append(how)
            time.sleep(0.5)
        page.close()
        return figures
    finally:
        source.write_text(original, encoding="utf-8")
        preview.stop()


DETAILS: dict[str, dict[str, list]] = {}
"""The last run's figures per engine, beyond the seconds :func:`run` returns (for :func:`report`)."""


def run(saves: int) -> dict[str, list[float]]:
    """Seconds from save to reloaded page, per installed engine."""
    from playwright.sync_api import sync_playwright

    from bench import make_catalog  # beside this file

    global LOAD_BEFORE
    LOAD_BEFORE = f"{os.getloadavg()[0]:.1f}"
    with tempfile.TemporaryDirectory(prefix="coursegen-serve-bench-") as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        project = make_catalog(Path(scratch), 1)
        for engine in ENGINES:
            if engine_version(engine) is not None:
                DETAILS[engine] = measure(browser, project, engine, saves)
        browser.close()
    return {engine: figures["seconds"] for engine, figures in DETAILS.items()}


SECTION = "## Save to reload in `coursegen serve` (`benchmarks/serve_bench.py`)"


def report(figures: dict[str, list[float]]) -> list[str]:
    lines = [f"Load average before the run: {LOAD_BEFORE}; after: {os.getloadavg()[0]:.1f} (2 cores).", "",
             "| engine | saves | median (s) | slowest (s) | target (s) | save → rebuilt, median (s) | "
             "rebuilt → page reloaded, median (s) | what the preview did |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for engine, seconds in figures.items():
        details = DETAILS.get(engine, {})
        rebuild = details.get("rebuild") or []
        split = (f"{statistics.median(rebuild):.2f} | "
                 f"{statistics.median(s - r for s, r in zip(seconds, rebuild)):.2f}") if rebuild else "– | –"
        how = "; ".join(f"{line} ×{count}" for line, count in _counts(details.get("how") or []).items()) or "–"
        lines.append(f"| {ENGINES[engine].label} {engine_version(engine)} | {len(seconds)} | "
                     f"{statistics.median(seconds):.2f} | {max(seconds):.2f} | ≤ {TARGETS[engine]:.1f} | "
                     f"{split} | {how} |")
    return lines


def _counts(items: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


LOAD_BEFORE = "–"


def phases(engine: str, saves: int) -> dict[str, list[float]]:
    """Where the preview's own time goes: the same save, timed step by step in this process."""
    from bench import make_catalog  # beside this file
    from generator.api import check_site_config
    from generator.course_cache import load_and_render
    from generator.live_site import LiveSite
    from generator.project import Project
    from generator.site import work_root

    figures: dict[str, list[float]] = {"check": [], "load": [], "redraw": []}
    with tempfile.TemporaryDirectory(prefix="coursegen-serve-phases-") as scratch:
        project = Project(make_catalog(Path(scratch), 1))
        site = Path(scratch) / "site"
        site.mkdir()
        live = LiveSite(project, site, Path(scratch), engine)
        source = project.content_dir / "course-001" / f"{PART}.yml"
        original = source.read_text(encoding="utf-8")
        try:
            live.update(check_site_config(project, engine), load_and_render(project, work_root(project)).site)
            time.sleep(3)  # a fresh preview warms up in the background meanwhile
            for n in range(saves + 1):
                save(source, original, f"第{n}次保存{time.time_ns()}")
                started = time.perf_counter()
                config = check_site_config(project, engine)
                checked = time.perf_counter()
                rendered = load_and_render(project, work_root(project)).site
                loaded = time.perf_counter()
                if live.update(config, rendered) is None:
                    raise SystemExit(f"a full rebuild instead of redrawn pages ({engine})")
                if n:
                    figures["check"].append(checked - started)
                    figures["load"].append(loaded - checked)
                    figures["redraw"].append(time.perf_counter() - loaded)
        finally:
            live.close()
    return figures


def phases_report(figures: dict[str, dict[str, list[float]]]) -> list[str]:
    lines = ["Where the preview's part goes (the same save timed step by step in one process, medians; "
             f"load average {os.getloadavg()[0]:.1f}):", "",
             "| engine | mkdocs.yml checked (s) | course validated and rendered (s) | "
             "pages redrawn: engine, search entries, files (s) | sum (s) |", "| --- | --- | --- | --- | --- |"]
    for engine, steps in figures.items():
        medians = [statistics.median(steps[key]) for key in ("check", "load", "redraw")]
        lines.append(f"| {ENGINES[engine].label} | " + " | ".join(f"{m:.2f}" for m in medians)
                     + f" | {sum(medians):.2f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=7)
    args = parser.parse_args()
    figures = run(args.saves)
    steps = {engine: phases(engine, args.saves) for engine in figures}
    print(SECTION, "", *report(figures), "", *phases_report(steps), sep="\n")


if __name__ == "__main__":
    main()
