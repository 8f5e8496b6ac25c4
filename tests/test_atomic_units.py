"""generator/atomic.py called directly: fast checks of each promise in its docstring.

tests/test_atomic_writes.py shows the same promises through the CLI; these run
in well under a second and are what the mutation run (scripts/mutation.py)
tries first against each mutant of atomic.py.
"""

from __future__ import annotations

import fcntl
import gc
import os
import stat
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

from conftest import REPO
from generator import atomic
from generator.file_errors import FileAccessError


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX))


def test_a_reader_of_the_old_file_keeps_reading_the_old_content(tmp_path):
    target = tmp_path / "paper.json"
    target.write_bytes(b"old content")
    with open(target, "rb") as reader:
        atomic.write_atomically(target, "新的内容")
        assert reader.read() == b"old content"  # a new file was renamed over it, the old one untouched
    assert target.read_text(encoding="utf-8") == "新的内容"
    assert temporaries(tmp_path) == []


def test_a_write_that_fails_half_way_leaves_the_target_as_it_was(tmp_path):
    """A full disk, reproduced with a file-size limit: the target keeps its old bytes, no temporary stays."""
    target = tmp_path / "site.zip"
    target.write_bytes(b"old")
    script = textwrap.dedent(f"""
        import resource, signal, sys
        from pathlib import Path
        from generator import atomic
        from generator.file_errors import FileAccessError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
        try:
            atomic.write_atomically(Path({str(target)!r}), b"x" * 5000)
        except FileAccessError as error:
            print(error)
            sys.exit(3)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 3, done.stderr[-2000:]
    assert done.stdout.startswith(f"无法写入 ")
    assert target.read_bytes() == b"old"
    assert temporaries(tmp_path) == []


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.parametrize("fail_at", [2, 3])
def test_several_files_are_replaced_all_or_nothing(tmp_path, monkeypatch, fail_at):
    descriptors = open_descriptors()
    old, new = tmp_path / "paper.docx", tmp_path / "key.docx"
    old.write_bytes(b"old paper")
    real_replace, calls = atomic._replace, []

    def fail_second(temporary, target):
        calls.append(target)
        if len(calls) == fail_at:
            raise FileAccessError("写入", target, "磁盘已满", "腾出空间")
        real_replace(temporary, target)

    monkeypatch.setattr(atomic, "_replace", fail_second)
    third = tmp_path / "extra.docx"
    third.write_bytes(b"old extra")
    files = {old: b"new paper", third: b"new extra", new: b"new key"}
    with pytest.raises(FileAccessError):
        atomic.write_files_atomically(dict(list(files.items())[:fail_at]))
    assert old.read_bytes() == b"old paper"  # replaced, then put back
    assert not new.exists()  # created, then removed again
    assert third.read_bytes() == b"old extra"
    assert open_descriptors() == descriptors  # every lock was let go
    assert temporaries(tmp_path) == []
    monkeypatch.setattr(atomic, "_replace", real_replace)
    atomic.write_files_atomically({old: "新试卷", new: b"new key"})
    assert (old.read_text(encoding="utf-8"), new.read_bytes()) == ("新试卷", b"new key")
    assert temporaries(tmp_path) == []
    assert open_descriptors() == descriptors


def test_durable_writes_reach_the_disk_and_others_skip_the_wait(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    atomic.write_atomically(tmp_path / "a", b"1")
    assert len(synced) == 1
    atomic.write_atomically(tmp_path / "b", b"2", durable=False)
    with atomic.atomic_writer(tmp_path / "c", durable=False) as file:
        file.write(b"3")
    assert len(synced) == 1
    with atomic.atomic_writer(tmp_path / "d") as file:
        file.write(b"4")
    assert len(synced) == 2
    atomic.write_files_atomically({tmp_path / "e": b"5", tmp_path / "f": b"6"})
    assert len(synced) == 4


def test_new_files_honour_the_umask_and_replaced_ones_keep_their_mode(tmp_path):
    previous = os.umask(0o022)
    try:
        atomic.write_atomically(tmp_path / "new", b"x")
        kept = tmp_path / "kept"
        kept.write_bytes(b"old")
        kept.chmod(0o604)
        atomic.write_atomically(kept, b"new")
        atomic.write_new_files(tmp_path / "fresh", {"a/b.md": "页", "c.bin": b"\0"})
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o644
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604
    assert stat.S_IMODE((tmp_path / "fresh" / "a" / "b.md").stat().st_mode) == 0o644
    assert (tmp_path / "fresh" / "a" / "b.md").read_text(encoding="utf-8") == "页"
    assert (tmp_path / "fresh" / "c.bin").read_bytes() == b"\0"


def test_new_files_never_replace_or_follow_what_is_there(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "taken.md").write_text("hand-written", encoding="utf-8")
    with pytest.raises(FileAccessError, match="taken.md"):
        atomic.write_new_files(tmp_path / "out", {"taken.md": "generated"})
    assert (tmp_path / "out" / "taken.md").read_text(encoding="utf-8") == "hand-written"


def test_a_block_that_fails_replaces_nothing(tmp_path):
    target = tmp_path / "records.csv"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic.atomic_writer(target) as file:
        file.write(b"half")
        raise RuntimeError("stop")
    assert target.read_bytes() == b"old"
    assert temporaries(tmp_path) == []


def test_temporary_names_sit_beside_the_target_and_say_whose_they_are(tmp_path):
    long = tmp_path / ("长" * 100 + ".json")
    name = atomic._temporary_path(long).name
    assert name.startswith("." + "长" * 80 + ".") and name.endswith(atomic.TEMP_SUFFIX)
    random_part = name[len("." + "长" * 80 + "."):-len(atomic.TEMP_SUFFIX)]
    assert len(random_part) == 16 and int(random_part, 16) >= 0
    assert atomic._temporary_path(long).parent == tmp_path


def test_only_a_file_or_a_link_is_replaced(tmp_path):
    (tmp_path / "folder").mkdir()
    with pytest.raises(FileAccessError, match="这是一个文件夹"):
        atomic.write_atomically(tmp_path / "folder", b"x")
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(FileAccessError, match="这不是普通文件"):
        atomic.write_atomically(tmp_path / "pipe", b"x")
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    (tmp_path / "link").symlink_to(victim)
    atomic.write_atomically(tmp_path / "link", b"new")  # the link is replaced, never followed
    assert victim.read_bytes() == b"keep" and not (tmp_path / "link").is_symlink()
    assert temporaries(tmp_path) == []


def test_a_place_where_no_file_can_be_created_is_said_so():
    with pytest.raises(FileAccessError, match="这个位置不能新建文件"):
        atomic.write_atomically(Path("/proc/coursegen-test.json"), b"{}")


def test_a_file_where_a_folder_must_be_is_named(tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(FileAccessError) as caught:
        atomic.write_atomically(tmp_path / "notes.txt" / "sub" / "x.json", b"{}")
    assert caught.value.path == tmp_path / "notes.txt"
    assert "这是一个文件，不是文件夹" in str(caught.value)


def test_leftovers_of_killed_runs_are_removed_and_nothing_else(tmp_path):
    leftover = tmp_path / f".a.json.0123456789abcdef{atomic.TEMP_SUFFIX}"
    leftover.write_bytes(b"half")
    live = tmp_path / f".b.json.fedcba9876543210{atomic.TEMP_SUFFIX}"
    live.write_bytes(b"being written")
    not_ours = tmp_path / f"visible{atomic.TEMP_SUFFIX}"
    not_ours.write_bytes(b"x")
    other = tmp_path / ".a.json.tmp"
    other.write_bytes(b"x")
    link = tmp_path / f".c.json.0000000000000000{atomic.TEMP_SUFFIX}"
    link.symlink_to(not_ours)
    with open(live, "rb") as holder:
        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)
        assert atomic.remove_stale_temporaries(tmp_path) == 1
        assert atomic.remove_stale_temporaries(tmp_path) == 0
    assert not leftover.exists()
    assert live.exists() and not_ours.exists() and other.exists() and link.is_symlink()
    assert atomic.remove_stale_temporaries(tmp_path / "missing") == 0
    # the next write into the folder cleans up too
    atomic.write_atomically(tmp_path / "z", b"z")
    assert not live.exists() and link.is_symlink()


def test_a_file_being_replaced_by_another_run_is_reported_busy(tmp_path, monkeypatch):
    target = tmp_path / "key.docx"
    target.write_bytes(b"old")
    backup = tmp_path / f".key.docx.busy{atomic.TEMP_SUFFIX}"
    monkeypatch.setattr(atomic, "_temporary_path", lambda t: backup)
    holder = os.open(target, os.O_RDONLY)
    descriptors = open_descriptors()
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)  # the backup is a hard link: same file, same lock
        with pytest.raises(FileAccessError, match="key.docx.*正被其他程序占用"):
            atomic._keep_old(target)
        assert open_descriptors() == descriptors  # the backup's descriptor was let go
    finally:
        os.close(holder)
    assert not backup.exists() and target.read_bytes() == b"old"
    kept, lock = atomic._keep_old(target)
    os.close(lock)
    assert kept == backup and backup.read_bytes() == b"old"
    assert atomic._keep_old(tmp_path / "missing") is None


def test_a_backup_that_cannot_be_opened_closes_nothing_and_is_removed(tmp_path, monkeypatch):
    target = tmp_path / "key.docx"
    target.write_bytes(b"old")
    real_open, closed = os.open, []

    def refuse_backup(path, flags, *args):
        if str(path).endswith(atomic.TEMP_SUFFIX) and flags & os.O_NONBLOCK:
            raise PermissionError(13, "denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(atomic.os, "open", refuse_backup)
    monkeypatch.setattr(atomic.os, "close", closed.append)  # nothing was opened, so nothing may be closed
    with pytest.raises(FileAccessError, match="key.docx"):
        atomic._keep_old(target)
    monkeypatch.undo()
    assert closed == [] and temporaries(tmp_path) == [] and target.read_bytes() == b"old"


def test_every_temporary_file_is_closed(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        atomic.write_atomically(tmp_path / "a", b"1")
        atomic.write_files_atomically({tmp_path / "a": b"2", tmp_path / "b": b"3"})
        with atomic.atomic_writer(tmp_path / "c") as file:
            file.write(b"4")
        gc.collect()
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_a_target_that_cannot_be_looked_at_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    real_lstat, calls = os.lstat, []

    def lstat(path, *args, **kwargs):
        if Path(path) == target:
            calls.append(path)
            if len(calls) == 2:  # it went away under us in an odd way, after the first look
                raise PermissionError(13, "denied", str(path))
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "lstat", lstat)
    with pytest.raises(FileAccessError, match="out.json"):
        atomic.write_atomically(target, b"{}")
    assert len(calls) == 2 and temporaries(tmp_path) == [] and not target.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_another_users_leftover_is_never_removed(tmp_path):
    theirs = tmp_path / f".a.json.0123456789abcdef{atomic.TEMP_SUFFIX}"
    theirs.write_bytes(b"half")
    os.chown(theirs, 12345, 12345)
    assert atomic.remove_stale_temporaries(tmp_path) == 0 and theirs.exists()


def test_a_folder_that_cannot_be_made_is_named(tmp_path, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "denied")  # no file name attached: the message names the folder

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(FileAccessError) as caught:
        atomic.write_atomically(tmp_path / "new" / "x.json", b"{}")
    assert caught.value.path == tmp_path / "new" and caught.value.action == "创建文件夹"
