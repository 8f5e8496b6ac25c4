"""Running Zensical: on settings we write from checked data, in a child process.

Zensical reads mkdocs.yml-style settings, but never the user's file: it gets
YAML written from the plain data :mod:`generator.config_yaml` checked, plus
what each sub-site needs (its docs, nav and output folder, all inside one
private folder of the staging area). Function names in Markdown extension
settings, which Zensical imports and calls, must belong to the extensions
coursegen allows. Zensical's own search is switched off: the site uses ours,
built here from the same pages with Zensical's own Markdown settings (so
heading anchors match), while Zensical renders.

The child process keeps Zensical's native core (and what it prints) apart
from ours: its messages come back as one Chinese error, never a traceback.
"""

from __future__ import annotations

import copy
import json
import os
import re
import selectors
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config_yaml import SiteConfig, Tagged, to_yaml
from .engines import THEME_OVERRIDES, SiteBuild, build_search_index, course_site_url
from .errors import ContentError, Problem, SiteBuildError
from .safe_files import copy_file, walk_files
from .search_index import MarkdownSettings, drop_theme_search, write_index
from .segmentation import key_terms
from .zensical_process import BUILT, start_process, stop_process

THEMES = ("material", "zensical")
"""Zensical draws every page with its own successor of mkdocs-material."""
CALLABLE_KEYS = frozenset({"emoji_generator", "emoji_index", "format", "validator", "object"})
"""Keys of Markdown extension settings whose text Zensical imports as a Python function and calls."""
ALLOWED_CALLABLES = ("pymdownx.", "material.extensions.", "zensical.extensions.")
TIMEOUT_SECONDS = 900
MAX_MESSAGE_LINES = 40
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_FRAME = re.compile(r"[│╭╰╮╯─┬┴├┤┼]+")
_CHATTER = re.compile(r"^(Build started|Build finished in .*|No issues found|\d+ issues? found)$")


def zensical_problems(config: SiteConfig) -> list[Problem]:
    """Settings Zensical would turn into code or cannot use, each at its line in mkdocs.yml."""
    problems = []
    theme = config.data.get("theme")
    name = theme.get("name") if isinstance(theme, dict) else theme
    if name is not None and name not in THEMES:
        where = ("theme", "name") if isinstance(theme, dict) else ("theme",)
        problems.append(config.problem(where, f"Zensical 只能使用 material 主题（现在是“{str(name)[:40]}”）",
                                       "把 theme 的 name 改为 material，或用 --engine mkdocs 构建"))
    for index, (extension, options) in enumerate(_named(config.data.get("markdown_extensions"))):
        for path, key, value in _items(options, ("markdown_extensions", index, extension)):
            if key in CALLABLE_KEYS and isinstance(value, str) and "." in value \
                    and not value.startswith(ALLOWED_CALLABLES):
                problems.append(config.problem(path, f"“{value[:60]}”会让 Zensical 导入并运行这个函数",
                                               "只能写 pymdownx.* 或 material.extensions.* 中的函数"))
    for path, tagged in _tagged(config.data, ()):
        if tagged.tag == "!relative":
            problems.append(config.problem(path, "Zensical 不支持 !relative 标签",
                                           "改写成相对于 mkdocs.yml 的路径，或用 --engine mkdocs 构建"))
    return problems


def check_for_zensical(config: SiteConfig) -> None:
    problems = zensical_problems(config)
    if problems:
        raise ContentError(problems)


