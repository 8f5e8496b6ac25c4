"""Mutants of a Python or JavaScript source file: one small change each.

Python mutants come from the syntax tree (comparisons, arithmetic, and/or, not,
numbers and booleans, dropped calls, returned values, negated conditions);
only the changed node's text is replaced, the rest of the file stays byte for
byte. JavaScript mutants come from a small tokenizer that skips comments,
strings and regular expressions. A line containing ``no mutate`` is left alone.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Mutant:
    line: int
    change: str  # "`>=` → `>`"
    source: str  # the whole mutated file

    def key(self, original: str) -> str:
        """Stable across unrelated edits: the change and the line's text, not its number."""
        return f"{self.change} @ {original.splitlines()[self.line - 1].strip()}"


# ---------- Python ----------

_COMPARE = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
            ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
_BINARY = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Mult,
           ast.Mod: ast.FloorDiv, ast.BitOr: ast.BitAnd, ast.BitAnd: ast.BitOr}


def _skipped(tree: ast.AST) -> set[int]:
    """Nodes never mutated: annotations and docstrings."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        annotations = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            annotations.append(node.returns)
            args = node.args
            annotations += [a.annotation for a in (*args.posonlyargs, *args.args, *args.kwonlyargs,
                                                    args.vararg, args.kwarg) if a is not None]
        if isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
        for annotation in filter(None, annotations):
            skip.update(id(n) for n in ast.walk(annotation))
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            skip.add(id(body[0]))
    return skip


def _replacements(node: ast.AST) -> Iterator[tuple[str, str]]:
    """(new text for the node, description of the change)."""
    def variant(**fields) -> ast.AST:
        copy = type(node)(**{**{f: getattr(node, f) for f in node._fields}, **fields})
        return ast.copy_location(copy, node)

    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in _COMPARE:
                ops = list(node.ops)
                ops[i] = _COMPARE[type(op)]()
                yield ast.unparse(variant(ops=ops)), f"`{_symbol(op)}` → `{_symbol(ops[i])}`"
    elif isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        new = _BINARY[type(node.op)]()
        yield ast.unparse(variant(op=new)), f"`{_symbol(node.op)}` → `{_symbol(new)}`"
    elif isinstance(node, ast.AugAssign) and type(node.op) in _BINARY:
        new = _BINARY[type(node.op)]()
        yield ast.unparse(variant(op=new)), f"`{_symbol(node.op)}=` → `{_symbol(new)}=`"
    elif isinstance(node, ast.BoolOp):
        new = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield ast.unparse(variant(op=new)), f"`{_symbol(node.op)}` → `{_symbol(new)}`"
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
        yield f"({ast.unparse(node.operand)})", f"`{_symbol(node.op)}` dropped"
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        yield repr(not node.value), f"`{node.value}` → `{not node.value}`"
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        yield repr(node.value + 1), f"`{node.value!r}` → `{node.value + 1!r}`"
    elif isinstance(node, ast.Expr) and isinstance(node.value, (ast.Call, ast.Await)):
        yield "pass", f"call dropped: `{ast.unparse(node.value.func if isinstance(node.value, ast.Call) else node.value)}`"
    elif isinstance(node, ast.Return) and node.value is not None \
            and not (isinstance(node.value, ast.Constant) and node.value.value is None):
        yield "return None", "returns None"
    elif isinstance(node, (ast.If, ast.While)) and not isinstance(node.test, (ast.Compare, ast.BoolOp, ast.UnaryOp)):
        test = ast.unparse(node.test)
        yield f"not ({test})", f"condition negated: `{test[:40]}`"


def _symbol(op: ast.AST) -> str:
    return {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
            ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.Add: "+", ast.Sub: "-",
            ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.BitOr: "|", ast.BitAnd: "&",
            ast.And: "and", ast.Or: "or", ast.Not: "not", ast.USub: "-"}[type(op)]


def python_mutants(source: str) -> Iterator[Mutant]:
    tree = ast.parse(source)
    lines = source.encode("utf-8").splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    data = source.encode("utf-8")
    skip = _skipped(tree)
    for node in ast.walk(tree):
        if id(node) in skip or not hasattr(node, "end_lineno") or "no mutate" in lines[node.lineno - 1].decode():
            continue
        begin = starts[node.lineno - 1] + node.col_offset
        end = starts[node.end_lineno - 1] + node.end_col_offset
        for text, change in _replacements(node):
            if isinstance(node, (ast.If, ast.While)):  # only the condition is replaced
                begin, end = _span(node.test, starts)
            mutated = (data[:begin] + text.encode("utf-8") + data[end:]).decode("utf-8")
            if mutated == source:
                continue
            try:
                compile(mutated, "<mutant>", "exec")
            except SyntaxError:
                continue
            yield Mutant(node.lineno, change, mutated)


def _span(node: ast.AST, starts: list[int]) -> tuple[int, int]:
    return starts[node.lineno - 1] + node.col_offset, starts[node.end_lineno - 1] + node.end_col_offset


# ---------- JavaScript ----------

_PUNCTUATORS = sorted("=== !== == != >= <= && || ++ -- += -= => ... > < + - * / % ! = ? : ; , . ( ) [ ] { }".split(),
                      key=len, reverse=True)
_JS_SWAPS = {"===": "!==", "!==": "===", "==": "!=", "!=": "==", ">=": ">", "<=": "<", ">": ">=", "<": "<=",
             "&&": "||", "||": "&&", "+": "-", "-": "+", "*": "/", "/": "*", "%": "*", "++": "--", "--": "++",
             "+=": "-=", "-=": "+=", "true": "false", "false": "true", "max": "min", "min": "max",
             "floor": "ceil", "ceil": "floor", "some": "every", "every": "some"}
# After one of these a "/" starts a regular expression, not a division.
_BEFORE_REGEX = set("( , = : [ ! & | ? { } ; + - * %".split()) | {"return", "typeof", "=>", "===", "!==", "&&", "||"}


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    kind: str  # "name", "number", "punct", "string", "regex", "comment"
    text: str


def js_tokens(source: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(source)
    previous = ""
    while i < n:
        c = source[i]
        if c.isspace():
            i += 1
            continue
        start = i
        if source.startswith("//", i):
            newline = source.find("\n", i)
            i = n if newline < 0 else newline
            kind = "comment"
        elif source.startswith("/*", i):
            i = source.index("*/", i) + 2
            kind = "comment"
        elif c in "'\"`":
            i += 1
            while source[i] != c:
                i += 2 if source[i] == "\\" else 1
            i += 1
            kind = "string"
        elif c == "/" and (previous in _BEFORE_REGEX or not previous):
            i += 1
            in_class = False
            while in_class or source[i] != "/":
                in_class = (in_class or source[i] == "[") and source[i] != "]"
                i += 2 if source[i] == "\\" else 1
            i += 1
            while i < n and source[i].isalpha():
                i += 1
            kind = "regex"
        elif c.isdigit():
            match = re.compile(r"\d+(?:\.\d+)?(?:e\d+)?|0x[0-9a-f]+", re.I).match(source, i)
            i = match.end()
            kind = "number"
        elif c.isalpha() or c in "_$":
            match = re.compile(r"[\w$]+").match(source, i)
            i = match.end()
            kind = "name"
        else:
            text = next((p for p in _PUNCTUATORS if source.startswith(p, i)), c)
            i += len(text)
            kind = "punct"
        token = Token(start, i, kind, source[start:i])
        tokens.append(token)
        if kind != "comment":
            previous = token.text if kind in ("punct", "name") else "x"
    return tokens


def _function_spans(tokens: list[Token], names: Sequence[str]) -> list[tuple[int, int]]:
    """Character spans of the bodies of the named functions (``function name(...) {...}``)."""
    spans = []
    for k, token in enumerate(tokens):
        if token.text == "function" and k + 1 < len(tokens) and tokens[k + 1].text in names:
            j = next(j for j in range(k, len(tokens)) if tokens[j].text == "{")
            depth = 0
            for m in range(j, len(tokens)):
                depth += {"{": 1, "}": -1}.get(tokens[m].text, 0)
                if depth == 0:
                    spans.append((tokens[j].start, tokens[m].end))
                    break
    return spans


def js_mutants(source: str, functions: Sequence[str] = ()) -> Iterator[Mutant]:
    """Mutants of a JavaScript file; with ``functions``, only inside those functions' bodies."""
    tokens = js_tokens(source)
    spans = _function_spans(tokens, functions) if functions else [(0, len(source))]
    lines = source.splitlines()
    for k, token in enumerate(tokens):
        line = source.count("\n", 0, token.start) + 1
        if not any(a <= token.start < b for a, b in spans) or "no mutate" in lines[line - 1]:
            continue
        previous = tokens[k - 1].text if k else ""
        if token.kind == "number":
            new = str(int(float(token.text)) + 1) if "." not in token.text else str(float(token.text) + 1)
        elif token.text == "!" and token.kind == "punct":
            new = ""
        elif token.text in ("+", "-") and (previous in _BEFORE_REGEX or previous == "return"):
            continue  # a sign, not an operator
        elif token.kind in ("punct", "name") and token.text in _JS_SWAPS:
            if token.kind == "name" and token.text in ("max", "min", "floor", "ceil", "some", "every") \
                    and previous != ".":
                continue
            new = _JS_SWAPS[token.text]
        else:
            continue
        change = f"`{token.text}` → `{new}`" if new else f"`{token.text}` dropped"
        yield Mutant(line, change, source[:token.start] + new + source[token.end:])
