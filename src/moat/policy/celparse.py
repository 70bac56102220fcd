"""A parser for CEL conditions, used only at load time.

The `cel` package evaluates expressions but exposes no syntax tree, and the policy compiler needs
one: to check every field a condition reads against the context schema (with the line it is on), to
measure a rule's cost, to pull exact-match keys out for the rule index, and to rewrite the condition
so that it reads flat variables (cheaper to pass per request, see LIBRARIES.md). The grammar is the
CEL spec's (langdef.md); message construction (`Msg{f: v}`) and `?.` are refused since no policy
needs them. Every node keeps its source span so rewrites are done on the original text.

The parser is where an expression's size is bounded (moat.policy.bounds): characters before
tokenizing, tokens while tokenizing, nesting and tree depth while building the tree, one budget step
per node. Every later walk is linear in the tree and recursive at most ~3 frames per level, so a
tree that passes here cannot make the compiler exponential or exhaust the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from moat.policy.bounds import (
    MAX_EXPRESSION_CHARS,
    MAX_EXPRESSION_DEPTH,
    MAX_EXPRESSION_NESTING,
    MAX_EXPRESSION_TOKENS,
    Budget,
    LimitExceeded,
)

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
    depth: int = 1  # of the subtree rooted here (a leaf is 1)


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
    if len(src) > MAX_EXPRESSION_CHARS:
        raise LimitExceeded(f"expression too long: {len(src)} characters, more than "
                            f"{MAX_EXPRESSION_CHARS} (MAX_EXPRESSION_CHARS)", MAX_EXPRESSION_CHARS)
    toks: list[_Tok] = []
    pos = 0
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if m is None:
            raise CelSyntaxError(f"unexpected character {src[pos]!r}", pos)
        kind = m.lastgroup or ""
        if kind != "ws":
            if len(toks) == MAX_EXPRESSION_TOKENS:
                raise LimitExceeded(f"expression too long: more than {MAX_EXPRESSION_TOKENS} tokens "
                                    "(MAX_EXPRESSION_TOKENS)", m.start())
            text = m.group()
            if kind == "ident" and text in ("true", "false", "null", "in"):
                kind = "op" if text == "in" else "kw"
            toks.append(_Tok(kind, text, m.start(), m.end()))
        pos = m.end()
    toks.append(_Tok("eof", "", len(src), len(src)))
    return toks


def _string_value(text: str) -> tuple[str, Any]:
    """Decode a string or bytes literal; escapes beyond the simple ones decode via Python's rules.
    Raises ValueError or OverflowError for an escape that names no character."""
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


_PRECEDENCE = {"||": 0, "&&": 1, "<": 2, "<=": 2, ">=": 2, ">": 2, "==": 2, "!=": 2, "in": 2,
               "+": 3, "-": 3, "*": 4, "/": 4, "%": 4}


class _Parser:
    def __init__(self, src: str, budget: Budget) -> None:
        self.src = src
        self.toks = _tokenize(src)
        self.i = 0
        self.budget = budget
        self.nesting = 0

    def node(self, kind: str, start: int, end: int, value: Any = None, args: list[Node] | None = None,
             target: Node | None = None, lit_type: str = "") -> Node:
        """A new node; refused when the tree gets deeper than MAX_EXPRESSION_DEPTH."""
        self.budget.tick()
        args = args or []
        depth = 1
        for kid in args:
            if kid.depth >= depth:
                depth = kid.depth + 1
        if target is not None and target.depth >= depth:
            depth = target.depth + 1
        if depth > MAX_EXPRESSION_DEPTH:
            raise LimitExceeded(f"expression nested too deeply: syntax tree deeper than {MAX_EXPRESSION_DEPTH} "
                                "levels (MAX_EXPRESSION_DEPTH; each link of a chain such as a[0][0] or "
                                "a + b + c adds one)", start)
        return Node(kind, start, end, value, args, target, lit_type, depth)

    def enter(self, tok: _Tok) -> None:
        self.nesting += 1
        if self.nesting > MAX_EXPRESSION_NESTING:
            raise LimitExceeded(f"expression nested too deeply: more than {MAX_EXPRESSION_NESTING} levels of "
                                "parentheses, brackets, calls, `? :` or unary operators (MAX_EXPRESSION_NESTING)",
                                tok.start)

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
        self.enter(self.peek())
        cond = self.binary(0)
        if self.accept("?"):
            a = self.binary(0)
            self.expect(":")
            b = self.expr()
            cond = self.node("cond", cond.start, b.end, "?:", [cond, a, b])
        self.nesting -= 1
        return cond

    def binary(self, min_level: int) -> Node:
        """Precedence climbing over ||, &&, relations, + -, * / % (all left-associative): a chain of
        operators is a loop, so only a rise in precedence costs a stack frame."""
        left = self.unary()
        while True:
            tok = self.peek()
            level = _PRECEDENCE.get(tok.text) if tok.kind == "op" else None
            if level is None or level < min_level:
                return left
            if tok.text in ("&&", "||"):
                operands = [left]
                while self.accept(tok.text):
                    operands.append(self.binary(level + 1))
                left = self.balanced(tok.text, operands)
                continue
            self.i += 1
            right = self.binary(level + 1)
            left = self.node("binary", left.start, right.end, tok.text, [left, right])

    def balanced(self, op: str, operands: list[Node]) -> Node:
        """`a && b && c && d` as ((a && b) && (c && d)): the operators are associative, and a balanced
        tree keeps a 1,000-term chain 10 levels deep for every recursive walk (the order of the
        operands, their spans and the source text are unchanged)."""
        if len(operands) == 1:
            return operands[0]
        mid = len(operands) // 2
        left, right = self.balanced(op, operands[:mid]), self.balanced(op, operands[mid:])
        return self.node("binary", left.start, right.end, op, [left, right])

    def unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "op" and tok.text in ("!", "-"):
            self.i += 1
            self.enter(tok)
            operand = self.unary()
            self.nesting -= 1
            return self.node("unary", tok.start, operand.end, tok.text, [operand])
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
                    node = self.node("call", node.start, end, name.text, args, target=node)
                else:
                    node = self.node("select", node.start, name.end, name.text, target=node)
            elif self.accept("["):
                idx = self.expr()
                end = self.expect("]").end
                node = self.node("index", node.start, end, "[]", [node, idx])
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
                return self.node("call", tok.start, end, tok.text, args)
            return self.node("ident", tok.start, tok.end, tok.text)
        if tok.kind == "num":
            return self.number(tok)
        if tok.kind == "str":
            try:
                kind, value = _string_value(tok.text)
            except (ValueError, OverflowError) as exc:
                raise CelSyntaxError(f"bad escape in string literal: {exc}", tok.start) from None
            return self.node("lit", tok.start, tok.end, value, lit_type=kind)
        if tok.kind == "kw":
            value = {"true": True, "false": False, "null": None}[tok.text]
            return self.node("lit", tok.start, tok.end, value, lit_type="null" if value is None else "bool")
        if tok.kind == "op":
            if tok.text == "(":
                inner = self.expr()
                end = self.expect(")").end
                inner.start, inner.end = tok.start, end
                return inner
            if tok.text == "[":
                items, end = self.exprs("]")
                return self.node("list", tok.start, end, None, items)
            if tok.text == "{":
                return self.map_literal(tok)
        raise CelSyntaxError(f"unexpected {tok.text or 'end of expression'!r}", tok.start)

    def map_literal(self, open_tok: _Tok) -> Node:
        args: list[Node] = []
        while True:
            tok = self.accept("}")
            if tok:
                return self.node("map", open_tok.start, tok.end, None, args)
            args.append(self.expr())
            self.expect(":")
            args.append(self.expr())
            if not self.accept(","):
                return self.node("map", open_tok.start, self.expect("}").end, None, args)

    def number(self, tok: _Tok) -> Node:
        text = tok.text
        try:
            if text[-1] in "uU":
                value, kind = int(text[:-1], 0), "uint"
            elif text.lower().startswith("0x"):
                value, kind = int(text, 16), "int"
            elif any(c in text for c in ".eE"):
                return self.node("lit", tok.start, tok.end, float(text), lit_type="double")
            else:
                value, kind = int(text), "int"
        except ValueError as exc:  # e.g. more digits than int() converts
            raise CelSyntaxError(f"bad number literal: {str(exc).split(';')[0]}", tok.start) from None
        if value >= 1 << 64:
            raise CelSyntaxError("integer literal out of range", tok.start)
        return self.node("lit", tok.start, tok.end, value, lit_type=kind)


def parse(src: str, budget: Budget | None = None) -> Node:
    """Parse one CEL expression; raises CelSyntaxError with the offset of the problem, LimitExceeded
    (moat.policy.bounds) for an expression over the size bounds."""
    return _Parser(src, budget or Budget()).parse()


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
    out: list[Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.kind == "binary" and n.value == "&&":
            stack += (n.args[1], n.args[0])
        else:
            out.append(n)
    return out


def line_col(src: str, pos: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = src.count("\n", 0, pos) + 1
    col = pos - (src.rfind("\n", 0, pos) + 1) + 1
    return line, col