@dataclass
class ZensicalRun:
    """One sub-site that Zensical renders in its child process while coursegen builds its search index."""

    spec: SiteBuild
    process: subprocess.Popen
    root: Path
    data: dict
    hand_written: list[str]

    def search_index(self, cache_dir: Path) -> dict | Exception:
        """Our search index, from the same pages and Markdown settings (an error: Zensical will say why)."""
        try:
            with key_terms(self.spec.search_terms, cache_dir) as cut:
                return build_search_index(self.spec, self.root / "docs", self.hand_written,
                                          _markdown_settings(self.root / "mkdocs.yml"),
                                          cut, str(self.data.get("site_name", "")))
        except Exception as exc:  # Zensical refuses these settings too: its own message says why
            return exc

    def finish(self, site: Path, index: dict | Exception) -> None:
        """Wait for Zensical, then move its output to ``site`` with our index; SiteBuildError if it failed."""
        try:
            output, built = _until_built(self.process, time.monotonic() + TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise SiteBuildError(f"Zensical 超过 {TIMEOUT_SECONDS // 60} 分钟仍未完成，已停止；原有的 site/ 保持不变"
                                 "（提示：用 --engine mkdocs 构建，或检查是否有特别大的页面）") from None
        finally:
            stop_process(self.process)  # once the site is written, its exit is not waited for
        if not built or isinstance(index, Exception):
            details = _messages(output) or f"  {str(index)[:300]}"
            raise SiteBuildError(f"Zensical 构建失败，原有的 site/ 保持不变：\n{details}")
        site.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.root / "site", site)
        write_index(site, index)
        drop_theme_search(site, ())
        (site / "search.json").unlink(missing_ok=True)  # Zensical's (empty) index for its own search
        workers = site / "assets" / "javascripts" / "workers"
        if workers.is_dir() and not any(workers.iterdir()):
            workers.rmdir()


def _until_built(process: subprocess.Popen, deadline: float) -> tuple[bytes, bool]:
    """What the child printed, and whether it wrote the site; read until it says so (or ends)."""
    output = bytearray()
    stream = process.stdout
    if stream is None:
        return b"", process.wait() == 0
    line = b"\n" + BUILT.encode() + b"\n"
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise subprocess.TimeoutExpired(process.args, TIMEOUT_SECONDS)
            if not selector.select(left):
                continue
            chunk = os.read(stream.fileno(), 65536)
            if not chunk:  # it ended without saying so: failed (or stopped)
                process.wait()
                return bytes(output), False
            output += chunk
            if line in b"\n" + output:
                return bytes(output), True


def start_zensical(config: SiteConfig, spec: SiteBuild, docs: Path, hand_written: list[str],
                   process: subprocess.Popen | None = None) -> ZensicalRun:
    """Write the settings of one sub-site beside its staged ``docs`` and set Zensical rendering them."""
    check_for_zensical(config)
    root = docs.parent / f"zensical-{spec.name}"
    root.mkdir()
    os.replace(docs, root / "docs")  # Zensical wants its docs and site below the folder of its settings
    settings_file = root / "mkdocs.yml"
    data = zensical_settings(config, spec, hand_written, _stage_theme(config, root / "theme"))
    settings_file.write_text(to_yaml(data), encoding="utf-8")
    process = process or start_process()
    try:
        process.stdin.write(json.dumps([str(settings_file), bool(data.get("strict"))]).encode() + b"\n")
        process.stdin.close()
    except OSError:  # it ended already: finish() reports what it printed
        pass
    process.stdin = None  # written and closed: communicate() only reads what it prints
    return ZensicalRun(spec, process, root, data, hand_written)


def run_zensical(config: SiteConfig, spec: SiteBuild, docs: Path, hand_written: list[str], site: Path,
                 cache_dir: Path) -> None:
    """Build one sub-site from the staged ``docs`` into ``site``, with our own search index."""
    run = start_zensical(config, spec, docs, hand_written)
    try:
        index = run.search_index(cache_dir)  # while Zensical renders
    except BaseException:
        stop_process(run.process)
        raise
    run.finish(site, index)


