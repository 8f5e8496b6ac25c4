"""The optional project settings file ``coursegen.yml`` at the project root.

One section per concern (``check``, ``build``). Read with the marked YAML
loader, so every mistake is reported as ``file:line:column`` like any content error. Thresholds come from the rule
registry: a rule's defaults are the settings' defaults.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, Strict, create_model

from .check.registry import RULES
from .check.rule import Rule
from .engines import DEFAULT_ENGINE, ENGINES
from .errors import ContentError, Problem
from .loader import YamlProblems, read_yaml
from .models import Schema, Text
from .validation import validate_document

SETTINGS_FILE = "coursegen.yml"

_Share = Annotated[float, Strict(), Field(ge=0, allow_inf_nan=False)]
_Count = Annotated[int, Strict(), Field(ge=0)]
_FORBID = ConfigDict(extra="forbid", frozen=True)


def _param_type(default: Any) -> Any:
    if isinstance(default, tuple):
        return Annotated[list[Text], Field(min_length=1)]
    return _Count if isinstance(default, int) else _Share


def _rule_model(rule: Rule) -> type[Schema]:
    fields: dict[str, Any] = {
        name: (_param_type(param.default), Field(default=list(param.default) if isinstance(param.default, tuple)
                                                 else param.default, description=param.description))
        for name, param in rule.params.items()
    }
    return create_model(f"{rule.code}Settings", __base__=Schema, __doc__=f"{rule.code} {rule.title}", **fields)


RuleSettings = create_model(
    "RuleSettings", __base__=Schema,
    __doc__="各条检查规则的阈值（只写要改的项）",
    **{code: (model, Field(default_factory=model, description=f"{code} {RULES[code].title}"))
       for code, model in ((code, _rule_model(rule)) for code, rule in RULES.items() if rule.params)},
)


class CheckSettings(Schema):
    """Settings of ``coursegen check`` (and of the checks ``coursegen build`` runs)."""

    model_config = ConfigDict(json_schema_extra={"description": "coursegen check 的设置"})

    rules: RuleSettings = Field(default_factory=RuleSettings, description="按规则代码修改阈值，例如 Q101: {max_share: 0.5}")


class BuildSettings(Schema):
    """Settings of ``coursegen build`` (and of ``serve`` and ``pack``, which build too)."""

    model_config = ConfigDict(json_schema_extra={"description": "coursegen build 的设置"})

    engine: Literal[tuple(ENGINES)] = Field(  # type: ignore[valid-type]
        default=DEFAULT_ENGINE, description="构建引擎：mkdocs（默认）或 zensical；命令行的 --engine 优先")


class ProjectSettings(Schema):
    """``coursegen.yml``: settings for the whole project, one section per concern."""

    model_config = ConfigDict(json_schema_extra={"description": "项目设置文件 coursegen.yml（可选，放在项目根目录）"})

    check: CheckSettings = Field(default_factory=CheckSettings, description="题库与原文检查的设置")
    build: BuildSettings = Field(default_factory=BuildSettings, description="构建网站的设置")

    def params(self, code: str) -> dict[str, Any]:
        """The thresholds of one rule, as the checks use them (word lists as tuples)."""
        chosen = getattr(self.check.rules, code, None)
        if chosen is None:
            return {}
        return {name: tuple(value) if isinstance(value, list) else value for name, value in chosen.model_dump().items()}


def load_settings(root: Path) -> ProjectSettings:
    """The project's settings; defaults when there is no coursegen.yml. Raises ContentError."""
    path = root / SETTINGS_FILE
    if not path.exists() and not path.is_symlink():
        return ProjectSettings()
    if not path.resolve().is_relative_to(root.resolve()):
        raise ContentError([Problem(SETTINGS_FILE, 1, 1, "", "coursegen.yml 指向项目之外的文件",
                                    "把设置文件直接放在项目根目录，不要用指向别处的链接")])
    try:
        document = read_yaml(path, SETTINGS_FILE, root)
    except YamlProblems as exc:
        raise ContentError(exc.problems) from None
    settings, problems = validate_document(document, ProjectSettings)
    if problems or settings is None:
        raise ContentError(problems)
    return settings
