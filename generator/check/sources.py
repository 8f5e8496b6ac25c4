"""Which speech each course is checked against: --source on the command line, or course.yml's source_text."""

from __future__ import annotations

from pathlib import Path

from ..errors import ProjectError
from ..loaded import LoadedCourse
from ..loader import read_yaml
from ..speech import Speech, read_speech, source_path


def speeches_for(root: Path, courses: list[LoadedCourse], explicit: Path | None) -> dict[str, Speech]:
    """The speech of each course that has one. A path given explicitly may lie outside the project."""
    if explicit is not None:
        if len(courses) != 1:
            raise ProjectError("有多门课程时，--source 须与 --course 一起使用，指明是哪门课程的讲话原文")
        return {courses[0].course.id: read_speech(explicit, explicit.as_posix())}
    out = {}
    for loaded in courses:
        relative = loaded.course.source_text
        if relative is None:
            continue
        document = read_yaml(root / loaded.course_file, loaded.course_file, root)
        mark = document.mark_for(("source_text",))
        path = source_path(root, relative, loaded.course_file, (mark.line, mark.column))
        out[loaded.course.id] = read_speech(path, relative)
    return out
