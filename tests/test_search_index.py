"""The search index built at build time: what it holds, how big it gets, where jieba keeps its cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, make_project


def test_a_second_users_build_neither_writes_nor_reads_a_shared_jieba_cache(tmp_path):
    """jieba caches its dictionary in the system temporary folder by default; another user's
    file there cannot be replaced, and the build printed "Dump cache file failed." with a traceback."""
    project = make_project(tmp_path / "project")
    shared_tmp = tmp_path / "tmp"
    (shared_tmp / "jieba.cache").mkdir(parents=True)  # stands in for a file this user may not replace
    env = {**os.environ, "TMPDIR": str(shared_tmp), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--project", str(project)],
                            cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Dump cache file failed" not in result.stderr, result.stderr
    assert sorted(p.name for p in shared_tmp.iterdir()) == ["jieba.cache"]  # nothing new in the shared folder
    assert (project / ".coursegen" / "jieba.cache").is_file()  # the project's own cache instead
