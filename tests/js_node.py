"""The widgets' rule modules evaluated in Chromium, or in node for mutation runs.

The suite calls rules.js, schema.js, record-code.js and store.js in real
Chromium. The mutation run (scripts/mutation.py) sets ``COURSEGEN_JS_IN_NODE=1``
to call the same modules, with the same expressions, in one node process: a
browser per mutant would be far too slow on two shared cores.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

NODE = os.environ.get("COURSEGEN_NODE", "/usr/bin/node")
IN_NODE = os.environ.get("COURSEGEN_JS_IN_NODE") == "1"

# Loads each module as a plain script (as a page would: ``this`` is the global
# object), then each extra script text (a test's helpers), then answers each
# JSON line [letters, globals, body, arg] with one JSON line.
_SERVER = r"""
const vm = require("vm"), fs = require("fs"), readline = require("readline");
globalThis.window = globalThis;
globalThis.module = undefined;  // `node -e` defines it; a page does not
for (const file of JSON.parse(process.argv[1])) vm.runInThisContext(fs.readFileSync(file, "utf8"), {filename: file});
for (const text of JSON.parse(process.argv[2])) vm.runInThisContext(text);
readline.createInterface({input: process.stdin}).on("line", (line) => {
  const [letters, names, body, arg] = JSON.parse(line);
  let reply;
  try {
    const value = new Function(...letters, "arg", "return " + body)(...names.map((n) => globalThis[n]), arg);
    reply = {value: value === undefined ? null : value};
  } catch (error) {
    reply = {error: String(error && error.stack || error)};
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
"""


@contextlib.contextmanager
def node_evaluator(files: Sequence[Path], names: dict[str, str], scripts: Sequence[str] = ()) -> Iterator[Callable]:
    """``call(body, arg)`` evaluating ``body`` with ``names`` (letter → global) and ``arg`` in scope.

    ``scripts`` are script texts run after ``files``, such as a test's own helpers."""
    if not shutil.which(NODE):
        raise RuntimeError(f"node not found at {NODE}")
    process = subprocess.Popen([NODE, "-e", _SERVER, json.dumps([str(f) for f in files]),
                                json.dumps(list(scripts))],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    letters, globals_ = list(names), list(names.values())

    def call(body: str, arg=None):
        process.stdin.write(json.dumps([letters, globals_, body, arg]) + "\n")
        process.stdin.flush()
        reply = json.loads(process.stdout.readline() or '{"error": "node exited"}')
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply["value"]

    try:
        yield call
    finally:
        process.stdin.close()
        process.wait(timeout=10)


@contextlib.contextmanager
def js_evaluator(request, files: Sequence[Path], names: dict[str, str],
                 scripts: Sequence[str] = ()) -> Iterator[Callable]:
    """``call(body, arg)`` as node_evaluator gives it, on a blank page of a file-only Chromium context by
    default (the test's ``request`` supplies the browser). Values come back through JSON in both."""
    if IN_NODE:
        with node_evaluator(files, names, scripts) as call:
            yield call
        return
    from browser import file_only_context

    with file_only_context(request.getfixturevalue("chromium")) as state:
        page = state.new_page()
        for file in files:
            page.add_script_tag(content=Path(file).read_text(encoding="utf-8"))
        for text in scripts:
            page.add_script_tag(content=text)
        letters, globals_ = list(names), list(names.values())

        def call(body: str, arg=None):
            return json.loads(page.evaluate(
                "([letters, names, body, arg]) => JSON.stringify(new Function(...letters, 'arg', 'return ' + body)"
                "(...names.map((n) => window[n]), arg) ?? null)", [letters, globals_, body, arg]))

        yield call
        assert state.errors == []
