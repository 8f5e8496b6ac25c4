"""The build's checks, reusing each unchanged course's last findings.

``coursegen build`` runs the checks of ``coursegen check`` on every course.
A course whose own files did not change (its key from
:mod:`generator.course_cache`, which covers coursegen's version too), with the
same ``coursegen.yml`` and the same speech text, gets the same findings: they
are kept in ``.coursegen/checks/<id>.json`` and reused, so an edit to one
course of a large catalog checks that course alone. Anything missing, garbled
or planted there is only a miss: the course is checked again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..atomic import write_atomically
from ..errors import CourseGenError
from ..loaded import LoadedCourse
from ..incremental import cached_file_digest
from ..safe_files import read_bytes
from ..settings import SETTINGS_FILE, ProjectSettings, load_settings
from .findings import Finding
from .runner import CheckReport, CourseReport, check_course

CHECK_DIR = "checks"
CHECK_VERSION = 1
MAX_ENTRY_BYTES = 16 * 1024 * 1024


def _file_digest(root: Path, path: Path) -> str:
    try:
        return cached_file_digest(root, path).hex() if path.is_file() else "none"  # read once for all courses
    except CourseGenError:
        return "unreadable"


def check_key(root: Path, course_key: str | None, source_text: Any) -> str | None:
    """What a course's findings depend on: its key, coursegen.yml and its speech (None: check it again)."""
    if course_key is None:
        return None
    speech = "none"
    if isinstance(source_text, str):
        path = (root / source_text).resolve()
        if not path.is_relative_to(root.resolve()) or not path.is_file():
            return None  # the check itself says what is wrong with it
        speech = _file_digest(root, path)
    parts = [course_key, _file_digest(root, root / SETTINGS_FILE), speech]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _read(folder: Path, course_id: str, key: str) -> CourseReport | None:
    try:
        data = json.loads(read_bytes(folder.parent, folder / f"{course_id}.json", MAX_ENTRY_BYTES))
        if data.get("version") != CHECK_VERSION or data.get("key") != key:
            return None
        findings = [Finding(**{**item, "related": tuple(item["related"])}) for item in data["findings"]]
        silenced = [Finding(**{**item, "related": tuple(item["related"])}) for item in data["silenced"]]
        for finding in findings + silenced:
            finding.severity  # an unknown rule code: not ours
        return CourseReport(course_id, int(data["questions"]), findings, silenced)
    except (CourseGenError, OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write(folder: Path, key: str, report: CourseReport) -> None:
    document = {"version": CHECK_VERSION, "key": key, "questions": report.questions,
                "findings": [dataclasses.asdict(f) for f in report.findings],
                "silenced": [dataclasses.asdict(f) for f in report.silenced]}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / f"{report.course}.json", json.dumps(document, ensure_ascii=False), durable=False)
    except (CourseGenError, OSError):
        pass  # only a cache


def check_results(root: Path, results: Iterable[Any], work_root: Path | None,
                  settings: ProjectSettings | None = None) -> CheckReport:
    """Check every course of a build; ``results`` are validated courses, or a build's course results
    (with ``id``, ``key``, ``card``, ``fresh`` and ``course()``), whose reused ones reuse their last findings."""
    from .sources import speeches_for

    settings = settings or load_settings(root)
    folder = work_root / CHECK_DIR if work_root is not None else None
    reports = []
    for result in results:
        if isinstance(result, LoadedCourse):
            course_id, key, loaded = result.course.id, None, result
        else:
            course_id, loaded = result.id, result.fresh
            key = check_key(root, result.key, result.card["course"].get("source_text"))
        # A course read again (changed, or --force) is checked again; its findings are kept for next time.
        reusable = loaded is None and folder is not None and key is not None
        reused = _read(folder, course_id, key) if reusable else None
        if reused is not None:
            reports.append(reused)
            continue
        loaded = loaded or result.course()
        report = check_course(root, loaded, settings, speeches_for(root, [loaded], None).get(course_id))
        if folder is not None and key is not None:
            _write(folder, key, report)
        reports.append(report)
    if folder is not None and folder.is_dir():
        keep = {report.course for report in reports}
        for stale in folder.glob("*.json"):
            if stale.stem not in keep:
                stale.unlink(missing_ok=True)
    return CheckReport(reports)
