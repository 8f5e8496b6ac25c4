"""Read many learners' exported records, check each, and sort them for a roster.

Each file is read on its own: a malformed, foreign, duplicate or edited file
gets one Chinese line and the others go on. Records of a course version
other than the current one (the project's, or else the newest among the
files) are kept apart, never mixed into the roster.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .code import record_code
from .schema import FORMAT, ExportedRecord

MAX_BYTES = 5 * 1024 * 1024  # an exported record is a few kilobytes; this is not one
LEGACY_FORMAT = "coursegen.progress"


@dataclass(frozen=True)
class LearnerRecord:
    """One learner's record of one course, as read from ``path``."""

    path: Path
    document: ExportedRecord
    code_ok: bool

    @property
    def course(self) -> str:
        return self.document.course.id

    @property
    def version(self) -> str:
        return self.document.course.version

    @property
    def who(self) -> tuple[str, str]:
        return (self.document.learner.name.strip(), self.document.learner.org.strip())


@dataclass
class Collected:
    """The records for the roster, those of other course versions, and one line per problem."""

    current: list[LearnerRecord] = field(default_factory=list)
    other_versions: list[LearnerRecord] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def record_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The .json files named, or found below named folders, in a stable order."""
    files: list[Path] = []
    messages: list[str] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.json") if p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            messages.append(f"{path}：找不到这个文件或文件夹，已跳过")
    unique = list(dict.fromkeys(p.resolve() for p in files))
    return [Path(p) for p in unique], messages


def _field(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "（整个文件）"


def read_record(path: Path) -> tuple[LearnerRecord | None, str | None]:
    """A checked record, or the one line that says why the file cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, f"{path}：文件过大（{size / 1048576:.1f} MB），不是学习记录，已跳过"
        raw = path.read_bytes()
    except OSError as exc:
        return None, f"{path}：无法读取（{exc.strerror or exc}），已跳过"
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, f"{path}：不是 UTF-8 文本，不是学习记录，已跳过"
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f"（第 {exc.lineno} 行第 {exc.colno} 列）" if isinstance(exc, json.JSONDecodeError) else ""
        return None, f"{path}：不是有效的 JSON{where}，文件可能已损坏，已跳过"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        if isinstance(data, dict) and data.get("format") == LEGACY_FORMAT:
            return None, f"{path}：旧版网站导出的记录，没有姓名、单位和课程版本，请学员在新版课程的学习进度页重新导出，已跳过"
        return None, f"{path}：不是 coursegen 学习记录（格式不是 {FORMAT}），已跳过"
    try:
        document = ExportedRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        problem = {"missing": "缺少", "extra_forbidden": "有多余的字段"}.get(first["type"], "值不符合格式")
        more = f"等 {exc.error_count()} 处" if exc.error_count() > 1 else ""
        return None, f"{path}：记录格式不对（{_field(first['loc'])} {problem}{more}），已跳过"
    except RecursionError:
        return None, f"{path}：记录嵌套过深，不是学习记录，已跳过"
    return LearnerRecord(path, document, record_code(data) == document.code), None


def _version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return ()


def collect(paths: list[Path], course_id: str | None = None,
            current_versions: dict[str, str] | None = None) -> Collected:
    """Read every file, then keep one record per learner and course version."""
    files, messages = record_files(paths)
    out = Collected(messages=messages)
    records: list[LearnerRecord] = []
    for path in files:
        record, message = read_record(path)
        if message:
            out.messages.append(message)
        elif record is not None and course_id and record.course != course_id:
            out.messages.append(f"{path}：是课程“{record.course}”的记录，不是 --course 指定的“{course_id}”，已跳过")
        elif record is not None:
            records.append(record)
    known = current_versions or {}
    versions = dict(known)
    for record in records:  # a course the project does not have: its newest version is current
        if record.course not in known and (record.course not in versions or
                                           _version_key(record.version) > _version_key(versions[record.course])):
            versions[record.course] = record.version
    kept: dict[tuple[str, str, str, str], LearnerRecord] = {}
    for record in sorted(records, key=lambda r: (r.document.exported, str(r.path)), reverse=True):
        key = (record.course, record.version, *record.who)
        if key in kept:
            newer = kept[key]
            same = "内容完全相同" if newer.document.code == record.document.code else "是同一学员同一课程的记录"
            out.messages.append(f"{record.path}：与 {newer.path.name} {same}（{record.who[0] or '未署名'}），"
                                f"已采用导出时间较晚的 {newer.path.name}")
            continue
        kept[key] = record
    for record in sorted(kept.values(), key=lambda r: (r.course, r.who, str(r.path))):
        if not record.code_ok:
            out.messages.append(f"{record.path}：记录码与内容不符，文件在导出后被改动过（已列入名册并标注）")
        if record.version == versions[record.course]:
            out.current.append(record)
        else:
            out.messages.append(f"{record.path}：课程“{record.course}”当前版本是 {versions[record.course]}，"
                                f"这份记录来自版本 {record.version}，单独列在“其他版本”表中")
            out.other_versions.append(record)
    return out
