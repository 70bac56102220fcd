"""A fast path for simple conditions: the CEL subset whose Python meaning is the same, as bytecode.

Measured on this machine (bench/RESULTS.md), the `cel` interpreter spends ~0.15 µs per comparison
and `cel.Context.add_variable` ~1 µs per string, so 50 unindexed rules cost more than the whole
decide budget. Most policy conditions are comparisons of context fields with literals joined by
`&&`, `||` and `!`. For exactly that subset, with operand types known from the schema (so no CEL
error or overload question can arise), the condition is translated to a Python expression and all
such conditions of a group are compiled into one function that returns a bit mask.

Everything outside the subset (macros, timestamps, lists, maps, arithmetic, most functions) runs in
CEL as written. Every rule is still compiled by `cel.compile` at load, and tests/policy check that
both paths agree on random contexts. The generated source contains only schema-checked identifiers
and literals rendered with `repr`, never text copied from a policy file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from moat.policy.analysis import flat_path
from moat.policy.bounds import Budget
from moat.policy.celparse import Node
from moat.policy.variables import Getter

_NUMERIC = frozenset({"int", "double"})
_SCALARS = frozenset({"string", "int", "double", "bool"})
_COMPARE = {"==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
# A field in a translated expression is written `\0path\0`: repr() never leaves a raw NUL in a
# literal, so the marker cannot be forged by policy text and is replaced safely by _build.
_FIELD = re.compile("\x00([^\x00]+)\x00")
_STRING_METHODS = {"startsWith": "startswith", "endsWith": "endswith"}


def _same_kind(a: str, b: str) -> bool:
    return a == b or (a in _NUMERIC and b in _NUMERIC)


def translate(node: Node, paths: set[str], budget: Budget | None = None) -> tuple[str, str] | None:
    """(Python expression, type) for a node in the subset, else None. Adds the paths it reads.
    Visits each node at most once (one budget step each)."""
    budget = budget or Budget()
    budget.tick()
    kind = node.kind
    if kind in ("ident", "select"):
        flat = flat_path(node, {})
        if flat is None or flat[1] not in _SCALARS:
            return None
        paths.add(flat[0])
        return f"\x00{flat[0]}\x00", flat[1]
    if kind == "lit":
        if node.lit_type == "double" and not math.isfinite(node.value):
            return None
        if node.lit_type in _SCALARS:
            return repr(node.value), node.lit_type
        return None
    if kind == "unary":
        inner = translate(node.args[0], paths, budget)
        if inner is None:
            return None
        if node.value == "!" and inner[1] == "bool":
            return f"(not {inner[0]})", "bool"
        return None
    if kind == "binary":
        return _binary(node, paths, budget)
    if kind == "cond":
        c, a, b = (translate(x, paths, budget) for x in node.args)
        if c is None or a is None or b is None:
            return None
        if c[1] != "bool" or not _same_kind(a[1], b[1]) or a[1] != b[1]:
            return None
        return f"({a[0]} if {c[0]} else {b[0]})", a[1]
    if kind == "call" and node.target is not None and len(node.args) == 1:
        target, arg = translate(node.target, paths, budget), translate(node.args[0], paths, budget)
        if target is None or arg is None or target[1] != "string" or arg[1] != "string":
            return None
        if node.value in _STRING_METHODS:
            return f"{target[0]}.{_STRING_METHODS[node.value]}({arg[0]})", "bool"
        if node.value == "contains":
            return f"({arg[0]} in {target[0]})", "bool"
    return None


def _binary(node: Node, paths: set[str], budget: Budget) -> tuple[str, str] | None:
    op = node.value
    left = translate(node.args[0], paths, budget)
    if op == "in":
        items = node.args[1]
        if left is None or left[1] != "string" or items.kind != "list" or \
                not all(i.kind == "lit" and i.lit_type == "string" for i in items.args):
            return None
        return f"({left[0]} in {tuple(i.value for i in items.args)!r})", "bool"
    right = translate(node.args[1], paths, budget)
    if left is None or right is None:
        return None
    if op in ("&&", "||"):
        if left[1] != "bool" or right[1] != "bool":
            return None
        return f"({left[0]} {'and' if op == '&&' else 'or'} {right[0]})", "bool"
    if op in ("==", "!="):
        if not _same_kind(left[1], right[1]):
            return None
        return f"({left[0]} {_COMPARE[op]} {right[0]})", "bool"
    if op in _COMPARE:
        if not ((left[1] in _NUMERIC and right[1] in _NUMERIC) or left[1] == right[1] == "string"):
            return None
        return f"({left[0]} {_COMPARE[op]} {right[0]})", "bool"
    if op == "+" and left[1] == right[1] == "string":
        return f"({left[0]} + {right[0]})", "string"
    return None


MaskFn = Callable[[Any, Any, Sequence[Getter]], int]
ValueFn = Callable[[Any, Any, Sequence[Getter]], Any]


@dataclass(frozen=True, slots=True)
class PyGroup:
    """Conditions compiled together: `fn(ctx, directory, getters)` returns bit i set when condition i
    holds. `getters[j]` fills `paths[j]`; the hot path passes `hot_getters`."""

    fn: MaskFn
    paths: tuple[str, ...]
    hot_getters: tuple[Getter, ...]


def _build(body: list[str], paths: Sequence[str], name: str) -> Callable[..., Any]:
    """Compile the function. A field read by several conditions is read once up front; a field
    read once is read where used, so `&&`/`||` short-circuits skip it (a domain lookup, say)."""
    text = "\n".join(body)
    uses = {p: len(re.findall(f"\x00{re.escape(p)}\x00", text)) for p in paths}
    lines = [f"def {name}(c, d, g):"]
    lines += [f"    f{j} = g[{j}](c, d)" for j, p in enumerate(paths) if uses[p] > 1]
    index = {p: f"f{j}" if uses[p] > 1 else f"g[{j}](c, d)" for j, p in enumerate(paths)}
    lines.append(_FIELD.sub(lambda m: index[m.group(1)], text))
    namespace: dict[str, Any] = {"__builtins__": {}}
    exec(compile("\n".join(lines), f"<moat.policy {name}>", "exec"), namespace)
    fn: Callable[..., Any] = namespace[name]
    return fn


def mask_group(exprs: Sequence[str], paths: Sequence[str], getters: Sequence[Getter]) -> PyGroup:
    """One function testing every expression; bit i of its result is expression i."""
    body = ["    m = 0"] + [f"    if {e}: m |= {1 << i}" for i, e in enumerate(exprs)] + ["    return m"]
    return PyGroup(_build(body, paths, "mask"), tuple(paths), tuple(getters))


def value_function(expr: str, paths: Sequence[str]) -> ValueFn:
    """A function computing one expression's value (limit keys)."""
    return _build([f"    return {expr}"], paths, "value")
