"""Builds that cannot be half-done: killed builds, concurrent builds, determinism."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO, make_project, tree_digest
from generator import api


def _build_process(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--project", str(project), *args],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def _state(project: Path) -> tuple[str, str]:
    return tree_digest(project / "site"), tree_digest(project / "docs" / "generated")


def test_killing_a_build_at_random_points_always_leaves_a_complete_site(project):
    api.build(project)
    old = _state(project)
    part = project / "content" / "mini" / "part-a.yml"
    part.write_text(part.read_text(encoding="utf-8").replace("说明测试的意义。", "说明测试的意义（修订）。"),
                    encoding="utf-8")
    # What a finished build of the new content looks like, built elsewhere from the same project.
    probe = _build_process(project, "--force")
    assert probe.wait(timeout=120) == 0
    new = _state(project)
    assert new != old
    # Put the old site back by rebuilding the old content, then kill builds of the new content.
    part.write_text(part.read_text(encoding="utf-8").replace("说明测试的意义（修订）。", "说明测试的意义。"),
                    encoding="utf-8")
    assert _build_process(project, "--force").wait(timeout=120) == 0
    assert _state(project) == old
    part.write_text(part.read_text(encoding="utf-8").replace("说明测试的意义。", "说明测试的意义（修订）。"),
                    encoding="utf-8")

    rng = random.Random(20261126)
    for _ in range(6):
        process = _build_process(project, "--force")
        time.sleep(rng.uniform(0.05, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        state = _state(project)
        assert state[0] in (old[0], new[0]), "site/ is neither the old nor the new complete site"
        assert state[1] in (old[1], new[1]), "docs/generated/ is neither the old nor the new one"
        if state[0] == new[0]:  # this build got through the swap: start again from the old site
            part.write_text(part.read_text(encoding="utf-8").replace("（修订）", ""), encoding="utf-8")
            assert _build_process(project, "--force").wait(timeout=120) == 0
            part.write_text(part.read_text(encoding="utf-8").replace("说明测试的意义。", "说明测试的意义（修订）。"),
                            encoding="utf-8")
    # After all the kills a normal build works and cleans up what they left behind.
    assert _build_process(project).wait(timeout=120) == 0
    assert _state(project) == new
    assert not list((project / ".coursegen").glob("build-*"))
    assert not (project / "site.old").exists()


def test_two_builds_at_once_do_not_corrupt_each_other(project):
    api.build(project)
    part = project / "content" / "mini" / "part-a.yml"
    part.write_text(part.read_text(encoding="utf-8").replace("说明测试的意义。", "并发构建。"), encoding="utf-8")
    first, second = _build_process(project, "--force"), _build_process(project, "--force")
    results = [(p.wait(timeout=120), p.stderr.read()) for p in (first, second)]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 1])  # the second either waited its turn or was refused
    for code, stderr in results:
        if code == 1:
            assert stderr == "错误：另一个构建正在运行（同一项目同时只能运行一个构建），请等它结束后再试\n"
    state = _state(project)
    assert _build_process(project, "--force").wait(timeout=120) == 0
    assert _state(project) == state  # what the surviving build left is a complete, correct site
    assert "并发构建。" in (project / "site" / "mini" / "part-a" / "index.html").read_text(encoding="utf-8")


def test_the_same_input_gives_a_byte_identical_site_in_another_folder_and_process(project, tmp_path):
    """Nothing of the folder, the process or its hash seed leaks into the site or the generated pages."""
    api.build(project)
    other = make_project(tmp_path / "elsewhere" / "copy")
    process = _build_process(other, env={"PYTHONHASHSEED": "777"})
    assert process.wait(timeout=180) == 0, process.stderr.read()
    assert _state(other) == _state(project)
