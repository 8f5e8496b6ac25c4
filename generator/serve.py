"""Live preview: rebuild on every change, keep showing the last good build.

A broken YAML file does not take the preview down: the previous site stays
up, every page shows the error on top, and the terminal prints it too.
"""

from __future__ import annotations

import html
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from .errors import CourseGenError
from .project import Project, load_project
from .render import render_site
from .site import WORK_DIR, build_site, generated_dir

BANNER_STYLE = (
    "position:fixed;z-index:1000;left:0;right:0;bottom:0;max-height:45vh;overflow:auto;"
    "margin:0;padding:1em 1.5em;background:#b71c1c;color:#fff;font:14px/1.6 monospace;"
    "white-space:pre-wrap;box-shadow:0 -2px 8px rgba(0,0,0,.4)"
)


class PreviewServer(LiveReloadServer):
    """mkdocs' live-reload server, showing the current build error on every page."""

    def __init__(self, *args, ignored: tuple[Path, ...] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.current_error: str | None = None
        self.ignored = tuple(str(p) for p in ignored)

    def watch_path(self, path: Path) -> None:
        """Like ``watch``, but changes under ignored folders (our own output) do not count."""
        server = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                source = os.fsdecode(event.src_path)
                if event.is_directory or source.startswith(server.ignored):
                    return
                with server._rebuild_cond:
                    server._want_rebuild = True
                    server._rebuild_cond.notify_all()

        self._watched_paths[str(path)] = 1
        self._watch_refs[str(path)] = self.observer.schedule(Handler(), str(path), recursive=path.is_dir())

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        if not self.current_error:
            return content
        banner = (
            f'<pre id="coursegen-error" role="alert" style="{BANNER_STYLE}">'
            f"内容有误，当前显示的是上次成功的版本。修改后会自动刷新。\n\n{html.escape(self.current_error)}</pre>"
        ).encode()
        body_end = content.rindex(b"</body>") if b"</body>" in content else len(content)
        return content[:body_end] + banner + content[body_end:]


def serve(root: Path, host: str, port: int, echo: Callable[[str], None] = print) -> None:
    project = Project(root)
    work = Path(tempfile.mkdtemp(prefix="coursegen-serve-"))
    site = work / "site"
    site.mkdir()
    server: PreviewServer

    def rebuild() -> None:
        try:
            rendered = render_site(load_project(project))
            build_site(project, rendered, site_dir=site, jobs=1)  # no forking beside the server's threads
        except CourseGenError as exc:
            server.current_error = str(exc)
            if not (site / "index.html").exists():  # nothing good to show yet
                (site / "index.html").write_text("<!doctype html><html lang=zh><body></body></html>", "utf-8")
            echo(f"{exc}\n内容有误：继续显示上次成功的版本。")
            return
        server.current_error = None
        echo(f"已重新生成：{len(rendered.pages)} 个页面。")

    server = PreviewServer(rebuild, host, port, str(site),
                           ignored=(generated_dir(project), project.root / WORK_DIR, project.site_dir))
    for path in (project.content_dir, project.quizzes_dir, project.docs_dir, project.mkdocs_file):
        if path.exists():
            server.watch_path(path)
    rebuild()
    echo(f"预览地址：{server.url}（按 Ctrl+C 停止）")
    try:
        server.serve()
    except KeyboardInterrupt:
        echo("预览已停止。")
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
