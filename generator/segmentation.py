"""Chinese word segmentation for the search index, the same on every build.

We segment Han text with jieba's default tokenizer. Loading a user dictionary
into it is cumulative (each load raises the total frequency), so in a
long-running process, or with several courses, the same page would be cut
differently from one build to the next. We add a course's key terms for the
length of one build and then restore jieba exactly.

jieba caches its prepared dictionary in the system temporary folder unless told
otherwise. That file belongs to whoever built first, so a second user's build
could neither replace it (jieba printed "Dump cache file failed." with a
traceback) nor trust it. The cache lives in the project's own work folder.

Loading is on every build's path, so it is made cheap: jieba is imported
without ``pkg_resources`` (which it only uses to find its own files, and which
takes longer to import than jieba), and our cache keeps the prepared dictionary
in one piece per first character, of which a build unpacks only those its text
needs (jieba only looks up runs of the text it cuts, so the words are the same).
"""

from __future__ import annotations

import contextlib
import logging
import marshal
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

TERM_FREQUENCY = 100_000
"""High enough that jieba keeps a key term (一岗双责, 党建带工建) in one piece."""
CACHE_FILE = "jieba-pieces.cache"
OLD_CACHE_FILES = ("jieba.cache",)
"""Caches of earlier versions (the whole dictionary in one piece): removed when found."""
CACHE_FORMAT = "coursegen-jieba-pieces-1"
MAX_CACHE_BYTES = 64 * 1024 * 1024
"""jieba's prepared dictionary is about 9 MB."""

Cut = Callable[[str], list[str]]

_pending: dict[str, bytes] = {}
"""Pieces of the prepared dictionary (one per first character) not yet in jieba's: jieba only ever looks up
runs of the text it cuts, so a piece is needed only when its character occurs in that text (the speech's
course uses about half of the dictionary)."""


def _whole(text: str) -> list[str]:
    return [text]


def _import_jieba():
    """``import jieba``, without letting it import ``pkg_resources`` (its fallback finds the same files)."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes its import fail at once
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def _load_for(tokenizer, text: str) -> None:
    """Add to jieba's dictionary the pieces for the characters of ``text`` not loaded yet."""
    if _pending:
        for char in [char for char in set(text) if char in _pending]:
            piece = marshal.loads(_pending.pop(char))
            if type(piece) is dict:  # the file's checksum matched: only a planted file could differ
                tokenizer.FREQ.update(piece)


def _use_pieces(tokenizer, pieces: dict[str, bytes], total: int) -> None:
    """jieba's dictionary from these pieces, each unpacked when a text first needs it."""
    _pending.clear()
    _pending.update(pieces)
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = {}, total, True


def _load_cache(tokenizer, path: Path) -> bool:
    """Set ``tokenizer`` to read its dictionary piece by piece from our cache; False if it is not one."""
    from .errors import CourseGenError
    from .safe_files import read_bytes

    if tokenizer.dictionary is not None:  # a dictionary of its own: jieba compares times itself
        return False
    for old in OLD_CACHE_FILES:
        (path.parent / old).unlink(missing_ok=True)
    if not path.is_file():
        return False
    try:
        data = read_bytes(path.parent, path, MAX_CACHE_BYTES)
        digest, payload = data[:4], data[4:]
        fields = marshal.loads(payload) if zlib.crc32(payload).to_bytes(4, "big") == digest else None
    except (CourseGenError, OSError, ValueError, EOFError, TypeError):
        fields = None
    if not (type(fields) is tuple and len(fields) == 3 and fields[0] == CACHE_FORMAT and type(fields[1]) is int
            and type(fields[2]) is dict and fields[2] and all(type(v) is bytes for v in fields[2].values())):
        path.unlink(missing_ok=True)  # garbled, truncated or another version's: prepared and written again
        return False
    _use_pieces(tokenizer, fields[2], fields[1])
    return True


