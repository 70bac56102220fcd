"""A parser for CEL conditions, used only at load time.

The `cel` package evaluates expressions but exposes no syntax tree, and the policy compiler needs
one: to check every field a condition reads against the context schema (with the line it is on), to
measure a rule's cost, to pull exact-match keys out for the rule index, and to rewrite the condition
so that it reads flat variables (cheaper to pass per request, see LIBRARIES.md). The grammar is the
CEL spec's (langdef.md); message construction (`Msg{f: v}`) and `?.` are refused since no policy
needs them. Every node keeps its source span so rewrites are done on the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})


class CelSyntaxError(ValueError):
    """A condition that does not parse; `pos` is the offset in the expression text."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.pos = pos


@dataclass(slots=True)
class Node:
    """One syntax-tree node. `kind` is ident, lit, select, call, index, list, map, unary, binary, cond."""

    kind: str
    start: int
    end: int
    value: Any = None  # ident name, literal value, field name, function name, operator
    args: list[Node] = field(default_factory=list)
    target: Node | None = None  # receiver of a method call, operand of a select
    lit_type: str = ""  # for literals: int, uint, double, string, bytes, bool, null


_TOKEN = re.compile(r"""
    (?P<ws>\s+|//[^\n]*)
  | (?P<num>0[xX][0-9a-fA-F]+[uU]?|(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?[uU]?)
  | (?P<str>(?:[rR][bB]?|[bB][rR]?)?(?:\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'))
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|&&|\|\||[-+*/%!<>?:.,()\[\]{}])
""", re.VERBOSE)

_RESERVED = frozenset({"as", "break", "const", "continue", "else", "for", "function", "if", "import",
                       "let", "loop", "package", "namespace", "return", "var", "void", "while"})
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b",
            "f": "\f", "v": "\v", "?": "?", "`": "`"}


@dataclass(slots=True)
class _Tok:
    kind: str
    text: str
    start: int
    end: int


