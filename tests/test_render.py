"""Generated Markdown: golden files, determinism, escaping and navigation."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from html import unescape

import markdown
import pytest

import goldens
from conftest import FIXTURES, REPO
from generator import api
from generator.render.text import inline, paragraphs

def test_generated_pages_and_export_match_the_golden_files():
    """Compares only: a normal run never rewrites a golden file, whatever the environment says."""
    before = goldens.committed()
    stale = goldens.differences()
    assert goldens.committed() == before
    assert not stale, f"differ from tests/golden/: {', '.join(stale)} (review, then run {goldens.UPDATE_COMMAND})"


RENDER_DIGEST = """
import hashlib, sys
from pathlib import Path
from generator import api
digest = hashlib.sha256()
for path, text in sorted(api.generate(Path(sys.argv[1]))[1].pages.items()):
    digest.update(path.encode() + b"\\0" + text.encode() + b"\\0")
print(digest.hexdigest())
"""


def test_rendering_is_the_same_in_every_process_and_folder(tmp_path):
    """Set order, hash seeds and the project's folder must not change a byte of any page."""
    copy = tmp_path / "another" / "mini"
    shutil.copytree(FIXTURES / "mini", copy)
    digests = []
    for seed, root in (("1", copy), ("31337", FIXTURES / "mini")):
        run = subprocess.run([sys.executable, "-c", RENDER_DIGEST, str(root)], capture_output=True, text=True,
                             cwd=REPO, env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
        digests.append(run.stdout.strip())
    here = hashlib.sha256()
    for path, text in sorted(api.generate(FIXTURES / "mini")[1].pages.items()):
        here.update(path.encode() + b"\0" + text.encode() + b"\0")
    assert digests == [here.hexdigest()] * 2


def test_every_page_is_marked_generated_with_its_source():
    _, rendered = api.generate(FIXTURES / "mini")
    for path, text in rendered.pages.items():
        assert "<!-- 此文件由 coursegen 生成，请勿手工编辑。" in text, path
    assert "source: content/mini/part-b.yml" in rendered.pages["mini/part-b/group-one/step-one.md"]


def test_each_course_has_its_own_navigation_following_the_speech():
    _, rendered = api.generate(FIXTURES / "mini")
    (course,) = rendered.courses
    assert course.id == "mini" and course.title == "测试课程"
    assert course.nav == [
        {"课程首页": "index.md"},
        {"开篇：测试资源": "concept.md"},
        {"一、为什么测试": [
            {"一、为什么测试": "part-a/index.md"},
            {"（一）发现问题": "part-a/meaning-one.md"},
            {"（二）积累信心": "part-a/meaning-two.md"},
        ]},
        {"二、怎样测试": [
            {"二、怎样测试": "part-b/index.md"},
            {"（一）打好基础": [
                {"（一）打好基础": "part-b/group-one/index.md"},
                {"1. 写好用例": "part-b/group-one/step-one.md"},
                {"2. 自动运行": "part-b/group-one/step-two.md"},
            ]},
            {"（二）形成习惯": [
                {"（二）形成习惯": "part-b/group-two/index.md"},
                {"3. 评审测试": "part-b/group-two/step-three.md"},
            ]},
        ]},
        {"结语：测试格局": "closing.md"},
        {"自测练习": [
            {"自测练习": "quiz/index.md"},
            {"一、为什么测试": "quiz/part-a.md"},
            {"二、怎样测试": "quiz/part-b.md"},
            {"综合测试": "quiz/final.md"},
            {"错题本": "quiz/mistakes.md"},
        ]},
        {"检查清单": [
            {"检查清单": "checklists/index.md"},
            {"测试自查清单": "checklists/self-check.md"},
            {"落实清单：打好基础": "checklists/action-basics.md"},
        ]},
        {"学习进度": "progress.md"},
        {"教案（培训者用）": "lesson-plan.md"},
        {"术语表": "glossary.md"},
    ]
    assert sorted(course.pages) == sorted(p.removeprefix("mini/") for p in rendered.pages if p != "index.md")


def test_search_terms_include_key_terms_and_slogans():
    _, rendered = api.generate(FIXTURES / "mini")
    assert {"回归测试", "持续集成", "测试先行"} <= set(rendered.courses[0].search_terms)


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[点我](javascript:alert(1))",
    "# 不是标题",
    "{{ 7*7 }} {% raw %}",
    "**粗体** _斜体_ `代码` | 表格 |",
    "1. 不是列表",
    "<div markdown>块</div>",
    ": 不是定义",
    "{: .cls } 不是属性",
    "!!! note 不是提示框",
])
def test_text_is_always_shown_literally(hostile):
    html = markdown.markdown(str(inline(hostile)), extensions=_site_extensions())
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<div" not in html
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html and "<h1" not in html
    assert "<ol>" not in html and "<table>" not in html
    assert unescape(html.removeprefix("<p>").removesuffix("</p>")) == hostile


def _site_extensions() -> list:
    """The Markdown extensions the site really uses (mkdocs.yml), so a test sees what MkDocs sees."""
    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    return [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]


@pytest.mark.parametrize("text", ["术语\n\n: 定义", "第一段。\n\n:   第二段以冒号开头", "甲\n\n:乙"])
def test_a_paragraph_starting_with_a_colon_stays_a_paragraph(text):
    """def_list turns a paragraph that starts with ': ' into a definition, and the colon disappeared."""
    html = markdown.markdown(str(paragraphs(text)), extensions=_site_extensions())
    assert "<dl" not in html and "<dd" not in html
    shown = [unescape(p) for p in re.findall(r"<p>(.*?)</p>", html)]
    assert shown == [" ".join(p.split()) for p in text.split("\n\n")]


def test_paragraphs_keep_blank_line_breaks():
    assert str(paragraphs("第一段。\n\n第二段\n接续。")) == "第一段。\n\n第二段 接续。"


def test_a_course_without_a_question_bank_has_no_quiz_pages(tmp_path):
    copy = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", copy)
    (copy / "quizzes" / "mini.yml").unlink()
    _, rendered = api.generate(copy)
    _, with_bank = api.generate(FIXTURES / "mini")
    quiz_pages = {p for p in with_bank.pages if p.startswith("mini/quiz/")}
    assert quiz_pages and not {p for p in rendered.pages if p.startswith("mini/quiz/")}
    assert set(rendered.pages) == set(with_bank.pages) - quiz_pages
