"""Word segmentation for the search index: jieba's dictionary loaded fast, from the project's cache, cutting as jieba does."""

from __future__ import annotations

import json
import marshal
import subprocess
import sys
from pathlib import Path

from conftest import REPO

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
    cache = tmp_path / "jieba.cache"
    assert cache.is_file()
    prepared = cache.read_bytes()
    second = cut_in_new_process(tmp_path)
    assert second["words"] == first["words"] and "一岗双责" in first["words"]
    assert not second["pkg_resources"] and not first["pkg_resources"]
    assert cache.read_bytes() == prepared  # read, not prepared again


def test_a_garbled_or_foreign_cache_is_prepared_again(tmp_path):
    reference = cut_in_new_process(tmp_path / "clean")["words"]
    for name, data in {"truncated": (tmp_path / "clean" / "jieba.cache").read_bytes()[:1000],
                       "empty-dictionary": marshal.dumps(({}, 0)),
                       "not-a-pair": marshal.dumps(["党建", 1, 2])}.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "jieba.cache").write_bytes(data)
        assert cut_in_new_process(folder)["words"] == reference, name


def test_the_dictionary_is_prepared_as_jieba_prepares_it():
    """A fresh clone's first build prepares jieba's dictionary itself, a third faster than jieba."""
    from generator.segmentation import _import_jieba, prefix_dictionary

    tokenizer = _import_jieba().Tokenizer()
    with tokenizer.get_dict_file() as source:
        assert prefix_dictionary(source.read()) == tokenizer.gen_pfdict(tokenizer.get_dict_file())
