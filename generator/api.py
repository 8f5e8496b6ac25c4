"""The plain Python API behind the CLI: one function per command."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .loaded import LoadedCourse
from .models import Course, Part
from .quiz_models import QuestionBank
from .project import Project, load_project
from .render import RenderedSite, render_site
from .site import build_site

SCHEMA_DIR = Path(__file__).parent / "schema"
SCHEMAS = {"course.schema.json": Course, "part.schema.json": Part, "quiz.schema.json": QuestionBank}


def validate(root: Path) -> list[LoadedCourse]:
    """Load and check all content; raise ContentError listing every problem."""
    return load_project(Project(Path(root)))


def generate(root: Path) -> tuple[list[LoadedCourse], RenderedSite]:
    courses = validate(root)
    return courses, render_site(courses)


@dataclass(frozen=True)
class BuildResult:
    courses: list[LoadedCourse]
    pages: int
    site_dir: Path


def build(root: Path, site_dir: Path | None = None) -> BuildResult:
    """Validate, generate and build the site; on any error the old site stays as it was."""
    project = Project(root)
    courses, rendered = generate(root)
    target = build_site(project, rendered, site_dir)
    return BuildResult(courses, len(rendered.pages), target)


def json_schemas() -> dict[str, str]:
    """The JSON Schema of each kind of content file, as editors want it."""
    out = {}
    for name, model in SCHEMAS.items():
        schema = _without_titles(model.model_json_schema())
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"
        schema["$id"] = name
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def _without_titles(node):
    """Drop pydantic's English field titles; editors show our Chinese descriptions."""
    if isinstance(node, dict):
        return {k: _without_titles(v) for k, v in node.items() if not (k == "title" and isinstance(v, str))}
    if isinstance(node, list):
        return [_without_titles(v) for v in node]
    return node


def write_schemas(target: Path = SCHEMA_DIR) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in json_schemas().items():
        path = target / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