def zensical_settings(config: SiteConfig, spec: SiteBuild, hand_written: list[str], theme_dir: str) -> dict:
    """The settings of one sub-site, as Zensical gets them (the same site MkDocs would build)."""
    data: dict[str, Any] = _resolve_env(copy.deepcopy(config.data))
    theme = data.get("theme")
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme or "material"}
    theme["custom_dir"] = theme_dir
    theme.setdefault("variant", "classic")  # mkdocs-material's look, which our styles are written for
    plugins = [{name: options or {}} for name, options in _named(data.get("plugins"))
               if name.removeprefix("material/") != "search"]
    extra = dict(data.get("extra") or {})
    if spec.homepage:
        extra["homepage"] = spec.homepage  # the logo leads back to the catalog
    data.update({
        "docs_dir": "docs", "site_dir": "site", "nav": spec.nav + hand_written, "theme": theme, "extra": extra,
        # Our search (assets/coursegen/search.js) serves every engine; Zensical's is switched off.
        "plugins": plugins + [{"search": {"enabled": False}}],
        # MkDocs' default is no extensions beyond its own three; Zensical's default is many more.
        "markdown_extensions": data.get("markdown_extensions") or [],
        "site_url": course_site_url(data.get("site_url"), spec),
    })
    return data


def _stage_theme(config: SiteConfig, target: Path) -> str:
    """Our template overrides, with the project's own ``custom_dir`` above them: one folder for Zensical."""
    root = config.path.parent
    for source in sorted(p for p in THEME_OVERRIDES.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        destination = target / source.relative_to(THEME_OVERRIDES)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(source.read_bytes())
    theme = config.data.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if isinstance(custom, str) and custom:
        folder = root / custom
        for source in walk_files(root, folder):  # checked to stay inside the project
            destination = target / source.relative_to(folder)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.unlink(missing_ok=True)
            copy_file(root, source, destination)
    return target.name


def _markdown_settings(settings_file: Path) -> MarkdownSettings:
    """Zensical's own reading of the Markdown settings: the same extensions, slugs and heading ids."""
    from zensical.config import parse_mkdocs_config

    parsed = parse_mkdocs_config(str(settings_file))
    return MarkdownSettings(list(parsed["markdown_extensions"]), dict(parsed["mdx_configs"]),
                            bool(parsed["use_directory_urls"]))


def _messages(output: bytes) -> str:
    """What Zensical printed, without colours, frames and progress lines; Chinese for what we know."""
    lines = []
    for raw in output.decode("utf-8", "replace").splitlines():
        line = _FRAME.sub(" ", _ANSI.sub("", raw)).strip()
        if not line or line == BUILT or _CHATTER.match(line) or line.startswith(("Traceback", "File \"")):
            continue
        line = line.removeprefix("coursegen-error: ")
        if line == "Aborted because --strict flag is set":
            line = "mkdocs.yml 设置了 strict: true，有警告时也会中止构建"
        lines.append(f"  {line[:300]}")
    return "\n".join(lines[:MAX_MESSAGE_LINES])


def _named(value: Any) -> list[tuple[str, Any]]:
    """MkDocs' list of names or one-key mappings (plugins, markdown_extensions), as pairs."""
    if isinstance(value, dict):
        return [(str(k), v) for k, v in value.items()]
    items = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict) and len(item) == 1:
            (name, options), = item.items()
            items.append((str(name), options))
        elif isinstance(item, str):
            items.append((item, None))
    return items


def _items(node: Any, path: tuple) -> list[tuple[tuple, Any, Any]]:
    """Every (key path, key, value) below a settings mapping, nested lists included."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((path + (key,), key, value))
            found += _items(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _items(value, path + (index,))
    return found


def _tagged(node: Any, path: tuple) -> list[tuple[tuple, Tagged]]:
    if isinstance(node, Tagged):
        return [(path, node)]
    if isinstance(node, dict):
        return [found for key, value in node.items() for found in _tagged(value, path + (key,))]
    if isinstance(node, list):
        return [found for index, value in enumerate(node) for found in _tagged(value, path + (index,))]
    return []


def _resolve_env(node: Any) -> Any:
    """``!ENV`` values as MkDocs resolves them: the first variable that is set, else the default (or none)."""
    if isinstance(node, Tagged) and node.tag == "!ENV":
        names = node.value if isinstance(node.value, list) else [node.value]
        for name in names[:-1] if len(names) > 1 else names:
            if isinstance(name, str) and name in os.environ:
                return os.environ[name]
        return names[-1] if len(names) > 1 else None
    if isinstance(node, dict):
        return {key: _resolve_env(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve_env(value) for value in node]
    return node
