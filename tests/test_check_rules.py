"""Each rule of ``coursegen check``, one case each: the clean fixture passes, breaking it once gives
exactly that finding at its file:line:column, and the fixed variant gives none.

Cases live in tests/check_cases/<CODE>.yml: which file of tests/fixtures/check to
edit (the bank unless ``file`` says otherwise), the ``bad`` and ``good`` replace
steps, and the one finding ``expect``ed, as ``coursegen check`` prints it. The
fixture names its own made-up speech (sources/speech.txt), so the source rules
run too.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES
from generator.check.registry import RULES

CASES = Path(__file__).parent / "check_cases"
BANK = "quizzes/jieneng.yml"


def load(code: str) -> dict:
    return yaml.safe_load((CASES / f"{code}.yml").read_text(encoding="utf-8"))


def apply(project: Path, case: dict, steps: list[dict]) -> None:
    path = project / case.get("file", BANK)
    text = path.read_text(encoding="utf-8")
    for step in steps:
        old, new = step["replace"]["old"], step["replace"]["new"]
        assert old in text, f"fixture changed: {old!r} not in {path.name}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def run(invoke, project: Path) -> tuple[int, list[str], dict]:
    result = invoke("check", "--project", str(project), "--format", "json")
    data = json.loads(result.stdout)
    lines = [f"{f['file']}:{f['line']}:{f['column']}: {f['code']} {f['level']} [{f['subject']}] {f['message']}"
             f"（提示：{f['hint']}）" for f in data["findings"]]
    return result.exit_code, lines, data


@pytest.fixture
def fixture(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "check", target)
    return target


def test_every_rule_has_a_case():
    assert sorted(p.stem for p in CASES.glob("*.yml")) == sorted(RULES)


def test_the_clean_fixture_passes_strict(fixture, invoke):
    result = invoke("check", "--project", str(fixture), "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("检查通过：1 门课程、21 道题，没有发现问题。\n")


@pytest.mark.parametrize("code", sorted(RULES))
def test_breaking_a_rule_once_gives_exactly_its_finding(fixture, invoke, code):
    case = load(code)
    apply(fixture, case, case["bad"])
    status, lines, _ = run(invoke, fixture)
    assert lines == [case["expect"].strip()]
    assert status == (1 if RULES[code].severity == "错误" else 0)


@pytest.mark.parametrize("code", sorted(RULES))
def test_the_fixed_variant_gives_none(fixture, invoke, code):
    case = load(code)
    apply(fixture, case, case["good"])
    status, lines, data = run(invoke, fixture)
    assert (status, lines) == (0, [])
    assert [f["code"] for f in data["silenced"]] == case.get("silenced", [])
