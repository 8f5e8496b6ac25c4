"""The speech's course says no more and no less than the speech.

Each rule here guards a distortion an audit found (issue #12): hedged quantifiers that became
absolutes, relations turned round, a body given a duty the speech gives to another, a pairing the
speech never states. The rules read every text of the course and its bank, clause by clause.
Where the speech is beside the checkout, each rule's anchor is checked against it, so the table
cannot drift away from what the speech says.
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import REPO

SPEECH = REPO.parent / "shared" / "source" / "speech.txt"
CLAUSE_END = re.compile(r"[。；;！？?\n]")
ABSOLUTES = ("都", "全部", "所有", "普遍", "很少", "很多", "不少")


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _split(texts) -> list[str]:
    return [c.strip() for text in texts for c in CLAUSE_END.split(text) if c.strip()]


def _course_texts() -> list[str]:
    texts = []
    for path in sorted((REPO / "content").rglob("*.yml")):
        texts.extend(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return texts


def _bank_assertions() -> list[str]:
    """What the bank asserts: explanations, true statements, keys; not the distractors it offers."""
    bank = yaml.safe_load((REPO / "quizzes" / "dangjian-ziyuan.yml").read_text(encoding="utf-8"))
    texts = []
    for q in bank["questions"]:
        texts.append(q["explanation"])
        if q["type"] != "truefalse" or q["answer"] is True:
            texts.append(q["stem"])
        if q["type"] == "single":
            texts.append(q["options"][ord(q["answer"]) - ord("A")])
        elif q["type"] == "multiple":
            texts.extend(q["options"][ord(a) - ord("A")] for a in q["answer"])
        elif q["type"] == "fill":
            texts.extend(alt for blank in q["answer"] for alt in blank)
        elif q["type"] == "order":
            texts.extend(q["items"])
    return texts


@pytest.fixture(scope="module")
def content_clauses() -> list[str]:
    return _split(_course_texts())


@pytest.fixture(scope="module")
def all_clauses(content_clauses) -> list[str]:
    return content_clauses + _split(_bank_assertions())


# (words that identify the statement in a clause, quantifiers the speech uses, the speech's own wording)
HEDGED = [
    (("常委会", "听"), ("有的",), "有的地方党委常委会"),
    (("部门党组", "较少集体听取"), ("一些",), "一些机关部门党组"),
    (("兼职机关党委书记", "到位"), ("有些",), "有些兼职机关党委书记"),
    (("领导干部", "指导关系", "领导关系"), ("绝大多数",), "绝大多数的领导干部"),
    (("行政领导", "一般"), ("有的",), "有的行政领导"),
    (("轻视",), ("有的", "部分"), "部分党员人数较多"),
    (("班子", "不健全"), ("一些",), "一些基层党组织班子"),
]


@pytest.mark.parametrize(("keys", "hedges", "anchor"), HEDGED, ids=["standing-committee", "party-group-hearing", "concurrent-secretary",
                                                  "guidance-as-leadership", "ordinary-office", "neglect", "teams"])
def test_hedged_statements_keep_the_speech_quantifier(all_clauses, keys, hedges, anchor):
    if SPEECH.exists():
        assert anchor in SPEECH.read_text(encoding="utf-8")
    # Checklist questions (是否…) ask about one's own unit and carry no quantifier.
    hits = [c for c in all_clauses if all(k in c for k in keys) and "是否" not in c]
    assert hits, f"no clause states {keys}: the rule no longer guards anything"
    for clause in hits:
        assert any(h in clause for h in hedges), clause
        assert not any(a in clause for a in ABSOLUTES if a not in hedges), clause


def test_integration_is_part_of_the_big_pattern_not_the_reverse(all_clauses):
    """D1/D2: the speech makes integration an important part of building the 大党建 pattern."""
    reversed_ = re.compile(r"大党建[^，]*(?:是|为)[^，]*整合[^，]*(?:重要内容|组成部分)")
    assert not [c for c in all_clauses if reversed_.search(c)]
    assert any(re.search(r"整合[^，]*是营造[^，]*大党建[^，]*重要内容", c) for c in all_clauses)


def test_overall_responsibility_lies_with_the_party_group(all_clauses):
    """D7: 负总责 belongs to the 党组（党委）, not to the 一把手 or the secretary."""
    assert not [c for c in all_clauses if re.search(r"一把手[^，、：]*负总责|书记[^，、：]*负总责", c)]
    assert any("党组（党委）书记带头抓" in c for c in all_clauses)


def test_hub_role_belongs_to_social_construction(all_clauses):
    """D9: the 枢纽 role is in 社会建设; 经济社会发展 gets 指导、协调、服务和调控."""
    assert not [c for c in all_clauses if "枢纽" in c and "经济" in c]


def test_secretary_candidates_are_equal_alternatives(all_clauses):
    """D8: 党组副书记 or the deputy in charge, joined by 或, not ranked 一般 … 也可."""
    assert not [c for c in all_clauses if re.search(r"一般由[^，]*党组副书记", c)]


def test_open_list_of_inner_party_systems_stays_open(all_clauses):
    """E1: the speech ends the list with 等制度; it is not four systems."""
    assert not [c for c in all_clauses if re.search(r"[四4]项党内制度", c)]


def test_no_pairing_of_weak_points_with_resource_kinds(all_clauses):
    """D6: the speech never pairs each weak point with one kind of resource or one group of measures."""
    pairing = re.compile(r"(?:这是|属于|反映)(?:队伍|组织|阵地)(?:方面|资源)|薄弱环节[^，]*(?:对应|针对的是)"
                         r"|(?:针对的是|对应)[^，]*薄弱环节|分别对应(?:到)?队伍、组织、阵地")
    assert not [c for c in all_clauses if pairing.search(c)]


def test_women_committee_inside_an_organ():
    """Inside an organ the women's body is the 妇委会; 妇联 is the federation outside it."""
    for folder in ("content", "quizzes"):
        for path in (REPO / folder).rglob("*.yml"):
            assert "妇联" not in path.read_text(encoding="utf-8"), path


