"""``coursegen draft``: a complete course skeleton from a speech's text.

The speech's structure (see :mod:`generator.outline`) becomes course.yml, one
file per part, a checklist stub and a question bank with one placeholder
question. Headings become titles, every summary reads 待填写 and names the
paragraphs it must summarise, and every part, section and measure carries its
``source`` paragraph numbers. The skeleton is validated in memory before
anything is written, and nothing existing is ever overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .models import ChecklistFile, Course, Part
from .new_course import check_course_slug, write_new_course
from .outline import Node, Outline, first_clause, outline
from .project import Project
from .quiz_models import QuestionBank
from .speech import Speech

SHORT_TITLE_CHARS = 12
CHARS_PER_HOUR = 4500
"""About how much speech one 学时 (30 minutes of study) covers, for a first guess at ``hours``."""
TODO = "待填写"


@dataclass(frozen=True)
class Draft:
    outline: Outline
    files: dict[str, str]
    bank: str
    sections: int
    measures: int


class _Flow(list):
    """A list written on one line: ``source: [5, 6]``."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):  # lists indented under their key
        return super().increase_indent(flow, False)


_Dumper.add_representer(_Flow, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data,
                                                                              flow_style=True))


def _yaml(header: str, data: dict[str, Any]) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                     default_flow_style=False)
    return header + body


def _refs(numbers: list[int]) -> _Flow:
    return _Flow(sorted(set(numbers)))


def _paragraphs(numbers: list[int]) -> str:
    numbers = sorted(set(numbers))
    if not numbers:
        return ""
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 1:
        return f"原文第 {numbers[0]}–{numbers[-1]} 段"
    return "原文第 " + "、".join(str(n) for n in numbers) + " 段"


def _short_titles(titles: list[str]) -> list[str]:
    """Short titles for siblings: what they share at the start is dropped (整合资源发挥…/整合资源强化…)."""
    prefix = _common_prefix(titles) if len(titles) > 1 else ""
    if len(prefix) < 4:
        prefix = ""
    out = []
    for title in titles:
        rest = title[len(prefix):] or title
        short = first_clause(rest, 100)
        if len(short) > SHORT_TITLE_CHARS + 4:
            short = short[:SHORT_TITLE_CHARS]
            if short.count("“") > short.count("”"):  # never cut inside a quotation
                short = short[:short.rindex("“")] or short
            short += "…"
        out.append(short)
    return out


def _common_prefix(texts: list[str]) -> str:
    prefix = texts[0]
    for text in texts[1:]:
        while not text.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def _topic(node: Node, topic_id: str, short: str) -> dict[str, Any]:
    where = _paragraphs(node.paragraphs)
    return {
        "id": topic_id,
        "title": node.title or f"{TODO}：标题",
        "short_title": short or f"{TODO}：短标题",
        "summary": f"{TODO}：用自己的话概括{where}。",
        "key_points": [{"id": f"{topic_id}-point-1", "text": f"{TODO}：一个要点。"}],
        "takeaway": f"{TODO}：一句话总结。",
        "source": _refs(node.paragraphs),
    }


def draft_course(speech: Speech, course_id: str, source_text: str | None) -> Draft:
    """The skeleton's files (by name under content/<id>/) and its bank, validated."""
    check_course_slug(course_id)
    found = outline(speech)
    parts, measure_number, section_count = [], 0, 0
    part_shorts = _short_titles([p.title for p in found.parts])
    for p_index, (node, short) in enumerate(zip(found.parts, part_shorts), start=1):
        part_id = f"part-{p_index}"
        sections = []
        children = node.children or [Node("section", node.title, node.paragraphs[1:] or node.paragraphs)]
        for s_index, (section, s_short) in enumerate(zip(children, _short_titles([c.title for c in children])),
                                                     start=1):
            data = _topic(section, f"section-{p_index}-{s_index}", s_short)
            measures = []
            for m_node, m_short in zip(section.children, _short_titles([c.title for c in section.children])):
                measure_number += 1
                measures.append(_topic(m_node, f"measure-{measure_number}", m_short))
            if measures:
                data["measures"] = measures
            sections.append(data)
        section_count += len(sections)
        parts.append({
            "id": part_id,
            "title": node.title or f"{TODO}：第 {p_index} 部分的标题",
            "short_title": short or f"{TODO}：短标题",
            "summary": f"{TODO}：这一部分讲什么，用自己的话概括{_paragraphs(node.paragraphs)}。",
            "objectives": [f"{TODO}：学完本部分能……"],
            "source": _refs(node.paragraphs),
            "sections": sections,
            "discussion": [f"{TODO}：第一道思考讨论题？", f"{TODO}：第二道思考讨论题？"],
        })
    course = _course(speech, found, course_id, [f"{p['id']}.yml" for p in parts], source_text)
    first_section = parts[0]["sections"][0]["id"]
    files = {"course.yml": _yaml(_course_header(speech, found), course)}
    for part in parts:
        files[f"{part['id']}.yml"] = _yaml(_HEADER.format(schema="part"), part)
    checklists = _checklists(first_section)
    files["checklists.yml"] = _yaml(_HEADER.format(schema="checklist"), checklists)
    bank = _bank(course_id, first_section)
    _validate(course, parts, checklists, bank)
    return Draft(found, files, _yaml(_BANK_HEADER, bank), section_count, measure_number)


