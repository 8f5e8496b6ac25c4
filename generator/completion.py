"""The completion rule (结业条件) of a course: checked against the course, resolved for the widgets.

course.yml may say what completes the course; without it, every lesson page
must be 已学 and, when the course has a question bank, the final test passed.
The widgets apply the resolved rule (``rules.js`` ``completion``); the
progress page states it with :func:`rule_text`.
"""

from __future__ import annotations

from typing import Any

from . import names
from .errors import Problem
from .loaded import LoadedCourse
from .loader import YamlDocument
from .models import ChecklistFile, Course

FINAL_QUIZ_ID = names.FINAL_QUIZ


def check_completion(course: Course, document: YamlDocument, checklists: ChecklistFile | None,
                     has_bank: bool) -> list[Problem]:
    """Problems with course.yml's ``completion``: unknown checklists, a test without a bank, an empty rule."""
    rule = course.completion
    problems = []
    known = {c.id for c in checklists.checklists} if checklists else set()
    for index, checklist_id in enumerate(rule.checklists):
        if checklist_id not in known:
            hint = f"可用的清单：{'、'.join(sorted(known))}" if known else "本课程没有清单文件，请删除这一项"
            problems.append(document.problem(("completion", "checklists", index),
                                             f"结业条件中的清单“{checklist_id}”不存在", hint))
    if rule.final_test and not has_bank:
        problems.append(document.problem(("completion", "final_test"), "结业条件要求综合测试，但本课程没有题库",
                                         "添加 quizzes/<课程标识>.yml，或改为 final_test: false"))
    if not rule.pages and not (rule.final_test if rule.final_test is not None else has_bank) and not rule.checklists:
        problems.append(document.problem(("completion",), "结业条件为空：学员什么都不做也算结业",
                                         "至少保留一项：pages: true、final_test: true 或列出清单"))
    return problems


def resolved_rule(loaded: LoadedCourse) -> dict[str, Any]:
    """The rule as the widgets apply it: {pages, finalTest: quiz id or None, checklists}."""
    rule = loaded.course.completion
    final = rule.final_test if rule.final_test is not None else loaded.bank is not None
    return {"pages": rule.pages, "finalTest": FINAL_QUIZ_ID if final and loaded.bank else None,
            "checklists": list(rule.checklists)}


def rule_text(loaded: LoadedCourse, page_count: int) -> list[str]:
    """Each condition of the rule in words, for the progress page."""
    rule = resolved_rule(loaded)
    titles = {c.id: c.title for c in loaded.checklists}
    out = []
    if rule["pages"]:
        out.append(f"全部 {page_count} 个学习页面都“已学”")
    if rule["finalTest"] and loaded.bank:
        out.append(f"{loaded.bank.final.title}达到及格分（{loaded.bank.final.pass_mark} 分）")
    out += [f"“{titles[c]}”的各项全部勾选" for c in rule["checklists"]]
    return out
