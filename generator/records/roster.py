"""The roster workbook a trainer gets from ``coursegen records``.

Sheets: 名册 (one row per learner and course), 汇总-<课程标识> (per course:
learners, completed, average 学时 and scores), 其他版本 (records of another
course version, kept apart) and 读取问题 (one row per file that was skipped
or flagged). Every cell written from a record is text or a number, never a
formula.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .collect import Collected, LearnerRecord

SECONDS_PER_HOUR = 1800
HEADER = ("姓名", "单位", "课程标识", "课程名称", "课程版本", "学时", "已学页面", "综合测试最高分", "各测验最高分",
          "是否结业", "尚未完成", "记录码核对", "开始学习", "最近学习", "导出日期", "文件")
WIDTHS = (10, 20, 16, 24, 8, 7, 9, 9, 40, 8, 40, 14, 11, 11, 11, 30)
FINAL_QUIZ = "final"


def study_hours(seconds: int) -> float:
    """学时 with one decimal, never rounded up (as the site shows it: rules.js hoursText)."""
    return (seconds * 10 // SECONDS_PER_HOUR) / 10


def _day(milliseconds: int | None) -> str:
    return datetime.fromtimestamp(milliseconds / 1000).strftime("%Y-%m-%d") if milliseconds else ""


def _exported_day(iso: str) -> str:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d")


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def row(record: LearnerRecord) -> list[object]:
    doc = record.document
    summary = doc.summary
    final = next((q for q in summary.quizzes if q.id == FINAL_QUIZ), None)
    scores = "；".join(f"{q.title} {q.best if q.best is not None else '未参加'}"
                      f"{'（及格）' if q.passed else ''}" for q in summary.quizzes)
    return [
        doc.learner.name or "（未署名）", doc.learner.org, doc.course.id, doc.course.title, doc.course.version,
        study_hours(summary.study_seconds), f"{summary.pages_learned}/{summary.pages_total}",
        final.best if final and final.best is not None else "", scores,
        "已结业" if summary.complete else "未结业", "；".join(summary.remaining),
        "相符" if record.code_ok else "不符（文件被改动过）",
        _day(summary.started), _day(summary.last_active), _exported_day(doc.exported), record.path.name,
    ]


def _write(sheet: Worksheet, header: tuple[str, ...], rows: list[list[object]], widths: tuple[int, ...]) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate([list(header), *rows], start=1):
        for c, value in enumerate(values, start=1):
            if value == "" or value is None:
                continue
            cell = sheet.cell(row=r, column=c, value=_text(value) if isinstance(value, str) else value)
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would turn a leading "=" into a formula
            cell.alignment = wrap
            if r == 1:
                cell.font = Font(bold=True)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"


def _average(values: list[float]) -> float | str:
    return round(sum(values) / len(values), 1) if values else ""


def summary_rows(records: list[LearnerRecord]) -> list[list[object]]:
    """A course's figures: learners, completed, average 学时, then each quiz."""
    first = records[0].document
    complete = sum(1 for r in records if r.document.summary.complete)
    rows: list[list[object]] = [
        ["课程", f"{first.course.title}（{first.course.id}，版本 {first.course.version}）"],
        ["学员人数", len(records)],
        ["已结业", complete],
        ["结业率", f"{round(100 * complete / len(records))}%"],
        ["平均学时", _average([study_hours(r.document.summary.study_seconds) for r in records])],
        ["记录码不符的记录", sum(1 for r in records if not r.code_ok)],
        [],
        ["测验", "参加人数", "平均最高分", "及格人数"],
    ]
    quizzes: dict[str, tuple[str, list[int], int]] = {}
    for record in records:
        for quiz in record.document.summary.quizzes:
            title, bests, passed = quizzes.get(quiz.id, (quiz.title, [], 0))
            if quiz.best is not None:
                bests.append(quiz.best)
            quizzes[quiz.id] = (title, bests, passed + (1 if quiz.passed else 0))
    for title, bests, passed in quizzes.values():
        rows.append([title, len(bests), _average([float(b) for b in bests]), passed])
    return rows


def _sheet_title(course_id: str, used: set[str]) -> str:
    title = f"汇总-{course_id}"[:31]
    n = 2
    while title in used:
        title = f"汇总-{course_id}"[: 31 - len(str(n)) - 1] + f"~{n}"
        n += 1
    used.add(title)
    return title


def roster_workbook(collected: Collected) -> bytes:
    book = Workbook()
    roster = book.active
    roster.title = "名册"
    _write(roster, HEADER, [row(r) for r in collected.current], WIDTHS)
    used = {"名册"}
    by_course: dict[str, list[LearnerRecord]] = {}
    for record in collected.current:
        by_course.setdefault(record.course, []).append(record)
    for course_id, records in sorted(by_course.items()):
        _write(book.create_sheet(_sheet_title(course_id, used)), ("项目", "数值", "", ""),
               summary_rows(records), (24, 40, 12, 10))
    if collected.other_versions:
        _write(book.create_sheet("其他版本"), HEADER, [row(r) for r in collected.other_versions], WIDTHS)
    if collected.messages:
        _write(book.create_sheet("读取问题"), ("说明",), [[m] for m in collected.messages], (120,))
    book.properties.creator = "coursegen"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
