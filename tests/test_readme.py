"""The README stays true: commands documented, set-up commands shared with CI."""

from __future__ import annotations

import re

from conftest import REPO
from generator.cli import cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented():
    for name, command in cli.commands.items():
        assert f"coursegen {name}" in README, f"README does not document `coursegen {name}`"
        for param in command.params:
            for option in param.opts:
                if option.startswith("--") and option != "--help":
                    assert option in README, f"README does not mention {option} of `coursegen {name}`"


def _fenced_commands() -> list[str]:
    return re.findall(r"```(?:bash|sh)\n(.*?)```", README, flags=re.S)


def test_readme_has_the_two_set_up_commands_and_ci_uses_the_test_one():
    blocks = [b.strip() for b in _fenced_commands()]
    assert "bash scripts/build-site.sh" in blocks
    assert "bash scripts/test.sh" in blocks
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci


def _readme_tool():
    import importlib.util

    spec = importlib.util.spec_from_file_location("readme_tool", REPO / "scripts" / "readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_blocks_match_the_code():
    """The command reference is each command's --help, and the reserved names are generator/names.py."""
    tool = _readme_tool()
    blocks = {match.group("name") for match in tool.BLOCK.finditer(README)}
    assert blocks == set(tool.BLOCKS), "README.md lacks a generated block"
    assert tool.stale_blocks(README) == [], "README.md is out of date: run .venv/bin/python scripts/readme.py"
    for name in cli.commands:
        assert f"$ coursegen {name} --help\n" in README


def test_the_readme_tool_notices_drift():
    tool = _readme_tool()
    before, line, after = README.rpartition("显示 MkDocs 的详细输出。")  # inside the generated block
    drifted = before + "显示详细输出。" + after
    assert drifted != README and tool.stale_blocks(drifted) == ["commands"]
    assert tool.regenerate(drifted) == README