def test_closing_title_leaves_the_label_to_the_renderer():
    """The renderer writes 结语：; a title that starts with it shows up as 结语：结语：…"""
    course = yaml.safe_load((REPO / "content" / "dangjian-ziyuan" / "course.yml").read_text(encoding="utf-8"))
    assert not course["closing"]["title"].startswith("结语")


# Where the course teaches the speech's 党组 → 机关党组织 指导 relation (the 2010 条例), the 2019 revision
# made it 领导: each such lesson page and question carries a 现行规定 note (issue #12 item 4).
SUPERSEDED_RELATION = re.compile(r"党组（党委）(?:是否|的)指导|党组(?:对机关党组织)?的指导|党组加强指导")


def _texts(node, *, skip=("current_rule", "source_date")):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                yield from _texts(value, skip=skip)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value, skip=skip)


def _has_note(node) -> bool:
    if isinstance(node, dict):
        return "current_rule" in node or any(_has_note(value) for value in node.values())
    return isinstance(node, list) and any(_has_note(value) for value in node)


def _lesson_pages():
    """(page, its YAML) for the concept, closing, every section (without its measures) and measure, and terms."""
    folder = REPO / "content" / "dangjian-ziyuan"
    course = yaml.safe_load((folder / "course.yml").read_text(encoding="utf-8"))
    yield "concept", course["concept"]
    yield "closing", course["closing"]
    for name in course["parts"]:
        part = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        for section in part["sections"]:
            yield section["id"], {k: v for k, v in section.items() if k != "measures"}
            for measure in section.get("measures", []):
                yield measure["id"], measure
        yield f"{part['id']} 术语", part.get("key_terms", [])


def test_the_superseded_guidance_relation_carries_a_current_rule_note_wherever_it_is_taught():
    pages = [page for page, node in _lesson_pages()
             if any(SUPERSEDED_RELATION.search(text) for text in _texts(node)) and not _has_note(node)]
    bank = yaml.safe_load((REPO / "quizzes" / "dangjian-ziyuan.yml").read_text(encoding="utf-8"))
    questions = [q["id"] for q in bank["questions"]
                 if any(SUPERSEDED_RELATION.search(text) for text in _texts(q)) and "current_rule" not in q]
    assert (pages, questions) == ([], [])
    taught = [page for page, node in _lesson_pages() if any(SUPERSEDED_RELATION.search(t) for t in _texts(node))]
    assert len(taught) >= 5, "the pattern still finds where the course teaches the relation"


def test_no_checklist_item_asks_a_unit_to_keep_the_superseded_relation():
    checklists = yaml.safe_load((REPO / "content" / "dangjian-ziyuan" / "checklists.yml").read_text(encoding="utf-8"))
    assert [text for text in _texts(checklists) if SUPERSEDED_RELATION.search(text)] == []
