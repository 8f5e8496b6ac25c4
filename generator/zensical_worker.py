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
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

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
ENVIRONMENT = {"NO_COLOR": "1", "CLICOLOR": "0", "PYTHONDONTWRITEBYTECODE": "1"}
"""What every Zensical child gets: plain text, no bytecode files written."""


class ZensicalWorker:
    """One warm Zensical child; started on first use, restarted after a failure, stopped by :meth:`close`."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._lines: queue.Queue[bytes | None] = queue.Queue()
        self._count = 0

    def launch(self, settings_file: Path, strict: bool, cwd: Path, clean: bool = True) -> _Run:
        """Start building ``settings_file``; the run's ``communicate`` waits for the result.

        Without ``clean``, Zensical reuses what it kept from the last build in the same folder.
        """
        if self._process is None or self._process.poll() is not None:
            self._start()
        self._count += 1
        token = f"coursegen-done-{os.getpid()}-{self._count}"
        request = {"config": str(settings_file), "strict": strict, "clean": clean, "cwd": str(cwd), "token": token}
        try:
            self._process.stdin.write(json.dumps(request).encode() + b"\n")
            self._process.stdin.flush()
        except OSError:  # the child died between two builds: the run reports it
            self._process.kill()
        return _Run(self, token)

    def _start(self) -> None:
        self._lines = queue.Queue()
        self._process = subprocess.Popen(
            [sys.executable, "-c", _WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, env={**os.environ, **ENVIRONMENT},
        )
        threading.Thread(target=_pump, args=(self._process.stdout, self._lines), daemon=True,
                         name="coursegen-zensical").start()

    def close(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._process = None


def _pump(stream, lines: queue.Queue) -> None:
    for line in iter(stream.readline, b""):
        lines.put(line)
    lines.put(None)  # the child is gone


class _Run:
    """One build in the worker, seen like a finished-or-running child process."""

    def __init__(self, worker: ZensicalWorker, token: str):
        self._worker = worker
        self._token = token.encode()
        self._lines = worker._lines
        self.returncode: int | None = None

    def communicate(self, timeout: float | None = None) -> tuple[bytes, None]:
        deadline = None if timeout is None else time.monotonic() + timeout
        output = []
        while self.returncode is None:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                line = self._lines.get(timeout=wait)
            except queue.Empty:
                raise subprocess.TimeoutExpired("zensical", timeout or 0) from None
            if line is None:
                self.returncode = 1  # the worker died mid-build
            elif line.rstrip().startswith(self._token + b" "):
                self.returncode = int(line.rstrip().rsplit(b" ", 1)[1])
            else:
                output.append(line)
        return b"".join(output), None

    def poll(self) -> int | None:
        return self.returncode

    def kill(self) -> None:
        self._worker.close()  # a hung build: the next one starts a fresh worker
        self.returncode = -9

    def wait(self) -> int | None:
        return self.returncode
