"""File-system steps that must never leave things half-done."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

from .errors import BuildLockedError
from .file_errors import from_os_error

RENAME_EXCHANGE = 2
_OLD_SUFFIX = ".old"


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2(2); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP}:
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def _old(target: Path) -> Path:
    return target.with_name(target.name + _OLD_SUFFIX)


def _swap(new: Path, target: Path) -> bool:
    """Put folder ``new`` in place of ``target``; True if they were exchanged (``new`` now holds the old one)."""
    recover(target)
    if target.is_dir() and not target.is_symlink() and _exchange(new, target):
        return True
    old = _old(target)
    if target.exists() or target.is_symlink():
        os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        if old.exists() or old.is_symlink():
            os.replace(old, target)
        raise
    return False


def _unswap(new: Path, target: Path, exchanged: bool) -> None:
    if exchanged:
        _exchange(new, target)
        return
    os.replace(target, new)
    old = _old(target)
    if old.exists() or old.is_symlink():
        os.replace(old, target)


def swap_into_place(pairs: list[tuple[Path, Path]]) -> None:
    """Replace each folder ``target`` with its ``new`` folder: all of them, or none.

    Where the kernel can exchange two paths atomically we do that; elsewhere
    the old folder is first renamed aside, and :func:`recover` puts it back if
    we are killed between the two renames. If any swap fails, the ones already
    done are undone, so a failure changes nothing.
    """
    done: list[tuple[Path, Path, bool]] = []
    try:
        for new, target in pairs:
            try:
                done.append((new, target, _swap(new, target)))
            except OSError as exc:
                raise from_os_error(exc, "替换", target) from None
    except BaseException:
        for new, target, exchanged in reversed(done):
            with contextlib.suppress(OSError):
                _unswap(new, target, exchanged)
        raise
    for new, target, exchanged in done:
        leftover = new if exchanged else _old(target)
        if leftover.is_symlink():
            leftover.unlink()
        elif leftover.exists():
            shutil.rmtree(leftover)


def recover(target: Path) -> None:
    """Finish or undo a swap that a killed process left half-way."""
    old = _old(target)
    if not (old.exists() or old.is_symlink()):
        return
    if target.exists() and old.is_symlink():
        old.unlink()
    elif target.exists():
        shutil.rmtree(old)  # the new folder made it into place; the old one is leftover
    else:
        os.replace(old, target)  # killed between the renames: put the old one back


@contextlib.contextmanager
def build_lock(path: Path) -> Iterator[int]:
    """One build at a time per project; a second one fails fast with a clear message.

    Yields the lock's file descriptor: forked worker processes inherit it and
    must close it (see :func:`detach_worker`), or a worker outliving a killed
    build would keep the project locked.
    """
    import fcntl

    fd = _open_lock_file(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLockedError("另一个构建正在运行（同一项目同时只能运行一个构建），请等它结束后再试") from None
        try:
            yield fd
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _open_lock_file(path: Path) -> int:
    """The lock file, never through a link planted in its place (such a link is removed)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    for attempt in range(2):
        try:
            return os.open(path, flags, 0o666)
        except OSError as exc:
            if attempt == 0 and exc.errno == errno.ELOOP and path.is_symlink():
                path.unlink()
                continue
            raise from_os_error(exc, "创建", path) from None
    raise AssertionError("unreachable")


PR_SET_PDEATHSIG = 1


def detach_worker(lock_fd: int | None) -> None:
    """In a forked build worker: drop the inherited lock and die with the parent.

    If the build is killed, its workers are killed too (Linux), and they never
    hold the project lock on their own.
    """
    if lock_fd is not None:
        try:
            os.close(lock_fd)
        except OSError:
            pass
    libc_name = ctypes.util.find_library("c")
    if libc_name and sys.platform.startswith("linux"):
        ctypes.CDLL(libc_name, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() == 1:  # the parent died before we could ask
            os._exit(1)
