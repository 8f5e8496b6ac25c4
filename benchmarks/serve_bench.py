"""Save-to-reload latency of ``coursegen serve``. Prints a table; never a timed test.

    python benchmarks/serve_bench.py              # the speech's course, 7 saves per engine
    python benchmarks/serve_bench.py --saves 3    # fewer

A copy of the speech's course is previewed with each installed engine, and
one of its pages is open in Chromium. Each round saves a new summary into a
part's YAML file and measures the time from the save to the moment the
browser has reloaded that page (its load event) with the new text on it:
noticing the change, validating and rendering the course, the engine's
rebuild, the reload message and the page load, all of it.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_preview(project: Path, engine: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--project", str(project), "--port", str(port),
         "--engine", engine], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    for line in process.stdout:  # the first build, then the address
        if "预览地址" in line:
            return process, f"http://127.0.0.1:{port}/"
    raise SystemExit(f"serve --engine {engine} did not start")


def measure(browser, project: Path, engine: str, saves: int) -> list[float]:
    source = project / "content" / "course-001" / f"{PART}.yml"
    original = source.read_text(encoding="utf-8")
    process, url = start_preview(project, engine)
    try:
        page = browser.new_page()
        page.goto(url + PAGE)
        seconds = []
        for n in range(saves + 1):  # the first save warms up (jieba, the engine's imports): not counted
            marker = f"第{n}次保存{time.time_ns()}"
            with page.expect_navigation(timeout=60_000):
                source.write_text(original.replace("summary: >-\n", f"summary: >-\n  {marker}\n", 1), encoding="utf-8")
                saved = time.perf_counter()
            reloaded = time.perf_counter()
            if marker not in page.content():
                raise SystemExit(f"the reloaded page does not show the edit ({engine})")
            if n:
                seconds.append(reloaded - saved)
            time.sleep(0.5)
        page.close()
        return seconds
    finally:
        source.write_text(original, encoding="utf-8")
        process.terminate()
        process.wait(timeout=30)


def run(saves: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    from bench import make_catalog  # beside this file

    figures = {}
    with tempfile.TemporaryDirectory(prefix="coursegen-serve-bench-") as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        project = make_catalog(Path(scratch), 1)
        for engine in ENGINES:
            if engine_version(engine) is not None:
                figures[engine] = measure(browser, project, engine, saves)
        browser.close()
    return figures


SECTION = "## Save to reload in `coursegen serve` (`benchmarks/serve_bench.py`)"


def report(figures: dict[str, list[float]]) -> list[str]:
    lines = ["| engine | saves | median (s) | slowest (s) | target (s) |", "| --- | --- | --- | --- | --- |"]
    for engine, seconds in figures.items():
        lines.append(f"| {ENGINES[engine].label} {engine_version(engine)} | {len(seconds)} | "
                     f"{statistics.median(seconds):.2f} | {max(seconds):.2f} | ≤ {TARGETS[engine]:.1f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=7)
    args = parser.parse_args()
    print(SECTION, "", *report(run(args.saves)), sep="\n")


if __name__ == "__main__":
    main()
