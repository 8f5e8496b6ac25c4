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

RENAME_EXCHANGE = 2
_OLD_SUFFIX = ".old"


def write_tree(root: Path, files: dict[str, str]) -> None:
    """Write text files (relative posix path → content) below ``root``."""
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")


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


def swap_into_place(new: Path, target: Path) -> None:
    """Replace folder ``target`` with ``new`` so that a reader sees one or the other.

    Where the kernel can exchange two paths atomically we do that; elsewhere the
    old folder is first renamed aside, and :func:`recover` puts it back if we
    are killed between the two renames.
    """
    recover(target)
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new)
        return
    old = target.with_name(target.name + _OLD_SUFFIX)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    if old.exists():
        shutil.rmtree(old)


def recover(target: Path) -> None:
    """Finish or undo a swap that a killed process left half-way."""
    old = target.with_name(target.name + _OLD_SUFFIX)
    if not old.exists():
        return
    if target.exists():
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

    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLockedError("另一个构建正在运行（同一项目同时只能运行一个构建），请等它结束后再试") from None
        try:
            yield handle.fileno()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
