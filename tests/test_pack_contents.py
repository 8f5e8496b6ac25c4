"""The zip holds the files a browser can load, worked out from the site itself (issue #16 item 6)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from conftest import make_project
from generator import api
from generator.site_files import loaded_files


def write(root: Path, name: str, text: str = "") -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_loaded_files_follow_pages_styles_and_scripts(tmp_path):
    site = tmp_path / "site"
    write(site, "index.html", '<link rel="stylesheet" href="css/site.css"><script src="js/app.min.js"></script>'
                              '<a href="guide/">指南</a><img srcset="img/a.png 1x, img/b.png 2x">'
                              '<a href="https://example.org/x.js">外链</a><a href="#top">顶部</a>'
                              '<script type="application/json">{"worker": "js/worker.js"}</script>')
    write(site, "guide/index.html", '<script src="/js/app.min.js"></script>')
    write(site, "css/site.css", '@font-face { src: url("../fonts/f.woff2") } .x { background: url(bg.svg) }')
    write(site, "js/app.min.js", 'fetch(new URL("data/index.json", base));var t=`lang/${n}.min.js`;')
    write(site, "js/worker.js", "")
    write(site, "fonts/f.woff2")
    write(site, "css/bg.svg")
    write(site, "img/a.png")
    write(site, "img/b.png")
    write(site, "data/index.json", "{}")
    write(site, "lang/zh.min.js")  # only named through a template: not loaded
    write(site, "unused/old.css")
    write(site, "vendor/LICENSE")
    assert loaded_files(site) == {
        "index.html", "guide/index.html", "css/site.css", "js/app.min.js", "js/worker.js", "fonts/f.woff2",
        "css/bg.svg", "img/a.png", "img/b.png", "data/index.json", "vendor/LICENSE"}


def test_pack_leaves_out_what_no_page_loads(tmp_path):
    root = make_project(tmp_path / "project")
    package = api.pack(root)
    names = zipfile.ZipFile(package.path).namelist()
    top = "mini-1.0/"
    assert all(name.startswith(top) for name in names)
    inside = {name[len(top):] for name in names}
    assert not any(name.startswith("assets/javascripts/lunr/") for name in inside)
    assert {"index.html", "search/index.js", "assets/coursegen/search.js"} <= inside  # search.js names its index
    assert not any(name.endswith((".map", "sitemap.xml", "sitemap.xml.gz")) for name in inside)
    assert package.files == len(names)
    scorm = api.pack(root, scorm=True)
    assert scorm.path.name == "mini-1.0-scorm.zip"
    scorm_names = set(zipfile.ZipFile(scorm.path).namelist())
    assert scorm_names == inside | {"imsmanifest.xml", "scorm-launch.html"}  # at the zip's root
