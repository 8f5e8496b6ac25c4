"""Every rule of ``coursegen check``, by code: the one table the checks, README, settings and tests read."""

from __future__ import annotations

from .rule import ERROR, SEVERITY_NAMES, WARNING, Rule
from .rules_bank import BANK_RULES
from .rules_source import SOURCE_RULES

RULES: dict[str, Rule] = {rule.code: rule for rule in BANK_RULES + SOURCE_RULES}

BANK_WIDE = tuple(code for code, rule in RULES.items() if rule.scope == "bank")
"""Rules about the whole bank: silenced in the bank's own top-level check_ignore."""

__all__ = ["RULES", "BANK_WIDE", "ERROR", "WARNING", "Rule", "markdown_table"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table() -> str:
    """The README's rule table, generated from the registry (tests/test_check.py keeps them equal)."""
    lines = ["| 代码 | 级别 | 规则 | 反例 | 正例 | 可调阈值（coursegen.yml） |", "| --- | --- | --- | --- | --- | --- |"]
    for rule in RULES.values():
        params = "；".join(f"`{name}` = {_default(param.default)}" for name, param in rule.params.items()) or "—"
        lines.append(f"| {rule.code} | {rule.severity} | {_cell(rule.title)} | {_cell(rule.bad)} | "
                     f"{_cell(rule.good)} | {params} |")
    return "\n".join(lines) + "\n"


def _default(value: object) -> str:
    if isinstance(value, tuple):
        return f"词表（{len(value)} 个）"
    return f"{value:g}" if isinstance(value, float) else str(value)
