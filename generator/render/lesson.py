"""The lesson plan (教案): a timed agenda that adds up to the course length.

1 学时 = 30 minutes. The opening, summary, discussions, practice and the
comprehensive test get what they need (shrunk to fit when the course is
short), and teaching the rest, shared over the parts by how much each part
has to teach. Minutes are whole numbers and add up exactly to the course length.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import names
from ..walk import located_topics
from .quiz import QuizSpec
from .site_map import LESSON_KEY, CourseMap

__all__ = ["LESSON_KEY", "AgendaItem", "agenda", "clock"]


@dataclass(frozen=True)
class AgendaItem:
    start: int
    minutes: int
    stage: str
    content: str
    method: str


def _part_weight(part) -> int:
    """How much a part has to teach: its points, symptoms, actions and criteria."""
    weight = sum(len(topic.key_points) + len(topic.symptoms) + len(topic.actions) + len(topic.criteria) + 2
                 for _, topic in located_topics(part))
    return max(weight, 1)


def _share(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` minutes by weight into whole minutes that add up exactly."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    shares = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - shares[i], reverse=True)
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def agenda(m: CourseMap, specs: list[QuizSpec]) -> list[AgendaItem]:
    """Opening, then per part teaching, discussion and practice, the test, the summary."""
    total = round(m.course.course.hours * 30)
    quizzes = {spec.id: spec for spec in specs}
    final = quizzes.get(names.FINAL_QUIZ)
    parts = m.course.parts
    # What each activity would like (minutes): a question takes about half a minute to
    # practise and a minute under test conditions; a discussion round about five.
    wanted = {"opening": total * 0.05, "summary": total * 0.05,
              "final": min(final.draw, total * 0.15) if final else 0}
    for part in parts:
        spec = quizzes.get(part.id)
        wanted[f"discuss:{part.id}"] = 5
        wanted[f"practise:{part.id}"] = min(len(spec.questions) / 2, 10) if spec else 0
    # Teaching gets what is left, at least half of the course; everything else shrinks to fit.
    fixed = sum(wanted.values())
    scale = min(1.0, (total * 0.5) / fixed) if fixed else 1.0
    keys = list(wanted) + [f"teach:{p.id}" for p in parts]
    fixed_scaled = [wanted[k] * scale for k in wanted]
    teach_pool = total - sum(fixed_scaled)
    weights = [_part_weight(p) for p in parts]
    teach = [teach_pool * w / sum(weights) for w in weights]
    minutes = dict(zip(keys, _share(total, [round(x * 1000) for x in fixed_scaled + teach])))

    items = [("导入", "说明学习目标，展示讲话结构图，讲解" + m.pages[m.course.course.concept.id].label,
              minutes["opening"], "讲授、看结构图")]
    for part in parts:
        label = m.pages[part.id].label
        items.append((f"{label}：讲授", "、".join(m.pages[s.id].label for s in part.sections),
                      minutes[f"teach:{part.id}"], "讲授、案例"))
        items.append((f"{label}：讨论", f"思考讨论（{len(part.discussion)} 题，可任选）",
                      minutes[f"discuss:{part.id}"], "小组讨论、交流"))
        items.append((f"{label}：练习", "本部分自测（练习模式）", minutes[f"practise:{part.id}"], "自测练习"))
    items.append(("综合测试", "全部学完后进行综合测试（测试模式）", minutes["final"], "测试、讲评"))
    items.append(("总结", "回顾要点：" + m.pages[m.course.course.closing.id].label + "；布置自查与落实清单",
                  minutes["summary"], "讲授、布置任务"))
    out, start = [], 0
    for stage, content, length, method in items:
        if length <= 0:
            continue
        out.append(AgendaItem(start, length, stage, content, method))
        start += length
    return out


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"
