"""Templates compiled ahead in a helper process (issue #17, the cold build): the same pages, never stale code."""

from __future__ import annotations

import jinja2
import pytest

from conftest import make_speech_project
from generator import template_env
from generator.project import Project, load_project
from generator.render import render_site
from generator.render.pages import environment
from generator.template_env import FILTERS, Precompiled, TemplateCompiler, compiled_ahead


@pytest.fixture
def compiles(monkeypatch):
    """The names of the templates this process compiles itself."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def pages_of(project) -> dict[str, str]:
    environment.cache_clear()  # one environment per process: made anew for each case
    try:
        site = render_site(load_project(Project(project)))
        return {"index.md": site.catalog, **{f"{c.id}/{p}": t for c in site.courses for p, t in c.pages.items()}}
    finally:
        environment.cache_clear()


def test_pages_from_templates_compiled_ahead_are_the_pages_compiled_here(tmp_path, compiles):
    project = make_speech_project(tmp_path / "speech")
    expected = pages_of(project)
    assert compiles  # compiled here
    compiles.clear()
    with compiled_ahead():
        assert pages_of(project) == expected
    assert compiles == []  # every template came from the helper


def test_a_failed_helper_leaves_the_compiling_to_us(tmp_path, compiles, monkeypatch):
    project = make_speech_project(tmp_path / "speech")
    expected = pages_of(project)
    compiles.clear()
    monkeypatch.setattr(template_env, "_COMPILE", "import sys; sys.stdout.write('garbage'); sys.exit(3)")
    with compiled_ahead():
        assert pages_of(project) == expected
    assert compiles


def test_a_template_changed_since_the_helper_compiled_it_is_compiled_again(compiles):
    with TemplateCompiler() as compiler:
        compiled = compiler.compiled()
        assert "quiz.md.j2" in compiled
        compiled["quiz.md.j2"] = ("0" * 40, compiled["quiz.md.j2"][1])  # as if quiz.md.j2 had been edited
        env = template_env.new_environment(bytecode_cache=Precompiled(compiler))
        env.get_template("quiz.md.j2")
        env.get_template("glossary.md.j2")
    assert compiles == ["quiz.md.j2"]


def test_the_helper_knows_every_filter_the_pages_use():
    added = set(environment().filters) - set(jinja2.Environment().filters)
    assert added == set(FILTERS)


def test_the_helper_ends_with_its_block():
    with compiled_ahead() as compiler:
        process = compiler.process
    assert process is not None and process.poll() is not None
