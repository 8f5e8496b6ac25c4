"""A check report as text for a person (like ruff) or as JSON for other tools."""

from __future__ import annotations

import json
from typing import Any

from .findings import Finding
from .registry import RULES, SEVERITY_NAMES
from .runner import CheckReport

FORMAT = "coursegen.check"


def summary_line(report: CheckReport, strict: bool) -> str:
    questions = sum(c.questions for c in report.courses)
    scope = f"{len(report.courses)} 门课程、{questions} 道题"
    silenced = sum(len(c.silenced) for c in report.courses)
    quiet = f"；另有 {silenced} 个已按 check_ignore 忽略" if silenced else ""
    errors, warnings = len(report.errors), len(report.warnings)
    if not errors and not warnings:
        return f"检查通过：{scope}，没有发现问题{quiet}。"
    verdict = "未通过" if report.failed(strict) else "通过（有警告）"
    tail = "；--strict 模式下警告也算未通过" if strict and warnings and not errors else ""
    return f"检查{verdict}：{scope}，错误 {errors} 个，警告 {warnings} 个{quiet}{tail}。"


def as_text(report: CheckReport, strict: bool) -> str:
    lines = [str(f) for f in report.findings]
    for course in report.courses:
        if course.source is not None:
            lines += ["", *course.source.table_lines(course.course)]
    lines.append(summary_line(report, strict))
    return "\n".join(lines) + "\n"


def finding_data(finding: Finding) -> dict[str, Any]:
    rule = RULES[finding.code]
    return {
        "code": finding.code, "rule": rule.name, "title": rule.title,
        "severity": SEVERITY_NAMES[rule.severity], "level": rule.severity,
        "file": finding.file, "line": finding.line, "column": finding.column,
        "subject": finding.subject, "message": finding.message, "hint": finding.hint,
        "related": list(finding.related),
    }


def as_json(report: CheckReport, strict: bool) -> str:
    data = {
        "format": FORMAT,
        "version": 1,
        "summary": {
            "courses": len(report.courses),
            "questions": sum(c.questions for c in report.courses),
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "silenced": sum(len(c.silenced) for c in report.courses),
            "strict": strict,
            "passed": not report.failed(strict),
            "text": summary_line(report, strict),
        },
        "findings": [finding_data(f) for f in report.findings],
        "silenced": [finding_data(f) for c in report.courses for f in c.silenced],
        "courses": [{"course": c.course, "questions": c.questions,
                     "source": c.source.as_data() if c.source is not None else None} for c in report.courses],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def rules_text() -> str:
    """``coursegen check --rules``: every rule with its level and thresholds."""
    lines = []
    for rule in RULES.values():
        lines.append(f"{rule.code} {rule.severity} {rule.title}（{rule.name}）")
        for name, param in rule.params.items():
            default = "、".join(param.default) if isinstance(param.default, tuple) else param.default
            lines.append(f"    {name} = {default}：{param.description}")
    return "\n".join(lines) + "\n"
