"""``coursegen draft``: a course skeleton from a speech's text that validates and builds at once.

The synthetic speeches below are ours, written for these tests in the numbering
styles speeches use; the real speech is read from ../shared/source/speech.txt
when it is there and never copied into the project.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, tree_digest

# COURSEGEN_SPEECH points elsewhere when the checkout is not beside shared/ (a git worktree).
SPEECH = Path(os.environ.get("COURSEGEN_SPEECH", REPO.parent / "shared" / "source" / "speech.txt"))

ORDINALS = """关于加强机关作风建设的讲话
同志们，今天召开机关作风建设会议，主要是总结经验、部署任务。
第一，提高思想认识。作风建设关系机关形象，关系群众对机关的信任。
第二，突出工作重点。要盯住文山会海、推诿扯皮等突出问题，逐项整改。
第三，强化监督检查。各单位要定期开展检查，发现问题及时通报。
总之，作风建设永远在路上，希望大家持之以恒、久久为功。
"""

NUMBERED = """在全市机关党建工作推进会上的讲话
今年以来，全市机关党建工作取得了新的进展。下面，我讲三点意见。
一、总体要求
今年的机关党建工作，要紧紧围绕中心、服务大局。
1.坚持政治引领。把政治建设摆在首位，教育引导党员干部站稳政治立场。
2.坚持问题导向。聚焦基层党组织建设的薄弱环节，逐项研究解决办法。
二、重点任务
1.抓好班子建设。班子是关键，要选优配强。
（1）健全议事规则。重大事项集体研究决定。
（2）落实民主集中制。既充分发扬民主，又善于集中。
2.抓好支部建设。推进支部标准化规范化建设，开展达标评星活动。
三、保障措施
要加强组织领导。一是压实责任，层层签订责任书；二是加强督导，每季度通报一次进展；三是严格考核，把考核结果与评先评优挂钩。
最后，希望大家以更加饱满的热情，把各项任务落到实处。
"""

NO_HEADINGS = """在读书分享会上的发言

读书是一种生活方式，也是一种工作方法。

我先谈谈为什么要读书。读书能开阔眼界，让我们在工作中看得更远。

再谈谈读什么书。经典要读，专业书也要读，还要读一些历史。

最后谈谈怎样读书。要有计划，要做笔记，更要联系实际。

