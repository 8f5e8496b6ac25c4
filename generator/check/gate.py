"""The checks as ``coursegen build`` runs them: before anything is put in place, stopping the build on errors.

Kept apart from :mod:`.runner` so that the build command can make its gate
without loading the checks themselves; they load when the gate first runs,
while Zensical renders.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CourseGenError

if TYPE_CHECKING:
    from .runner import CheckReport


class CheckFailed(CourseGenError):
    """``coursegen build`` stops: the checks found errors (or, with --strict, warnings)."""


class BuildGate:
    """What ``coursegen build`` runs after validating and before rendering: the checks of ``coursegen check``.

    Errors (and with --strict warnings) stop the build at once, their findings
    printed first. Warnings that do not stop it are kept and printed by
    :meth:`report` once the build has succeeded, so a build that fails for
    another reason (a lock, MkDocs) shows only that reason.
    """

    def __init__(self, root: Path, strict: bool, echo: Callable[[str], None]):
        self.root, self.strict, self.echo = root, strict, echo
        self.checked: CheckReport | None = None

    def __call__(self, courses: list) -> None:
        """``courses``: validated courses, or a build's course results (unchanged ones reuse their findings)."""
        from ..project import Project
        from ..site import work_root
        from .reuse import check_results

        self.checked = check_results(self.root, courses, work_root(Project(self.root)))
        if self.checked.failed(self.strict):
            self.report()
            reason = "有错误" if self.checked.errors else "有警告（--strict）"
            raise CheckFailed(f"题库检查{reason}，未生成网站；原有的 site/ 保持不变。"
                              "（提示：按上面的提示修改，或运行 coursegen check 查看详情）")

    def report(self) -> None:
        from .output import summary_line

        if self.checked is None or not self.checked.findings:
            return
        for finding in self.checked.findings:
            self.echo(str(finding))
        self.echo(summary_line(self.checked, self.strict))
