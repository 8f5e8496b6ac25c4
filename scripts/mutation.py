"""Mutation testing of coursegen's core modules and the widgets' rule functions.

    .venv/bin/python scripts/mutation.py                 # every target, one after another
    .venv/bin/python scripts/mutation.py atomic points   # some targets (names below)
    .venv/bin/python scripts/mutation.py --report        # the table for TESTING.md

Each mutant (one small change, see scripts/mutants.py) is written into a
scratch copy of the repository and only the tests that cover its module run,
niced, stopping at the first failure. A mutant that no test notices
*survives*; it is listed with its line, unless EQUIVALENT explains why no
test can notice it (the program behaves the same). Results go to
``.coursegen/mutation/<target>.json`` (git-ignored); ``--report`` reads them.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutants import Mutant, js_mutants, python_mutants  # noqa: E402
from scratch import REPO, run_tests, scratch_copy  # noqa: E402

RESULTS = REPO / ".coursegen" / "mutation"
START, END = "<!-- mutation-report -->", "<!-- /mutation-report -->"  # the table's place in TESTING.md
JS_IN_NODE = {"COURSEGEN_JS_IN_NODE": "1"}


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    tests: tuple[str, ...]  # fast, focused tests first: most mutants die in the first seconds
    functions: tuple[str, ...] = ()  # JavaScript: only these functions' bodies
    env: tuple[tuple[str, str], ...] = ()


# The per-module test lists: the tests that cover each module, nothing else.
TARGETS = [
    Target("rules.js", "docs/assets/coursegen/rules.js", ("tests/test_record_rules.py",), (),
           tuple(JS_IN_NODE.items())),
    # The store's logic only: the DOM helpers (page, el, readData, onEveryPage, download) are page glue.
    Target("store.js", "docs/assets/coursegen/store.js", ("tests/test_store_rules.py",),
           ("storage", "configure", "schema", "readRaw", "parse", "stored", "copy", "replay", "load", "keepAside",
            "update", "replace", "course", "status", "problems", "problem", "subscribe", "courses"),
           tuple(JS_IN_NODE.items())),
    Target("atomic", "generator/atomic.py", ("tests/test_atomic_units.py", "tests/test_atomic_writes.py")),
    Target("arrange", "generator/arrange.py", ("tests/test_arrange_rules.py", "tests/test_arrange.py")),
    Target("points", "generator/export/points.py", ("tests/test_points.py", "tests/test_export_papers.py")),
    Target("render/quiz", "generator/render/quiz.py", ("tests/test_hashes.py", "tests/test_render.py")),
    Target("render/checklists", "generator/render/checklists.py", ("tests/test_hashes.py", "tests/test_render.py")),
    Target("validation", "generator/validation.py", ("tests/test_errors.py", "tests/test_hostile_inputs.py",
                                                     "tests/test_check.py::test_a_threshold_must_be_an_ordinary_number",
                                                     "tests/test_check.py::test_settings_mistakes_are_located")),
    Target("models", "generator/models.py", ("tests/test_errors.py", "tests/test_hostile_inputs.py",
                                             "tests/test_lesson.py")),
    Target("quiz_models", "generator/quiz_models.py", ("tests/test_errors.py", "tests/test_arrange.py",
                                                       "tests/test_export_formats.py")),
    Target("incremental", "generator/incremental.py", ("tests/test_incremental_units.py", "tests/test_incremental.py")),
    *(Target(f"export/{name}", f"generator/export/{name}.py",
             ("tests/test_export.py", "tests/test_export_papers.py", "tests/test_export_formats.py",
              "tests/test_export_moodle.py",
              "tests/test_render.py::test_generated_pages_and_export_match_the_golden_files"))
      for name in ("common", "points", "aiken", "gift", "json_bank", "moodle_xml", "xlsx", "paper",
                   "answer_sheet", "word", "docx_paper", "handout")
      if name != "points"),
]

# Mutants no test can notice because the program behaves the same: target → {mutant key: reason}.
EQUIVALENT: dict[str, dict[str, str]] = {
    "atomic": {
        '`0` → `1` @ _CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | '
        'getattr(os, "O_CLOEXEC", 0)': "the default is used only where the OS lacks O_NOFOLLOW (not Linux)",
        '`0` → `1` @ _CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | '
        'getattr(os, "O_CLOEXEC", 0) #2': "the default is used only where the OS lacks O_CLOEXEC (not Linux)",
        "`100` → `101` @ for _ in range(100):":
            "how many random names are tried; with 16 random hex digits the first one is always free",
        "`>` → `>=` @ if len(files) > 1:":
            "a single file has nothing to roll back to: its backup link is made and removed unseen",
        "`1` → `2` @ lock = -1": "any negative number means “no descriptor yet”",
        '`|` → `&` @ lock = os.open(backup, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)':
            "the backup is the hard link this function has just made, never a symbolic link",
        '`|` → `&` @ lock = os.open(backup, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK) #2':
            "opening a regular file never blocks, and the backup is our own hard link",
        '`0` → `1` @ fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)':
            "the default is used only where the OS lacks O_NOFOLLOW (not Linux)",
        "`>=` → `>` @ if lock >= 0:": "descriptor 0 is standard input: os.open never returns it while that is open",
        "`0` → `1` @ if lock >= 0:": "descriptor 0 is standard input: os.open never returns it while that is open",
        "`False` → `True` @ os.link(target, backup, follow_symlinks=False)":
            "the target was checked to be a regular file just before, so there is no link to follow",
    },
    "arrange": {
        "`1` → `2` @ letters = max((_free(q) for q in questions), default=1) or 1":
            "the default counts the letters of an empty set, where no key is placed and the quota is never read",
        "`1` → `2` @ letters = max((_free(q) for q in questions), default=1) or 1 #2":
            "reached only when every option of every question is pinned: every key is then pinned too, "
            "and pinned keys never read the quota",
        "`<` → `<=` @ for q in sorted(questions, key=lambda q: (_free(q) if OPTION_LETTERS.index(q.answer) < "
        "_free(q) else 0,":
            "a key on the first pinned option then sorts by its free count: still before every question that "
            "can use that letter (they have more free options), and it never reads the counts itself",
        "`0` → `1` @ for q in sorted(questions, key=lambda q: (_free(q) if OPTION_LETTERS.index(q.answer) < "
        "_free(q) else 0,":
            "pinned keys then tie only with questions of one free option; both are placed without reading "
            "the counts, so their order changes nothing",
    },
    "validation": {
        "`False` → `True` @ problems = [_explain(document, model, error) for error in exc.errors(include_url=False)]":
            "the documentation link pydantic would add to each error is never read",
        "`1` → `2` @ close = difflib.get_close_matches(key, allowed, n=1)":
            "only the closest match is shown (close[0]); asking for two changes nothing else",
        '`or` → `and` @ expected = str((error.get("ctx") or {}).get("expected_tags", ""))':
            "without pydantic's list the tags are read from the union's members: the same tags, in the same order",
        '`<` → `<=` @ if isinstance(data, list) and isinstance(part, int) and part < len(data):':
            "pydantic names only list items that exist, so an index is always below the length",
        'returns None @ return ""': "the only caller writes `_field_hint(…) or \"请添加这一项\"`: None and \"\" are both false",
        '`and` → `or` @ return f"{field.description}" if field and field.description else ""':
            "a missing key is always a field of its model, and every required field has a description "
            "(test_every_required_key_has_a_description_to_offer_as_the_hint)",
    },
    "incremental": {
        "returns None @ return file_digest(root, path)  # it says why, in Chinese":
            "reached only when the file cannot be looked at; file_digest then raises its Chinese error, "
            "so nothing is returned either way",
        "`False` → `True` @ specific = json.dumps([digest, nav, list(search_terms), homepage], ensure_ascii=False, "
        "sort_keys=True)":
            "a fingerprint is only compared with fingerprints made the same way; escaping changes none of its inputs",
        'returns None @ return "absent"':
            "mkdocs, mkdocs-material and jieba are dependencies, always installed: the fallback is never reached",
        "`2` → `3` @ MANIFEST_VERSION = 2":
            "the manifest's version is written and compared by this module alone: any number works if both agree",
    },
    "export/common": {
        "`True` → `False` @ @dataclass(frozen=True)": "nothing assigns to an Entry or uses one as a key",
    },
    "render/quiz": {
        "`True` → `False` @ @dataclass(frozen=True)": "nothing assigns to a QuizSpec or uses one as a key",
    },
    "points": {
        "returns None @ return False": "None is falsy like False, and the only caller asks `if not _ranked(...)`",
        "returns None @ return False #2": "None is falsy like False, and the only caller asks `if not _ranked(...)`",
    },
    "store.js": {
        "`0` → `1` @ if (!schemaApi.isObject(parsed)) return { record: schemaApi.fresh(), corrupt: true, count: 0, "
        "dropped: [] };": "a corrupt record's count is never read: problems() and update() check `corrupt` first",
        "`<` → `<=` @ for (var i = 0; i < s.length; i++) {":
            "Storage.key(length) is null, which the `key &&` check that follows skips",
    },
    "rules.js": {
        "`||` → `&&` @ if (answer === null || answer === undefined || !answerFits(q, answer)) return false;":
            "null && undefined is never true, and answerFits already refuses null and undefined",
        "`>` → `>=` @ for (var i = out.length - 1; i > 0; i--) {":
            "at i = 0 the only j is 0: swapping an item with itself changes nothing",
        "`>` → `>=` @ if (count > 1 && sameList(order, range(count))) order.reverse();":
            "reversing a one-item list changes nothing",
    },
}


def keyed(mutants: list[Mutant], source: str) -> list[tuple[str, Mutant]]:
    """Each mutant's key; a second identical change on one line gets " #2", and so on."""
    seen: dict[str, int] = {}
    out = []
    for mutant in mutants:
        key = mutant.key(source)
        seen[key] = seen.get(key, 0) + 1
        out.append((key if seen[key] == 1 else f"{key} #{seen[key]}", mutant))
    return out


