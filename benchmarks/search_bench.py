"""Search relevance and speed on file:// in Chromium. Prints a table; never a timed test.

    python benchmarks/search_bench.py            # the speech's course, 5 rounds; a catalog of 20 courses
    python benchmarks/search_bench.py --quick    # CI-sized: 1 round; a catalog of 4 courses
    python benchmarks/search_bench.py --write    # also put the figures in BENCHMARKS.md's search section

Every query of search_queries.yml is put into the search field of the built
site, opened from file:// with every other request refused, as one input event
(what typing, pasting or an input method ends with). Figures: top-1 and top-3
(the share of queries whose wanted page comes first, or among the first three),
MRR (the mean of 1/rank, 0 beyond the tenth result), and the time from the input
event to the results on screen (median and 95th percentile, the index already
loaded; the first query of a page, which loads the index, is reported apart).
The catalog is made of copies of the speech's course, so a result counts when
it is the wanted page of any of them.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
QUERIES = HERE / "search_queries.yml"
COURSE = "dangjian-ziyuan"
CHROMIUM = "/usr/bin/chromium"
TARGETS = {"course": {"top1": 0.80, "top3": 0.95, "p95_ms": 100.0}, "catalog": {"top3": 0.90}}

# One query: the input event, then the first change of the results (search.js renders
# them in one go); elapsed milliseconds and the result links, best first.
RUN_QUERY = """async (query) => {
  const input = document.querySelector('input.cg-search__input');
  const output = document.querySelector('.cg-search__output');
  const meta = document.querySelector('.cg-search__meta');
  const elapsed = await new Promise(resolve => {
    let started = 0;
    const timer = setTimeout(() => { observer.disconnect(); resolve(-1); }, 10000);
    const observer = new MutationObserver(() => {
      if (!/结果|没有找到/.test(meta.textContent)) return;  // still loading an index
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now() - started);
    });
    observer.observe(output, {childList: true, subtree: true, characterData: true, attributes: true});
    started = performance.now();
    input.value = query;
    input.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText', data: query}));
  });
  const links = [...document.querySelectorAll('#cg-search-list a')].slice(0, 10).map(a => a.href);
  return {ms: elapsed, links};
}"""


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    expect: tuple[str, ...]


@dataclass
class Outcome:
    query: Query
    rank: int | None  # 1-based rank of the best wanted page among the first ten results
    top: list[str]
    timings: list[float]


def load_queries(path: Path = QUERIES) -> list[Query]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(e["kind"], str(e["query"]), tuple(e["expect"])) for e in entries]


def build_course(root: Path) -> Path:
    """The speech's course in a scratch project; returns its site folder."""
    from generator import api

    project = root / "course"
    project.mkdir(parents=True)
    for folder in ("content", "quizzes", "docs"):
        shutil.copytree(REPO / folder, project / folder, ignore=shutil.ignore_patterns("generated"))
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    return api.build(project).site_dir


def build_catalog(root: Path, courses: int) -> Path:
    """A catalog of ``courses`` copies of the speech's course; returns its site folder."""
    from bench import make_catalog
    from generator import api

    return api.build(make_catalog(root, courses)).site_dir


def page_in_course(href: str, site: Path) -> str:
    """A result's page as a path inside its course (any course of a catalog)."""
    path = href.split("?", 1)[0].split("#", 1)[0]
    relative = path.split(site.as_uri() + "/", 1)[-1]
    return relative.split("/", 1)[1] if "/" in relative else relative


def evaluate(browser, site: Path, start: str, queries: list[Query], rounds: int) -> dict:
    """Run every query ``rounds`` times on one page; relevance from the first round."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    page = context.new_page()
    page.goto((site / start).as_uri())
    page.locator("input.cg-search__input").focus()
    cold = page.evaluate(RUN_QUERY, queries[0].text)["ms"]  # loads the index (all of them in a catalog)
    outcomes = []
    for query in queries:
        result = page.evaluate(RUN_QUERY, query.text)
        pages = [page_in_course(h, site) for h in result["links"]]
        ranks = [pages.index(p) + 1 for p in query.expect if p in pages]
        outcomes.append(Outcome(query, min(ranks) if ranks else None, pages[:3], [result["ms"]]))
    for _ in range(rounds - 1):
        for outcome in outcomes:
            outcome.timings.append(page.evaluate(RUN_QUERY, outcome.query.text)["ms"])
    context.close()
    return summarize(outcomes, cold)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def summarize(outcomes: list[Outcome], cold_ms: float) -> dict:
    n = len(outcomes)
    timings = [t for o in outcomes for t in o.timings]
    valid = [t for t in timings if t >= 0]
    kinds = sorted({o.query.kind for o in outcomes})
    return {
        "queries": n,
        "top1": sum(o.rank == 1 for o in outcomes) / n,
        "top3": sum(o.rank is not None and o.rank <= 3 for o in outcomes) / n,
        "mrr": sum(1 / o.rank for o in outcomes if o.rank) / n,
        "median_ms": statistics.median(valid) if valid else float("nan"),
        "p95_ms": percentile(valid, 0.95) if valid else float("nan"),
        "timeouts": len(timings) - len(valid),
        "cold_ms": cold_ms,
        "by_kind": {k: (sum(o.rank is not None and o.rank <= 3 for o in outcomes if o.query.kind == k),
                        sum(o.query.kind == k for o in outcomes)) for k in kinds},
        "misses": [(o.query.text, o.rank, o.top) for o in outcomes if o.rank != 1],
    }


def index_bytes(site: Path) -> tuple[int, int]:
    """Bytes of one course's index and of every index in the site."""
    indexes = list(site.rglob("search/index.js"))
    course = next(p for p in indexes if p.parent.parent != site)
    return course.stat().st_size, sum(p.stat().st_size for p in indexes)


