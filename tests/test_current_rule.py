"""现行规定 notes: where a rule changed after the speech, every page, quiz and printout says so."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document

from browser import file_only_context
from conftest import make_project
from generator import api

RULE = "2019 年修订后，机关基层党组织接受本单位党组（党委）的领导"
DOCUMENT = "《中国共产党党和国家机关基层组织工作条例》"
SHOWN = f"{RULE}（依据：{DOCUMENT}，2019 年）"
NOTE = f"current_rule:\n{{indent}}  text: {RULE}\n{{indent}}  document: {DOCUMENT}\n{{indent}}  year: 2019\n"


def note(indent: str) -> str:
    return indent + NOTE.format(indent=indent)


def add_notes(root: Path) -> Path:
    def edit(name: str, old: str, new: str) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit("content/mini/course.yml", "hours: 1.5\n",
         "hours: 1.5\nsource_date:\n  text: 原文未注明日期，据措辞推断约在 2010—2012 年\n  earliest: 2010\n  latest: 2012\n")
    edit("content/mini/part-a.yml", "    takeaway: 早测试，早发现。\n",
         "    takeaway: 早测试，早发现。\n" + note("    "))
    edit("content/mini/part-b.yml", "            text: 用例能独立运行。\n",
         "            text: 用例能独立运行。\n" + note("            "))
    edit("content/mini/part-b.yml", "    definition: 频繁合并并自动验证。\n",
         "    definition: 频繁合并并自动验证。\n" + note("    "))
    edit("quizzes/mini.yml", "    explanation: 测试让问题早暴露。\n", "    explanation: 测试让问题早暴露。\n" + note("    "))
    edit("content/mini/checklists.yml", "        section: meaning-one\n", "        section: meaning-one\n" + note("        "))
    return root


@pytest.fixture(scope="module")
def noted(tmp_path_factory) -> Path:
    return add_notes(make_project(tmp_path_factory.mktemp("rule") / "project"))


def test_pages_quiz_data_paper_and_checklist_carry_the_note(noted):
    _, rendered = api.generate(noted)
    pages = rendered.pages
    box = f'!!! info "现行规定"\n\n    {SHOWN}\n'
    assert box in pages["mini/part-a/meaning-one.md"]
    assert f"- 用例能独立运行。\n\n    {box.replace(chr(10) + '    ', chr(10) + '        ')}" in pages[
        "mini/part-b/group-one/step-one.md"]
    assert box in pages["mini/glossary.md"]
    assert "- 讲话时间：原文未注明日期，据措辞推断约在 2010—2012 年\n" in pages["mini/index.md"]
    quiz = pages["mini/quiz/part-a.md"]
    data = json.loads(quiz.split('class="cg-quiz__data">')[1].split("</script>")[0])[0]
    assert {q["id"]: q.get("currentRule") for q in data["questions"]} == {"q-single": SHOWN, "q-multiple": None}
    assert f"测试让问题早暴露。<br>现行规定：{SHOWN}</li>" in quiz
    assert f'<span class="cg-checklist__rule">现行规定：{SHOWN}</span>' in pages["mini/checklists/self-check.md"]


def test_handout_and_answer_key_carry_the_note(noted):
    def text(data: bytes) -> str:
        return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)

    handout = text(api.export(noted, "handout", "mini").files["mini-讲义.docx"])
    assert f"现行规定：{SHOWN}" in handout
    assert f"用例能独立运行。（现行规定：{SHOWN}）" in handout
    assert f"频繁合并并自动验证。（现行规定：{SHOWN}）" in handout
    assert "讲话时间：原文未注明日期" in handout
    key = text(api.export(noted, "docx", "mini").files["mini-答案与解析.docx"])
    assert f"解析：测试让问题早暴露。\n现行规定：{SHOWN}" in key


@pytest.mark.browser
def test_the_page_shows_the_note_and_the_quiz_repeats_it_after_the_explanation(noted, chromium):
    site = api.build(noted).site_dir
    with file_only_context(chromium) as offline:
        page = offline.new_page()
        page.goto((site / "mini" / "part-b" / "group-one" / "step-one.html").as_uri())
        nested = page.locator("li .admonition.info")
        assert nested.locator(".admonition-title").inner_text() == "现行规定"
        assert SHOWN in nested.inner_text()
        page.goto((site / "mini" / "quiz" / "part-a.html").as_uri())
        page.wait_for_selector(".cg-quiz.cg-quiz--ready .cg-q")
        page.locator('.cg-q[data-qid="q-single"] .cg-q__choice').filter(has_text="写更多代码").locator("input").check()
        page.get_by_role("button", name="提交答案", exact=True).click()
        feedback = page.locator(".cg-q__feedback").inner_text()
        assert f"解析：测试让问题早暴露。\n\n现行规定：{SHOWN}" in feedback
        assert offline.errors == [] and offline.blocked == []
