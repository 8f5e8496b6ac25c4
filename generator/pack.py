"""``coursegen pack``: one course as a zip that works from file://.

The course is built on its own (no catalog around it) in a staging folder
and zipped under a single top folder. Entries are sorted and dated
1980-01-01, so the same course always gives the same bytes.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ProjectError, quoted
from .fsutil import build_lock
from .project import Project
from .render import RenderedCourse, RenderedSite
from .site import WORK_DIR, SiteBuild, remove_stale_work, run_mkdocs

# For search engines and debuggers (source maps); useless in a handed-out copy.
LEAVE_OUT = {"sitemap.xml", "sitemap.xml.gz"}
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Package:
    path: Path
    files: int
    size: int


def pick_course(rendered: RenderedSite, course_id: str | None) -> RenderedCourse:
    if course_id is None:
        if len(rendered.courses) == 1:
            return rendered.courses[0]
        known = "、".join(c.id for c in rendered.courses)
        raise ProjectError(f"有多门课程，请用 --course 指定要打包哪一门（现有：{known}）")
    for course in rendered.courses:
        if course.id == course_id:
            return course
    known = "、".join(c.id for c in rendered.courses)
    raise ProjectError(f"没有课程{quoted(course_id)}（现有：{known}）")


def zip_folder(folder: Path, target: Path, top: str) -> int:
    """Zip ``folder`` as ``top/…`` deterministically; return the number of files."""
    files = sorted(p for p in folder.rglob("*")
                   if p.is_file() and p.name not in LEAVE_OUT and p.suffix != ".map")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as handle:
        temporary = Path(handle.name)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in files:
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return len(files)


def pack_course(project: Project, rendered: RenderedSite, course_id: str | None, version: str,
                output: Path | None = None) -> Package:
    course = pick_course(rendered, course_id)
    top = f"{course.id}-{version}"
    target = output or project.root / "dist" / f"{top}.zip"
    work_root = project.root / WORK_DIR
    work_root.mkdir(exist_ok=True)
    with build_lock(work_root / "build.lock"):
        remove_stale_work(work_root)
        with tempfile.TemporaryDirectory(prefix="pack-", dir=work_root) as work_name:
            work = Path(work_name)
            # Built alone: the logo leads to the course home, not to a catalog outside the zip.
            spec = SiteBuild(course.id, course.pages, course.nav, course.search_terms)
            run_mkdocs(project, spec, work / "site", work)
            files = zip_folder(work / "site", target, top)
    return Package(target, files, target.stat().st_size)
