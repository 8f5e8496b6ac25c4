"""The golden files: what the generator makes from tests/fixtures/mini, kept in tests/golden/.

Tests only compare; they never write. After a deliberate change of the
output, review the difference and accept it with the one update command:

    .venv/bin/python scripts/update-goldens.py
"""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_COMMAND = ".venv/bin/python scripts/update-goldens.py"


def expected() -> dict[str, bytes]:
    """Every golden file (path relative to tests/golden/) with the bytes the generator makes now."""
    from generator import api

    _, rendered = api.generate(FIXTURES / "mini")
    files = {f"mini/{path}": text.encode("utf-8") for path, text in rendered.pages.items()}
    (data,) = api.export(FIXTURES / "mini", "json", "mini").files.values()
    files["mini-questions.json"] = data
    return files


def committed() -> dict[str, bytes]:
    return {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in sorted(GOLDEN.rglob("*")) if p.is_file()}


def differences(now: dict[str, bytes] | None = None) -> list[str]:
    """Golden files that are missing, stale or no longer made, in path order."""
    now = expected() if now is None else now
    have = committed()
    return sorted(path for path in set(now) | set(have) if now.get(path) != have.get(path))


def update() -> list[str]:
    """Rewrite tests/golden/ to what the generator makes now; return what changed."""
    now = expected()
    changed = differences(now)
    for path in changed:
        target = GOLDEN / path
        if path in now:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(now[path])
        else:
            target.unlink()
    return changed
