"""The site engines: which program turns the staged Markdown of a sub-site into HTML.

Declared once here (names, the package each needs, how to install it); the
CLI's ``--engine`` choices, the project setting, the build fingerprints and
the README all follow this table. Each engine has its own module with one
``run`` function; what both share (the search index coursegen builds itself,
the theme overrides, where a course is published) lives here, so the site
and its widgets never depend on either engine's internals.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ProjectError, quoted

if TYPE_CHECKING:  # the CLI reads the engines' names before it loads anything else
    from .search_index import MarkdownSettings
    from .segmentation import Cut

THEME_OVERRIDES = Path(__file__).parent / "theme"
"""Our template overrides, above the theme's own templates under every engine."""


@dataclass(frozen=True)
class Engine:
    name: str
    label: str
    distribution: str
    """The package that must be installed for it (its version is part of every build's fingerprint)."""
    install: str
    """How to install it, as a trainer types it."""


ENGINES: dict[str, Engine] = {
    "mkdocs": Engine("mkdocs", "MkDocs", "mkdocs", 'pip install "mkdocs>=1.6,<2" mkdocs-material'),
    "zensical": Engine("zensical", "Zensical", "zensical", 'pip install "coursegen[zensical]"（或 pip install zensical）'),
}
DEFAULT_ENGINE = "mkdocs"

SUPPORT: tuple[tuple[str, str, str, str], ...] = (
    # (what, under MkDocs, under Zensical, how it is checked); the README table is generated from this.
    ("导航（顺序、分节、上一页/下一页）", "✓", "✓ 与 MkDocs 相同", "tests/test_engines.py 逐页比较导航链接"),
    ("测验、检查清单、学习进度", "✓", "✓", "浏览器测试在两种引擎下各跑一遍（CI 安装 Zensical）"),
    ("中文搜索", "✓ coursegen 自己的搜索", "✓ 同一个搜索与索引；Zensical 自带的搜索关闭",
     "浏览器测试在两种引擎下各跑一遍；两种引擎写出的索引逐字节相同"),
    ("从 `file://` 打开、零外部请求", "✓", "✓", "以上浏览器测试都从 file:// 打开，并拦截一切外部请求"),
    ("离线 zip（`coursegen pack`）", "✓", "✓", "MkDocs：tests/test_browser_pack.py；Zensical：同一测试手动验证"),
    ("即时导航（`navigation.instant`，需经 HTTP 访问）", "✓", "✓",
     "MkDocs：tests/test_browser_instant.py；Zensical：同一测试手动验证"),
    ("打印", "✓", "✓", "MkDocs：tests/test_browser_print.py；Zensical：同一测试手动验证"),
    ("主题", "mkdocs-material 或其他已安装的 MkDocs 主题", "只有 material（Zensical 自带的继任版本，classic 外观）",
     "其他主题在 mkdocs.yml 中报错"),
    ("`mkdocs.yml` 中的 `!relative`", "✓", "不支持（在所在行报错）", "tests/test_engines.py"),
)
"""What works under each engine (README, section 构建引擎)."""


@dataclass(frozen=True)
class SiteBuild:
    """One engine run: which pages, which nav, which search terms, with which engine."""

    name: str
    pages: dict[str, str]
    nav: list
    search_terms: tuple[str, ...] = ()
    homepage: str | None = None
    engine: str = DEFAULT_ENGINE


def engine_version(name: str) -> str | None:
    """The installed version of an engine's package, or None when it is not installed."""
    from importlib import metadata

    try:
        return metadata.version(ENGINES[name].distribution)
    except metadata.PackageNotFoundError:
        return None


def require_engine(name: str) -> Engine:
    """The engine called ``name``; ProjectError in Chinese if it is unknown or not installed."""
    engine = ENGINES.get(name)
    if engine is None:
        raise ProjectError(f"不支持的构建引擎{quoted(name)}（可用：{'、'.join(ENGINES)}）")
    if engine_version(name) is None:
        raise ProjectError(f"没有安装构建引擎 {engine.label}（提示：{engine.install}；"
                           f"或改用 --engine {DEFAULT_ENGINE}）")
    return engine


def engine_fingerprint(name: str) -> str:
    """What a site owes to its engine: its name and version (another engine, another site)."""
    return f"{name}={engine_version(name) or 'absent'}"


def run_engine(spec: SiteBuild, config, docs: Path, hand_written: list[str], site: Path, cache_dir: Path) -> None:
    """Build one sub-site from the staged ``docs`` into ``site`` with the engine ``spec`` names."""
    if spec.engine == "zensical":
        from .zensical_engine import run_zensical

        run_zensical(config, spec, docs, hand_written, site, cache_dir)
    else:
        from .mkdocs_engine import run_mkdocs

        run_mkdocs(config, spec, docs, hand_written, site, cache_dir)


def course_site_url(site_url: str | None, spec: SiteBuild) -> str | None:
    """A course is published in its own folder below the catalog."""
    if site_url and spec.name != "catalog" and spec.homepage:
        return site_url.rstrip("/") + f"/{spec.name}/"
    return site_url


def build_search_index(spec: SiteBuild, docs: Path, hand_written: list[str], settings: MarkdownSettings, cut: Cut,
                 site_name: str) -> dict:
    """Our own search index of one sub-site, the same under every engine."""
    from .search_index import build_index, nav_labels, read_pages

    return build_index(spec.name, read_pages(docs), set(hand_written), settings, cut, site_name,
                       nav_labels(spec.nav), "../" if spec.homepage else None)

