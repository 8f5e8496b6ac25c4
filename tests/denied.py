"""Permission errors without chmod: CI runs as root, where ``chmod 000`` denies nothing.

:func:`deny` makes the process see a file or folder as if it had mode 000 for
a normal user: opening the file (or listing the folder) fails with EACCES,
and so does every access to anything inside a denied folder; the path
itself can still be looked at (``stat``), as the kernel allows. It patches
the ``os`` and ``open`` functions that Python, pathlib, coursegen and MkDocs
use, for the duration of one test (``monkeypatch``), and is inherited by
forked build workers.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path

import pytest


def deny(monkeypatch: pytest.MonkeyPatch, path: Path, code: int = errno.EACCES) -> None:
    denied = os.path.abspath(path)
    inside = denied.rstrip("/") + "/"

    def refuse(target) -> None:
        raise OSError(code, os.strerror(code), os.fsdecode(target))

    def is_inside(target) -> bool:
        return isinstance(target, (str, bytes, os.PathLike)) and os.path.abspath(os.fsdecode(target)).startswith(inside)

    def is_denied(target) -> bool:
        return isinstance(target, (str, bytes, os.PathLike)) and os.path.abspath(os.fsdecode(target)) == denied

    def guard_open_like(original):
        def guarded(target, *args, **kwargs):
            if is_denied(target) or is_inside(target):
                refuse(target)
            return original(target, *args, **kwargs)
        return guarded

    def guard_inside(original):
        def guarded(target=".", *args, **kwargs):
            if is_inside(target):
                refuse(target)
            return original(target, *args, **kwargs)
        return guarded

    for name in ("open", "listdir", "scandir"):
        monkeypatch.setattr(os, name, guard_open_like(getattr(os, name)))
    for name in ("stat", "lstat"):
        monkeypatch.setattr(os, name, guard_inside(getattr(os, name)))
    patched_open = guard_open_like(builtins.open)
    monkeypatch.setattr(builtins, "open", patched_open)
    monkeypatch.setattr(io, "open", patched_open)
