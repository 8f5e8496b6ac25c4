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
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

TERM_FREQUENCY = 100_000
"""High enough that jieba keeps a key term (一岗双责, 党建带工建) in one piece."""
CACHE_FILE = "jieba.cache"

Cut = Callable[[str], list[str]]


def _whole(text: str) -> list[str]:
    return [text]


def _tokenizer(cache_dir: Path):
    """jieba's shared tokenizer, its dictionary loaded (from our cache when it is there)."""
    import jieba

    # jieba reports loading at DEBUG and a cache it could not write with a traceback;
    # neither is for a trainer's eyes, and a missing cache only costs a second.
    jieba.setLogLevel(logging.CRITICAL)
    tokenizer = jieba.dt
    if not tokenizer.initialized:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(cache_dir)
        tokenizer.cache_file = CACHE_FILE
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
