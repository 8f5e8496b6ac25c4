"""Operating-system errors told in Chinese: which path, what went wrong, what to do.

One table maps each ``errno`` to a reason and a hint. The safe-read and
atomic-write layers raise :class:`FileAccessError` naming the path a person
knows (the target, not a temporary name); the CLI turns any other
``OSError`` into the same kind of line.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import CourseGenError

MAX_SHOWN_PATH = 100
"""Longer paths are shown by their end: the file name says the most."""

_GENERIC_HINT = "检查这个路径和它的权限后重试"

REASONS: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("不存在（可能是失效的链接）", "检查路径是否写对、文件夹是否存在"),
    errno.ENOTDIR: ("路径中有一级不是文件夹，而是普通文件", "检查路径，把文件名写在最后一级"),
    errno.EISDIR: ("这是一个文件夹", "写一个文件名，或先移走同名的文件夹"),
    errno.EACCES: ("没有权限", "检查文件和所在文件夹的权限，或换一个有权限的位置"),
    errno.EPERM: ("操作不被允许（可能被设为只读或不可更改）", "检查权限和 chattr 属性，或换一个位置"),
    errno.EROFS: ("所在的文件系统是只读的", "换一个可写的位置"),
    errno.ENOSPC: ("磁盘空间不足", "清理磁盘空间后重试"),
    errno.EDQUOT: ("超出了磁盘配额", "清理文件或申请更多配额后重试"),
    errno.ELOOP: ("是循环的符号链接", "删除或修正这个链接"),
    errno.ENAMETOOLONG: ("路径或文件名太长", "换一个短一些的名字"),
    errno.EEXIST: ("已存在", "换一个名字，或先移走已有的文件"),
    errno.ENOTEMPTY: ("文件夹不是空的", "先清空或移走这个文件夹"),
    errno.EXDEV: ("不在同一个文件系统上，无法原子地替换", "把它放回项目所在的磁盘"),
    errno.EBUSY: ("正被其他程序占用", "关闭占用它的程序后重试"),
    errno.ETXTBSY: ("正被其他程序占用", "关闭占用它的程序后重试"),
    errno.EMFILE: ("打开的文件过多", "关闭其他程序后重试"),
    errno.ENFILE: ("系统打开的文件过多", "关闭其他程序后重试"),
    errno.EIO: ("读写出错（磁盘或设备故障）", "检查磁盘后重试"),
    errno.EFBIG: ("文件超过了文件系统允许的大小", "换一个位置"),
    errno.EINVAL: ("这个位置不支持这种操作（可能是特殊的系统文件夹）", "换一个普通的文件夹"),
}


def shown_path(path: str | os.PathLike[str] | bytes | None) -> str:
    """A path as a person wants to read it: relative to the current folder when inside it, short."""
    if path is None:
        return ""
    text = os.fsdecode(path)
    try:
        relative = Path(text).relative_to(Path.cwd())
        text = relative.as_posix() if str(relative) != "." else "."
    except (ValueError, OSError):
        pass
    return text if len(text) <= MAX_SHOWN_PATH else "…" + text[-(MAX_SHOWN_PATH - 1):]


class FileAccessError(CourseGenError):
    """A file or folder that could not be read or written, said in Chinese."""

    def __init__(self, action: str, path: str | os.PathLike[str] | None, reason: str, hint: str,
                 code: int | None = None):
        self.action, self.path, self.reason, self.hint, self.code = action, path, reason, hint, code
        where = f" {shown_path(path)}" if path is not None else ""
        super().__init__(f"无法{action}{where}：{reason}（提示：{hint}）")

    def __reduce__(self):  # crosses from build worker processes intact, whatever the subclass
        return _restore, (type(self), str(self), self.__dict__)


def _restore(cls: type[FileAccessError], message: str, state: dict) -> FileAccessError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


def os_error_reason(exc: OSError) -> tuple[str, str]:
    """The Chinese reason and hint for an OSError (unknown numbers are named, not guessed)."""
    if exc.errno in REASONS:
        return REASONS[exc.errno]
    code = errno.errorcode.get(exc.errno or 0, str(exc.errno))
    return f"操作系统报告错误（{code}）", _GENERIC_HINT


def from_os_error(exc: OSError, action: str, path: str | os.PathLike[str] | None = None) -> FileAccessError:
    """``exc`` as a FileAccessError about ``path`` (default: the path the error names)."""
    reason, hint = os_error_reason(exc)
    return FileAccessError(action, path if path is not None else exc.filename, reason, hint, exc.errno)
