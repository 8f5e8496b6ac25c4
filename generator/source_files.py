"""Reading and checking one source file; what the course and bank loaders share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem
from .loader import KeyPath, YamlDocument, YamlProblems, read_yaml
from .validation import validate_document

if TYPE_CHECKING:
    from .project import Project

YAML_SUFFIXES = frozenset({".yml", ".yaml"})


def read_document(path: Path, name: str, root: Path) -> tuple[YamlDocument, list[Problem]]:
    """The parsed file of project ``root`` (never one linked out of it), or an empty document and what is wrong."""
    try:
        return read_yaml(path, name, root), []
    except YamlProblems as exc:
        return YamlDocument(name, None), exc.problems


def validate_model(document: YamlDocument, model: type, problems: list[Problem]) -> Any:
    """The validated model, or None (its problems are added to ``problems``)."""
    if document.data is None:
        return None
    value, found = validate_document(document, model)
    problems += found
    return value


def is_readable_file(path: Path) -> bool:
    """Anything to hand to the reader: a file, or a link or special file it will explain."""
    return not path.is_dir() and (path.exists() or path.is_symlink())


def not_a_file(project: Project, document: YamlDocument, key_path: KeyPath, path: Path) -> Problem:
    """A file that another file names, missing or a folder; reported where it is named."""
    if path.is_dir():
        return document.problem(key_path, f"{project.display(path)} 是一个文件夹，不是文件",
                                "把这个文件夹改名或移走，再放入同名的 YAML 文件")
    return document.problem(key_path, f"找不到文件 {project.display(path)}", "检查文件名，或创建这个文件")


def unlisted_files(project: Project, folder: Path, listed: set[str], message: str, hint: str) -> list[Problem]:
    """YAML files in ``folder`` that nothing lists: never silently ignored."""
    return [Problem(project.display(path), 1, 1, "", message, hint)
            for path in sorted(folder.iterdir()) if path.suffix in YAML_SUFFIXES and path.name not in listed]
