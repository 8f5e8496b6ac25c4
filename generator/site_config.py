"""mkdocs.yml problems in Chinese, with file and line, before anything is rendered."""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

from .errors import Problem, quoted
from .loader import YamlProblems, compose_yaml

if TYPE_CHECKING:
    from .project import Project


def site_config_problems(project: Project) -> list[Problem]:
    """What is wrong with mkdocs.yml that we can say in Chinese, with file and line.

    Checks that it is readable YAML (size, encoding, tabs, syntax) and that its
    theme is installed. MkDocs itself reports these in English, and only after
    every page has been rendered; the build should call this before it renders.
    Tags such as ``!ENV`` are MkDocs's business and are left alone.
    """
    path = project.mkdocs_file
    if not (path.exists() or path.is_symlink()):
        return []
    name = project.display(path)
    try:
        root = compose_yaml(path, name)
    except YamlProblems as exc:
        return exc.problems
    if not isinstance(root, yaml.MappingNode):
        mark = root.start_mark
        return [Problem(name, mark.line + 1, mark.column + 1, "", "应为映射（键: 值）",
                        "mkdocs.yml 的每一行写成“键: 值”，例如 site_name: 培训平台")]
    theme = _mapping_value(root, "theme")
    key_path = "theme"
    if isinstance(theme, yaml.MappingNode):
        theme, key_path = _mapping_value(theme, "name"), "theme.name"
    if not isinstance(theme, yaml.ScalarNode) or theme.tag != "tag:yaml.org,2002:str" or not theme.value:
        return []  # no theme (MkDocs's default), a custom_dir-only theme, or an !ENV value
    installed = installed_themes()
    if theme.value in installed:
        return []
    mark = theme.start_mark
    return [Problem(name, mark.line + 1, mark.column + 1, key_path, f"主题{quoted(theme.value)}没有安装",
                    f"检查拼写；已安装的主题：{'、'.join(installed)}")]


def installed_themes() -> list[str]:
    """MkDocs theme names, as its own ``get_theme_names`` finds them (without importing MkDocs)."""
    from importlib.metadata import entry_points

    return sorted({entry.name for entry in entry_points(group="mkdocs.themes")})


def _mapping_value(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((value for k, value in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
