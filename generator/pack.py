"""``coursegen pack``: one course as a zip that works from file://.

The course is built on its own (no catalog around it) in a staging folder
and zipped under a single top folder. Entries are sorted and dated
1980-01-01, so the same course always gives the same bytes.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_writer
from .config_yaml import SiteConfig
from .errors import ProjectError
from .fsutil import build_lock
from .project import Project
from .render import RenderedCourse, RenderedSite
from .safe_files import CHUNK, check_inside
from .site import SiteBuild, remove_stale_work, stage_and_build, work_root

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
    raise ProjectError(f"没有课程“{course_id}”（现有：{known}）")


def zip_folder(folder: Path, target: Path, top: str) -> int:
    """Zip ``folder`` as ``top/…`` deterministically, replacing ``target`` atomically; return the number of files.

    The folder is our own staging output: only its regular files are packed
    (a link, should one ever appear, is left out, never followed).
    """
    files = sorted(p for p in folder.rglob("*")
                   if not p.is_symlink() and p.is_file() and p.name not in LEAVE_OUT and p.suffix != ".map")
    with atomic_writer(target) as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in files:
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                with path.open("rb") as source, archive.open(info, "w") as entry:
                    shutil.copyfileobj(source, entry, CHUNK)
    return len(files)


def pack_course(project: Project, config: SiteConfig, rendered: RenderedSite, course_id: str | None, version: str,
                output: Path | None = None) -> Package:
    course = pick_course(rendered, course_id)
    top = f"{course.id}-{version}"
    folder = check_inside(project.root, project.root / "dist", "导出文件夹") if output is None else output
    target = folder / f"{top}.zip" if output is None or output.is_dir() else output
    work = work_root(project)
    with build_lock(work / "build.lock"):
        remove_stale_work(work)
        with tempfile.TemporaryDirectory(prefix="pack-", dir=work) as work_name:
            staging = Path(work_name)
            # Built alone: the logo leads to the course home, not to a catalog outside the zip.
            spec = SiteBuild(course.id, course.pages, course.nav, course.search_terms)
            stage_and_build(project, config, spec, staging / "site", staging)
            files = zip_folder(staging / "site", target, top)
    return Package(target, files, target.stat().st_size)
