"""A scratch copy of the repository, and running some of its tests there.

The mutation run (scripts/mutation.py) and the deliberate bugs
(scripts/deliberate_bugs.py) break the code on purpose; they do it in a copy
under the system's temporary folder, never in the working tree. The copy holds
the files git tracks plus new ones it does not ignore (so uncommitted work is
tested too), and its tests run with the copy first on the import path, also in
the subprocesses they start.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_FAILED = re.compile(r"^(?:FAILED|ERROR) (\S+)", re.MULTILINE)


@contextlib.contextmanager
def scratch_copy(prefix: str = "coursegen-scratch-") -> Iterator[Path]:
    """A fresh copy of the repository's files, removed afterwards."""
    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=REPO, check=True, capture_output=True).stdout.decode()
    root = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        for relative in filter(None, listing.split("\0")):
            source = REPO / relative
            if not os.path.lexists(source):  # deleted in the working tree, not yet in git
                continue
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / relative, follow_symlinks=False)
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


@dataclass(frozen=True)
class TestRun:
    passed: bool
    timed_out: bool
    failed: tuple[str, ...]  # node ids of failing tests, in the order pytest reported them
    seconds: float
    output: str


def run_tests(root: Path, tests: Sequence[str], *, timeout: float = 900, first_failure: bool = True,
              extra_env: dict[str, str] | None = None) -> TestRun:
    """Run ``tests`` (pytest arguments) in the copy at ``root``, niced, stopping at the first failure."""
    env = {**os.environ, "PYTHONPATH": str(root), "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    command = ["nice", "-n", "10", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "--tb=line", "-W", "ignore::DeprecationWarning", *(["-x"] if first_failure else []), *tests]
    start = time.monotonic()
    # Its own process group, so a hanging mutant's whole tree (pytest, node, Chromium) can be stopped.
    with subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, start_new_session=True) as process:
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
            return TestRun(False, True, (), time.monotonic() - start, output)
    failed = tuple(dict.fromkeys(_FAILED.findall(output)))
    return TestRun(process.returncode == 0, False, failed, time.monotonic() - start, output)
