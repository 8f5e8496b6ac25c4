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
