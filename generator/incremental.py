"""What changed since the last build, and reusing what did not.

Each sub-site (the catalog, every course) gets a fingerprint of everything
that shapes its output: its generated pages, nav and search terms, the
hand-written docs and assets, mkdocs.yml, and the generator itself (its
source, templates and theme overrides, and the versions of MkDocs and
material). A sub-site whose fingerprint matches the last successful build,
and whose output is still in place, is reused instead of rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .atomic import write_atomically
from .errors import CourseGenError
from .safe_files import file_digest, read_bytes, walk_files


MANIFEST_VERSION = 2
MAX_MANIFEST_BYTES = 1024 * 1024
GENERATOR_DIR = Path(__file__).parent


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


_SEEN: dict[tuple, bytes] = {}
"""Digests already taken in this process, by file and its size, time and inode (a build hashes a course twice)."""


def cached_file_digest(root: Path, path: Path) -> bytes:
    """A file's digest, taken once per process and kept across builds while its inode, size and times hold."""
    try:
        info = os.stat(path)
        key = (str(path), str(root), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    except OSError:
        return file_digest(root, path)  # it says why, in Chinese
    if key not in _SEEN:
        _SEEN[key] = file_digest(root, path)  # read through the safe layer the first time
    return _SEEN[key]


DIGESTS_FILE = "digests.json"
DIGESTS_VERSION = 1
_KEPT: dict[str, set[tuple]] = {}
"""The digests read from each work folder (kept again only if something changed)."""
SETTLED_NS = 2_000_000_000
"""A file changed this recently may change again within the same tick of its clock: not remembered."""


def remember_digests(work_root: Path) -> None:
    """Take the digests the last build kept in ``work_root`` (a one-course edit then reads that course alone)."""
    kept = _KEPT.setdefault(str(work_root), set())
    try:
        data = json.loads(read_bytes(work_root, work_root / DIGESTS_FILE, MAX_MANIFEST_BYTES * 16))
        if data.get("version") == DIGESTS_VERSION:
            for *key, digest in data["files"]:
                _SEEN.setdefault(tuple(key), bytes.fromhex(digest))
                kept.add(tuple(key))
    except (CourseGenError, ValueError, KeyError, TypeError, AttributeError):
        pass  # missing or garbled: files are read and hashed again


def keep_digests(work_root: Path) -> None:
    """Keep this process's digests of the project's (and coursegen's) files that have settled,
    by path, inode, size and times."""
    settled, roots = time.time_ns() - SETTLED_NS, {str(work_root.parent), str(GENERATOR_DIR)}
    files = [[*key, digest.hex()] for key, digest in _SEEN.items()
             if key[1] in roots and key[5] < settled and key[6] < settled]
    if {tuple(entry[:-1]) for entry in files} == _KEPT.get(str(work_root)):
        return  # nothing new: a build that changes nothing writes nothing
    try:
        write_atomically(work_root / DIGESTS_FILE, json.dumps({"version": DIGESTS_VERSION, "files": files}),
                         durable=False)
    except (CourseGenError, OSError):
        pass  # only a cache


def files_digest(base: Path, files: list[Path], project_root: Path | None = None) -> str:
    """Names (relative to ``base``) and contents of files inside ``project_root``, hashed in chunks."""
    parts: list[bytes] = []
    for path in sorted(files):
        parts += [path.relative_to(base).as_posix().encode(), cached_file_digest(project_root or base, path)]
    return _digest(*parts)


@lru_cache(maxsize=1)
def generator_digest() -> str:
    """The generator's own version: its code, templates, theme, and the tools it drives."""
    files = [p for p in GENERATOR_DIR.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    versions = ";".join(f"{name}={_version(name)}" for name in ("mkdocs", "mkdocs-material", "jieba"))
    return _digest(files_digest(GENERATOR_DIR, files).encode(), versions.encode())


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


def inputs_digest(root: Path, config_text: str, docs_root: Path, hand_written: list[Path]) -> str:
    """What every sub-site shares: mkdocs.yml (as MkDocs gets it), hand-written docs and assets, the generator."""
    return _digest(config_text.encode("utf-8"), files_digest(docs_root, hand_written, root).encode(),
                   generator_digest().encode())


def build_fingerprint(shared: str, pages: Mapping[str, str], nav: list, search_terms: tuple[str, ...],
                      homepage: str | None) -> str:
    """What shapes one sub-site; pages kept by an earlier build bring their digest (they are not read)."""
    digest = getattr(pages, "digest", None) or pages_digest(pages)
    specific = json.dumps([digest, nav, list(search_terms), homepage], ensure_ascii=False, sort_keys=True)
    return _digest(shared.encode(), specific.encode())


def pages_digest(pages: Mapping[str, str]) -> str:
    """One digest of a sub-site's pages (names and text)."""
    return hashlib.sha256(json.dumps(sorted(pages.items()), ensure_ascii=False).encode("utf-8")).hexdigest()


class Manifest:
    """Fingerprints of the last successful build of one site folder."""

    def __init__(self, work_root: Path, site: Path):
        key = hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:16]
        self.path = work_root / f"manifest-{key}.json"

    def _load(self) -> dict:
        try:
            data = json.loads(read_bytes(self.path.parent, self.path, MAX_MANIFEST_BYTES))
        except (CourseGenError, ValueError):
            return {}  # missing, planted or garbled: build everything
        return data if isinstance(data, dict) and data.get("version") == MANIFEST_VERSION else {}

    def read(self) -> dict[str, str]:
        return self._strings("builds")

    def stamps(self) -> dict[str, str]:
        """Each sub-site's generated pages as the last build left them (see :func:`site_assembly.stamp`)."""
        return self._strings("generated")

    def _strings(self, field: str) -> dict[str, str]:
        value = self._load().get(field)
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def sources(self) -> str | None:
        """The project fingerprint of the last successful build (see :func:`sources_digest`)."""
        value = self._load().get("sources")
        return value if isinstance(value, str) else None

    def write(self, fingerprints: dict[str, str], sources: str | None = None,
              stamps: dict[str, str] | None = None) -> None:
        document = {"version": MANIFEST_VERSION, "builds": fingerprints, "sources": sources,
                    "generated": stamps or {}}
        write_atomically(self.path, json.dumps(document, sort_keys=True))


def sources_digest(root: Path, content: Path, quizzes: Path, shared: str) -> str | None:
    """Every source file of the project, plus what every sub-site shares.

    When this matches the last successful build, nothing can have changed:
    the same valid sources through the same generator give the same site, so
    the build need not even read the YAML again. None when a source cannot be
    read safely: the loader then reports it at its place.
    """
    try:
        files = [path for folder in (content, quizzes) for path in walk_files(root, folder)]
        return _digest(files_digest(root, files).encode(), shared.encode())
    except CourseGenError:
        return None
