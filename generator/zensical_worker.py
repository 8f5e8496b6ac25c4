"""A Zensical process kept warm between builds, for the preview.

``coursegen build`` starts Zensical in a fresh child process each time; the
preview rebuilds on every save, and starting Python and importing Zensical
again (a third of a second or more) would be most of a small rebuild. This
child imports Zensical once and then builds whatever settings file it is
sent, one request per line. It is still a separate process, so Zensical's
native core and what it prints stay apart from ours, and a worker that hangs
or dies is simply replaced.

:meth:`ZensicalWorker.launch` returns a run with the part of
:class:`subprocess.Popen` that :func:`generator.zensical_engine.run_zensical`
uses (``communicate``, ``poll``, ``kill``, ``wait``, ``returncode``).
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
from pathlib import Path

from .zensical_process import python_command

_WORKER = """
import json, os, sys
from zensical import build
for line in sys.stdin:
    request = json.loads(line)
    code = 0
    try:
        os.chdir(request["cwd"])
        build(request["config"], {"strict": request["strict"], "clean": request["clean"]})
    except Exception as exc:
        sys.stdout.flush()
        sys.stdout.write("coursegen-error: " + str(getattr(exc, "message", None) or exc) + "\\n")
        code = 1
    sys.stdout.write("%s %d\\n" % (request["token"], code))
    sys.stdout.flush()
"""
TOKEN_PREFIX = b"coursegen-done-"
"""How the worker's line after each build begins (then a token, a space and the exit code)."""
ENVIRONMENT = {"NO_COLOR": "1", "CLICOLOR": "0", "PYTHONDONTWRITEBYTECODE": "1"}
"""As `coursegen build` starts Zensical: plain text, no bytecode files written."""


class _Child:
    """One worker process and what it has said: each finished build's exit code and output, by token."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            python_command(_WORKER), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, env={**os.environ, **ENVIRONMENT},
        )
        self.finished: dict[bytes, tuple[int, bytes]] = {}
        self.gone = False
        self.changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True, name="coursegen-zensical").start()

    def _read(self) -> None:
        output: list[bytes] = []
        for line in iter(self.process.stdout.readline, b""):
            token, _, code = line.rstrip().rpartition(b" ")
            if token.startswith(TOKEN_PREFIX) and code.isdigit():
                with self.changed:
                    self.finished[token] = (int(code), b"".join(output))
                    self.changed.notify_all()
                output = []
            else:
                output.append(line)
        with self.changed:
            self.gone = True
            self.finished[b""] = (1, b"".join(output))  # what a build that was running said before it died
            self.changed.notify_all()


class ZensicalWorker:
    """One warm Zensical child; started on first use, restarted after a failure, stopped by :meth:`close`."""

    def __init__(self) -> None:
        self._child: _Child | None = None
        self._count = 0

    def launch(self, settings_file: Path, strict: bool, cwd: Path, clean: bool = True) -> _Run:
        """Start building ``settings_file``; the run's ``communicate`` waits for the result.

        Builds run one after another, in the order they were launched; their results may be
        collected in any order. Without ``clean``, Zensical reuses what it kept from the last
        build in the same folder.
        """
        if self._child is None or self._child.process.poll() is not None:
            self._child = _Child()
        self._count += 1
        token = TOKEN_PREFIX + f"{os.getpid()}-{self._count}".encode()
        request = {"config": str(settings_file), "strict": strict, "clean": clean, "cwd": str(cwd),
                   "token": token.decode()}
        try:
            self._child.process.stdin.write(json.dumps(request).encode() + b"\n")
            self._child.process.stdin.flush()
        except OSError:  # the child died between two builds: the run reports it
            self._child.process.kill()
        return _Run(self, self._child, token)

    def close(self) -> None:
        if self._child is not None and self._child.process.poll() is None:
            self._child.process.kill()
            self._child.process.wait()
        self._child = None


class _Run:
    """One build in the worker, seen like a finished-or-running child process."""

    def __init__(self, worker: ZensicalWorker, child: _Child, token: bytes):
        self._worker, self._child, self._token = worker, child, token
        self.returncode: int | None = None

    def communicate(self, timeout: float | None = None) -> tuple[bytes, None]:
        child = self._child
        with child.changed:
            if not child.changed.wait_for(lambda: self._token in child.finished or child.gone, timeout):
                raise subprocess.TimeoutExpired("zensical", timeout or 0)
            self.returncode, output = child.finished.pop(self._token, None) or child.finished[b""]
        return output, None

    def poll(self) -> int | None:
        return self.returncode

    def kill(self) -> None:
        if self._worker._child is self._child:
            self._worker.close()  # a hung build: the next one starts a fresh worker
        self.returncode = -9

    def wait(self) -> int | None:
        return self.returncode