希望大家都能成为爱读书、会读书的人。
"""

SECTIONS_IN_GBK = """机关节约能源资源工作要点
（一）加强学习宣传。
一是组织专题学习，领会节能要求。
二是开展主题宣传，营造节约氛围。
（二）严格制度管理。
一是完善能耗定额管理。
二是建立节能考核制度。
三是公开能耗情况，接受监督。
"""


def draft(invoke, project: Path, speech: Path, course_id: str):
    return invoke("draft", str(speech), "--id", course_id, "--project", str(project))


def load(project: Path, course_id: str, name: str) -> dict:
    return yaml.safe_load((project / "content" / course_id / name).read_text(encoding="utf-8"))


def shape(project: Path, course_id: str) -> list[tuple[str, list[int], list[tuple[str, list[int], list]]]]:
    """(part title, source, [(section title, source, [(measure title, source)])]) of a drafted course."""
    course = load(project, course_id, "course.yml")
    out = []
    for name in course["parts"]:
        part = load(project, course_id, name)
        out.append((part["title"], part["source"], [
            (s["title"], s["source"], [(m["title"], m["source"]) for m in s.get("measures", [])])
            for s in part["sections"]]))
    return out


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_ordinals_become_the_sections_of_one_part(project, invoke, tmp_path):
    result = draft(invoke, project, write(tmp_path, "a.txt", ORDINALS), "zuofeng")
    assert result.exit_code == 0, result.output
    assert shape(project, "zuofeng") == [("正文", [], [
        ("提高思想认识", [3], []), ("突出工作重点", [4], []), ("强化监督检查", [5], [])])]
    course = load(project, "zuofeng", "course.yml")
    assert (course["title"], course["concept"]["source"], course["closing"]["source"]) == (
        "关于加强机关作风建设的讲话", [2], [6])
    assert "source_text" not in course  # the speech lies outside the project
    assert invoke("validate", "--project", str(project)).exit_code == 0


def test_parts_numbers_nested_numbers_and_points_inside_a_paragraph(project, invoke, tmp_path):
    speech = write(project, "numbered.txt", NUMBERED)
    result = draft(invoke, project, speech, "tuijin")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("已从 ")
    assert "3 个部分、7 个小节、2 项举措。" in result.output
    assert shape(project, "tuijin") == [
        ("总体要求", [3, 4], [("坚持政治引领", [5], []), ("坚持问题导向", [6], [])]),
        ("重点任务", [7], [("抓好班子建设", [8], [("健全议事规则", [9]), ("落实民主集中制", [10])]),
                         ("抓好支部建设", [11], [])]),
        ("保障措施", [12, 13], [("压实责任，层层签订责任书", [13], []), ("加强督导，每季度通报一次进展", [13], []),
                              ("严格考核，把考核结果与评先评优挂钩", [13], [])]),
    ]
    course = load(project, "tuijin", "course.yml")
    assert course["closing"]["source"] == [14] and course["source_text"] == "numbered.txt"
    section = load(project, "tuijin", "part-2.yml")["sections"][0]
    assert section["summary"] == "待填写：用自己的话概括原文第 8 段。"
    assert [m["id"] for m in section["measures"]] == ["measure-1", "measure-2"]


def test_a_speech_without_headings_gets_opening_sections_and_closing(project, invoke, tmp_path):
    assert draft(invoke, project, write(tmp_path, "c.txt", NO_HEADINGS), "dushu").exit_code == 0
    assert shape(project, "dushu") == [("正文", [], [
        ("我先谈谈为什么要读书", [3], []), ("再谈谈读什么书", [4], []), ("最后谈谈怎样读书", [5], [])])]
    course = load(project, "dushu", "course.yml")
    assert (course["concept"]["source"], course["closing"]["source"]) == ([2], [6])


def test_a_gbk_speech_with_sections_and_yishi_points(project, invoke, tmp_path):
    result = draft(invoke, project, write(tmp_path, "d.txt", SECTIONS_IN_GBK, "gbk"), "jieyue")
    assert result.exit_code == 0, result.output
    assert "（GBK，8 段）" in result.output
    assert shape(project, "jieyue") == [("正文", [], [
        ("加强学习宣传", [2], [("组织专题学习，领会节能要求", [3]), ("开展主题宣传，营造节约氛围", [4])]),
        ("严格制度管理", [5], [("完善能耗定额管理", [6]), ("建立节能考核制度", [7]), ("公开能耗情况，接受监督", [8])]),
    ])]


def test_draft_refuses_to_overwrite_and_explains_bad_input(project, invoke, tmp_path):
    speech = write(tmp_path, "a.txt", ORDINALS)
    assert draft(invoke, project, speech, "zuofeng").exit_code == 0
    before = tree_digest(project)
    result = draft(invoke, project, speech, "zuofeng")
    assert result.exit_code == 1
    assert result.stderr == "错误：课程“zuofeng”已存在（content/zuofeng），没有做任何改动\n"
    for name, data, message in (
        ("empty.txt", b"\n \n", "是空的"),
        ("binary.txt", b"\x00\x01\x02PNG", "不是文本文件"),
        ("missing.txt", None, "找不到讲话原文"),
    ):
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        result = draft(invoke, project, path, "other")
        assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output
    assert draft(invoke, project, speech, "Bad Id").exit_code == 1
    assert tree_digest(project) == before


def test_drafts_build_and_the_speech_gives_3_parts_5_3_3_sections_and_8_measures(project, invoke, tmp_path):
    assert draft(invoke, project, write(project, "numbered.txt", NUMBERED), "tuijin").exit_code == 0
    if SPEECH.is_file():
        result = draft(invoke, project, SPEECH, "draft-test")
        assert result.exit_code == 0, result.output
        parts = shape(project, "draft-test")
        assert [len(sections) for _, _, sections in parts] == [5, 3, 3]
        assert sum(len(measures) for _, _, sections in parts for _, _, measures in sections) == 8
        assert [source for _, source, _ in parts] == [[3, 4], [10, 11], [15, 16]]
        course = load(project, "draft-test", "course.yml")
        assert (course["concept"]["source"], course["closing"]["source"]) == ([2], [31])
        # The speech's text never enters the project: only its headings, as titles.
        body = "".join(p.read_text(encoding="utf-8") for p in (project / "content" / "draft-test").iterdir())
        assert SPEECH.read_text(encoding="utf-8").splitlines()[1][:30] not in body
    result = invoke("build", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert (project / "site" / "tuijin" / "index.html").is_file()
    # The drafted course names its speech (inside the project): build reports what is not yet covered.
    assert "numbered.txt:5:1: S101 警告 [第 5 段]" in result.stderr
    if SPEECH.is_file():
        assert (project / "site" / "draft-test" / "index.html").is_file()
