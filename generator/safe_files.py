"""Reading project files safely: nothing outside the project, nothing bigger than asked.

Every read or copy of a project file (content, quizzes, docs/ pages and
assets, mkdocs.yml, anything MkDocs is handed) goes through this module:

- a path whose real location (symlinks followed) is outside the project root
  is refused with :class:`OutsideProjectError`, before anything is opened;
- only regular files are read (a FIFO or device could block or never end);
- sizes are checked before reading, reads are capped, hashing is chunked.

Walking a folder refuses links that lead out of the project, including
linked folders, and never loops.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from .errors import CourseGenError
from .file_errors import FileAccessError, from_os_error, shown_path

CHUNK = 1024 * 1024
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)


class OutsideProjectError(FileAccessError):
    """A path inside the project that leads outside it (a symlink, or a linked folder)."""

    def __init__(self, path: Path, target: str, hint: str | None = None):
        self.target = target
        super().__init__("使用", path, f"它链接到项目之外（{shown_path(target)}），为安全起见不会读取、写入或发布",
                         hint or "把文件或文件夹本身复制到项目里，不要用符号链接指向项目之外")


class NotRegularFileError(FileAccessError):
    """A folder, pipe or device where a file was expected."""

    def __init__(self, path: Path, is_dir: bool):
        self.is_dir = is_dir
        reason = "这是一个文件夹，不是文件" if is_dir else "这不是普通文件（可能是管道或设备）"
        super().__init__("读取", path, reason, "换成一个普通文件")


class FileTooLargeError(FileAccessError):
    def __init__(self, path: Path, size: int, limit: int):
        self.size, self.limit = size, limit
        super().__init__("读取", path, f"文件过大（{size // 1024} KB，上限 {limit // 1024} KB）", "换一个小一些的文件")


def real_root(root: Path) -> str:
    """The project root itself may be reached through a link: that link is the project."""
    return os.path.realpath(root)


def is_inside(real_path: str, root: str) -> bool:
    return real_path == root or real_path.startswith(root.rstrip(os.sep) + os.sep)


def confine(root: Path, path: Path) -> str:
    """The real path of ``path``, which must lie inside the project ``root``."""
    real = os.path.realpath(path)
    if not is_inside(real, real_root(root)):
        raise OutsideProjectError(path, real)
    return real


def open_regular(root: Path, path: Path) -> tuple[int, os.stat_result]:
    """An open descriptor of a regular file inside the project, and its stat.

    The real path is checked, then opened without following a link, so a link
    swapped in between is refused rather than followed.
    """
    real = confine(root, path)
    try:
        fd = os.open(real, _READ_FLAGS)
    except OSError as exc:
        raise from_os_error(exc, "读取", path) from None
    try:
        info = os.fstat(fd)
        opened = f"/proc/self/fd/{fd}"
        if os.path.exists(opened) and not is_inside(os.path.realpath(opened), real_root(root)):
            raise OutsideProjectError(path, os.path.realpath(opened))  # a folder on the way was swapped
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(path, stat.S_ISDIR(info.st_mode))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_bytes(root: Path, path: Path, limit: int) -> bytes:
    """The bytes of a project file of at most ``limit`` bytes (checked before reading)."""
    fd, info = open_regular(root, path)
    try:
        if info.st_size > limit:
            raise FileTooLargeError(path, info.st_size, limit)
        chunks, total = [], 0
        while chunk := _read(fd, min(CHUNK, limit + 1 - total), path):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while we read
                raise FileTooLargeError(path, total, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _read(fd: int, size: int, path: Path) -> bytes:
    try:
        return os.read(fd, size) if size > 0 else b""
    except OSError as exc:
        raise from_os_error(exc, "读取", path) from None


def file_digest(root: Path, path: Path) -> bytes:
    """SHA-256 of a project file, read in chunks: a 3 GB file costs no memory."""
    digest = hashlib.sha256()
    fd, _ = open_regular(root, path)
    try:
        while chunk := _read(fd, CHUNK, path):
            digest.update(chunk)
    finally:
        os.close(fd)
    return digest.digest()


def copy_file(root: Path, source: Path, target: Path) -> None:
    """Copy a project file to a new file ``target`` (which must not exist), in chunks."""
    from .atomic import create_new

    fd, _ = open_regular(root, source)
    try:
        with create_new(target) as out:
            while chunk := _read(fd, CHUNK, source):
                out.write(chunk)
    finally:
        os.close(fd)


def walk_files(root: Path, folder: Path, *, skip: Path | None = None) -> Iterator[Path]:
    """Every regular file below ``folder`` in sorted order, as paths below ``folder``.

    Links are followed only while they stay inside the project; one that leads
    out (to a file or a folder) is refused. Linked folders are visited once
    (no loops). ``skip`` is a folder left out entirely. Broken links and
    special files are skipped: there is nothing to publish.
    """
    top = real_root(root)
    visited: set[str] = set()

    def visit(directory: Path) -> Iterator[Path]:
        real = confine(root, directory)
        if real in visited:
            return
        visited.add(real)
        try:
            names = sorted(os.listdir(directory))
        except OSError as exc:
            raise from_os_error(exc, "读取文件夹", directory) from None
        for name in names:
            path = directory / name
            if skip is not None and path == skip:
                continue
            if os.path.islink(path):
                target = os.path.realpath(path)
                if not is_inside(target, top):
                    raise OutsideProjectError(path, target)
            try:
                info = os.stat(path)
            except FileNotFoundError:
                continue  # a broken link
            except OSError as exc:
                raise from_os_error(exc, "读取", path) from None
            if stat.S_ISDIR(info.st_mode):
                yield from visit(path)
            elif stat.S_ISREG(info.st_mode):
                yield path

    if not os.path.isdir(folder):
        return iter(())
    return visit(folder)


def tree_is_plain(folder: Path) -> bool:
    """True when ``folder`` holds only real files and folders: no links, nothing special.

    A site folder we built never holds links; one that does was changed by
    someone else and is not reused.
    """
    for directory, dirs, files in os.walk(folder):
        for name in dirs + files:
            mode = os.lstat(os.path.join(directory, name)).st_mode
            if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                return False
    return not os.path.islink(folder)


def check_inside(root: Path, path: Path, purpose: str, hint: str | None = None) -> Path:
    """A place we write to (dist/, site/, .coursegen/): its real path, which must be inside the project.

    The place itself may be a link to elsewhere inside the project; writing then
    happens at the real location, and the link is never replaced.
    """
    real = os.path.realpath(path)
    if not is_inside(real, real_root(root)):
        raise OutsideProjectError(path, real, hint) from None
    if real == real_root(root):
        raise CourseGenError(f"{shown_path(path)} 指向项目根目录本身，不能用作{purpose}")
    return Path(real)
