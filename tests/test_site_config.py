"""mkdocs.yml is read by coursegen, never by MkDocs (issue #10 F1, F6, F22).

No tag runs code, alias bombs are refused in moments, nothing outside the
project is read through it, and what MkDocs itself would say in English
without a line is said in Chinese at the line of the setting.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.project import Project

FOOTER = "共发现 1 个问题，涉及 1 个文件。\n内容有误，未生成网站；原有的 site/ 保持不变。\n"
CODE_TAG_HINT = "（提示：删除这个标签；mkdocs.yml 不能写会执行代码的标签，MkDocs 自己的 !ENV 和 !relative 可以照常使用）"


def _edit(project: Path, old: str, new: str, name: str = "mkdocs.yml") -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("command", ["build", "pack", "serve"])
def test_python_tags_in_mkdocs_yml_never_run(project, invoke, monkeypatch, command):
    monkeypatch.chdir(project)
    _edit(project, "site_name: 机关党建学习平台", 'site_name: !!python/object/apply:os.system ["touch pwned.txt"]')
    expected = ("mkdocs.yml:5:12: site_name: 不允许的 YAML 标签“!!python/object/apply:os.system”：它会让 MkDocs 执行代码"
                f"{CODE_TAG_HINT}\n共发现 1 个问题，涉及 1 个文件。")
    if command == "serve":  # the preview's first build, without starting a server
        from generator.serve import _rebuild

        class Server:
            building = __import__("threading").Lock()
            published: list = []

            def publish(self, error):
                self.published.append(error)

        (project / "preview").mkdir()
        _rebuild(Project(project), project / "preview", Server(), lambda text: None)
        assert Server.published == [expected]
    else:
        result = invoke(command)
        assert (result.exit_code, result.stderr) == (1, f"{expected}\n内容有误，未生成网站；原有的 site/ 保持不变。\n")
    assert not (project / "pwned.txt").exists()


@pytest.mark.parametrize(("value", "tag"), [
    ("!!python/name:os.getcwd", "!!python/name:os.getcwd"),
    ("!!python/module:os", "!!python/module:os"),
    ("!!python/object/new:os.system [x]", "!!python/object/new:os.system"),
])
def test_every_code_tag_is_refused_where_it_is_written(project, invoke, value, tag):
    _edit(project, "  generator: false", f"  generator: false\n  hook: {value}")
    result = invoke("build", "-p", str(project))
    assert result.stderr == (f"mkdocs.yml:45:9: extra.hook: 不允许的 YAML 标签“{tag}”：它会让 MkDocs 执行代码"
                             f"{CODE_TAG_HINT}\n{FOOTER}")


def test_an_inherited_file_is_read_as_carefully(project, invoke):
    _edit(project, "site_name: 机关党建学习平台", "INHERIT: base.yml\nsite_name: 机关党建学习平台")
    (project / "base.yml").write_text('site_author: !!python/object/apply:os.system ["touch pwned.txt"]\n',
                                      encoding="utf-8")
    result = invoke("build", "-p", str(project))
    assert result.stderr == ("base.yml:1:14: site_author: 不允许的 YAML 标签“!!python/object/apply:os.system”："
                             f"它会让 MkDocs 执行代码{CODE_TAG_HINT}\n{FOOTER}")
    assert not (project / "pwned.txt").exists()
    (project / "base.yml").write_text("site_author: 培训中心\n", encoding="utf-8")
    assert invoke("build", "-p", str(project)).exit_code == 0
    assert 'content="培训中心"' in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_mkdocs_own_tags_and_documented_function_names_still_work(project, invoke, monkeypatch):
    _edit(project, "site_name: 机关党建学习平台", "site_name: !ENV [COURSEGEN_TEST_SITE_NAME, 默认平台]")
    _edit(project, "  - tables\n", "  - tables\n  - pymdownx.superfences:\n      custom_fences:\n"
                                   "        - name: plain\n          class: plain\n"
                                   "          format: !!python/name:pymdownx.superfences.fence_code_format\n")
    monkeypatch.setenv("COURSEGEN_TEST_SITE_NAME", "环境变量里的平台")
    result = invoke("build", "-p", str(project))
    assert result.exit_code == 0, result.output
    assert "<title>环境变量里的平台</title>" in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_an_alias_bomb_in_mkdocs_yml_is_refused_at_once(project, invoke):
    bomb = "".join(f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9))
    _edit(project, "  generator: false\n", '  generator: false\n  l0: &l0 ["lol"]\n' + bomb)
    started = time.monotonic()
    result = invoke("build", "-p", str(project))
    assert time.monotonic() - started < 5
    assert result.stderr == ("mkdocs.yml:44:3: extra: 别名（*引用）展开后超过 50000 个节点，疑似“别名炸弹”"
                             f"（提示：不要用锚点和别名层层复制内容）\n{FOOTER}")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("strict: true", "strict: true\nhooks: [hooks.py]",
     "mkdocs.yml:10:8: hooks: mkdocs.yml 不能用 hooks 运行 Python 文件（提示：删除 hooks：coursegen 不运行配置文件指定的代码）"),
    ("  name: material", "  name: material\n  custom_dir: ../../etc",
     "mkdocs.yml:13:15: theme.custom_dir: “../../etc”在项目之外，为安全起见不会读取或发布"
     "（提示：把这个文件夹放进项目里，写相对于 mkdocs.yml 的路径）"),
    ("site_name: 机关党建学习平台", "INHERIT: ../other.yml\nsite_name: 机关党建学习平台",
     "mkdocs.yml:5:10: INHERIT: “../other.yml”在项目之外，为安全起见不会读取（提示：把要继承的文件放进项目里）"),
    ("plugins: []", "plugins:\n  - search\n  - projects",
     "mkdocs.yml:43:5: plugins[1]: 插件“projects”不在可用的范围内（提示：网站只用 mkdocs-material 自带的 search、offline、privacy 插件）"),
    ("  - tables", "  - tables\n  - antigravity",
     "mkdocs.yml:76:5: markdown_extensions[5]: Markdown 扩展“antigravity”不在可用的范围内"
     "（提示：只能用 Python-Markdown 自带的扩展和 pymdownx.*、material.extensions.*）"),
    ("  - tables", "  - tables\n  - pymdownx.snippets:\n      base_path: [/]",
     "mkdocs.yml:76:5: markdown_extensions[5]: 不能使用 Markdown 扩展“pymdownx.snippets”：它会把任意文件的内容放进网页"
     "（提示：把要复用的内容写进 docs/ 里的页面或课程 YAML）"),
    ("  name: material", "  name: material\n  custom_dir: overrides",
     "mkdocs.yml:13:15: theme.custom_dir: “overrides”里的 overrides/assets/leak.txt 链接到项目之外，为安全起见不会读取或发布"
     "（提示：把文件本身复制到这个文件夹里，不要用符号链接）"),
], ids=["hooks", "custom-dir", "inherit", "plugin", "extension", "snippets", "custom-dir-content"])
def test_what_could_run_code_or_read_outside_is_refused(project, invoke, tmp_path, old, new, message):
    (tmp_path / "secret.txt").write_text("secret\n", encoding="utf-8")
    (project / "overrides" / "assets").mkdir(parents=True)
    (project / "overrides" / "assets" / "leak.txt").symlink_to(tmp_path / "secret.txt")
    _edit(project, old, new)
    result = invoke("build", "-p", str(project))
    assert (result.exit_code, result.stderr) == (1, f"{message}\n{FOOTER}")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("use_directory_urls: false", "use_directory_urls: maybe",
     "mkdocs.yml:8:21: use_directory_urls: 应为布尔值（true 或 false），实际是文本（提示：按 MkDocs 文档中这一项的格式填写）"),
    ("strict: true", "strict: true\nsite_autor: 某人",
     "mkdocs.yml:10:13: site_autor: 不认识的设置项“site_autor”（提示：检查拼写，或删除这一项）"),
    ("site_name: 机关党建学习平台", "site_name:",
     "mkdocs.yml:5:11: site_name: 缺少必填的设置（提示：例如 site_name: 培训平台）"),
    ("plugins: []", "plugins:\n  - search:\n      bogus: 1",
     "mkdocs.yml:43:14: plugins[0].search.bogus: 插件“material/search”没有“bogus”这个设置（提示：检查拼写，或删除这一项）"),
    ("  - tables", "  - tables\n  - pymdownx.nosuch",
     "mkdocs.yml:76:5: markdown_extensions[5]: Markdown 扩展“pymdownx.nosuch”没有安装（提示：检查扩展名的拼写）"),
    ("      permalink: true", "      permalink: true\n      baselevel: [1]",
     "mkdocs.yml:77:7: markdown_extensions[5].toc: Markdown 扩展“toc”的设置有误，无法加载"
     "（提示：对照这个扩展的文档检查它下面的各项设置）"),
], ids=["type", "unknown-key", "required", "plugin-option", "missing-extension", "extension-settings"])
def test_mkdocs_complaints_are_chinese_at_the_line_of_the_setting(project, invoke, old, new, message):
    _edit(project, old, new)
    result = invoke("build", "-p", str(project))
    assert (result.exit_code, result.stderr) == (1, f"{message}\n{FOOTER}")
