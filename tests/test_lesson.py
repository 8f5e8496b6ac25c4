"""The lesson plan's agenda always adds up to the course length."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, REPO
from generator import api
from generator.models import Course
from generator.render.lesson import agenda, clock
from generator.render.quiz import quiz_specs
from generator.render.site_map import build_course_map


def _map(root, hours=None):
    loaded = api.validate(root)[0]
    if hours is not None:
        course = Course.model_validate({**loaded.course.model_dump(), "hours": hours})
        loaded = loaded.model_copy(update={"course": course})
    return build_course_map(loaded)


@pytest.mark.parametrize("hours", [0.5, 1, 1.5, 2, 3, 4, 6, 8, 16])
def test_agenda_adds_up_exactly_and_has_no_gaps(hours):
    m = _map(FIXTURES / "mini", hours)
    items = agenda(m, quiz_specs(m))
    assert sum(item.minutes for item in items) == round(hours * 30)
    assert all(item.minutes > 0 for item in items)
    assert [item.start for item in items] == [sum(i.minutes for i in items[:n]) for n in range(len(items))]


def test_agenda_follows_the_speech_with_teaching_discussion_and_practice_per_part():
    m = _map(REPO)
    stages = [item.stage for item in agenda(m, quiz_specs(m))]
    assert stages[0] == "导入" and stages[-2:] == ["综合测试", "总结"]
    for label in ("一、为什么要整合", "二、哪里还薄弱", "三、怎样整合"):
        assert [s for s in stages if s.startswith(label)] == [f"{label}：讲授", f"{label}：讨论", f"{label}：练习"]


def test_teaching_time_follows_how_much_each_part_teaches():
    m = _map(REPO)
    teach = {item.stage: item.minutes for item in agenda(m, quiz_specs(m)) if item.stage.endswith("讲授")}
    assert teach["三、怎样整合：讲授"] > teach["二、哪里还薄弱：讲授"] >= teach["一、为什么要整合：讲授"] > 0


def test_clock_format():
    assert [clock(0), clock(65), clock(120)] == ["0:00", "1:05", "2:00"]


def test_lesson_page_has_objectives_focus_difficulties_agenda_and_materials():
    _, rendered = api.generate(REPO)
    page = rendered.courses[0].pages["lesson-plan.md"]
    for heading in ("## 教学目标", "## 教学重点与难点", "## 教学安排", "## 讨论题", "## 测验安排", "## 教学材料"):
        assert heading in page
    assert "| 合计 | | | 120 分钟 | |" in page
    assert "把责任体系落到" in page  # a 难点 written in the content
