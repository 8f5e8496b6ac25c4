"""Six deliberate bugs (issue #18), each of which the test suite must catch.

    .venv/bin/python scripts/deliberate_bugs.py            # all of them (about 5 minutes)
    .venv/bin/python scripts/deliberate_bugs.py pass-mark  # some of them, by name

Each bug is applied to a scratch copy of the repository (never to the working
tree), then the tests that guard that behaviour run there. The script prints,
for each bug, the first test that failed, and exits with status 1 if any bug
went unnoticed (or could not be applied because the code it breaks has moved).
Browser tests run with CI=true, so a missing Chromium counts as a failure of
this script, not as a caught bug.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scratch import run_tests, scratch_copy  # noqa: E402


@dataclass(frozen=True)
class Bug:
    name: str
    what: str
    path: str
    old: str  # must occur exactly once in ``path``
    new: str
    tests: tuple[str, ...]


BUGS = [
    Bug("atomic-rename", "write_atomically writes the target in place instead of renaming a finished file over it",
        "generator/atomic.py",
        "    write_files_atomically({target: data}, durable=durable)\n",
        "    target.write_bytes(data.encode('utf-8') if isinstance(data, str) else data)\n",
        ("tests/test_atomic_units.py", "tests/test_atomic_writes.py")),
    Bug("pass-mark", "a score exactly at the pass mark no longer passes (>= becomes >)",
        "docs/assets/coursegen/rules.js",
        "return typeof best === \"number\" && best >= passMark;",
        "return typeof best === \"number\" && best > passMark;",
        ("tests/test_record_rules.py",)),
    Bug("site-swap", "the site swap deletes the old site, then moves the new one in (not atomic, no way back)",
        "generator/fsutil.py",
        "    if target.is_dir() and not target.is_symlink() and _exchange(new, target):\n        return True\n",
        "    if target.is_dir() and not target.is_symlink():\n        shutil.rmtree(target)\n",
        ("tests/test_site_swap.py",)),
    Bug("stale-answer", "a changed answer key no longer makes stored answers stale (the hash ignores the key)",
        "generator/render/quiz.py",
        'exclude={"explanation", "difficulty", "section", "id"}',
        'exclude={"explanation", "difficulty", "section", "id", "answer"}',
        ("tests/test_hashes.py",)),
    Bug("score-rounding", "scores are cut down instead of rounded (2 of 3 right gives 66, not 67)",
        "docs/assets/coursegen/rules.js",
        "return total > 0 ? Math.round((100 * right) / total) : 0;",
        "return total > 0 ? Math.floor((100 * right) / total) : 0;",
        ("tests/test_record_rules.py",)),
    Bug("incremental-nav", "an incremental build ignores a changed navigation and reuses the old course site",
        "generator/incremental.py",
        "specific = json.dumps([sorted(pages.items()), nav, list(search_terms), homepage],",
        "specific = json.dumps([sorted(pages.items()), list(search_terms), homepage],",
        ("tests/test_incremental.py",)),
    # Not one of the six: issue #11's check that explanations name no option letter.
    Bug("letter-in-explanation", "an explanation refers to options by letter (“只有 C 三者兼顾”)",
        "quizzes/dangjian-ziyuan.yml",
        "      这是第一点的结论：根据现实需要整合分散资源，",
        "      选 C 的理由是：这是第一点的结论：根据现实需要整合分散资源，",
        ("tests/test_browser_explanations.py",)),
]


def check(bug: Bug) -> bool:
    with scratch_copy(f"coursegen-bug-{bug.name}-") as root:
        file = root / bug.path
        text = file.read_text(encoding="utf-8")
        if text.count(bug.old) != 1:
            print(f"✗ {bug.name}: cannot apply ({bug.path} no longer holds the code this bug breaks once)")
            return False
        file.write_text(text.replace(bug.old, bug.new), encoding="utf-8")
        run = run_tests(root, bug.tests, extra_env={"CI": "true"})
    if run.passed or not (run.failed or run.timed_out):
        print(run.output[-2000:] if not run.passed else "", end="")
        print(f"✗ {bug.name}: NOT caught by {', '.join(bug.tests)} — {bug.what}")
        return False
    caught_by = run.failed[0] if run.failed else "a timeout"
    print(f"✓ {bug.name}: caught by {caught_by} — {bug.what}")
    return True


def main(names: list[str]) -> int:
    unknown = set(names) - {b.name for b in BUGS}
    if unknown:
        print(f"unknown bugs: {', '.join(sorted(unknown))}; known: {', '.join(b.name for b in BUGS)}")
        return 2
    results = [check(bug) for bug in BUGS if not names or bug.name in names]
    print(f"{sum(results)} of {len(results)} deliberate bugs caught")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