def _tokenize(src: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if m is None:
            raise CelSyntaxError(f"unexpected character {src[pos]!r}", pos)
        kind = m.lastgroup or ""
        if kind != "ws":
            text = m.group()
            if kind == "ident" and text in ("true", "false", "null", "in"):
                kind = "op" if text == "in" else "kw"
            toks.append(_Tok(kind, text, m.start(), m.end()))
        pos = m.end()
    toks.append(_Tok("eof", "", len(src), len(src)))
    return toks


def _string_value(text: str) -> tuple[str, Any]:
    """Decode a string or bytes literal; escapes beyond the simple ones decode via Python's rules."""
    i = 0
    raw = is_bytes = False
    while text[i] not in "'\"":
        raw |= text[i] in "rR"
        is_bytes |= text[i] in "bB"
        i += 1
    q = 3 if text[i:i + 3] in ('"""', "'''") else 1
    body = text[i + q:len(text) - q]
    if not raw and "\\" in body:
        out: list[str] = []
        j = 0
        while j < len(body):
            ch = body[j]
            if ch == "\\" and j + 1 < len(body):
                nxt = body[j + 1]
                if nxt in _ESCAPES:
                    out.append(_ESCAPES[nxt])
                    j += 2
                    continue
                width = {"x": 2, "u": 4, "U": 8}.get(nxt)
                if width:
                    out.append(chr(int(body[j + 2:j + 2 + width], 16)))
                    j += 2 + width
                    continue
                if nxt in "01234567":
                    out.append(chr(int(body[j + 1:j + 4], 8)))
                    j += 4
                    continue
            out.append(ch)
            j += 1
        body = "".join(out)
    return ("bytes", body.encode()) if is_bytes else ("string", body)


class _Parser:
    def __init__(self, src: str) -> None:
        self.src = src
        self.toks = _tokenize(src)
        self.i = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def next(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def accept(self, text: str) -> _Tok | None:
        tok = self.toks[self.i]
        if tok.kind == "op" and tok.text == text:
            self.i += 1
            return tok
        return None

    def expect(self, text: str) -> _Tok:
        tok = self.accept(text)
        if tok is None:
            got = self.peek()
            raise CelSyntaxError(f"expected {text!r}, found {got.text or 'end of expression'!r}", got.start)
        return tok

    def parse(self) -> Node:
        node = self.expr()
        tok = self.peek()
        if tok.kind != "eof":
            raise CelSyntaxError(f"unexpected {tok.text!r}", tok.start)
        return node

    def expr(self) -> Node:
        cond = self.binary(0)
        if self.accept("?"):
            a = self.binary(0)
            self.expect(":")
            b = self.expr()
            return Node("cond", cond.start, b.end, "?:", [cond, a, b])
        return cond

    _LEVELS: tuple[tuple[str, ...], ...] = (
        ("||",), ("&&",), ("<", "<=", ">=", ">", "==", "!=", "in"), ("+", "-"), ("*", "/", "%"))

    def binary(self, level: int) -> Node:
        if level == len(self._LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        ops = self._LEVELS[level]
        while True:
            tok = self.peek()
            if tok.kind != "op" or tok.text not in ops:
                return left
            self.i += 1
            right = self.binary(level + 1)
            left = Node("binary", left.start, right.end, tok.text, [left, right])

    def unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "op" and tok.text in ("!", "-"):
            self.i += 1
            operand = self.unary()
            return Node("unary", tok.start, operand.end, tok.text, [operand])
        return self.member()

    def member(self) -> Node:
        node = self.primary()
        while True:
            if self.accept("."):
                name = self.next()
                if name.kind != "ident":
                    raise CelSyntaxError("expected a field or method name after '.'", name.start)
                if self.accept("("):
                    args, end = self.exprs(")")
                    node = Node("call", node.start, end, name.text, args, target=node)
                else:
                    node = Node("select", node.start, name.end, name.text, target=node)
            elif self.accept("["):
                idx = self.expr()
                end = self.expect("]").end
                node = Node("index", node.start, end, "[]", [node, idx])
            elif self.peek().text == "{" and node.kind in ("ident", "select"):
                raise CelSyntaxError("message construction is not supported in policies", self.peek().start)
            else:
                return node

    def exprs(self, close: str) -> tuple[list[Node], int]:
        items: list[Node] = []
        while True:
            tok = self.accept(close)
            if tok:
                return items, tok.end
            items.append(self.expr())
            if not self.accept(","):
                return items, self.expect(close).end

    def primary(self) -> Node:
        tok = self.next()
        if tok.kind == "ident":
            if tok.text in _RESERVED:
                raise CelSyntaxError(f"{tok.text!r} is a reserved word", tok.start)
            if self.accept("("):
                args, end = self.exprs(")")
                return Node("call", tok.start, end, tok.text, args)
            return Node("ident", tok.start, tok.end, tok.text)
        if tok.kind == "num":
            return self.number(tok)
        if tok.kind == "str":
            kind, value = _string_value(tok.text)
            return Node("lit", tok.start, tok.end, value, lit_type=kind)
        if tok.kind == "kw":
            value = {"true": True, "false": False, "null": None}[tok.text]
            return Node("lit", tok.start, tok.end, value, lit_type="null" if value is None else "bool")
        if tok.kind == "op":
            if tok.text == "(":
                inner = self.expr()
                end = self.expect(")").end
                inner.start, inner.end = tok.start, end
                return inner
            if tok.text == "[":
                items, end = self.exprs("]")
                return Node("list", tok.start, end, None, items)
            if tok.text == "{":
                return self.map_literal(tok)
        raise CelSyntaxError(f"unexpected {tok.text or 'end of expression'!r}", tok.start)

    def map_literal(self, open_tok: _Tok) -> Node:
        args: list[Node] = []
        while True:
            tok = self.accept("}")
            if tok:
                return Node("map", open_tok.start, tok.end, None, args)
            args.append(self.expr())
            self.expect(":")
            args.append(self.expr())
            if not self.accept(","):
                return Node("map", open_tok.start, self.expect("}").end, None, args)

    def number(self, tok: _Tok) -> Node:
        text = tok.text
        if text[-1] in "uU":
            return Node("lit", tok.start, tok.end, int(text[:-1], 0), lit_type="uint")
        if text.lower().startswith("0x"):
            return Node("lit", tok.start, tok.end, int(text, 16), lit_type="int")
        if any(c in text for c in ".eE"):
            return Node("lit", tok.start, tok.end, float(text), lit_type="double")
        return Node("lit", tok.start, tok.end, int(text), lit_type="int")


def parse(src: str) -> Node:
    """Parse one CEL expression; raises CelSyntaxError with the offset of the problem."""
    return _Parser(src).parse()


def walk(node: Node) -> list[Node]:
    """Every node of the tree, parents before children."""
    out = [node]
    stack = [node]
    while stack:
        n = stack.pop()
        kids = ([n.target] if n.target is not None else []) + n.args
        out.extend(kids)
        stack.extend(kids)
    return out


def conjuncts(node: Node) -> list[Node]:
    """The top-level `&&` operands of a condition (the condition itself when there is no `&&`)."""
    if node.kind == "binary" and node.value == "&&":
        return conjuncts(node.args[0]) + conjuncts(node.args[1])
    return [node]


def line_col(src: str, pos: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = src.count("\n", 0, pos) + 1
    col = pos - (src.rfind("\n", 0, pos) + 1) + 1
    return line, col
