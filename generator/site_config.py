"""mkdocs.yml problems in Chinese, with file and line, before MkDocs sees the file.

:func:`load_site_config` reads mkdocs.yml safely (see :mod:`generator.config_yaml`)
and checks what coursegen promises about it: no code runs from it (no
``hooks``, only installed Markdown extensions and the plugins the site is
built for), nothing outside the project is read through it (``custom_dir``,
``INHERIT``, snippets), and its theme is installed.
:func:`mkdocs_config_problems` then lets MkDocs validate the rest and tells
its complaints in Chinese, at the line of the setting.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config_yaml import SiteConfig, read_site_config
from .errors import ContentError, Problem, quoted
from .loader import YamlProblems
from .safe_files import OutsideProjectError, is_inside, real_root, walk_files

if TYPE_CHECKING:
    from .project import Project

ALLOWED_PLUGINS = ("search", "offline", "privacy")
"""mkdocs-material's built-in plugins the site is designed for (``material/…`` names too)."""
EXTENSION_PREFIXES = ("markdown.extensions.", "pymdownx.", "material.extensions.")
FILE_READING_EXTENSIONS = ("pymdownx.snippets", "pymdownx.b64")
"""They read files by path while pages are rendered, following links out of the project."""


def load_site_config(project: Project) -> SiteConfig:
    """mkdocs.yml, read and checked; raise ContentError listing every problem."""
    try:
        config = read_site_config(project.root, project.mkdocs_file, project.display(project.mkdocs_file))
    except YamlProblems as exc:
        raise ContentError(exc.problems) from None
    problems = _policy_problems(project, config)
    if problems:
        raise ContentError(problems)
    return config


def site_config_problems(project: Project) -> list[Problem]:
    """What is wrong with mkdocs.yml that we can say in Chinese, with file and line."""
    if not (project.mkdocs_file.exists() or project.mkdocs_file.is_symlink()):
        return []
    try:
        load_site_config(project)
    except ContentError as exc:
        return exc.problems
    return []


def _policy_problems(project: Project, config: SiteConfig) -> list[Problem]:
    problems = []
    data = config.data
    if "hooks" in data:
        problems.append(config.problem(("hooks",), "mkdocs.yml 不能用 hooks 运行 Python 文件",
                                       "删除 hooks：coursegen 不运行配置文件指定的代码"))
    problems += _theme_problems(project, config)
    problems += _plugin_problems(config)
    problems += _extension_problems(config)
    return problems


def _theme_problems(project: Project, config: SiteConfig) -> list[Problem]:
    theme = config.data.get("theme")
    name, key_path = theme, ("theme",)
    problems = []
    if isinstance(theme, dict):
        name, key_path = theme.get("name"), ("theme", "name")
        custom_dir = theme.get("custom_dir")
        if isinstance(custom_dir, str):
            problems += _folder_problems(project, config, ("theme", "custom_dir"), custom_dir)
    if isinstance(name, str) and name and name not in installed_themes():
        problems.append(config.problem(key_path, f"主题{quoted(name)}没有安装",
                                       f"检查拼写；已安装的主题：{'、'.join(installed_themes())}"))
    return problems


def _folder_problems(project: Project, config: SiteConfig, key_path: tuple, value: str) -> list[Problem]:
    """A folder mkdocs.yml names: it must exist inside the project."""
    real = os.path.realpath(project.root / value)
    if not is_inside(real, real_root(project.root)):
        return [config.problem(key_path, f"{quoted(value)}在项目之外，为安全起见不会读取或发布",
                               "把这个文件夹放进项目里，写相对于 mkdocs.yml 的路径")]
    if not os.path.isdir(real):
        return [config.problem(key_path, f"文件夹{quoted(value)}不存在", "检查路径（相对于 mkdocs.yml 所在的文件夹）")]
    try:  # MkDocs copies what is in it into the site, following links
        for _ in walk_files(project.root, project.root / value):
            pass
    except OutsideProjectError as exc:
        return [config.problem(key_path, f"{quoted(value)}里的 {project.display(Path(exc.path))} 链接到项目之外，"
                               "为安全起见不会读取或发布", "把文件本身复制到这个文件夹里，不要用符号链接")]
    return []


def _named_items(value: Any) -> list[tuple[int, str, Any]]:
    """MkDocs' list of names or one-key mappings (plugins, markdown_extensions)."""
    if isinstance(value, dict):
        return [(index, str(k), v) for index, (k, v) in enumerate(value.items())]
    items = []
    for index, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, str):
            items.append((index, item, None))
        elif isinstance(item, dict) and len(item) == 1:
            (name, options), = item.items()
            items.append((index, str(name), options))
    return items


def _plugin_problems(config: SiteConfig) -> list[Problem]:
    problems = []
    for index, name, _ in _named_items(config.data.get("plugins")):
        if name.removeprefix("material/") not in ALLOWED_PLUGINS:
            problems.append(config.problem(("plugins", index), f"插件{quoted(name)}不在可用的范围内",
                                           f"网站只用 mkdocs-material 自带的 {'、'.join(ALLOWED_PLUGINS)} 插件"))
    return problems


def _extension_problems(config: SiteConfig) -> list[Problem]:
    problems = []
    builtin = installed_extensions()
    for index, name, _ in _named_items(config.data.get("markdown_extensions")):
        if name in FILE_READING_EXTENSIONS:
            problems.append(config.problem(("markdown_extensions", index), f"不能使用 Markdown 扩展{quoted(name)}：它会把任意文件的内容放进网页",
                                           "把要复用的内容写进 docs/ 里的页面或课程 YAML"))
        elif name not in builtin and not name.startswith(EXTENSION_PREFIXES):
            problems.append(config.problem(("markdown_extensions", index), f"Markdown 扩展{quoted(name)}不在可用的范围内",
                                           "只能用 Python-Markdown 自带的扩展和 pymdownx.*、material.extensions.*"))
    return problems


def installed_themes() -> list[str]:
    """MkDocs theme names, as its own ``get_theme_names`` finds them (without importing MkDocs)."""
    from importlib.metadata import entry_points

    return sorted({entry.name for entry in entry_points(group="mkdocs.themes")})


def installed_extensions() -> set[str]:
    from importlib.metadata import entry_points

    return {entry.name for entry in entry_points(group="markdown.extensions")}
