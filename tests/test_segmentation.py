"""Word segmentation for the search index: jieba's dictionary loaded fast, from the project's cache, cutting as jieba does."""

from __future__ import annotations

import json
import marshal
import subprocess
import sys
import zlib
from pathlib import Path

from conftest import REPO

from generator.segmentation import CACHE_FILE, TERM_FREQUENCY

TEXT = "整合党建资源，推动机关党建与业务工作深度融合，落实一岗双责。"
_CUT = """
import json, sys
from pathlib import Path
from generator.segmentation import key_terms
with key_terms(("一岗双责",), Path(sys.argv[1])) as cut:
    words = cut(sys.argv[2])
print(json.dumps({"words": words, "pkg_resources": "pkg_resources" in sys.modules}))
"""


def cut_in_new_process(cache_dir: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _CUT, str(cache_dir), TEXT], cwd=REPO, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def test_the_cache_is_read_back_and_cuts_as_a_fresh_dictionary(tmp_path):
    """The second build reads the prepared dictionary from .coursegen/ (without importing pkg_resources,
    which took longer than jieba itself) and cuts exactly as the first, which prepared it."""
    first = cut_in_new_process(tmp_path)
    cache = tmp_path / CACHE_FILE
    assert cache.is_file()
    prepared = cache.read_bytes()
    second = cut_in_new_process(tmp_path)
    assert second["words"] == first["words"] and "一岗双责" in first["words"]
    assert not second["pkg_resources"] and not first["pkg_resources"]
    assert cache.read_bytes() == prepared  # read, not prepared again


def test_a_garbled_or_foreign_cache_is_prepared_again(tmp_path):
    reference = cut_in_new_process(tmp_path / "clean")["words"]
    good = (tmp_path / "clean" / CACHE_FILE).read_bytes()
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0xFF
    for name, data in {"truncated": good[:1000], "one-byte-changed": bytes(flipped),
                       "whole-dictionary-of-jieba": marshal.dumps(({"党建": 3}, 3)),
                       "not-a-tuple": zlib.crc32(wrong := marshal.dumps(["党建", 1, 2])).to_bytes(4, "big") + wrong}.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / CACHE_FILE).write_bytes(data)
        assert cut_in_new_process(folder)["words"] == reference, name
        assert (folder / CACHE_FILE).read_bytes() == good, name  # prepared and written again


def test_an_earlier_versions_cache_is_removed(tmp_path):
    (tmp_path / "jieba.cache").write_bytes(marshal.dumps(({"党建": 3}, 3)))
    cut_in_new_process(tmp_path)  # prepares the cache
    cut_in_new_process(tmp_path)  # reads it
    assert sorted(p.name for p in tmp_path.iterdir()) == [CACHE_FILE]


_CUT_ALL = """
import json, sys
from pathlib import Path
from generator.segmentation import TERM_FREQUENCY, _import_jieba, key_terms
lines = Path(sys.argv[2]).read_text(encoding="utf-8").splitlines()
terms = tuple(json.loads(sys.argv[3]))
with key_terms(terms, Path(sys.argv[1])) as cut:
    ours = [cut(line) for line in lines]
    counts = {term: _import_jieba().dt.FREQ.get(term) for term in terms}
reference = _import_jieba().Tokenizer()  # jieba's own, with its whole dictionary
reference.initialize()
for term in terms:
    reference.add_word(term, TERM_FREQUENCY)
print(json.dumps({"ours": ours, "jieba": [reference.lcut(line) for line in lines], "counts": counts},
                 ensure_ascii=False))
"""


def test_a_cut_from_the_dictionary_in_pieces_is_jiebas_cut(tmp_path):
    """A build unpacks only the pieces of the dictionary its text needs: every line of the example
    course's content is cut exactly as jieba cuts it with its whole dictionary (cache prepared, then read)."""
    text = tmp_path / "content.txt"
    text.write_text("\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "content").rglob("*.yml"))),
                    encoding="utf-8")
    # 机关 and 党建 are words of jieba's dictionary too: their pieces must not undo the key terms' counts
    terms = json.dumps(["一岗双责", "党建带工建", "整合党建资源", "机关党建", "机关", "党建"], ensure_ascii=False)
    for run in ("prepares the cache", "reads it"):
        out = subprocess.run([sys.executable, "-c", _CUT_ALL, str(tmp_path / "cache"), str(text), terms], cwd=REPO,
                             capture_output=True, text=True, check=True)
        cuts = json.loads(out.stdout)
        assert len(cuts["ours"]) > 500, run
        assert cuts["ours"] == cuts["jieba"], run
        assert set(cuts["counts"].values()) == {TERM_FREQUENCY}, run


def test_key_terms_leave_jiebas_dictionary_exactly_as_it_was(tmp_path):
    from generator.segmentation import _tokenizer, key_terms, load_dictionary

    load_dictionary(tmp_path)
    tokenizer = _tokenizer(tmp_path)
    before, total = dict(tokenizer.FREQ), tokenizer.total
    with key_terms(("一岗双责", "党建带工建", "新词甲乙丙"), tmp_path) as cut:
        assert "新词甲乙丙" in cut("他说新词甲乙丙很好")
        assert tokenizer.FREQ != before
    assert tokenizer.FREQ == before and tokenizer.total == total


def test_the_dictionary_is_prepared_as_jieba_prepares_it():
    """A fresh clone's first build prepares jieba's dictionary itself, in pieces: the same words and counts."""
    from generator.segmentation import _import_jieba, prefix_pieces

    tokenizer = _import_jieba().Tokenizer()
    with tokenizer.get_dict_file() as source:
        pieces, total = prefix_pieces(source.read())
    assert all(word[0] == char for char, piece in pieces.items() for word in piece)
    merged = {word: count for piece in pieces.values() for word, count in piece.items()}
    assert (merged, total) == tokenizer.gen_pfdict(tokenizer.get_dict_file())
