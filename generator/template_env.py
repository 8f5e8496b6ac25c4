"""Our Jinja2 environment's settings, declared once, and its templates compiled ahead in a helper process.

Compiling the page templates is about a tenth of a second of a cold build,
all of it before the engine can start. ``coursegen build`` therefore starts
:class:`TemplateCompiler` (a child process that loads only Jinja2) first
thing; it compiles every template with these same settings while coursegen
itself loads, and the environment that renders the pages takes the compiled
code from it (:class:`Precompiled`, a bytecode cache that lives in memory
only: nothing compiled is ever read from a file). A template whose source
differs from what the helper compiled, or a helper that failed, is simply
compiled as usual.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import subprocess
import types
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import jinja2

from .zensical_process import python_command, stop_process  # how our child processes start and end

PACKAGE, FOLDER = "generator", "templates"
OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "autoescape": True,  # anything not passed through a text filter is still HTML-escaped
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}
FILTERS = ("inline", "paragraphs", "current_rule", "yaml_text")
"""Our filters, by name: the helper compiles with stand-ins (a filter is looked up when a page renders)."""
MAX_OUTPUT_BYTES = 32 * 1024 * 1024
_CHECKSUM = jinja2.BytecodeCache().get_source_checksum
"""How jinja2 tells a template's source from another: what the helper records and jinja2 compares."""
_COMPILE = """
import marshal, sys
from generator.template_env import compile_all
sys.stdout.buffer.write(marshal.dumps(compile_all()))
"""


_ahead: TemplateCompiler | None = None


@contextlib.contextmanager
def compiled_ahead() -> Iterator[TemplateCompiler]:
    """Templates compiled in a helper process for the length of the block: an environment made meanwhile
    (:func:`new_environment` without a cache of its own) takes them from there."""
    global _ahead
    compiler = _ahead = TemplateCompiler()
    try:
        yield compiler
    finally:
        _ahead = None
        compiler.close()


def new_environment(filters: Mapping[str, Callable] | None = None,
                    bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    if bytecode_cache is None and _ahead is not None:
        bytecode_cache = Precompiled(_ahead)
    env = jinja2.Environment(loader=jinja2.PackageLoader(PACKAGE, FOLDER), bytecode_cache=bytecode_cache, **OPTIONS)
    env.filters.update(filters or {name: _stand_in for name in FILTERS})
    return env


def _stand_in(value: Any) -> Any:
    return value


def compile_all() -> dict[str, tuple[str, bytes]]:
    """Every template's source checksum and compiled code, by template name (run in the helper)."""
    env = new_environment()
    compiled = {}
    for name in env.list_templates(filter_func=lambda name: name.endswith(".j2")):
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        compiled[name] = (_CHECKSUM(source), marshal.dumps(env.compile(source, name, filename)))
    return compiled


class TemplateCompiler:
    """The helper process; :meth:`compiled` waits for what it compiled (empty if it failed)."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = subprocess.Popen(
            python_command(_COMPILE), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        self._compiled: dict[str, tuple[str, bytes]] | None = None

    def compiled(self) -> dict[str, tuple[str, bytes]]:
        if self._compiled is None:
            self._compiled = {}
            process, self.process = self.process, None
            if process is not None:
                try:
                    output = process.stdout.read(MAX_OUTPUT_BYTES + 1) if process.stdout else b""
                    if process.wait() == 0 and len(output) <= MAX_OUTPUT_BYTES:
                        data = marshal.loads(output)
                        if type(data) is dict:
                            self._compiled = data
                except (OSError, ValueError, EOFError, TypeError):
                    pass  # compiled here instead
                finally:
                    stop_process(process)
        return self._compiled

    def close(self) -> None:
        if self.process is not None:
            stop_process(self.process)
            self.process = None

    def __enter__(self) -> "TemplateCompiler":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class Precompiled(jinja2.BytecodeCache):
    """Compiled templates from a :class:`TemplateCompiler`, in memory; jinja2 compiles whatever it lacks."""

    def __init__(self, compiler: TemplateCompiler):
        self.compiler = compiler

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return name  # the helper compiles from the same loader: a template's name is enough

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        entry = self.compiler.compiled().get(bucket.key)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == bucket.checksum:
            with contextlib.suppress(ValueError, EOFError, TypeError):
                code = marshal.loads(entry[1])
                if type(code) is types.CodeType:
                    bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        pass  # nothing is written anywhere

