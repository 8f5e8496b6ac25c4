"""The search relevance benchmark at its CI size (`search_bench.py --quick`): relevance targets hold.

Timings are printed, never asserted: the machines are shared and noisy.
"""

from __future__ import annotations

import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import search_bench  # noqa: E402

pytestmark = pytest.mark.browser


def test_search_finds_what_a_cadre_types_in_a_course_and_in_the_catalog(chromium, tmp_path):
    figures = search_bench.measure(chromium, tmp_path, quick=True)
    print("\n".join(search_bench.report(figures)))
    course, catalog = figures["course"], figures["catalog"]
    kinds = dict(course["by_kind"])
    assert course["queries"] >= 40 and {"term", "part", "phrase", "question"} <= set(kinds)
    targets = search_bench.TARGETS
    assert course["top3"] >= targets["course"]["top3"], course["misses"]
    assert course["top1"] >= targets["course"]["top1"], course["misses"]
    assert catalog["top3"] >= targets["catalog"]["top3"], catalog["misses"]
    assert course["timeouts"] == 0 and catalog["timeouts"] == 0