def prefix_pieces(data: bytes) -> tuple[dict[str, dict[str, int]], int]:
    """jieba's prepared dictionary (every word with its count, every prefix of a word with 0, and the
    total count) from its dict.txt, as ``Tokenizer.gen_pfdict`` makes it but in one piece per first
    character (a word's prefixes share its piece), in a little less time than jieba takes for one piece."""
    pieces: dict[str, dict[str, int]] = {}
    total = 0
    for line in data.decode("utf-8").splitlines():
        word, count = line.strip().split(" ")[:2]
        piece = pieces.get(word[0])
        if piece is None:
            piece = pieces[word[0]] = {}
        piece[word] = int(count)
        total += int(count)
    for piece in pieces.values():
        for word in list(piece):
            for end in range(1, len(word)):
                piece.setdefault(word[:end], 0)
    return pieces, total


def cache_bytes(pieces: dict[str, bytes], total: int) -> bytes:
    """The cache file: the dictionary's pieces (each already marshalled), after a checksum of it all
    (a file cut short or damaged is prepared again, never half used)."""
    payload = marshal.dumps((CACHE_FORMAT, total, pieces))
    return zlib.crc32(payload).to_bytes(4, "big") + payload


def _prepare(tokenizer, path: Path) -> bool:
    """Prepare jieba's own dictionary (a fresh clone's first build) and keep it in ``path``."""
    from .atomic import write_atomically
    from .errors import CourseGenError

    if tokenizer.dictionary is not None:
        return False
    try:
        with tokenizer.get_dict_file() as source:
            pieces, total = prefix_pieces(source.read())
    except (OSError, ValueError):
        return False  # jieba prepares it and says why it cannot
    packed = {char: marshal.dumps(piece) for char, piece in pieces.items()}
    _use_pieces(tokenizer, packed, total)
    try:
        write_atomically(path, cache_bytes(packed, total), durable=False)
    except (CourseGenError, OSError):
        pass  # only a cache: prepared again next time
    return True


def _tokenizer(cache_dir: Path):
    """jieba's shared tokenizer, its dictionary loaded (from our cache when it is there)."""
    jieba = _import_jieba()

    # jieba reports loading at DEBUG and a cache it could not write with a traceback;
    # neither is for a trainer's eyes, and a missing cache only costs a second.
    jieba.setLogLevel(logging.CRITICAL)
    tokenizer = jieba.dt
    if not tokenizer.initialized:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(cache_dir)
        tokenizer.cache_file = CACHE_FILE
        if not _load_cache(tokenizer, cache_dir / CACHE_FILE) and not _prepare(tokenizer, cache_dir / CACHE_FILE):
            tokenizer.check_initialized()
    return tokenizer


def load_dictionary(cache_dir: Path) -> None:
    """Load all of jieba's dictionary now (before forking workers, which then share it)."""
    try:
        tokenizer = _tokenizer(cache_dir)
    except ImportError:
        return
    _load_for(tokenizer, "".join(_pending))


@contextlib.contextmanager
def key_terms(terms: tuple[str, ...], cache_dir: Path) -> Iterator[Cut]:
    """A word cutter that keeps ``terms`` whole, for the length of the block."""
    try:
        tokenizer = _tokenizer(cache_dir)
    except ImportError:  # search still works, but Chinese words are not segmented
        yield _whole
        return
    _load_for(tokenizer, "".join(terms))  # before the terms are added: a piece loaded later would overwrite them
    missing = object()
    saved = {}
    for term in terms:
        for end in range(1, len(term) + 1):
            saved.setdefault(term[:end], tokenizer.FREQ.get(term[:end], missing))
    saved_total = tokenizer.total

    split_runs = _import_jieba().re_han_default.split  # how jieba splits a text before it cuts each run
    runs: dict[str, list[str]] = {}  # what each run was cut into, while the terms are in

    def cut(text: str) -> list[str]:
        """jieba cuts each run of letters on its own: a run met again (headings, options, phrases that
        recur) is not cut again."""
        _load_for(tokenizer, text)
        words = []
        for run in split_runs(text):
            if run:
                found = runs.get(run)
                if found is None:
                    found = runs[run] = tokenizer.lcut(run)
                words += found
        return words

    try:
        for term in terms:
            tokenizer.add_word(term, TERM_FREQUENCY)
        yield cut
    finally:  # exactly as before: only the terms and their prefixes changed
        for word, count in saved.items():
            if count is missing:
                tokenizer.FREQ.pop(word, None)
            else:
                tokenizer.FREQ[word] = count
        tokenizer.total = saved_total
