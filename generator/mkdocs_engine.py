"""Running MkDocs: on the safe copy of mkdocs.yml, with only MkDocs' own errors caught.

MkDocs never reads mkdocs.yml itself: it gets the YAML that
:mod:`generator.config_yaml` wrote from checked, plain data (through its
public ``load_config``), so no tag in the file can run code. Its
configuration complaints become Chinese problems at the line of the
setting; a failed build keeps the old site. Anything else that goes wrong
is a bug in coursegen and reaches the CLI's crash report unchanged.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .config_yaml import SiteConfig
from .engines import THEME_OVERRIDES, SiteBuild, course_site_url, build_search_index
from .errors import ContentError, SiteBuildError
from .mkdocs_messages import config_problems
from .search_index import MarkdownSettings, drop_theme_search, write_index
from .segmentation import key_terms


class _CollectMessages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _mkdocs_messages() -> Iterator[_CollectMessages]:
    handler = _CollectMessages()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def _mkdocs_errors() -> tuple[type[BaseException], ...]:
    """What MkDocs raises for a problem in the project: its own errors and its templates'."""
    import jinja2
    from mkdocs.exceptions import MkDocsException

    return MkDocsException, jinja2.TemplateError


def load_mkdocs_config(config: SiteConfig, **overrides: Any):
    """MkDocs' validated configuration from our safe copy; ContentError in Chinese if it refuses it."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    source = io.BytesIO(config.mkdocs_text().encode("utf-8"))
    with _mkdocs_messages() as messages:
        try:
            return load_config(source, config_file_path=str(config.path), strict=True, **overrides)
        except (Abort, ConfigurationError) as exc:  # MkDocs logged each reason before aborting
            problems = config_problems(config, messages.messages)
            if not problems:
                raise SiteBuildError(f"MkDocs 不接受 mkdocs.yml：{str(exc)[:200]}") from None
            raise ContentError(problems) from None


def check_with_mkdocs(config: SiteConfig, docs_dir: Path, site_dir: Path) -> None:
    """Let MkDocs validate mkdocs.yml before anything is rendered (its plugins, extensions, types)."""
    load_mkdocs_config(config, docs_dir=str(docs_dir), site_dir=str(site_dir), nav=[])


def _add_theme_overrides(mkdocs_config) -> None:
    """Put our template overrides just above material's own templates.

    A project's own ``custom_dir`` stays first, so trainers can still
    override anything, and mkdocs.yml needs no path into this package.
    """
    import material

    material_dir = os.path.dirname(material.__file__)
    dirs = mkdocs_config.theme.dirs
    position = next((i for i, d in enumerate(dirs) if os.path.abspath(d).startswith(material_dir)), 0)
    dirs.insert(position, str(THEME_OVERRIDES))


def run_mkdocs(config: SiteConfig, spec: SiteBuild, docs: Path, hand_written: list[str], site: Path,
               cache_dir: Path, search: bool = True) -> None:
    """Build one sub-site from the staged ``docs`` into ``site``, with our own search index (unless not ``search``).

    Hand-written pages follow the generated nav; ``cache_dir`` keeps jieba's dictionary cache.
    """
    from mkdocs.commands.build import build

    with _mkdocs_messages() as messages, key_terms(spec.search_terms, cache_dir) as cut:
        try:
            mkdocs_config = load_mkdocs_config(config, docs_dir=str(docs), site_dir=str(site),
                                               nav=spec.nav + hand_written)
            _add_theme_overrides(mkdocs_config)
            if spec.homepage:
                mkdocs_config.extra["homepage"] = spec.homepage  # the logo leads back to the catalog
            mkdocs_config.site_url = course_site_url(mkdocs_config.site_url, spec)
            build(mkdocs_config)
        except _mkdocs_errors() as exc:
            details = "\n".join(f"  {m}" for m in messages.messages) or f"  {exc}"
            raise SiteBuildError(f"MkDocs 构建失败，原有的 site/ 保持不变：\n{details}") from None
        if search:
            settings = MarkdownSettings(mkdocs_config.markdown_extensions, mkdocs_config.mdx_configs,
                                        mkdocs_config.use_directory_urls)
            write_index(site, build_search_index(spec, docs, hand_written, settings, cut, mkdocs_config.site_name))
    drop_theme_search(site, mkdocs_config.plugins)
