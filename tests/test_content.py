"""The speech's course: complete, faithful to its structure, and in our own words."""

from __future__ import annotations

import importlib.util
import re

import pytest

from conftest import REPO
from generator import api
from generator.references import iter_ids

SPEECH = REPO.parent / "shared" / "source" / "speech.txt"
COPYCHECK = REPO.parent / "shared" / "tools" / "copycheck.py"


@pytest.fixture(scope="module")
def course():
    courses = api.validate(REPO)
    assert [c.course.id for c in courses] == ["dangjian-ziyuan"]
    return courses[0]


def all_text(course) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "content").rglob("*.yml")))


def test_structure_follows_the_speech(course):
    why, weak, measures = course.parts
    assert len(why.sections) == 5
    assert len(weak.sections) == 3
    assert [len(group.measures) for group in measures.sections] == [3, 2, 3]
    assert all(not s.measures for s in why.sections + weak.sections)
    assert all(section.symptoms for section in weak.sections)


def test_opening_concept_names_every_kind_of_resource(course):
    names = "".join(kind.name for kind in course.course.concept.kinds)
    for word in ("队伍", "组织", "阵地", "资金", "活动", "教育培训"):
        assert word in names
    assert "集约化" in course.course.concept.aim and "科学化" in course.course.concept.aim


def test_every_part_has_objectives_terms_and_discussion(course):
    for part in course.parts:
        assert part.objectives and part.key_terms
        assert len(part.discussion) >= 2


def test_every_section_and_measure_has_points_and_a_takeaway(course):
    for part in course.parts:
        for section in part.sections:
            for topic in (section, *section.measures):
                assert topic.key_points and topic.takeaway.strip()


def test_measures_carry_actions_and_fixed_slogans(course):
    measures = [m for s in course.parts[2].sections for m in s.measures]
    assert all(m.actions for m in measures)
    slogans = {s.text for part in course.parts for sec in part.sections for t in (sec, *sec.measures)
               for s in t.slogans}
    for fixed in ("一岗双责", "三位一体", "“党政所谋、职工所需、工会所能”"):
        assert fixed in slogans
    assert any("党建带工建" in s for s in slogans)
    assert any("党政工团妇一起上" in s for s in slogans)


def test_ids_are_unique_across_the_course(course):
    ids = [i for model in (course.course, *course.parts) for i, _ in iter_ids(model)]
    assert len(ids) == len(set(ids))


def test_known_slips_of_the_source_are_fixed(course):
    text = all_text(course)
    for slip in ("同坐创新", "带动带动", "机关当书记", "党纪工团妇"):
        assert slip not in text


def test_no_advertising_or_contact_lines():
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for folder in ("content", "docs", "generator")
                     for p in (REPO / folder).rglob("*") if p.is_file() and p.suffix in {".yml", ".md", ".j2", ".py"})
    # The source's advertising, spelt in pieces so that scans for it do not flag this test itself.
    advertising = "|".join(["QQ" + "[0-9]", "QQ" + "群", "酷乐" + "文行", "2061" + "57060"])
    assert not re.search(advertising, text)


def _copycheck():
    spec = importlib.util.spec_from_file_location("copycheck", COPYCHECK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not COPYCHECK.exists(), reason="shared/ tools are not beside this checkout")
def test_content_and_generated_pages_are_in_our_own_words():
    """No run of 30+ characters of the speech, in the YAML or in any rendered page,
    where adjacent list items could line up into a copied passage."""
    check = _copycheck()
    source = check.normalise(SPEECH.read_text(encoding="utf-8"))
    _, rendered = api.generate(REPO)
    texts = {p.relative_to(REPO).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted((REPO / "content").rglob("*.yml"))}
    texts.update({f"docs/generated/{path}": text for path, text in rendered.pages.items()})
    copied = {name: runs for name, text in texts.items()
              if (runs := check.copied_runs(source, check.normalise(text), 30))}
    assert copied == {}
