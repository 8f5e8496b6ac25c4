"""generator/incremental.py's fingerprints, one rule at a time (found by the mutation run, see TESTING.md)."""

from __future__ import annotations

from generator.incremental import _digest


def test_a_fingerprint_tells_where_one_part_ends_and_the_next_begins():
    # without the length of each part, a page "ab" + nav "c" would match a page "a" + nav "bc"
    assert _digest(b"ab", b"c") != _digest(b"a", b"bc")
    assert _digest(b"", b"x") != _digest(b"x", b"")
    assert _digest(b"a", b"bc") == _digest(b"a", b"bc")


def test_a_stamp_of_generated_pages_sees_a_rewrite_an_addition_a_removal_and_a_link(tmp_path):
    """Unchanged courses' generated pages are judged by their stamp, not read (site_assembly.py)."""
    import os

    from generator.site_assembly import stamp

    folder = tmp_path / "course"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep" / "page.md").write_text("页", encoding="utf-8")
    first = stamp(folder)
    assert first is not None and stamp(folder) == first
    (folder / "deep" / "page.md").write_text("新页", encoding="utf-8")
    second = stamp(folder)
    assert second != first
    (folder / "extra.md").write_text("多", encoding="utf-8")
    assert stamp(folder) not in (first, second)
    (folder / "extra.md").unlink()
    assert stamp(folder) == second
    os.symlink(tmp_path / "elsewhere.md", folder / "linked.md")
    assert stamp(folder) is None and stamp(tmp_path / "missing") is None


def test_identical_assets_of_courses_are_shared_and_counted(tmp_path):
    from generator.site_assembly import share_identical_assets

    site = tmp_path / "site"
    for folder in (site / "assets", site / "a" / "assets", site / "b" / "assets"):
        folder.mkdir(parents=True)
        (folder / "same.css").write_text("body{}", encoding="utf-8")
    (site / "a" / "assets" / "own.css").write_text("a{}", encoding="utf-8")
    (site / "assets" / "own.css").write_text("b{}", encoding="utf-8")
    assert share_identical_assets(site, ["a", "b"]) == 2
    inodes = {(site / p / "same.css").stat().st_ino for p in ("assets", "a/assets", "b/assets")}
    assert len(inodes) == 1 and (site / "a" / "assets" / "own.css").read_text(encoding="utf-8") == "a{}"
    assert share_identical_assets(site, ["a", "b"]) == 0  # already shared
