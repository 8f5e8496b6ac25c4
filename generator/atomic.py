"""Atomic writes: a reader sees the old file or the new one, never half of one.

The one way coursegen writes a file (exports, zips, schemas, the build
manifest, generated pages):

- the data goes to a temporary file in the target's own folder, created with
  a random name and ``O_EXCL | O_NOFOLLOW``: a link planted there is never
  followed and an existing file is never reused;
- it is created with mode 0666 less the umask (what any other program would
  write); a file being replaced keeps its mode;
- it is flushed to disk and renamed over the target;
- :func:`write_files_atomically` writes several files all or nothing: if any
  cannot be written or replaced, every target keeps its old content;
- a temporary file holds an ``flock`` while it lives, so one left by a killed
  run is recognised (nobody holds its lock) and removed by the next write
  into that folder.

Every failure is a :class:`FileAccessError` naming the target.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from .file_errors import FileAccessError, from_os_error

TEMP_SUFFIX = ".coursegen-tmp"
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _temporary_path(target: Path) -> Path:
    return target.with_name(f".{target.name[:80]}.{secrets.token_hex(8)}{TEMP_SUFFIX}")


@contextlib.contextmanager
def create_new(path: Path, mode: int = 0o666) -> Iterator[BinaryIO]:
    """A new file at ``path`` (never an existing one, never through a link), umask honoured."""
    try:
        fd = os.open(path, _CREATE_FLAGS, mode)
    except OSError as exc:
        raise from_os_error(exc, "写入", path) from None
    with os.fdopen(fd, "wb") as file:
        yield file


def write_new_files(root: Path, files: Mapping[str, str | bytes]) -> None:
    """Write new files (relative posix path → content) below a fresh folder ``root``."""
    for relative, content in files.items():
        target = root / relative
        _make_folder(target.parent)
        data = content.encode("utf-8") if isinstance(content, str) else content
        with create_new(target) as file:
            _write(file, data, target)


class _Pending:
    """One temporary file on its way to replace ``target``, locked while it lives."""

    def __init__(self, target: Path):
        self.target = target
        _make_folder(target.parent)
        remove_stale_temporaries(target.parent)
        self.file, self.path = _create_temporary(target)
        fcntl.flock(self.file.fileno(), fcntl.LOCK_EX)
        try:
            existing = os.lstat(target)
            if stat.S_ISREG(existing.st_mode):
                os.fchmod(self.file.fileno(), stat.S_IMODE(existing.st_mode))
        except FileNotFoundError:
            pass
        except OSError as exc:
            self.discard()
            raise from_os_error(exc, "写入", target) from None

    def finish_writing(self, durable: bool) -> None:
        try:
            self.file.flush()
            if durable:
                os.fsync(self.file.fileno())
        except OSError as exc:
            raise from_os_error(exc, "写入", self.target) from None

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            self.file.close()


def _create_temporary(target: Path) -> tuple[BinaryIO, Path]:
    _check_replaceable(target)
    for _ in range(100):
        path = _temporary_path(target)
        try:
            return os.fdopen(os.open(path, _CREATE_FLAGS, 0o666), "wb"), path
        except FileExistsError:
            continue  # someone else's file (or a planted link) by that name: pick another
        except FileNotFoundError:  # the folder exists, yet nothing can be created in it (/proc, /sys)
            raise FileAccessError("写入", target, "这个位置不能新建文件（可能是系统的特殊文件夹）",
                                  "换一个普通的文件夹") from None
        except OSError as exc:
            raise from_os_error(exc, "写入", target) from None
    raise from_os_error(FileExistsError(errno.EEXIST, "exists"), "写入", target)


def _check_replaceable(target: Path) -> None:
    """Only a file (or a link, which is replaced, not followed) may be replaced: never a device or folder."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise from_os_error(exc, "写入", target) from None
    if stat.S_ISDIR(mode):
        raise FileAccessError("写入", target, "这是一个文件夹", "写一个文件名，或先移走同名的文件夹")
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise FileAccessError("写入", target, "这不是普通文件（可能是设备或管道），不能替换", "写一个普通文件的路径")


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocking = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
        if blocking is not None:  # "-o notes.txt/x.json": a file where a folder must be
            raise FileAccessError("创建文件夹", blocking, "这是一个文件，不是文件夹",
                                  "换一个输出位置，或先移走这个文件") from None
        raise from_os_error(exc, "创建文件夹", exc.filename or folder) from None


