"""现行规定: how a note on a rule that changed since the speech reads, wherever it is shown.

Pages, the quiz widget, the printed paper, the handout and the answer key all
print the same sentence, so a learner sees the same words everywhere.
"""

from __future__ import annotations

from ..models import CurrentRule
from .text import plain

LABEL = "现行规定"


def current_rule_text(rule: CurrentRule | None) -> str:
    """"…（依据：《…》，2019 年）", or "" when there is no note."""
    if rule is None:
        return ""
    return f"{plain(rule.text)}（依据：{plain(rule.document)}，{rule.year} 年）"
