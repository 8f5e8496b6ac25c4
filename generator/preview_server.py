"""A small HTTP server for ``coursegen serve``: static files, live reload, the current error.

Built on the standard library only (no MkDocs internals): every HTML page it
serves gets a tiny script that long-polls ``/.coursegen/livereload`` and
reloads the page when a new build (or a new error) is published, and, while
the content has an error, a banner showing it on top of the last good build.
Only files inside the served folder are ever sent.
"""

from __future__ import annotations

import html
import json
import mimetypes
import os
import posixpath
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .safe_files import is_inside

RELOAD_PATH = "/.coursegen/livereload"
POLL_SECONDS = 25.0
BANNER_STYLE = (
    "position:fixed;z-index:1000;left:0;right:0;bottom:0;max-height:45vh;overflow:auto;"
    "margin:0;padding:1em 1.5em;background:#b71c1c;color:#fff;font:14px/1.6 monospace;"
    "white-space:pre-wrap;box-shadow:0 -2px 8px rgba(0,0,0,.4)"
)
RELOAD_SCRIPT = (
    "<script>(function(){var epoch=%d;function poll(){fetch('%s?since='+epoch,{cache:'no-store'})"
    ".then(function(r){return r.json()}).then(function(d){if(d.epoch!==epoch){location.reload()}else{poll()}})"
    ".catch(function(){setTimeout(poll,1000)})}poll()})();</script>"
)
_TYPES = {".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml", ".woff2": "font/woff2",
          ".css": "text/css", ".html": "text/html", ".xml": "application/xml", ".txt": "text/plain"}


class PreviewServer:
    """Serves ``folder`` at ``host:port``; :meth:`publish` tells open pages to reload."""

    def __init__(self, folder: Path, host: str, port: int):
        self.folder = folder
        self.epoch = 0
        self.error: str | None = None
        self._changed = threading.Condition()
        self.building = threading.Lock()
        """Held while a build replaces the folder and its outcome is published: pages wait, then match it."""
        self._httpd = ThreadingHTTPServer((host, port), _handler(self))  # OSError if the port is taken
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        shown = host if ":" not in str(host) else f"[{host}]"
        return f"http://{shown}:{port}/"

    def start(self) -> None:
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="coursegen-preview", daemon=True)
        self._thread.start()

    def shutdown(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
        self._httpd.server_close()

    def publish(self, error: str | None) -> None:
        """A new build (or a new error) is in place: every open page reloads."""
        with self._changed:
            self.error = error
            self.epoch += 1
            self._changed.notify_all()

    def wait_for_change(self, since: int, timeout: float = POLL_SECONDS) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.epoch != since, timeout)
            return self.epoch

    def decorate(self, page: bytes) -> bytes:
        """An HTML page with the reload script and, while there is one, the error banner."""
        extra = (RELOAD_SCRIPT % (self.epoch, RELOAD_PATH)).encode()
        if self.error:
            extra += (f'<pre id="coursegen-error" role="alert" style="{BANNER_STYLE}">'
                      f"内容有误，当前显示的是上次成功的版本。修改后会自动刷新。\n\n{html.escape(self.error)}</pre>").encode()
        end = page.rfind(b"</body>")
        end = end if end >= 0 else len(page)
        return page[:end] + extra + page[end:]

    def resolve(self, url_path: str) -> Path | None:
        """The file for a URL path, only ever inside the served folder (a folder means its index.html)."""
        relative = posixpath.normpath("/" + urllib.parse.unquote(url_path)).lstrip("/")
        if "\0" in relative:
            return None
        path = self.folder / relative if relative else self.folder
        if path.is_dir():
            path = path / "index.html"
        real = os.path.realpath(path)
        if not is_inside(real, os.path.realpath(self.folder)) or not os.path.isfile(real):
            return None
        return path


def _entity_tag(path: Path) -> str | None:
    """A tag that changes whenever the file is replaced or rewritten."""
    try:
        info = path.stat()
    except OSError:
        return None
    return f'"{info.st_ino:x}-{info.st_size:x}-{info.st_mtime_ns:x}"'


def _handler(server: PreviewServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "coursegen-preview"
        protocol_version = "HTTP/1.1"  # connections are kept: a reload fetches the page and its files over them

        def do_HEAD(self) -> None:
            self._respond(head=True)

        def do_GET(self) -> None:
            self._respond(head=False)

        def _respond(self, head: bool) -> None:
            parts = urllib.parse.urlsplit(self.path)
            if parts.path == RELOAD_PATH:
                since = urllib.parse.parse_qs(parts.query).get("since", ["-1"])[0]
                epoch = server.wait_for_change(int(since) if since.lstrip("-").isdigit() else -1)
                self._send(HTTPStatus.OK, json.dumps({"epoch": epoch}).encode(), "application/json", head)
                return
            with server.building:
                self._respond_file(parts, head)

        def _respond_file(self, parts: urllib.parse.SplitResult, head: bool) -> None:
            path = server.resolve(parts.path)
            if path is not None and path.name == "index.html" and not parts.path.endswith(("/", ".html")):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)  # relative links need the slash
                self.send_header("Location", parts.path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = HTTPStatus.OK
            if path is None:
                status, path = HTTPStatus.NOT_FOUND, server.resolve("/404.html")
            if path is None:
                self._send(status, server.decorate(b"<!doctype html><html lang=zh><body><h1>404</h1></body></html>"),
                           "text/html", head)
                return
            kind = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            tag = None
            if kind != "text/html" and status == HTTPStatus.OK:
                tag = _entity_tag(path)  # the theme's scripts and styles: a reload asks, and gets "not modified"
                if tag is not None and tag in self.headers.get("If-None-Match", ""):
                    self._send(HTTPStatus.NOT_MODIFIED, b"", kind, True, tag)
                    return
            try:
                body = path.read_bytes()
            except OSError:
                status, body = HTTPStatus.NOT_FOUND, b""
            if kind == "text/html":
                body = server.decorate(body)
            self._send(status, body, kind, head, tag)

        def _send(self, status: HTTPStatus, body: bytes, kind: str, head: bool, tag: str | None = None) -> None:
            self.send_response(status)
            charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "javascript")) else ""
            self.send_header("Content-Type", kind + charset)
            if status != HTTPStatus.NOT_MODIFIED:
                self.send_header("Content-Length", str(len(body)))
            if tag is None:
                self.send_header("Cache-Control", "no-store")
            else:  # kept, but checked on every use: a rebuild that changes the file changes its tag
                self.send_header("Cache-Control", "no-cache")
                self.send_header("ETag", tag)
            self.end_headers()
            if not head:
                try:
                    self.wfile.write(body)
                except OSError:
                    pass  # the browser went away

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
            pass

    return Handler
