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
takes longer to import than jieba), and the cache is read in one piece and
unmarshalled from memory (jieba's ``marshal.load`` on the open file reads it in
small pieces and takes about four times as long).
"""

from __future__ import annotations

import contextlib
import logging
import marshal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

TERM_FREQUENCY = 100_000
"""High enough that jieba keeps a key term (一岗双责, 党建带工建) in one piece."""
CACHE_FILE = "jieba.cache"
MAX_CACHE_BYTES = 64 * 1024 * 1024
"""jieba's prepared dictionary is about 9 MB."""

Cut = Callable[[str], list[str]]


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


def _load_cache(tokenizer, path: Path) -> bool:
    """Fill ``tokenizer`` from a cache jieba wrote; False (and nothing changed) if it is not one."""
    from .errors import CourseGenError
    from .safe_files import read_bytes

    if tokenizer.dictionary is not None:  # a dictionary of its own: jieba compares times itself
        return False
    if not path.is_file():
        return False
    try:
        freq, total = marshal.loads(read_bytes(path.parent, path, MAX_CACHE_BYTES))
    except (CourseGenError, OSError, ValueError, EOFError, TypeError):
        freq = total = None
    if type(freq) is not dict or type(total) is not int or not freq:
        path.unlink(missing_ok=True)  # planted or garbled (jieba would take it): prepared and written again
        return False
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return True


def prefix_dictionary(data: bytes) -> tuple[dict[str, int], int]:
    """jieba's prepared dictionary (every word with its count, every prefix of a word with 0, and the
    total count) from its dict.txt, as ``Tokenizer.gen_pfdict`` makes it, in about a third less time."""
    freq: dict[str, int] = {}
    total = 0
    for line in data.decode("utf-8").splitlines():
        word, count = line.strip().split(" ")[:2]
        freq[word] = int(count)
        total += int(count)
    for word in list(freq):
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    return freq, total


def _prepare(tokenizer, path: Path) -> bool:
    """Prepare jieba's own dictionary (a fresh clone's first build) and keep it in ``path``."""
    from .atomic import write_atomically
    from .errors import CourseGenError

    if tokenizer.dictionary is not None:
        return False
    try:
        with tokenizer.get_dict_file() as source:
            freq, total = prefix_dictionary(source.read())
    except (OSError, ValueError):
        return False  # jieba prepares it and says why it cannot
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    try:
        write_atomically(path, marshal.dumps((freq, total)), durable=False)
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


@contextlib.contextmanager
def key_terms(terms: tuple[str, ...], cache_dir: Path) -> Iterator[Cut]:
    """A word cutter that keeps ``terms`` whole, for the length of the block."""
    try:
        tokenizer = _tokenizer(cache_dir)
    except ImportError:  # search still works, but Chinese words are not segmented
        yield _whole
        return
    saved_freq, saved_total = dict(tokenizer.FREQ), tokenizer.total
    try:
        for term in terms:
            tokenizer.add_word(term, TERM_FREQUENCY)
        yield tokenizer.lcut
    finally:
        tokenizer.FREQ, tokenizer.total = saved_freq, saved_total
