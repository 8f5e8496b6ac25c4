"""Reserved names: every name the generator gives a page, folder or file that an id could also get.

Ids become paths: a course is ``site/<course>/``, a part ``<course>/<part>/``,
the concept and closing ``<course>/<id>.md``, a section ``<part>/<section>.md``
(or a folder when it holds measures), a measure ``<section>/<measure>.md``,
a checklist ``checklists/<id>.md``, and each part's quiz ``quiz/<part>.md``.
Wherever the generator, MkDocs or the theme puts a name of its own into the
same folder, an id with that name would silently overwrite it (or be
overwritten). This table says, once, which names those are and which kinds
of id they clash with; validation refuses the clashes and the renderers take
their names from here.

Adding a generated page is one line, e.g.
``GUIDE = reserve("guide", "学习指南页面 guide.md", PAGE)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class IdKind(Enum):
    """Kinds of id, by where the id ends up in the site."""

    COURSE = "课程标识"
    PART = "部分标识"
    TOPIC = "小节或举措的标识"
    PAGE = "开篇或结语的标识"
    CHECKLIST = "清单标识"
    OTHER = "标识"
    """Points, terms, resource kinds, checklist items, questions: never a file name today."""

    @property
    def label(self) -> str:
        return self.value


COURSE, PART, TOPIC, PAGE, CHECKLIST, OTHER = IdKind
EVERY_KIND = frozenset(IdKind)


@dataclass(frozen=True)
class ReservedName:
    name: str
    use: str
    """What the generator uses the name for, in Chinese (shown in messages and the README)."""
    clashes: frozenset[IdKind]


RESERVED: dict[str, ReservedName] = {}


def reserve(name: str, use: str, *clashes: IdKind) -> str:
    """Register a name the generator uses and the kinds of id it clashes with; return the name."""
    if name in RESERVED:
        raise ValueError(f"reserved twice: {name}")
    RESERVED[name] = ReservedName(name, use, frozenset(clashes))
    return name


# Pages and folders of each course (paths relative to the course folder).
INDEX = reserve("index", "目录页 index.md：课程首页、部分页、举措组页，以及测验和清单的目录", PAGE, PART, TOPIC, CHECKLIST)
GLOSSARY = reserve("glossary", "术语表页面 glossary.md", PAGE)
PROGRESS = reserve("progress", "学习进度页面 progress.md", PAGE)
LESSON_PLAN = reserve("lesson-plan", "教案页面 lesson-plan.md", PAGE)
QUIZ_DIR = reserve("quiz", "测验页面所在的文件夹 quiz/", PART)
FINAL_QUIZ = reserve("final", "综合测试页面 quiz/final.md", PART)
MISTAKES = reserve("mistakes", "错题本页面 quiz/mistakes.md", PART)
CHECKLIST_DIR = reserve("checklists", "清单页面所在的文件夹 checklists/", PART)
# What MkDocs and the theme write into every site folder (the catalog and each course).
ASSETS_DIR = reserve("assets", "主题的样式和脚本文件夹 assets/", COURSE, PART)
SEARCH_DIR = reserve("search", "搜索索引文件夹 search/", COURSE, PART)
NOT_FOUND = reserve("404", "“找不到页面”页 404.html", PAGE)
# What pack adds beside the course's pages.
SCORM_LAUNCH = reserve("scorm-launch", "SCORM 包的启动页 scorm-launch.html", PAGE)
# The catalog is built like a course, under this name.
CATALOG = reserve("catalog", "网站首页的课程目录在构建时用的名称", COURSE)
# Windows cannot create files with these names (in any folder, with any extension).
for _device in ("con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))):
    reserve(_device, "Windows 设备名，不能用作文件名", *EVERY_KIND)

RESERVED_HINT = "换一个标识；全部保留名称见 README 的“保留名称”一节"
PAGE_SUFFIX = ".md"
GENERATED_DIR = "generated"
"""``docs/generated/``: where the pages go; no id is placed beside it."""


def clash(name: str, kind: IdKind) -> ReservedName | None:
    """The reserved name an id of this kind would collide with, if any."""
    reserved = RESERVED.get(name)
    return reserved if reserved is not None and kind in reserved.clashes else None


def reserved_for(kind: IdKind) -> list[str]:
    """Every name an id of this kind may not take, in table order."""
    return [r.name for r in RESERVED.values() if kind in r.clashes]


def hand_written(docs_dir: Path) -> dict[str, ReservedName]:
    """Names that hand-written files at the top of ``docs/`` take in every site folder.

    They are copied into the catalog and into every course: ``docs/help.md``
    becomes ``<course>/help.html`` (a concept or closing id ``help`` would
    collide) and a folder ``docs/x/`` becomes ``site/x/`` and ``<course>/x/``
    (a course or part id ``x`` would collide).
    """
    found: dict[str, ReservedName] = {}
    try:
        entries = sorted(docs_dir.iterdir())
    except OSError:  # no docs/ (or unreadable): the build says so itself
        return found
    for entry in entries:
        if entry.name == GENERATED_DIR or entry.name.startswith("."):
            continue
        if entry.is_dir():
            found[entry.name] = ReservedName(entry.name, f"手写文件夹 docs/{entry.name}/", frozenset({COURSE, PART}))
        elif entry.suffix == PAGE_SUFFIX:
            found[entry.stem] = ReservedName(entry.stem, f"手写页面 docs/{entry.name}", frozenset({PAGE}))
    return found
