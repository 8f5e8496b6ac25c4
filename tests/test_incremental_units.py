"""generator/incremental.py's fingerprints, one rule at a time (found by the mutation run, see TESTING.md)."""

from __future__ import annotations

from generator.incremental import _digest


def test_a_fingerprint_tells_where_one_part_ends_and_the_next_begins():
    # without the length of each part, a page "ab" + nav "c" would match a page "a" + nav "bc"
    assert _digest(b"ab", b"c") != _digest(b"a", b"bc")
    assert _digest(b"", b"x") != _digest(b"x", b"")
    assert _digest(b"a", b"bc") == _digest(b"a", b"bc")
