"""``coursegen pack``: one course as a zip that works from file://.

The course is built on its own (no catalog around it) in a staging folder
and zipped under a single top folder. Only the files a browser can load go in
(see ``site_files``). Entries are sorted and dated 1980-01-01, so the same
course always gives the same bytes. With ``--scorm`` the site sits at the
zip's root with a SCORM 1.2 manifest and launch page (see ``scorm``).
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_writer, write_new_files
from .config_yaml import SiteConfig
from .errors import ProjectError, quoted
from .fsutil import build_lock
from .project import Project
from .render import RenderedCourse, RenderedSite
from .safe_files import CHUNK, check_inside
from .scorm import LAUNCH_PAGE, MANIFEST, ScormCourse, launch_page, manifest
from .engines import DEFAULT_ENGINE
from .site import SiteBuild, remove_stale_work, stage_and_build, work_root
from .site_files import loaded_files

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


def packed_names(folder: Path) -> list[str]:
    """The site's files that go into a package: those a browser can load."""
    return sorted(name for name in loaded_files(folder)
                  if Path(name).name not in LEAVE_OUT and not name.endswith(".map"))


def zip_folder(folder: Path, target: Path, top: str, names: list[str] | None = None) -> int:
    """Zip ``folder`` (or the ``names`` in it) as ``top/…`` deterministically, replacing ``target``
    atomically; return the number of files. An empty ``top`` puts the files at the zip's root.

    The folder is our own staging output: only its regular files are packed
    (a link, should one ever appear, is left out, never followed).
    """
    chosen = packed_names(folder) if names is None else sorted(names)
    files = [folder / name for name in chosen if not (folder / name).is_symlink() and (folder / name).is_file()]
    with atomic_writer(target) as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in files:
                name = path.relative_to(folder).as_posix()
                info = zipfile.ZipInfo(f"{top}/{name}" if top else name, FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                with path.open("rb") as source, archive.open(info, "w") as entry:
                    shutil.copyfileobj(source, entry, CHUNK)
    return len(files)


def add_scorm(site: Path, scorm: ScormCourse) -> list[str]:
    """Write the launch page and the manifest into the built site; return the package's files."""
    for name in (LAUNCH_PAGE, MANIFEST):
        if (site / name).exists():  # a page whose id is scorm-launch would be replaced without a word
            raise ProjectError(f"课程中已有页面或文件 {name}，与 SCORM 课件要用的文件同名，请给该页面换一个标识")
    write_new_files(site, {LAUNCH_PAGE: launch_page(scorm)})
    names = packed_names(site)
    write_new_files(site, {MANIFEST: manifest(scorm, names)})
    return [*names, MANIFEST]


def pack_course(project: Project, config: SiteConfig, rendered: RenderedSite, course_id: str | None, version: str,
                output: Path | None = None, scorm: ScormCourse | None = None, engine: str = DEFAULT_ENGINE) -> Package:
    course = pick_course(rendered, course_id)
    top = f"{course.id}-{version}"
    name = f"{top}-scorm.zip" if scorm else f"{top}.zip"
    folder = check_inside(project.root, project.root / "dist", "导出文件夹") if output is None else output
    target = folder / name if output is None or output.is_dir() else output
    work = work_root(project)
    with build_lock(work / "build.lock"):
        remove_stale_work(work)
        with tempfile.TemporaryDirectory(prefix="pack-", dir=work) as work_name:
            staging = Path(work_name)
            # Built alone: the logo leads to the course home, not to a catalog outside the zip.
            spec = SiteBuild(course.id, course.pages, course.nav, course.search_terms, engine=engine)
            stage_and_build(project, config, spec, staging / "site", staging)
            if scorm:
                files = zip_folder(staging / "site", target, "", add_scorm(staging / "site", scorm))
            else:
                files = zip_folder(staging / "site", target, top)
    return Package(target, files, target.stat().st_size)
