"""Replacing a few folders of a built site in place: all of them or none, even across a kill.

A one-course edit in a big catalog must not copy or link the whole site again.
Instead each changed entry (a course's ``site/<id>/`` and ``docs/generated/<id>/``,
the catalog's own files at the site root, a removed course) is renamed aside and
its new version renamed in: work that grows with what changed, not with the
catalog. A journal in ``.coursegen/`` lists the renames before the first one. A
build that fails half-way puts the old entries back at once; one that was killed
is put back by the next build, which holds the lock, before it does anything else.
The old entries wait in the build's staging folder and go with it.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomically
from .errors import CourseGenError
from .file_errors import from_os_error
from .safe_files import is_inside, read_bytes, real_root

JOURNAL = "replace-journal.json"
JOURNAL_VERSION = 1
MAX_JOURNAL_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Replacement:
    """Put ``new`` at ``target`` (or, with no ``new``, remove it); the old one waits at ``aside``."""

    target: Path
    new: Path | None
    aside: Path


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _roll_back(entries: list[list]) -> None:
    """Undo what was done of ``entries`` (as the journal lists them), last first; safe to repeat."""
    for target, _new, aside, existed in reversed(entries):
        target, aside = Path(target), Path(aside)
        if os.path.lexists(aside):
            if os.path.lexists(target):
                _remove(target)  # the new one made it in
            os.replace(aside, target)
        elif not existed and os.path.lexists(target):
            _remove(target)


def replace_all(work: Path, replacements: list[Replacement]) -> None:
    """Make every replacement, or (on any failure) none; the journal in ``work`` covers a kill."""
    journal = work / JOURNAL
    entries = [[str(r.target), str(r.new) if r.new else None, str(r.aside), os.path.lexists(r.target)]
               for r in replacements]
    write_atomically(journal, json.dumps({"version": JOURNAL_VERSION, "entries": entries}, ensure_ascii=False))
    try:
        for replacement in replacements:
            try:
                if os.path.lexists(replacement.target):
                    replacement.aside.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(replacement.target, replacement.aside)
                if replacement.new is not None:
                    replacement.target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(replacement.new, replacement.target)
            except OSError as exc:
                raise from_os_error(exc, "替换", replacement.target) from None
    except BaseException:
        _roll_back(entries)
        journal.unlink(missing_ok=True)
        raise
    journal.unlink()  # done: from here on the new entries stay


def finish_interrupted(root: Path, work: Path) -> bool:
    """Put back what a killed build had replaced (its journal says what); True if there was one.

    A journal that cannot be read, or that names a place outside the project, is
    dropped: the manifest was cleared of those sub-sites before the first rename,
    so the build rebuilds them anyway.
    """
    journal = work / JOURNAL
    if not os.path.lexists(journal):
        return False
    try:
        data = json.loads(read_bytes(work, journal, MAX_JOURNAL_BYTES))
        entries = data["entries"] if data.get("version") == JOURNAL_VERSION else []
        inside = real_root(root)
        for target, _new, aside, _existed in entries:
            for path in (target, aside):
                if not is_inside(os.path.realpath(os.path.dirname(path)), inside):
                    raise ValueError(path)
        _roll_back(entries)
    except (CourseGenError, ValueError, TypeError, KeyError, AttributeError):
        pass
    except OSError as exc:
        raise from_os_error(exc, "恢复", Path(exc.filename or work)) from None
    journal.unlink(missing_ok=True)
    return True
