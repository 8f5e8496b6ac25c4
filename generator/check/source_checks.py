"""S101–S103: which paragraphs of the speech the course covers, and whether its ``source`` lists are right.

Every sentence of the speech is matched to the unit of the course (a page:
section, measure, part, concept, closing) that contains most of its rare
character pairs; a paragraph is covered when enough of its text is matched.
The result is a map from each paragraph to what covers it (declared in a
``source`` list, or found by similarity) and a coverage table per part.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..outline import outline
from ..speech import Speech
from .findings import Context, Finding, make_finding
from .similarity import SourceModel
from .silencing import course_owner
from .source_units import CourseText, course_text
from .textutil import share

CREDIT_SHARE = 0.2
"""A unit is listed as covering a paragraph when it matches at least this share of it."""


@dataclass
class ParagraphCoverage:
    number: int
    line: int
    part: str
    share: float
    covered: bool
    units: dict[str, float] = field(default_factory=dict)
    declared: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    speech: Speech
    paragraphs: list[ParagraphCoverage]
    findings: list[Finding]

    def table(self) -> list[dict[str, Any]]:
        rows: dict[str, dict[str, Any]] = {}
        chars: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for p in self.paragraphs:
            row = rows.setdefault(p.part, {"part": p.part, "paragraphs": 0, "covered": 0, "uncovered": []})
            row["paragraphs"] += 1
            row["covered"] += p.covered
            if not p.covered:
                row["uncovered"].append(p.number)
            length = len(self.speech.paragraph(p.number).text)
            chars[p.part][0] += p.share * length
            chars[p.part][1] += length
        for name, row in rows.items():
            row["share"] = round(chars[name][0] / chars[name][1], 3) if chars[name][1] else 0.0
        return list(rows.values())

    def table_lines(self, course_id: str) -> list[str]:
        lines = [f"讲话原文覆盖情况（{course_id}，{self.speech.file}，共 {len(self.paragraphs)} 段）：",
                 "部分 | 段数 | 已覆盖 | 未覆盖的段 | 覆盖字数"]
        for row in self.table():
            missing = "、".join(str(n) for n in row["uncovered"]) or "—"
            lines.append(f"{row['part']} | {row['paragraphs']} | {row['covered']} | {missing} | "
                         f"{share(round(row['share'] * 1000), 1000)}")
        return lines

    def as_data(self) -> dict[str, Any]:
        return {
            "file": self.speech.file,
            "encoding": self.speech.encoding,
            "paragraphs": [{"number": p.number, "line": p.line, "part": p.part, "share": round(p.share, 3),
                            "covered": p.covered, "declared": p.declared,
                            "found": sorted((u for u in p.units if u not in p.declared), key=p.units.get,
                                            reverse=True),
                            "units": {u: round(s, 3) for u, s in p.units.items()}} for p in self.paragraphs],
            "table": self.table(),
        }


def compare_with_source(ctx: Context, speech: Speech) -> Comparison:
    from .copy_drift_checks import copy_drift_findings
    from .term_checks import term_findings

    model = SourceModel.of(speech)
    text = course_text(ctx)
    paragraphs = _coverage(ctx, model, text)
    findings = _reference_findings(ctx, model, text)
    findings += _uncovered(ctx, speech, paragraphs)
    findings += copy_drift_findings(ctx, model, text, paragraphs)
    findings += term_findings(ctx, speech, text)
    return Comparison(speech, paragraphs, findings)


def _coverage(ctx: Context, model: SourceModel, text: CourseText) -> list[ParagraphCoverage]:
    threshold = ctx.params("S101")["sentence_score"]
    minimum = ctx.params("S101")["min_share"]
    grams = {unit_id: unit.grams for unit_id, unit in text.units.items() if unit.prose}
    labels = outline(model.speech).label_of()
    declared: dict[int, list[str]] = defaultdict(list)
    for ref in text.references:
        if ref.unit not in declared[ref.number]:
            declared[ref.number].append(ref.unit)
    out = []
    for paragraph in model.speech.paragraphs:
        own = model.of_paragraph(paragraph.number)
        total = sum(len(s.text) for s in own) or 1
        credit: dict[str, float] = defaultdict(float)
        for sentence in own:
            scores = {u: model.contained(sentence.grams, g) for u, g in grams.items()}
            best = max(scores, key=scores.get, default=None)
            if best is not None and scores[best] >= threshold:
                credit[best] += len(sentence.text) / total
        covered_share = sum(credit.values())
        units = {u: s for u, s in sorted(credit.items(), key=lambda item: -item[1]) if s >= CREDIT_SHARE}
        out.append(ParagraphCoverage(paragraph.number, paragraph.line, labels.get(paragraph.number, "正文"),
                                     covered_share, covered_share >= minimum, units, declared[paragraph.number]))
    return out


def _reference_findings(ctx: Context, model: SourceModel, text: CourseText) -> list[Finding]:
    count = len(model.speech.paragraphs)
    threshold = ctx.params("S101")["sentence_score"]
    minimum = ctx.params("S102")["min_score"]
    out = []
    for ref in text.references:
        if ref.number > count:
            out.append(ctx.at("S103", ref.place, ref.owner, number=ref.number, count=count, quote=str(ref.number)))
            continue
        score = model.support(ref.number, text.owner_grams(ref.owner), threshold)
        if score < minimum:
            out.append(ctx.at("S102", ref.place, ref.owner, number=ref.number, score=f"{score:.2f}",
                              quote=str(ref.number)))
    return out


def _uncovered(ctx: Context, speech: Speech, paragraphs: list[ParagraphCoverage]) -> list[Finding]:
    owner = course_owner(ctx.loaded.course.id)
    out = []
    for p in paragraphs:
        if p.covered:
            continue
        text = speech.paragraph(p.number).text
        out.append(make_finding("S101", speech.file, p.line, 1, f"第 {p.number} 段", owner=owner,
                                quote=f"第 {p.number} 段", number=p.number, where=p.part,
                                share=share(round(p.share * 100), 100), prefix=text[:16]))
    return out
