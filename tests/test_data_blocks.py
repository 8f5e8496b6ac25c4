"""The widgets' data is kept out of the engine's way and put back into what it wrote (issue #17: Zensical
spent most of a build scanning that JSON for links)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import api, site
from generator.data_blocks import html_path, set_aside

DATA_LINE = re.compile(r'<script type="application/json" class="cg-[a-z0-9_-]+">[^<\n]+</script>')
PAGES = {
    "index.md": '# 首页\n\n<div class="cg-page" hidden>\n'
                '<script type="application/json" class="cg-page__data">[{"course":"c","title":"甲\\u003c/script\\u003e"}]</script>\n'
                "</div>\n",
    "quiz/final.md": '# 测试\n\n<script type="application/json" class="cg-quiz__data">[{"questions":[1,2]}]</script>\n\n'
                     '<script type="application/json" class="cg-page__data">[{"page":"final"}]</script>\n',
    "glossary.md": "# 术语表\n\n没有数据，原样交给引擎。\n",
}


@pytest.mark.parametrize("directory_urls", [False, True], ids=["files", "folders"])
def test_the_data_goes_back_where_the_engine_put_its_token(tmp_path, directory_urls):
    aside = set_aside(PAGES)
    assert aside.pages["glossary.md"] == PAGES["glossary.md"]
    assert re.findall(r">([^<]*)</script>", "".join(aside.pages.values())) == [f"{aside.token}-0", f"{aside.token}-0",
                                                                               f"{aside.token}-1"]
    for relative, text in aside.pages.items():  # an engine passes each raw HTML line through as it is
        page = tmp_path / html_path(relative, directory_urls)
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<main>\n{text}</main>\n", encoding="utf-8")
    aside.put_back(tmp_path, directory_urls)
    for relative, text in PAGES.items():
        assert (tmp_path / html_path(relative, directory_urls)).read_text(encoding="utf-8") == f"<main>\n{text}</main>\n"


def test_each_build_has_its_own_token(tmp_path):
    assert set_aside(PAGES).token != set_aside(PAGES).token


def test_the_engine_never_sees_the_data_and_the_site_holds_all_of_it(project, engine, monkeypatch):
    """Every data line of the generated pages reaches the built page as it is; the engine's pages held none."""
    staged: dict[str, str] = {}
    real = site.stage_docs

    def spy(project_, pages, docs):
        staged.update({f"{docs.name}/{name}": text for name, text in pages.items()})
        return real(project_, pages, docs)

    monkeypatch.setattr(site, "stage_docs", spy)
    built = api.build(project, force=True, jobs=1, engine=engine).site_dir  # staged in this process
    assert staged and not [name for name, text in staged.items() if DATA_LINE.search(text) and "[{" in text]
    generated = project / "docs" / "generated"
    lines = 0
    for page in sorted(generated.rglob("*.md")):
        html = (built / html_path(page.relative_to(generated).as_posix(), False)).read_text(encoding="utf-8")
        for line in DATA_LINE.findall(page.read_text(encoding="utf-8")):
            assert html.count(line) == 1, page
            lines += 1
    assert lines > 20
    assert not [p for p in built.rglob("*.html") if "cgdata" in p.read_text(encoding="utf-8")]