def measure(browser, root: Path, quick: bool) -> dict:
    """Both scopes: the speech's course on its own, and a catalog of copies searched from its home."""
    queries = load_queries()
    rounds, courses = (1, 4) if quick else (5, 20)
    site = build_course(root)
    course = evaluate(browser, site, f"{COURSE}/index.html", queries, rounds)
    course["index_kb"] = index_bytes(site)[0] / 1e3
    catalog_site = build_catalog(root, courses)
    catalog = evaluate(browser, catalog_site, "index.html", queries, rounds)
    per_course, total = index_bytes(catalog_site)
    catalog.update(courses=courses, index_mb=total / 1e6,
                   per_hundred_mb=(per_course * 100 + (total - per_course * courses)) / 1e6)
    return {"course": course, "catalog": catalog, "rounds": rounds}


def report(figures: dict) -> list[str]:
    course, catalog = figures["course"], figures["catalog"]
    rows = [("the speech's course", course), (f"catalog of {catalog['courses']} courses", catalog)]
    lines = [
        f"{course['queries']} queries (benchmarks/search_queries.yml), {figures['rounds']} round(s) each, "
        "Chromium, file://, index loaded.",
        "",
        "| scope | top-1 | top-3 | MRR | median | p95 | first query (loads the index) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, f in rows:
        lines.append(f"| {name} | {f['top1']:.0%} | {f['top3']:.0%} | {f['mrr']:.2f} | {f['median_ms']:.0f} ms "
                     f"| {f['p95_ms']:.0f} ms | {f['cold_ms']:.0f} ms |")
    kinds = ", ".join(f"{k} {hit}/{n}" for k, (hit, n) in course["by_kind"].items())
    lines += [
        "",
        f"- Top-3 by kind of query (the course): {kinds}.",
        f"- Targets: course top-3 ≥ 95 %, top-1 ≥ 80 %, p95 ≤ 100 ms; catalog top-3 ≥ 90 %.",
        f"- Index: {course['index_kb']:.0f} KB for the course, loaded by its pages when someone searches; "
        f"{catalog['index_mb']:.1f} MB for all {catalog['courses']} courses, loaded only for a search of all "
        f"courses; a 100-course catalog's indexes weigh {catalog['per_hundred_mb']:.1f} MB in all, and a course "
        "page still loads only its own.",
    ]
    misses = [m for m in course["misses"] if m[1] is None or m[1] > 1]
    if misses:
        lines.append("- Not first (the course): " + "; ".join(
            f"{q} → {'rank ' + str(r) if r else 'not in top 10'} ({', '.join(top)})" for q, r, top in misses))
    return lines


SECTION = "## Search (`benchmarks/search_bench.py`)"


def write_section(lines: list[str], path: Path = REPO / "BENCHMARKS.md") -> None:
    """Replace (or add) the search section of BENCHMARKS.md; bench.py writes the same section."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmarks\n"
    section = "\n".join([SECTION, "", *lines]) + "\n"
    start = text.find(SECTION)
    if start < 0:
        notes = text.find("\n## Notes")
        start = end = notes + 1 if notes >= 0 else len(text)
        section += "\n"
    else:
        following = text.find("\n## ", start + len(SECTION))
        end = following + 1 if following >= 0 else len(text)
        section += "\n" if following >= 0 else ""
    path.write_text(text[:start] + section + text[end:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI-sized run")
    parser.add_argument("--write", action="store_true", help="update the search section of BENCHMARKS.md")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coursegen-search-bench-") as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        figures = measure(browser, Path(scratch), args.quick)
        browser.close()
    lines = [f"Command: `python benchmarks/search_bench.py{' --quick' if args.quick else ''}` · "
             f"{time.strftime('%Y-%m-%d')} · {os.cpu_count()} cores.", "", *report(figures)]
    print("\n".join(lines))
    print(f"\n({time.perf_counter() - started:.0f} s)")
    if args.write:
        write_section(lines)


if __name__ == "__main__":
    main()
