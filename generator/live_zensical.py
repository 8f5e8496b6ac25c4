"""Zensical's side of the preview's partial rebuilds: one folder per sub-site, kept between saves.

Each sub-site gets a Zensical project folder (settings, theme, docs) the first
time a save changes its pages; later saves rewrite only the pages that differ
from what the folder holds, and the warm worker builds it without cleaning,
so Zensical reuses its cache and the files it already wrote. A failed build
drops the folder; :meth:`ZensicalFolders.reset` drops them all (the settings or
hand-written docs changed).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .config_yaml import SiteConfig, to_yaml
from .engines import SiteBuild
from .errors import SiteBuildError
from .project import Project
from .site import stage_docs
from .zensical_engine import TIMEOUT_SECONDS, _messages, _stage_theme, check_for_zensical, zensical_settings
from .zensical_worker import ZensicalWorker


@dataclass
class _Folder:
    pages: dict[str, str]
    """What each page holds on disk now."""
    strict: bool


class ZensicalFolders:
    """The kept Zensical project folders of one preview, under ``scratch``."""

    def __init__(self, project: Project, scratch: Path, worker: ZensicalWorker):
        self.project, self.root, self.worker = project, scratch / "zensical", worker
        self._folders: dict[str, _Folder] = {}
        self._warming: dict[str, Callable[[], Path]] = {}

    def reset(self) -> None:
        for wait in self._warming.values():
            _finished(wait)
        self._folders.clear()
        self._warming.clear()
        shutil.rmtree(self.root, ignore_errors=True)

    def warm(self, config: SiteConfig, specs: list[SiteBuild]) -> None:
        """Set up each sub-site's folder and build it once in the background (a fresh Zensical takes
        a second or two over its first build), so that the first save is as quick as the next ones."""
        for spec in specs:
            self._warming[spec.name] = self.start(config, spec)

    def start(self, config: SiteConfig, spec: SiteBuild) -> Callable[[], Path]:
        """Start building ``spec`` (its pages as given, stubs included); the function returned waits
        for the build and returns the site folder (SiteBuildError if Zensical failed)."""
        root = self.root / spec.name
        if spec.name in self._warming:
            _finished(self._warming.pop(spec.name))
        folder = self._folders.pop(spec.name, None)
        if folder is None:
            check_for_zensical(config)
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir(parents=True)
            hand_written = stage_docs(self.project, spec.pages, root / "docs")
            data = zensical_settings(config, spec, hand_written, _stage_theme(config, root / "theme"))
            (root / "mkdocs.yml").write_text(to_yaml(data), encoding="utf-8")
            folder = _Folder(dict(spec.pages), bool(data.get("strict")))
        for name, text in spec.pages.items():
            if folder.pages.get(name) != text:
                (root / "docs" / name).write_text(text, encoding="utf-8")
                folder.pages[name] = text
        run = self.worker.launch(root / "mkdocs.yml", folder.strict, root, clean=False)

        def wait() -> Path:
            try:
                output, _ = run.communicate(timeout=TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                run.kill()
                raise SiteBuildError("Zensical 预览构建超时") from None
            if run.returncode != 0:  # the full build that follows says what is wrong
                raise SiteBuildError(f"Zensical 构建失败：\n{_messages(output)}")
            self._folders[spec.name] = folder
            return root / "site"

        return wait


def _finished(wait: Callable[[], Path]) -> None:
    """Wait for a build whose outcome nobody needs (a failed one only means a fresh folder next time)."""
    try:
        wait()
    except SiteBuildError:
        pass
