"""The record code of an exported learning record, computed as the site computes it (record-code.js).

SHA-256 over the record's canonical JSON (keys sorted, no spaces, text as
JavaScript's JSON.stringify writes it) without ``exported`` and ``code``; the
first 16 hex digits in groups of four. It shows that a file was edited after
export; it is no proof against someone who sets out to forge one.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
UNHASHED = ("exported", "code")


def canonical(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    # JSON.stringify escapes a lone surrogate; Python would write it raw (and could not encode it).
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def record_code(document: dict[str, Any]) -> str:
    content = {key: value for key, value in document.items() if key not in UNHASHED}
    digest = hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()[:16].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))
