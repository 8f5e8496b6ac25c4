"""Build-time and size benchmarks for coursegen. Prints a table; never a test.

    python benchmarks/bench.py            # full: catalogs of 1, 10 and 100 courses, under each installed engine
    python benchmarks/bench.py --quick    # CI-sized: 1, 3 and 6 courses, fewer repeats
    python benchmarks/bench.py --write    # also write BENCHMARKS.md

Machines here are shared and noisy, so targets are judged on ratios measured
within one run (medians of several repeats), not on absolute seconds.
Synthetic catalogs are copies of the speech's course under other ids (about
40 pages and 70 questions each), made in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import search_bench  # beside this file
import serve_bench  # beside this file

REPO = Path(__file__).resolve().parents[1]
NOTES = """
## Notes

- Each course is its own MkDocs site, so its pages, navigation and search index do not grow with the catalog; the site grows linearly, and identical theme files are hard links, so on disk it is about half the byte total.
- A no-change rebuild compares a digest of every source file with the last successful build and stops there: nothing is read, rendered or written.
- An edit to one course validates, renders, checks and rebuilds only that course (and the catalog if its title, audience or hours changed). What used to grow with the catalog no longer reads or writes anything of the other courses: file digests are kept across builds by inode, size and times (only the edited file is read and hashed), each course's cached result is read only as far as its first line (key, card, nav, digests), and the rebuilt course's folders replace the old ones in place by a journaled sequence of renames instead of a new site of hard links. What remains per course is a few stat calls and one small JSON line.
- Zensical runs in child processes on settings coursegen writes. `coursegen build` starts them first thing, before it loads the rest of coursegen (with a helper that compiles our page templates, in memory only), so that Python and Zensical load on the other core while coursegen loads, validates and renders; the catalog's process runs at low priority. The engine gets the pages with each widget's JSON data (two thirds of the speech's course's Markdown, by bytes: the course data and record schema on every page, the questions on quiz pages) replaced by a short token, and the JSON is written back into the HTML it wrote (the site is byte for byte the same): Zensical scans every byte of a page for links in Python (56 % of a bare build's samples under py-spy), so this takes about a third off its rendering. While the course renders, coursegen runs the checks of `coursegen check` and builds the search indexes (jieba's dictionary unpacked only for the characters the pages use; a run of letters met again is not cut again), takes the site as soon as Zensical says it is written, and exits without freeing its objects one by one. The bare `zensical build` is the same course's pages and settings, built by Zensical's own command with nothing else (so it scans the data). What still lies on a cold build's critical path and not on the bare build's: Python start and coursegen's imports (pydantic and our models), validating and rendering the course (Zensical has its pages 0.5–0.7 s after the start, against the 0.3–0.5 s it needs to start itself), then the checks and the search index on the other core, which now take about as long as Zensical's rendering. A fresh clone also prepares jieba's dictionary (about 1 s) on that path.
- Save to reload no longer rebuilds the saved course's whole sub-site: see the serve section for what a save redraws and what bounds it.
- Search runs in the page: a course's pages load only that course's index (when someone first reaches for the search field), and only a search of all courses loads the others.
"""
PYTHON = sys.executable


def run(args: list[str], cwd: Path = REPO) -> float:
    """Run a command, fail loudly, return wall-clock seconds."""
    started = time.perf_counter()
    # As a person runs it: Python keeps the compiled bytecode of coursegen and the engines (an environment
    # that sets PYTHONDONTWRITEBYTECODE would compile coursegen again on every run, which no user does).
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env={**env, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - started


def coursegen(*args: str, project: Path) -> float:
    return run([PYTHON, "-m", "generator", *args, "--project", str(project)])


def make_catalog(root: Path, courses: int) -> Path:
    """A project with ``courses`` copies of the speech's course (ids course-001, …)."""
    project = root / f"catalog-{courses}"
    (project / "content").mkdir(parents=True)
    (project / "quizzes").mkdir()
    shutil.copytree(REPO / "docs", project / "docs", ignore=shutil.ignore_patterns("generated"))
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    source = REPO / "content" / "dangjian-ziyuan"
    bank = (REPO / "quizzes" / "dangjian-ziyuan.yml").read_text(encoding="utf-8")
    for n in range(1, courses + 1):
        course_id = f"course-{n:03d}"
        target = project / "content" / course_id
        shutil.copytree(source, target)
        course_file = target / "course.yml"
        text = course_file.read_text(encoding="utf-8").replace("id: dangjian-ziyuan", f"id: {course_id}", 1)
        course_file.write_text(text.replace("title: ", f"title: （{n}）", 1), encoding="utf-8")
        (project / "quizzes" / f"{course_id}.yml").write_text(
            bank.replace("course: dangjian-ziyuan", f"course: {course_id}", 1), encoding="utf-8")
    return project