def _write(file: BinaryIO, data: bytes, target: Path) -> None:
    try:
        file.write(data)
    except OSError as exc:
        raise from_os_error(exc, "写入", target) from None


@contextlib.contextmanager
def atomic_writer(target: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """Stream a file's content; it replaces ``target`` only when the block ends without error."""
    pending = _Pending(target)
    try:
        yield pending.file
        pending.finish_writing(durable)
        _replace(pending.path, target)
    finally:
        pending.discard()


def write_atomically(target: Path, data: str | bytes, *, durable: bool = True) -> None:
    """Replace ``target`` with ``data`` (text is written as UTF-8) in one step."""
    write_files_atomically({target: data}, durable=durable)


def write_files_atomically(files: Mapping[Path, str | bytes], *, durable: bool = True) -> None:
    """Replace several files all or nothing (a paper and its key, the schemas).

    Everything is written to temporary files first; each existing target is
    kept as a hard link until every rename has succeeded, and put back if one
    fails, so a failure leaves every target exactly as it was.
    """
    pending: list[_Pending] = []
    backups: dict[Path, Path] = {}
    locks: list[int] = []
    replaced: list[Path] = []
    try:
        for target, content in files.items():
            pending.append(_Pending(target))
            data = content.encode("utf-8") if isinstance(content, str) else content
            _write(pending[-1].file, data, target)
            pending[-1].finish_writing(durable)
        if len(files) > 1:
            for item in pending:
                kept = _keep_old(item.target)
                if kept is not None:
                    backups[item.target], lock = kept
                    locks.append(lock)
        for item in pending:
            _replace(item.path, item.target)
            replaced.append(item.target)
    except BaseException:
        for target in reversed(replaced):
            with contextlib.suppress(OSError):
                if target in backups:
                    os.replace(backups.pop(target), target)
                else:
                    target.unlink()
        raise
    finally:
        for item in pending:
            item.discard()
        for backup in backups.values():
            with contextlib.suppress(OSError):
                backup.unlink()
        for lock in locks:
            os.close(lock)


def _keep_old(target: Path) -> tuple[Path, int] | None:
    """A hard link to ``target``'s current file, to put back if a later rename fails,
    and a descriptor holding its lock (so no cleaner takes it for a leftover)."""
    try:
        if not stat.S_ISREG(os.lstat(target).st_mode):
            return None
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise from_os_error(exc, "替换", target) from None
    backup = _temporary_path(target)
    try:
        os.link(target, backup, follow_symlinks=False)
    except OSError as exc:  # e.g. an immutable file: it could not be replaced either
        raise from_os_error(exc, "替换", target) from None
    lock = -1
    try:
        lock = os.open(backup, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # busy: another run is replacing it right now
    except OSError as exc:
        if lock >= 0:
            os.close(lock)
        backup.unlink(missing_ok=True)
        if isinstance(exc, BlockingIOError):
            exc = OSError(errno.EBUSY, "busy")
        raise from_os_error(exc, "替换", target) from None
    return backup, lock


def _replace(temporary: Path, target: Path) -> None:
    try:
        os.replace(temporary, target)
    except OSError as exc:
        raise from_os_error(exc, "写入", target) from None


def remove_stale_temporaries(folder: Path) -> int:
    """Remove temporary files that killed runs left in ``folder``; return how many.

    A live writer holds an exclusive lock on its temporary file; a lock we can
    take means its writer is gone. Only our own regular files are touched.
    """
    removed = 0
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(".") and e.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return 0
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
                continue
            fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.unlink(entry.path)
            removed += 1
        except OSError:
            pass  # someone is still writing it
        finally:
            os.close(fd)
    return removed
