"""How the ``coursegen`` process ends: what Python does at exit, without freeing every object one by one."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import REPO
from generator import __version__

_RUN = """
import atexit, os, sys, threading, time
from pathlib import Path
folder = Path(sys.argv[1])
class Held:
    def __del__(self, write=os.write):
        write(1, b"freed\\n")  # Python frees what the script holds when it ends the usual way
held = Held()
atexit.register(lambda: sys.stdout.write("exit handler\\n"))  # left for Python to flush, as print() would
if sys.argv[2] == "thread":
    threading.Thread(target=lambda: (time.sleep(0.5), folder.joinpath("thread").write_text("done"))).start()
from generator.cli import main
main(sys.argv[3:])
"""


def run(tmp_path, *args: str, thread: bool = False) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}  # as people run it
    return subprocess.run([sys.executable, "-c", _RUN, str(tmp_path), "thread" if thread else "-", *args],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_the_process_ends_once_its_output_is_written_and_its_exit_handlers_ran(tmp_path):
    done = run(tmp_path, "--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"coursegen {__version__}\nexit handler\n", "")


@pytest.mark.parametrize(("args", "code", "message"), [
    (["validate", "--project", "no-such-folder"], 1, "错误：找不到课程内容文件夹"),
    (["no-such-command"], 2, "错误：没有命令“no-such-command”"),
], ids=["content", "usage"])
def test_an_error_keeps_its_exit_code_and_message(tmp_path, args, code, message):
    done = run(tmp_path, *args)
    assert (done.returncode, done.stdout) == (code, "exit handler\n")
    assert done.stderr.startswith(message), done.stderr


def test_a_thread_still_running_is_waited_for(tmp_path):
    done = run(tmp_path, "--version", thread=True)
    assert (done.returncode, done.stdout.splitlines()[0]) == (0, f"coursegen {__version__}")
    assert (tmp_path / "thread").read_text() == "done"
