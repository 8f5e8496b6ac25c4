"""Regenerate the blocks of README.md that come from the code.

    .venv/bin/python scripts/readme.py           rewrite README.md
    .venv/bin/python scripts/readme.py --check   exit 1 (and say which block) if README.md is out of date

A block sits between ``<!-- [[[generated: NAME]]] -->`` and ``<!-- [[[end]]] -->``
(in the manner of cog, as sqlite-utils does): ``commands`` is every command's
``--help``, ``reserved-names`` the table of generator/names.py, ``engines`` what works under each engine. A test runs
the check, so README and code never drift: after changing a command, its
options or a reserved name, run this script and commit README.md.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
HELP_WIDTH = 80
"""Terminal width for --help, fixed so the text does not depend on who runs the script."""
BLOCK = re.compile(r"(<!-- \[\[\[generated: (?P<name>[\w-]+)\]\]\] -->\n)(?P<body>.*?)(<!-- \[\[\[end\]\]\] -->)", re.S)


def command_help(*args: str) -> str:
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(cli, [*args, "--help"], prog_name="coursegen", terminal_width=HELP_WIDTH)
    if result.exit_code != 0:
        raise SystemExit(f"coursegen {' '.join(args)} --help failed:\n{result.output}")
    return result.output


def commands_block() -> str:
    """``coursegen --help`` and each command's ``--help``, in alphabetical order."""
    from generator.cli import cli

    sections = ["```text\n$ coursegen --help\n" + command_help() + "```\n"]
    for name in sorted(cli.commands):
        sections.append(f"#### coursegen {name}\n\n```text\n$ coursegen {name} --help\n{command_help(name)}```\n")
    return "\n".join(sections)


def reserved_names_block() -> str:
    """The table of reserved names; the Windows device names share one row."""
    from generator.names import EVERY_KIND, RESERVED, IdKind

    rows = ["| 名称 | 生成器用它做什么 | 不能用作 |", "| --- | --- | --- |"]
    devices = [r for r in RESERVED.values() if r.clashes == EVERY_KIND]
    for reserved in RESERVED.values():
        if reserved not in devices:
            kinds = "、".join(kind.label for kind in IdKind if kind in reserved.clashes)
            rows.append(f"| `{reserved.name}` | {reserved.use} | {kinds} |")
    if devices:
        rows.append(f"| {'、'.join(f'`{r.name}`' for r in devices)} | {devices[0].use} | 任何标识 |")
    return "\n".join(rows) + "\n"


def engines_block() -> str:
    """What works under each engine, from generator/engines.py."""
    from generator.engines import ENGINES, SUPPORT

    labels = [engine.label for engine in ENGINES.values()]
    rows = [f"| 功能 | {' | '.join(labels)} | 怎样验证 |", "| --- |" + " --- |" * (len(labels) + 1)]
    rows += [f"| {' | '.join(row)} |" for row in SUPPORT]
    return "\n".join(rows) + "\n"


BLOCKS: dict[str, Callable[[], str]] = {"commands": commands_block, "reserved-names": reserved_names_block,
                                        "engines": engines_block}


def regenerate(text: str) -> str:
    """README text with every generated block rewritten; unknown block names are an error."""
    def fill(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in BLOCKS:
            raise SystemExit(f"README.md: unknown generated block {name!r} (known: {', '.join(BLOCKS)})")
        return match.group(1) + BLOCKS[name]() + match.group(4)

    return BLOCK.sub(fill, text)


def stale_blocks(text: str) -> list[str]:
    """Names of the blocks whose text differs from what the code generates now."""
    fresh = {m.group("name"): m.group("body") for m in BLOCK.finditer(regenerate(text))}
    return [m.group("name") for m in BLOCK.finditer(text) if fresh[m.group("name")] != m.group("body")]


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    text = README.read_text(encoding="utf-8")
    if "--check" in argv:
        stale = stale_blocks(text)
        if stale:
            print(f"README.md is out of date ({', '.join(stale)}): run .venv/bin/python scripts/readme.py")
            return 1
        return 0
    updated = regenerate(text)
    if updated != text:
        README.write_text(updated, encoding="utf-8")
        print("README.md updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
