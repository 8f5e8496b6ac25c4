"""Reserved names: ids never overwrite a generated page, folder or file, and the registry is complete.

Every id that becomes a path is renamed, one at a time, to every name the
generator uses. Where the registry says the two clash, validation refuses the
id at its file:line:column; where it says they don't, every page is still
there. A real build then checks the other way round: every name that MkDocs,
the theme or the generator put beside an id's page is in the registry.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, make_project
from generator import api, names
from generator.errors import ContentError
from generator.names import CHECKLIST, COURSE, PAGE, PART, TOPIC, IdKind
from generator.render.progress import add_extra_pages
from generator.render.quiz import quiz_specs
from generator.render.site_map import build_course_map

# Where each kind of id sits in the mini fixture: (kind, id, file, line, column, key path).
SITES = {
    "course": (COURSE, "mini", "content/mini/course.yml", 2, 5, "id"),
    "concept": (PAGE, "concept", "content/mini/course.yml", 15, 7, "concept.id"),
    "closing": (PAGE, "closing", "content/mini/course.yml", 32, 7, "closing.id"),
    "part": (PART, "part-a", "content/mini/part-a.yml", 2, 5, "id"),
    "section": (TOPIC, "meaning-two", "content/mini/part-a.yml", 22, 9, "sections[1].id"),
    "group": (TOPIC, "group-one", "content/mini/part-b.yml", 9, 9, "sections[0].id"),
    "measure": (TOPIC, "step-two", "content/mini/part-b.yml", 36, 13, "sections[0].measures[1].id"),
    "checklist": (CHECKLIST, "self-check", "content/mini/checklists.yml", 3, 9, "checklists[0].id"),
}
# Every registered name (one Windows device name stands for all), names that only clash with
# hand-written docs (help), and names the generator uses that clash with nothing any more.
CANDIDATES = sorted({n for n, r in names.RESERVED.items() if r.clashes != names.EVERY_KIND}
                    | {"con", "help", "lesson", "sitemap", "generated"})


def rename(root: Path, old: str, new: str) -> None:
    """Rename an id everywhere it is written or referred to, and the files named after it."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(old)}(\.yml|[^\w:.-]|$)", re.M)
    text = f'"{new}"' if new.isdigit() else new  # YAML would read 404 as a number

    def replace(match: re.Match) -> str:
        return (new if match.group(1) == ".yml" else text) + match.group(1)

    for path in sorted([*root.glob("content/**/*.yml"), *root.glob("quizzes/*.yml")]):
        path.write_text(pattern.sub(replace, path.read_text(encoding="utf-8")), encoding="utf-8")
    for path in sorted(root.rglob(f"{old}*"), reverse=True):
        if path.stem == old or path.name == old:
            path.rename(path.with_name(new + path.suffix))


def page_paths(root: Path) -> list[str]:
    """Every page a course renders to (before MkDocs), as the renderers lay them out."""
    (loaded,) = api.validate(root)
    m = build_course_map(loaded)
    add_extra_pages(m, quiz_specs(m))
    return [page.path.split("/", 1)[1] for page in m.pages.values()]


def expected_clash(kind: IdKind, name: str) -> str | None:
    reserved = names.clash(name, kind)
    if reserved is not None:
        return f"{kind.label}“{name}”是保留名称（{reserved.use}）（提示：{names.RESERVED_HINT}）"
    taken = names.hand_written(REPO / "docs").get(name)
    if taken is not None and kind in taken.clashes:
        return f"{kind.label}“{name}”与{taken.use} 同名（提示：换一个标识，或给手写的文件改名）"
    return None