_HEADER = "# yaml-language-server: $schema=../../generator/schema/{schema}.schema.json\n"
_BANK_HEADER = ("# yaml-language-server: $schema=../generator/schema/quiz.schema.json\n"
                "# 题库：由 coursegen draft 起草，只有一道占位题。每个小节和举措至少出 3 道题（见 README 的“题库检查”）。\n")


def _course_header(speech: Speech, found: Outline) -> str:
    return (_HEADER.format(schema="course")
            + f"# 由 coursegen draft 从 {speech.file} 起草。把所有“待填写”换成自己的话；\n"
            + "# source 后的数字是原文的段落编号（原文中第几个非空行，标题行也算）。标识（id）一旦使用就不要再改。\n")


def _hours(speech: Speech) -> float:
    return max(1.0, round(len(speech.text) / CHARS_PER_HOUR * 2) / 2)


def _course(speech: Speech, found: Outline, course_id: str, part_files: list[str],
            source_text: str | None) -> dict[str, Any]:
    title = found.title or f"{TODO}：课程标题"
    course: dict[str, Any] = {
        "id": course_id,
        "title": title,
        "subtitle": f"{TODO}：副标题",
        "source": found.title or f"{TODO}：讲话或材料的名称",
        "audience": f"{TODO}：学习对象",
        "version": "0.1",
        "hours": _hours(speech),
        "overview": f"{TODO}：用两三句话概括这门课讲什么、为什么学。",
        "objectives": [f"{TODO}：学完后能……"],
    }
    if source_text:
        course["source_text"] = source_text
    course["concept"] = {
        "id": "concept",
        "title": f"{TODO}：开篇概念的标题",
        "short_title": "开篇",
        "definition": f"{TODO}：用自己的话概括{_paragraphs(found.opening) or '开篇'}。",
        "kinds": [{"id": "kind-1", "name": f"{TODO}：种类名称", "description": f"{TODO}：这一类包括什么。"}],
        "aim": f"{TODO}：目标。",
        "key_points": [{"id": "concept-point-1", "text": f"{TODO}：一个要点。"}],
        "takeaway": f"{TODO}：一句话总结。",
        "source": _refs(found.opening),
    }
    course["parts"] = part_files
    course["closing"] = {
        "id": "closing",
        "title": f"{TODO}：结语的标题",
        "short_title": "结语",
        "summary": f"{TODO}：用自己的话概括{_paragraphs(found.closing) or '结语'}。",
        "key_points": [{"id": "closing-point-1", "text": f"{TODO}：一个要点。"}],
        "takeaway": f"{TODO}：一句话总结全课。",
        "source": _refs(found.closing),
    }
    course["checklists"] = "checklists.yml"
    return course


def _checklists(section_id: str) -> dict[str, Any]:
    return {"checklists": [{
        "id": "self-inspection", "kind": "自查清单", "title": f"{TODO}：自查清单标题",
        "intro": f"{TODO}：谁来填、什么时候填、怎样使用。",
        "items": [{"id": "chk-1", "text": f"{TODO}：一项可以回答“是/否”的检查内容？", "section": section_id}],
    }]}


def _bank(course_id: str, section_id: str) -> dict[str, Any]:
    return {"course": course_id, "pass_mark": 80,
            "final": {"title": "综合测试", "draw": 20, "pass_mark": 80},
            "questions": [{"id": "q-1", "section": section_id, "type": "single", "difficulty": "中",
                           "stem": f"{TODO}：题干？", "options": [f"{TODO}：正确选项", f"{TODO}：干扰项一",
                                                              f"{TODO}：干扰项二"],
                           "answer": "A", "explanation": f"{TODO}：解析，用选项的内容说明为什么对、为什么错。"}]}


def _validate(course: dict, parts: list[dict], checklists: dict, bank: dict) -> None:
    """The skeleton must validate at once; a failure here is a bug in coursegen, not in the speech."""
    Course.model_validate(course)
    for part in parts:
        Part.model_validate(part)
    ChecklistFile.model_validate(checklists)
    QuestionBank.model_validate(bank)


def source_text_for(root: Path, speech_path: Path) -> str | None:
    """course.yml names the speech only when it lies inside the project (it is never published)."""
    resolved = speech_path.resolve()
    if resolved.is_relative_to(root.resolve()):
        return resolved.relative_to(root.resolve()).as_posix()
    return None


def write_draft(project: Project, speech: Speech, speech_path: Path, course_id: str) -> tuple[Draft, list[Path]]:
    draft = draft_course(speech, course_id, source_text_for(project.root, speech_path))
    return draft, write_new_course(project, course_id, draft.files, draft.bank)
