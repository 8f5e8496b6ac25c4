"""Generated Markdown: golden files, determinism, escaping and navigation."""

from __future__ import annotations

import os
from html import unescape
from pathlib import Path

import markdown
import pytest

from conftest import FIXTURES
from generator import api
from generator.render.text import inline, paragraphs

GOLDEN = Path(__file__).resolve().parent / "golden" / "mini"


def test_generated_pages_match_golden_files():
    _, rendered = api.generate(FIXTURES / "mini")
    if os.environ.get("UPDATE_GOLDEN"):
        for path, text in rendered.pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8", newline="\n")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
              for p in sorted(GOLDEN.rglob("*.md"))}
    assert sorted(rendered.pages) == sorted(golden)
    for path, text in rendered.pages.items():
        assert text == golden[path], f"{path} differs from its golden file (UPDATE_GOLDEN=1 to accept)"


def test_rendering_is_deterministic():
    first = api.generate(FIXTURES / "mini")[1]
    second = api.generate(FIXTURES / "mini")[1]
    assert first == second


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
])
def test_text_is_always_shown_literally(hostile):
    html = markdown.markdown(str(inline(hostile)), extensions=["tables", "attr_list", "md_in_html", "admonition"])
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<div" not in html
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html and "<h1" not in html
    assert "<ol>" not in html and "<table>" not in html
    assert unescape(html.removeprefix("<p>").removesuffix("</p>")) == hostile


def test_paragraphs_keep_blank_line_breaks():
    assert str(paragraphs("第一段。\n\n第二段\n接续。")) == "第一段。\n\n第二段 接续。"