def folder_bytes(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


def disk_bytes(folder: Path) -> int:
    """Bytes stored, counting hard-linked files once (as du does)."""
    seen: dict[int, int] = {}
    for path in folder.rglob("*"):
        if path.is_file():
            stat = path.stat()
            seen[stat.st_ino] = stat.st_size
    return sum(seen.values())


def in_process_phases(project: Path) -> dict[str, float]:
    """Validation, generation and MkDocs time of one cold build, in a fresh process."""
    script = f"""
import json, time
from pathlib import Path
from generator import api
from generator.project import Project
from generator.render import render_site
from generator.site import build_site
root = Path({str(project)!r})
t0 = time.perf_counter(); courses = api.validate(root)
t1 = time.perf_counter(); rendered = render_site(courses)
t2 = time.perf_counter(); build_site(Project(root), api.check_site_config(Project(root)), rendered, force=True)
t3 = time.perf_counter()
print(json.dumps({{"validate": t1 - t0, "generate": t2 - t1, "mkdocs": t3 - t2}}))
"""
    out = subprocess.run([PYTHON, "-c", script], cwd=REPO, capture_output=True, text=True, check=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def snapshot(project: Path) -> dict[str, tuple[int, int]]:
    """Every file under site/ and docs/ with its inode and modification time."""
    out = {}
    for folder in (project / "site", project / "docs"):
        for path in folder.rglob("*"):
            if path.is_file():
                stat = path.stat()
                out[str(path)] = (stat.st_ino, stat.st_mtime_ns)
    return out


def catalog_figures(root: Path, courses: int, repeats: int, engine: str = "mkdocs") -> dict[str, float]:
    project = make_catalog(root, courses)
    cold = statistics.median(coursegen("build", "--force", "--engine", engine, project=project) for _ in range(repeats))
    site = project / "site"
    pages = [p for p in site.glob("course-001/**/*.html") if p.name != "404.html"]
    before = snapshot(project)
    unchanged = statistics.median(coursegen("build", "--engine", engine, project=project) for _ in range(repeats))
    after = snapshot(project)
    written = sum(1 for path, key in after.items() if before.get(path) != key) + len(set(before) - set(after))
    part = project / "content" / "course-001" / "why-integrate.yml"
    part.write_text(part.read_text(encoding="utf-8").replace("summary: ", "summary: 改动：", 1), encoding="utf-8")
    one_edit = coursegen("build", "--engine", engine, project=project)
    zip_started = time.perf_counter()
    coursegen("pack", "--course", "course-001", "--engine", engine, project=project)
    pack_seconds = time.perf_counter() - zip_started
    figures = {
        "engine": engine,
        "courses": courses,
        "cold_s": cold,
        "per_course_s": cold / courses,
        "html_bytes_per_page": folder_bytes(site / "course-001", "*.html") / max(len(pages), 1),
        "site_mb": folder_bytes(site) / 1e6,
        "site_disk_mb": disk_bytes(site) / 1e6,
        "search_index_kb_per_course": folder_bytes(site / "course-001" / "search", "index.js") / 1e3,
        "search_all_mb": folder_bytes(site, "search/index.js") / 1e6,
        "zip_mb": (project / "dist" / "course-001-1.0.zip").stat().st_size / 1e6,
        "pack_s": pack_seconds,
        "no_change_s": unchanged,
        "no_change_ratio": unchanged / cold,
        "no_change_files_written": written,
        "one_edit_s": one_edit,
    }
    shutil.rmtree(project)
    return figures


def _cold(project: Path, fresh_clone: bool = False) -> None:
    """No site/ and no generated pages (a cold build); a fresh clone has no .coursegen/ either."""
    for folder in [project / "site", project / "docs" / "generated"] + ([project / ".coursegen"] if fresh_clone else []):
        shutil.rmtree(folder, ignore_errors=True)


def bare_zensical(root: Path, repeats: int) -> dict[str, float]:
    """The speech's course: a cold ``coursegen build --force --engine zensical`` (no site/; once as a fresh
    clone with no .coursegen/ either) against a bare ``zensical build`` of the same course pages with the
    same settings (Zensical's own command, a fresh process each), interleaved so that all see the same load."""
    from generator.engines import SiteBuild
    from generator.project import Project
    from generator.render import render_site
    from generator.site_config import load_site_config
    from generator.project import load_project
    from generator.config_yaml import to_yaml
    from generator.zensical_engine import zensical_settings

    project = make_catalog(root, 1)
    course = render_site(load_project(Project(project))).courses[0]
    bare = root / "bare-zensical"
    shutil.copytree(project / "docs", bare / "docs")
    for name, text in course.pages.items():
        (bare / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (bare / "docs" / name).write_text(text, encoding="utf-8")
    spec = SiteBuild(course.id, course.pages, course.nav, course.search_terms, "../index.html", "zensical")
    shutil.copytree(REPO / "generator" / "theme", bare / "theme")
    settings = zensical_settings(load_site_config(Project(project)), spec, ["help.md"], "theme")
    (bare / "mkdocs.yml").write_text(to_yaml(settings), encoding="utf-8")
    zensical = str(Path(PYTHON).with_name("zensical"))
    ours, fresh, theirs = [], [], []
    for _ in range(repeats):  # interleaved, so that all see the same load
        _cold(project, fresh_clone=True)
        fresh.append(coursegen("build", "--force", "--engine", "zensical", project=project))
        theirs.append(run([zensical, "build", "--clean", "--strict"], cwd=bare))
        _cold(project)
        ours.append(coursegen("build", "--force", "--engine", "zensical", project=project))
    shutil.rmtree(project)
    median = statistics.median
    # Also each of our builds against the bare build run just before it: this machine's speed drifts
    # between runs by more than the difference being measured.
    return {"coursegen_s": median(ours), "fresh_s": median(fresh), "bare_s": median(theirs),
            "ratio": median(ours) / median(theirs), "fresh_ratio": median(fresh) / median(theirs),
            "paired": median(o / t for o, t in zip(ours, theirs)),
            "fresh_paired": median(f / t for f, t in zip(fresh, theirs)),
            "runs": {"coursegen": ours, "fresh": fresh, "bare": theirs}}


def edit_ratio(root: Path, courses: int, engine: str, repeats: int) -> dict[str, float]:
    """One course edited in a catalog of ``courses`` against a cold build of a one-course project, interleaved."""
    catalog, single = make_catalog(root, courses), make_catalog(root / "single", 1)
    catalog_cold = coursegen("build", "--force", "--engine", engine, project=catalog)
    part = catalog / "content" / "course-001" / "why-integrate.yml"
    edits, colds = [], []
    for n in range(repeats):
        part.write_text(part.read_text(encoding="utf-8").replace("summary: ", f"summary: 改动{n}：", 1), encoding="utf-8")
        edits.append(coursegen("build", "--engine", engine, project=catalog))
        _cold(single)
        colds.append(coursegen("build", "--force", "--engine", engine, project=single))
    shutil.rmtree(catalog)
    shutil.rmtree(root / "single")
    median = statistics.median
    return {"engine": engine, "courses": courses, "catalog_cold_s": catalog_cold, "edit_s": median(edits),
            "edits": edits, "cold_s": median(colds), "ratio": median(edits) / median(colds)}


def target_lines(bare: dict | None, edits: list[dict]) -> list[str]:
    lines = []
    if bare:
        lines += [f"- The speech's course, cold, with Zensical: `coursegen build --force --engine zensical` with no site/ "
                  f"{bare['coursegen_s']:.2f} s vs a bare `zensical build` of the same pages {bare['bare_s']:.2f} s: "
                  f"{bare['ratio']:.2f}× (target ≤ 1.2×; each build against the bare build just before it: "
                  f"median {bare['paired']:.2f}×); as a fresh clone (no .coursegen/ either) "
                  f"{bare['fresh_s']:.2f} s: {bare['fresh_ratio']:.2f}× (paired {bare['fresh_paired']:.2f}×)."]
    for row in edits:
        lines.append(f"- One course edited in a {row['courses']}-course catalog ({row['engine']}): median "
                     f"{row['edit_s']:.2f} s ({', '.join(f'{s:.2f}' for s in row['edits'])}) vs a one-course cold build "
                     f"{row['cold_s']:.2f} s: {row['ratio']:.2f}× (target ≤ 1.5×; the catalog's own cold build "
                     f"{row['catalog_cold_s']:.0f} s).")
    return lines


def parallel_ratio(root: Path) -> dict[str, float]:
    project = make_catalog(root, 4)
    serial = coursegen("build", "--force", "--jobs", "1", project=project)
    parallel = coursegen("build", "--force", "--jobs", "2", project=project)
    shutil.rmtree(project)
    return {"serial_s": serial, "parallel_s": parallel, "speedup": serial / parallel}


def search_figures(root: Path, quick: bool) -> dict:
    """Relevance and speed of search on file:// (benchmarks/search_bench.py)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=search_bench.CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        figures = search_bench.measure(browser, root / "search", quick)
        browser.close()
    return figures


def table(rows: list[dict[str, float]], columns: list[tuple[str, str, str]]) -> str:
    head = "| " + " | ".join(title for _, title, _ in columns) + " |"
    rule = "|" + "|".join(" --- " for _ in columns) + "|"
    body = ["| " + " | ".join(format(row[key], spec) for key, _, spec in columns) + " |" for row in rows]
    return "\n".join([head, rule, *body])


def main() -> None:
    from generator.engines import ENGINES, engine_version

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI-sized run")
    parser.add_argument("--write", action="store_true", help="write BENCHMARKS.md")
    parser.add_argument("--targets", type=int, metavar="COURSES", default=0,
                        help="only the build targets of issue #17: the cold build against bare Zensical, and one course "
                             "edited in a catalog of COURSES courses under each engine")
    parser.add_argument("--engines", default=None, help="with --targets: which engines (comma-separated)")
    args = parser.parse_args()
    if args.targets:
        chosen = (args.engines or ",".join(ENGINES)).split(",")
        with tempfile.TemporaryDirectory(prefix="coursegen-bench-") as scratch:
            root = Path(scratch)
            bare = bare_zensical(root, 9) if "zensical" in chosen and engine_version("zensical") else None
            edits = [edit_ratio(root, args.targets, engine, 3) for engine in chosen if engine_version(engine)]
        print("\n".join(target_lines(bare, edits)))
        return
    sizes = [1, 3, 6] if args.quick else [1, 10, 100]
    repeats = 1 if args.quick else 3
    engines = [name for name in ENGINES if engine_version(name) is not None]

    with tempfile.TemporaryDirectory(prefix="coursegen-bench-") as scratch:
        root = Path(scratch)
        speech = make_catalog(root, 1)
        phases = [in_process_phases(speech) for _ in range(repeats + 1)][1:] or [in_process_phases(speech)]
        phase = {key: statistics.median(p[key] for p in phases) for key in phases[0]}
        shutil.rmtree(speech)
        # Large catalogs take minutes per build: one run each, medians for the small ones.
        catalogs = {engine: [catalog_figures(root, n, repeats if n <= 10 else 1, engine) for n in sizes]
                    for engine in engines}
        bare = bare_zensical(root, repeats) if "zensical" in engines else None
        parallel = parallel_ratio(root)
        search = search_figures(root, args.quick)
    serve = serve_bench.run(3 if args.quick else 7)
    versions = ", ".join(f"{ENGINES[e].label} {engine_version(e)}" for e in engines)
    report = "\n".join(report_lines(args.quick, repeats, versions, phase, catalogs, bare, parallel, search, serve))
    print(report)
    if args.write:
        (REPO / "BENCHMARKS.md").write_text(report, encoding="utf-8")


def report_lines(quick, repeats, versions, phase, catalogs, bare, parallel, search, serve) -> list[str]:
    whole = sum(phase.values())
    mkdocs = catalogs["mkdocs"]
    base, largest = mkdocs[0], mkdocs[-1]
    every = [row for rows in catalogs.values() for row in rows]
    lines = [
        "# Benchmarks",
        "",
        f"Command: `python benchmarks/bench.py{' --quick' if quick else ''}` · {time.strftime('%Y-%m-%d')} · "
        f"{os.cpu_count()} cores · Python {platform.python_version()} · {versions} · medians of {repeats} run(s) "
        "(one run for catalogs over 10 courses). Figures that matter are ratios measured in this one run; absolute "
        "seconds vary with the machine's load.",
        "",
        "## The speech's course (in one process, MkDocs)",
        "",
        f"| validation | generation | MkDocs build | generation share |\n| --- | --- | --- | --- |\n"
        f"| {phase['validate']:.2f} s | {phase['generate']:.2f} s | {phase['mkdocs']:.2f} s | "
        f"{(phase['validate'] + phase['generate']) / whole:.1%} |",
        "",
        "## Engines (`coursegen build --engine …` in a fresh process)",
        "",
        "| courses | " + " | ".join(f"{e} cold (s)" for e in catalogs) + " | "
        + " | ".join(f"{e}: one course edited (s)" for e in catalogs) + " | one edited / one-course cold |",
        "| --- |" + " --- |" * (2 * len(catalogs) + 1),
    ]
    for i, n in enumerate(row["courses"] for row in mkdocs):
        cold = " | ".join(f"{rows[i]['cold_s']:.1f}" for rows in catalogs.values())
        edit = " | ".join(f"{rows[i]['one_edit_s']:.1f}" for rows in catalogs.values())
        ratio = ", ".join(f"{e} {rows[i]['one_edit_s'] / rows[0]['cold_s']:.2f}×" for e, rows in catalogs.items())
        lines.append(f"| {n:.0f} | {cold} | {edit} | {ratio} |")
    lines += [
        "",
        "## Catalogs (each course a copy of the speech's course; `coursegen build` in a fresh process)",
        "",
        table(every, [
            ("engine", "engine", "s"), ("courses", "courses", ".0f"), ("cold_s", "cold build (s)", ".1f"),
            ("per_course_s", "per course (s)", ".2f"), ("html_bytes_per_page", "HTML bytes/page", ",.0f"),
            ("site_mb", "site (MB)", ".1f"), ("site_disk_mb", "on disk (MB)", ".1f"),
            ("search_index_kb_per_course", "search index/course (KB)", ".0f"), ("zip_mb", "zip (MB)", ".2f"),
            ("no_change_s", "no-change rebuild (s)", ".2f"), ("no_change_ratio", "no-change / cold", ".0%"),
            ("no_change_files_written", "files written", ".0f"), ("one_edit_s", "one course edited (s)", ".1f"),
        ]),
        "",
        serve_bench.SECTION,
        "",
        *serve_bench.report(serve),
        "",
        "## Ratios against the targets",
        "",
    ]
    if bare:
        lines += target_lines(bare, [])
    for engine, rows in catalogs.items():
        lines.append(f"- One course edited in a {rows[-1]['courses']:.0f}-course catalog ({engine}): "
                     f"{rows[-1]['one_edit_s']:.1f} s vs a one-course cold build {rows[0]['cold_s']:.1f} s: "
                     f"{rows[-1]['one_edit_s'] / rows[0]['cold_s']:.2f}× (target ≤ 1.5×).")
    for engine, seconds in serve.items():
        lines.append(f"- Save to reload in `coursegen serve` ({engine}): median {statistics.median(seconds):.2f} s "
                     f"(target ≤ {serve_bench.TARGETS[engine]:.1f} s).")
    lines += [
        f"- Generation (validation + rendering) share of the whole build: "
        f"{(phase['validate'] + phase['generate']) / whole:.1%} (target ≤ 10 %).",
        f"- Time per course, {largest['courses']:.0f} courses vs 1 (mkdocs): "
        f"{largest['per_course_s'] / base['per_course_s']:.2f}× (target ≤ 1.2×).",
        f"- No-change rebuild vs cold build: {max(c['no_change_ratio'] for c in every):.0%} at worst, "
        f"{max(c['no_change_files_written'] for c in every):.0f} files written (targets ≤ 20 %, 0 files).",
        f"- Parallel build of 4 courses: {parallel['serial_s']:.1f} s on one core, {parallel['parallel_s']:.1f} s "
        f"on two: {parallel['speedup']:.2f}× faster.",
        "",
        search_bench.SECTION,
        "",
        *search_bench.report(search),
    ]
    return lines + NOTES.splitlines() + [""]


if __name__ == "__main__":
    main()
