"""``coursegen check --source`` on the speech's own course (issue 12's cases).

Reads ../shared/source/speech.txt when it is there; nothing of it is written
into the repository (the edits below go to a scratch copy of the course).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO, make_speech_project
from generator.check.textutil import normalise, sentences
from generator.loader import read_yaml

# COURSEGEN_SPEECH points elsewhere when the checkout is not beside shared/ (a git worktree).
SPEECH = Path(os.environ.get("COURSEGEN_SPEECH", REPO.parent / "shared" / "source" / "speech.txt"))
COURSE = "content/dangjian-ziyuan"
pytestmark = pytest.mark.skipif(not SPEECH.is_file(), reason="the speech is not next to the project")

KEEP = {"id", "section", "related", "source", "type", "parts", "checklists"}


def blank(value, key=None):
    """Every text of a measure replaced by 待填写; ids, references and paragraph numbers kept."""
    if isinstance(value, dict):
        return {k: v if k in KEEP else blank(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [blank(v, key) for v in value]
    return "待填写" if isinstance(value, str) else value


def find_topic(project: Path, topic_id: str) -> tuple[Path, dict, dict]:
    for path in sorted((project / COURSE).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in data.get("sections", []) if isinstance(data, dict) else []:
            for topic in [section, *section.get("measures", [])]:
                if topic["id"] == topic_id:
                    return path, data, topic
    raise AssertionError(f"{topic_id} not found")


def save(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def set_topic(project: Path, topic_id: str, change) -> str:
    """Change one section or measure in place; return its file as check reports it."""
    path, data, topic = find_topic(project, topic_id)
    change(topic)
    save(path, data)
    return path.relative_to(project).as_posix()


def summary_line(project: Path, file: str, topic_id: str) -> int:
    document = read_yaml(project / file, file)
    for path, mark in document.value_marks.items():
        if path and path[-1] == "summary" and _at(document.data, path[:-1]).get("id") == topic_id:
            return mark.line
    raise AssertionError(topic_id)


def _at(data, path):
    for key in path:
        data = data[key]
    return data


def check(invoke, project: Path) -> dict:
    result = invoke("check", "-p", str(project), "--source", str(SPEECH), "--format", "json")
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    return json.loads(result.stdout)


def a_sentence_of_the_speech(length: int = 40) -> str:
    text = SPEECH.read_text(encoding="utf-8")
    for sentence in sentences(text):
        if len(normalise(sentence)) >= length + 10 and not re.search(r"[“”（）]", sentence[:length + 5]):
            return sentence[:length]
    raise AssertionError("no long sentence")


def test_blanked_measure_pasted_sentence_and_quantifier_drift(tmp_path, invoke):
    project = make_speech_project(tmp_path / "project")
    set_topic(project, "top-leader-responsibility", lambda t: t.update(blank(t)))
    pasted = a_sentence_of_the_speech()
    exemplary = set_topic(project, "exemplary-role", lambda t: t.update(summary=t["summary"] + pasted))
    own_words = "有的地方党委常委会隔几年才听一次机关工委的汇报，机关党建缺少应有的领导和指导。"
    weak = set_topic(project, "leader-role-weak", lambda t: t.update(summary=own_words))
    line = summary_line(project, weak, "leader-role-weak")

    data = check(invoke, project)
    paragraphs = data["courses"][0]["source"]["paragraphs"]
    assert not paragraphs[18]["covered"]  # paragraph 19: the first measure
    findings = data["findings"]
    assert any(f["code"] == "S101" and f["subject"] == "第 19 段" and f["line"] == 19 for f in findings)
    copied = [f for f in findings if f["code"] == "S201" and f["subject"] == "exemplary-role"]
    assert copied and copied[0]["file"] == exemplary
    assert int(re.search(r"有 (\d+) 个字完全相同", copied[0]["message"]).group(1)) >= len(normalise(pasted))
    assert not [f for f in findings if f["code"] == "S301" and f["file"] == weak and f["line"] == line]

    set_topic(project, "leader-role-weak", lambda t: t.update(summary=own_words.replace("有的", "", 1)
                                                              .replace("常委会隔", "常委会都隔")))
    drift = [f for f in check(invoke, project)["findings"] if f["code"] == "S301" and f["line"] == line]
    assert len(drift) == 1 and drift[0]["subject"] == "leader-role-weak"
    assert "说“有的”" in drift[0]["message"] and "这里写成“都”" in drift[0]["message"]
