"""The preview: Chinese errors, no leftovers, no MkDocs internals (#10 F8 F22 F23, #18 item 2)."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

import pytest

from conftest import PREVIEW_SAYS, REPO

PREVIEW_MODULES = [REPO / "generator" / "serve.py", REPO / "generator" / "preview_server.py"]


def _busy_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_a_busy_port_is_one_chinese_line(project, invoke, private_tmp):
    with _busy_port() as sock:
        port = sock.getsockname()[1]
        result = invoke("serve", "-p", str(project), "--port", str(port))
    assert (result.exit_code, result.stderr) == (
        1, f"错误：无法启动预览：端口 {port} 已被占用（提示：用 --port 换一个端口，例如 --port {port + 1}）\n")
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize(("option", "message"), [
    (["--host", "host.invalid"], "错误：无法启动预览：监听地址“host.invalid”无效（提示：用 127.0.0.1，或本机的一个 IP 地址）\n"),
    (["--host", "192.0.2.1"], "错误：无法启动预览：“192.0.2.1”不是本机的地址（提示：用 127.0.0.1，或本机的一个 IP 地址）\n"),
    (["--port", "70000"], "错误：端口 70000 无效（提示：用 1–65535 之间的数字，例如 --port 8000）\n"),
], ids=["unknown-host", "foreign-address", "port-out-of-range"])
def test_an_invalid_host_or_port_is_one_chinese_line(project, invoke, private_tmp, option, message):
    result = invoke("serve", "-p", str(project), *option)
    assert (result.exit_code, result.stderr) == (1, message)


def test_previews_killed_outright_are_cleaned_up_and_running_ones_kept(project, invoke, private_tmp):
    stale = private_tmp / "coursegen-serve-killed"
    (stale / "site").mkdir(parents=True)
    (stale / ".lock").touch()
    running = private_tmp / "coursegen-serve-running"
    running.mkdir()
    with open(running / ".lock", "w") as lock, _busy_port() as sock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        invoke("serve", "-p", str(project), "--port", str(sock.getsockname()[1]))
        assert not stale.exists()
        assert running.exists()


def test_a_plain_kill_stops_the_preview_cleanly_and_theme_errors_are_chinese(project, tmp_path):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material", "  name: materiall"),
                      encoding="utf-8")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-p", str(project), "--port", "0"],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "TMPDIR": str(temporary), "PYTHONUNBUFFERED": "1",
                                    "NO_MKDOCS_2_WARNING": "1"})
    lines = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(line.startswith(PREVIEW_SAYS) for line in lines):
            lines.append(process.stdout.readline())
        assert [p.name for p in temporary.iterdir() if p.name.startswith("coursegen-serve-")]
    finally:
        process.send_signal(signal.SIGTERM)
        rest = process.communicate(timeout=30)[0]
    output = "".join(lines) + rest
    assert process.returncode == 0, output
    assert output.startswith(
        "mkdocs.yml:12:9: theme.name: 主题“materiall”没有安装（提示：检查拼写；已安装的主题：material、mkdocs、readthedocs）\n")
    assert output.endswith("预览已停止。\n") and "Traceback" not in output
    assert list(temporary.iterdir()) == []


@pytest.mark.parametrize("module", PREVIEW_MODULES, ids=lambda p: p.name)
def test_the_preview_uses_no_mkdocs_internals(module):
    source = module.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import) mkdocs", source, re.MULTILINE)


def test_an_edit_saved_while_the_first_build_runs_is_not_missed(project, monkeypatch):
    """The watch starts before the first build: a save during it (or just after the page shows) rebuilds."""
    from generator import serve as preview

    class Server:
        url = "http://127.0.0.1:0/"

        def start(self): pass

        def shutdown(self): pass

    class Live:
        def __init__(self, *args): pass

        def close(self): pass

    builds, pauses = [], []
    part = project / "content" / "mini" / "part-a.yml"

    def rebuild(*args):
        builds.append(len(builds))
        if len(builds) == 1:  # the learner saves while the first build is still running
            part.write_text(part.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        else:
            raise KeyboardInterrupt

    def pause(seconds):
        pauses.append(seconds)
        if len(pauses) > 20:  # the save went unnoticed
            raise KeyboardInterrupt

    monkeypatch.setattr(preview, "_start_server", lambda *args: Server())
    monkeypatch.setattr(preview, "LiveSite", Live)
    monkeypatch.setattr(preview, "_rebuild", rebuild)
    monkeypatch.setattr(preview, "_pause", pause)
    preview.serve(project, "127.0.0.1", 0, echo=lambda line: None)
    assert builds == [0, 1]
