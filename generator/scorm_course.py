"""What a SCORM package needs to know about a course, taken from the validated course."""

from __future__ import annotations

from .loaded import LoadedCourse
from .render.progress import learnable_ids
from .render.site_map import build_course_map
from .render.text import plain
from .scorm import ScormCourse


def scorm_course(loaded: LoadedCourse) -> ScormCourse:
    course = loaded.course
    pass_mark = loaded.bank.final.pass_mark if loaded.bank is not None else None
    return ScormCourse(course.id, plain(course.title), course.version,
                       tuple(learnable_ids(build_course_map(loaded))), pass_mark)
