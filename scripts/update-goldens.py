"""Accept the generator's current output as the golden files in tests/golden/.

    .venv/bin/python scripts/update-goldens.py

The tests only compare with the goldens and never rewrite them. Run this
after a deliberate change, then read ``git diff tests/golden`` before you
commit: the goldens are how a reviewer sees what the change did to pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from goldens import update  # noqa: E402

if __name__ == "__main__":
    changed = update()
    for path in changed:
        print(f"updated tests/golden/{path}")
    print(f"{len(changed)} golden file(s) changed" if changed else "golden files are up to date")