@pytest.mark.parametrize("site", sorted(SITES))
def test_an_id_named_like_a_generated_page_is_refused_or_loses_nothing(site, tmp_path):
    kind, old, file, line, column, key = SITES[site]
    baseline = page_paths(make_project(tmp_path / "baseline"))
    for name in CANDIDATES:
        root = make_project(tmp_path / name)
        rename(root, old, name)
        problem = expected_clash(kind, name)
        if problem is None:
            paths = page_paths(root)
            assert len(set(paths)) == len(paths) == len(baseline), f"{site} id {name!r} lost a page"
            continue
        with pytest.raises(ContentError) as raised:
            api.validate(root)
        where = file.replace(f"/{old}", f"/{name}") if site in ("course", "part") else file
        # (a Windows device name is refused in the references to it too)
        assert f"{where}:{line}:{column}: {key}: {problem}" in [str(p) for p in raised.value.problems], name
        shutil.rmtree(root)


def test_a_new_course_may_not_take_a_reserved_name(project, invoke):
    result = invoke("new", "catalog", "--project", str(project))
    assert result.exit_code == 1
    assert result.stderr == ("错误：课程标识“catalog”是保留名称（网站首页的课程目录在构建时用的名称），不能用作新课程的标识"
                             f"（提示：{names.RESERVED_HINT}）\n")
    (project / "docs" / "handbook").mkdir()
    result = invoke("new", "handbook", "--project", str(project))
    assert result.stderr == ("错误：课程标识“handbook”与手写文件夹 docs/handbook/ 同名，不能用作新课程的标识"
                             f"（提示：{names.RESERVED_HINT}）\n")
    assert not (project / "content" / "handbook").exists()


def _stems(folder: Path, suffix: str) -> set[str]:
    return {p.stem for p in folder.iterdir() if p.is_file() and p.suffix == suffix}


def _folders(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_dir()}


def test_every_name_the_build_puts_beside_an_id_is_reserved(project):
    """What a real build writes where ids also go: anything not named after an id must be registered."""
    from generator.site import GENERATED_DIR, site_builds

    courses, rendered = api.generate(project)
    assert GENERATED_DIR == names.GENERATED_DIR
    assert site_builds(rendered)[0].name in names.reserved_for(COURSE)
    api.build(project)
    site, course = project / "site", project / "site" / "mini"
    (loaded,) = courses
    part_ids = {p.id for p in loaded.parts}
    hand_pages = {p.stem for p in (project / "docs").glob("*.md")}
    hand_folders = {p.name for p in (project / "docs").iterdir() if p.is_dir()}

    def unreserved(found: set[str], ids: set[str], kind: IdKind, hand: set[str] = frozenset()) -> set[str]:
        return found - ids - hand - set(names.reserved_for(kind))

    assert unreserved(_folders(site), {"mini"}, COURSE, hand_folders) == set()
    assert unreserved(_folders(course), part_ids, PART, hand_folders) == set()
    assert unreserved(_stems(course, ".html"), {"concept", "closing"}, PAGE, hand_pages) == set()
    for part in loaded.parts:
        sections = {s.id for s in part.sections}
        assert unreserved(_stems(course / part.id, ".html"), sections, TOPIC) == set()
        for section in part.sections:
            if section.measures:
                folder = course / part.id / section.id
                assert unreserved(_stems(folder, ".html"), {m.id for m in section.measures}, TOPIC) == set()
    assert unreserved(_stems(course / names.QUIZ_DIR, ".html"), part_ids, PART) == set()
    checklists = {c.id for c in loaded.checklists}
    assert unreserved(_stems(course / names.CHECKLIST_DIR, ".html"), checklists, CHECKLIST) == set()
    # The generated Markdown follows the same layout.
    generated = project / "docs" / names.GENERATED_DIR / "mini"
    assert unreserved(_stems(generated, ".md"), {"concept", "closing"}, PAGE) == set()


def test_the_registry_is_one_table():
    assert names.INDEX == "index" and names.RESERVED["index"].clashes == {PAGE, PART, TOPIC, CHECKLIST}
    with pytest.raises(ValueError):
        names.reserve("index", "重复登记", PAGE)
    assert set(names.reserved_for(IdKind.OTHER)) == {n for n, r in names.RESERVED.items() if r.clashes == names.EVERY_KIND}
