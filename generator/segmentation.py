"""Chinese word segmentation for the search index, the same on every build.

material's search plugin segments Han text with jieba's default tokenizer.
Loading a user dictionary into it is cumulative (each load raises the total
frequency), so in a long-running process, or with several courses, the same
page would be cut differently from one build to the next. We add a course's
key terms for the length of one build and then restore jieba exactly.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

TERM_FREQUENCY = 100_000
"""High enough that jieba keeps a key term (一岗双责, 党建带工建) in one piece."""


@contextlib.contextmanager
def key_terms(terms: tuple[str, ...]) -> Iterator[None]:
    try:
        import jieba
    except ImportError:  # search still works, but Chinese words are not segmented
        yield
        return
    jieba.setLogLevel(logging.WARNING)  # it reports loading its dictionary at INFO
    tokenizer = jieba.dt
    tokenizer.check_initialized()
    saved_freq, saved_total = dict(tokenizer.FREQ), tokenizer.total
    try:
        for term in terms:
            tokenizer.add_word(term, TERM_FREQUENCY)
        yield
    finally:
        tokenizer.FREQ, tokenizer.total = saved_freq, saved_total
