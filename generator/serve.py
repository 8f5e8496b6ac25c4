"""Live preview: rebuild on every change, keep showing the last good build.

A broken YAML file does not take the preview down: the previous site stays
up, every page shows the error at the bottom, and the terminal prints it too.
The preview is built in a private temporary folder (never site/), which is
removed when the preview stops: on Ctrl+C, on SIGTERM or SIGHUP, and, for a
preview that was killed outright, by the next ``coursegen serve``.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import signal
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .atomic import write_atomically
from .errors import CourseGenError
from .file_errors import from_os_error
from .preview_server import PreviewServer
from .course_cache import load_and_render
from .engines import DEFAULT_ENGINE
from .live_site import LiveSite
from .project import Project
from .site import GENERATED_DIR, WORK_DIR, work_root

TEMP_PREFIX = "coursegen-serve-"
LOCK_NAME = ".lock"
POLL_SECONDS = 0.05
"""How often the sources are looked at: a saved file shows within this much (plus the build)."""
POLL_SHARE = 0.05
"""In a big project, looking takes longer: then look less often, so that looking takes at most this share of a core."""
SETTLE_SECONDS = 0.05
LEGACY_AGE_SECONDS = 24 * 3600
"""Folders from versions that did not lock them are removed once they are this old."""
_pause = time.sleep
"""How the watch loop waits (tests stop the preview here)."""


def serve(root: Path, host: str, port: int, echo: Callable[[str], None] = print, engine: str | None = None) -> None:
    """Preview the project at ``host:port`` until interrupted (built with ``engine``, by default MkDocs)."""
    from .api import build_engine

    if not 0 <= port <= 65535:
        raise CourseGenError(f"端口 {port} 无效（提示：用 1–65535 之间的数字，例如 --port 8000）")
    project = Project(root)
    engine = build_engine(project, engine)
    remove_stale_previews()
    with _preview_folder() as work, _stop_on_signals():
        site = work / "site"
        site.mkdir()
        server = _start_server(site, host, port)
        live = LiveSite(project, site, work, engine)
        try:
            # Watch from before the first build: a save made while it runs (or just after the page
            # shows) must count as a change.
            watched, interval = _snapshot(project), POLL_SECONDS
            _rebuild(project, site, server, echo, engine, live)
            server.start()
            echo(f"预览地址：{server.url}（按 Ctrl+C 停止）")
            while True:
                _pause(interval)
                looked = time.perf_counter()
                now = _snapshot(project)
                interval = max(POLL_SECONDS, (time.perf_counter() - looked) / POLL_SHARE)
                if now != watched:
                    _pause(SETTLE_SECONDS)  # let an editor finish saving
                    watched = _snapshot(project)
                    _rebuild(project, site, server, echo, engine, live)
        except KeyboardInterrupt:
            echo("预览已停止。")
        finally:
            server.shutdown()
            live.close()


def _rebuild(project: Project, site: Path, server: PreviewServer, echo: Callable[[str], None],
             engine: str = DEFAULT_ENGINE, live: LiveSite | None = None) -> None:
    from .api import check_site_config

    live = live or LiveSite(project, site, site.parent, engine)
    with server.building:
        try:
            config = check_site_config(project, engine)
            # Only the courses whose files changed are read again, and only the pages that changed drawn again.
            rendered = load_and_render(project, work_root(project)).site
            drawn = live.update(config, rendered)
        except (CourseGenError, OSError) as exc:
            message = str(exc) if isinstance(exc, CourseGenError) else str(from_os_error(exc, "访问"))
            if not (site / "index.html").exists():  # nothing good to show yet
                write_atomically(site / "index.html", "<!doctype html><html lang=zh><body></body></html>")
            server.publish(message)
            echo(f"{message}\n内容有误：继续显示上次成功的版本。")
            return
        server.publish(None)
    if drawn is None:
        echo(f"已重新生成：{len(rendered.pages)} 个页面。")
    else:
        echo(f"已更新：{drawn} 个页面。" if drawn else "页面没有变化。")


def _start_server(site: Path, host: str, port: int) -> PreviewServer:
    try:
        return PreviewServer(site, host, port)
    except socket.gaierror:
        raise CourseGenError(f"无法启动预览：监听地址“{host[:60]}”无效（提示：用 127.0.0.1，或本机的一个 IP 地址）") from None
    except OverflowError:
        raise CourseGenError(f"端口 {port} 无效（提示：用 1–65535 之间的数字，例如 --port 8000）") from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CourseGenError(f"无法启动预览：端口 {port} 已被占用（提示：用 --port 换一个端口，例如 --port {port + 1}）") from None
        if exc.errno == errno.EACCES:
            raise CourseGenError(f"无法启动预览：没有权限使用端口 {port}（提示：1024 以下的端口需要管理员权限，例如改用 --port 8000）") from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise CourseGenError(f"无法启动预览：“{host[:60]}”不是本机的地址（提示：用 127.0.0.1，或本机的一个 IP 地址）") from None
        raise CourseGenError(f"无法启动预览：{from_os_error(exc, '监听', f'{host}:{port}').reason}") from None


def _snapshot(project: Project) -> frozenset[tuple[str, int, int]]:
    """What the preview watches: every source file's name, size and modification time."""
    skip = {str(project.docs_dir / GENERATED_DIR), str(project.root / WORK_DIR), str(project.site_dir)}
    seen = set()
    for top in (project.content_dir, project.quizzes_dir, project.docs_dir, project.mkdocs_file):
        if top.is_file():
            info = top.stat()
            seen.add((str(top), info.st_size, info.st_mtime_ns))
            continue
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if os.path.join(folder, d) not in skip]
            for name in files:
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError):
                    info = os.stat(path)
                    seen.add((path, info.st_size, info.st_mtime_ns))
    return frozenset(seen)


@contextlib.contextmanager
def _preview_folder() -> Iterator[Path]:
    """A private temporary folder, locked while this preview runs, removed when it ends."""
    work = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    try:
        lock = os.open(work / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield work
        finally:
            os.close(lock)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def remove_stale_previews(folder: Path | None = None) -> int:
    """Remove preview folders of ours whose preview is gone (killed outright); return how many."""
    folder = folder or Path(tempfile.gettempdir())
    removed = 0
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(TEMP_PREFIX)]
    except OSError:
        return 0
    for entry in entries:
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if not entry.is_dir(follow_symlinks=False) or info.st_uid != os.geteuid():
                continue
            if _abandoned(Path(entry.path), info.st_mtime):
                shutil.rmtree(entry.path)
                removed += 1
    return removed


def _abandoned(work: Path, modified: float) -> bool:
    try:
        lock = os.open(work / LOCK_NAME, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return time.time() - modified > LEGACY_AGE_SECONDS
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False  # its preview is still running
    finally:
        os.close(lock)


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """SIGTERM (a plain ``kill``) and SIGHUP (a closed terminal) stop the preview like Ctrl+C, cleaning up."""
    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