def mutants_of(target: Target, source: str) -> list[Mutant]:
    if target.path.endswith(".js"):
        return list(js_mutants(source, target.functions))
    return list(python_mutants(source))


def run_target(target: Target, limit: int | None = None) -> dict:
    source = (REPO / target.path).read_text(encoding="utf-8")
    mutants = mutants_of(target, source)[:limit]
    env = dict(target.env)
    saved = RESULTS / f"{target.name.replace('/', '-')}.json"
    earlier = {}
    if limit is None and saved.exists():  # resume an interrupted run of the same source
        old = json.loads(saved.read_text(encoding="utf-8"))
        if old.get("source") == _digest(source):
            earlier = {r["key"]: r for r in old["results"] if r["outcome"] == "killed"}  # survivors: again
    results = []
    with scratch_copy(f"coursegen-mutation-{target.name.replace('/', '-')}-") as root:
        baseline = run_tests(root, target.tests, extra_env=env)
        if not baseline.passed:
            print(f"{target.name}: skipped, its tests fail without any mutant:\n{baseline.output[-3000:]}")
            return {}
        timeout = max(60.0, 3 * baseline.seconds)
        print(f"{target.name}: {len(mutants)} mutants, tests {baseline.seconds:.0f} s", flush=True)
        file = root / target.path
        for number, (key, mutant) in enumerate(keyed(mutants, source), 1):
            if key in earlier:
                results.append(earlier[key])
                continue
            file.write_text(mutant.source, encoding="utf-8")
            run = run_tests(root, target.tests, timeout=timeout, extra_env=env)
            outcome = "killed" if not run.passed else (
                "equivalent" if key in EQUIVALENT.get(target.name, {}) else "survived")
            results.append({"key": key, "line": mutant.line, "change": mutant.change, "outcome": outcome,
                            "by": run.failed[0] if run.failed else ("timeout" if run.timed_out else None)})
            if outcome == "survived":
                print(f"  SURVIVED {target.path}:{mutant.line} {mutant.change}", flush=True)
            if number % 25 == 0:
                print(f"  {number}/{len(mutants)}", flush=True)
            summary = _summary(target, source, mutants, results)
            if limit is None:
                _save(saved, summary)
        file.write_text(source, encoding="utf-8")
    summary = _summary(target, source, mutants, results)
    if limit is None:  # also when the last mutants were all resumed
        _save(saved, summary)
    print(f"{target.name}: {summary['killed']} killed, {summary['survived']} survived, "
          f"{summary['equivalent']} equivalent", flush=True)
    return summary


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def _summary(target: Target, source: str, mutants: list[Mutant], results: list[dict]) -> dict:
    return {"target": target.name, "path": target.path, "tests": list(target.tests), "source": _digest(source),
            "date": datetime.date.today().isoformat(), "mutants": len(mutants), "run": len(results),
            **{k: sum(r["outcome"] == k for r in results) for k in ("killed", "survived", "equivalent")},
            "results": results}


