"""The search index built at build time: what it holds, how big it gets, where jieba keeps its cache."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, make_project
from generator import api
from generator.render.pages import SEARCH_KINDS
from generator.segmentation import CACHE_FILE
from generator.search_index import (
    CALLBACK, INDEX_DIR, INDEX_FILE, KIND_RANKS, WORD_BREAK, defined_terms, mark_words,
)


def test_a_second_users_build_neither_writes_nor_reads_a_shared_jieba_cache(tmp_path):
    """jieba caches its dictionary in the system temporary folder by default; another user's
    file there cannot be replaced, and the build printed "Dump cache file failed." with a traceback."""
    project = make_project(tmp_path / "project")
    shared_tmp = tmp_path / "tmp"
    (shared_tmp / "jieba.cache").mkdir(parents=True)  # stands in for a file this user may not replace
    env = {**os.environ, "TMPDIR": str(shared_tmp), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--project", str(project)],
                            cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Dump cache file failed" not in result.stderr, result.stderr
    assert sorted(p.name for p in shared_tmp.iterdir()) == ["jieba.cache"]  # nothing new in the shared folder
    assert (project / ".coursegen" / CACHE_FILE).is_file()  # the project's own cache instead


LONG_RUN = 25_000
MARKUP = re.compile(r"<(p|div|span|strong|em|a|li|ul|ol|table|tr|td|th|h\d|svg|path)[\s>]|\{#|\*\*|^#|¶|!!!|&[a-z]+;")


def read_index(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith(CALLBACK + "(") and text.endswith(");\n")
    return json.loads(text[len(CALLBACK) + 1:-3])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The mini course, one section summary a single run of 25,000 identical characters."""
    root = make_project(tmp_path_factory.mktemp("search") / "project")
    part = root / "content" / "mini" / "part-a.yml"
    part.write_text(part.read_text(encoding="utf-8").replace("summary: 测试让问题早暴露。", "summary: " + "鬱" * LONG_RUN),
                    encoding="utf-8")
    return api.build(root).site_dir


def test_the_index_grows_linearly_with_the_text(built):
    """Every prefix of every word was indexed: this one summary made two 937 MB files."""
    search_bytes = sum(p.stat().st_size for p in built.rglob("*") if p.is_file() and "search" in p.parts)
    assert search_bytes < 3_000_000, search_bytes
    index = read_index(built / "mini" / INDEX_DIR / INDEX_FILE)
    page = next(p for p in index["pages"] if p["u"] == "part-a/meaning-one.html")
    assert "鬱" * LONG_RUN in "".join(s[2] for s in page["s"]).replace(WORD_BREAK, "")


def test_each_sub_site_has_its_own_index_and_the_catalog_lists_the_courses(built):
    catalog = read_index(built / INDEX_DIR / INDEX_FILE)
    assert catalog["courses"] == ["mini"]
    assert [p["u"] for p in catalog["pages"]] == ["help.html"]  # the catalog page itself only lists courses
    course = read_index(built / "mini" / INDEX_DIR / INDEX_FILE)
    assert course["id"] == "mini" and course["title"] == "测试课程"
    assert course["catalog"] == "../" and "catalog" not in catalog  # where a course finds the other courses
    urls = {p["u"] for p in course["pages"]}
    assert {"index.html", "concept.html", "part-a/index.html", "part-b/group-one/step-one.html", "glossary.html",
            "quiz/part-a.html", "checklists/self-check.html", "help.html"} <= urls
    scripts = built / "mini" / "assets" / "javascripts"
    assert not (scripts / "lunr").exists() and not list(scripts.glob("workers/search.*"))  # material's, unused
    shared = {p["u"] for p in course["pages"] if p.get("h")}
    assert shared == {"help.html"}  # hand-written pages are the same in every course


def test_quiz_answers_explanations_and_widget_data_stay_out_of_the_index(built):
    bank = yaml.safe_load((REPO / "tests/fixtures/mini/quizzes/mini.yml").read_text(encoding="utf-8"))
    course = read_index(built / "mini" / INDEX_DIR / INDEX_FILE)
    quiz_pages = [p for p in course["pages"] if p["u"].startswith("quiz/")]
    assert quiz_pages
    for page in quiz_pages:
        text = "".join(s[1] + s[2] for s in page["s"]).replace(WORD_BREAK, "")
        assert "答案：" not in text and "explanation" not in text
        for question in bank["questions"]:
            if question["explanation"] not in ("测试让问题早暴露。",):  # also a section summary
                assert question["explanation"] not in text, (page["u"], question["id"])
    assert "测试最大的好处是什么" in "".join(
        s[2] for p in quiz_pages for s in p["s"]).replace(WORD_BREAK, "")  # the questions themselves are found


def test_index_text_has_no_markup_and_every_anchor_exists_in_its_page(built):
    course = read_index(built / "mini" / INDEX_DIR / INDEX_FILE)
    for page in course["pages"]:
        html = (built / "mini" / page["u"]).read_text(encoding="utf-8")
        for anchor, heading, text in page["s"]:
            assert not MARKUP.search(heading + text), (page["u"], heading, text[:80])
            if anchor:
                assert f'id="{anchor}"' in html, (page["u"], anchor)


def test_pages_rank_by_kind_and_define_their_terms(built):
    course = {p["u"]: p for p in read_index(built / "mini" / INDEX_DIR / INDEX_FILE)["pages"]}
    assert set(SEARCH_KINDS.values()) <= set(KIND_RANKS)
    ranks = [course[u]["r"] for u in ("part-a/meaning-one.html", "part-a/index.html", "concept.html",
                                      "glossary.html", "checklists/self-check.html", "quiz/part-a.html", "help.html")]
    assert ranks == sorted(ranks) and ranks[0] < ranks[1] < ranks[2] < ranks[3] < ranks[4] < ranks[5] < ranks[6]
    assert "回归测试" in course["part-a/meaning-two.html"]["d"]


def test_words_are_marked_only_between_two_letters():
    def cut(text):
        return ["一岗双责", "是", "abc", " ", "党建", "，", "x"] if text else []
    assert mark_words("whatever", cut) == f"一岗双责{WORD_BREAK}是{WORD_BREAK}abc 党建，x"
    assert defined_terms(["“党建一把手”工程", "党建带工建、带团建", "&lt;b&gt;"]) == [
        "党建一把手工程", "党建一把手", "工程", "党建带工建带团建", "党建带工建", "带团建", "<b>"]