def _save(file: Path, summary: dict) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")


def report() -> str:
    rows = ["| module | tests run per mutant | mutants | run so far | killed | equivalent | survived | date |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for target in TARGETS:
        file = RESULTS / f"{target.name.replace('/', '-')}.json"
        if not file.exists():
            rows.append(f"| `{target.path}` | not run yet | | | | | | |")
            continue
        s = json.loads(file.read_text(encoding="utf-8"))
        reasons = EQUIVALENT.get(target.name, {})  # reasons added after the run count too
        for r in s["results"]:
            if r["outcome"] != "killed":
                r["outcome"] = "equivalent" if r["key"] in reasons else "survived"
        s |= {k: sum(r["outcome"] == k for r in s["results"]) for k in ("survived", "equivalent")}
        tests = ", ".join(Path(t).stem for t in s["tests"])
        rows.append(f"| `{s['path']}` | {tests} | {s['mutants']} | {s['run']} | {s['killed']} | "
                    f"{s['equivalent']} | {s['survived']} | {s['date']} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help="target names (default: all): "
                        + ", ".join(t.name for t in TARGETS))
    parser.add_argument("--report", action="store_true", help="print the summary table and stop")
    parser.add_argument("--write", action="store_true", help="with --report: put the table into TESTING.md")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--limit", type=int, help="only the first N mutants (a trial; nothing is saved)")
    args = parser.parse_args()
    if args.report:
        table = report()
        if args.write:
            testing = REPO / "TESTING.md"
            text = testing.read_text(encoding="utf-8")
            head, rest = text.split(START, 1)
            testing.write_text(f"{head}{START}\n{table}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")
        print(table)
        return
    chosen = [t for t in TARGETS if not args.targets or t.name in args.targets]
    unknown = set(args.targets) - {t.name for t in TARGETS}
    if unknown:
        sys.exit(f"unknown targets: {', '.join(sorted(unknown))}")
    for target in chosen:
        if args.list:
            source = (REPO / target.path).read_text(encoding="utf-8")
            for mutant in mutants_of(target, source):
                print(f"{target.path}:{mutant.line}: {mutant.change}")
            continue
        run_target(target, args.limit)


if __name__ == "__main__":
    main()
