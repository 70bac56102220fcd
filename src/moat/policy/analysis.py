"""Load-time analysis of one condition: schema check, cost, index keys, and the flat rewrite.

`analyse(src)` parses a condition and returns everything the compiler needs:

- errors: unknown variables and fields (checked against `moat.policy.schema`, including the bound
  variables of `exists`/`all`/... macros), each with its offset in the source;
- the top-level `&&` conjuncts that are exact matches on an indexed field (`account.plan == "free"`,
  `request.model in ["a", "b"]`): the engine's index guarantees them, so they are dropped from what is
  evaluated per request;
- the residual condition rewritten to read flat variables (`account.plan` -> `account__plan`),
  because passing one string to `cel.Context` costs ~1 µs and passing a whole object costs ~1 µs per
  field (LIBRARIES.md; bench/bench_policy.py): a request then pays only for the fields its candidate
  rules read;
- the cost of the residual (nodes, depth, macro nesting), which the compiler holds to a ceiling.

Every walk here visits each node once (a select chain's flat path: once per link) and ticks the
expression's `Budget` (moat.policy.bounds) per visit, so the work of `analyse` is linear in the size
the parser already bounded; `Budget.steps` is that work, counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from moat.policy import schema
from moat.policy.bounds import Budget
from moat.policy.celparse import MACROS, Node, conjuncts, parse

# Indexed dimensions: the context path each one reads.
INDEX_PATHS: dict[str, str] = {"org.id": "org", "account.plan": "plan", "request.model": "model",
                               "platform.name": "platform"}
# Functions the `cel` package (0.10) implements; anything else fails only at evaluation, so it is
# refused at load instead.
FUNCTIONS = frozenset({
    "size", "contains", "startsWith", "endsWith", "matches", "int", "uint", "double", "string", "bytes",
    "timestamp", "duration", "type", "dyn", "has", "getHours", "getDayOfWeek", "getFullYear", "getMinutes",
    "getMonth", "getDate", "getDayOfMonth", "getDayOfYear", "getSeconds", "getMilliseconds", *MACROS})
_TYPE_IDENTS = frozenset({"int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type",
                          "type", "dyn", "timestamp", "duration"})


@dataclass(slots=True)
class Cost:
    nodes: int = 0
    depth: int = 0
    macro_nesting: int = 0
    list_literal: int = 0  # longest list literal evaluated per request


@dataclass(slots=True)
class Analysis:
    residual: str  # CEL source evaluated per request over flat variables; "" means always true
    variables: list[str] = field(default_factory=list)  # flat paths read, e.g. "account.plan"
    index: dict[str, frozenset[str]] = field(default_factory=dict)  # dimension -> accepted values
    cost: Cost = field(default_factory=Cost)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (offset, message)
    python: str | None = None  # the residual as a Python expression when in the fast subset (pyfast)
    python_paths: list[str] = field(default_factory=list)  # flat paths the Python expression reads


def flat_name(path: str) -> str:
    """The CEL identifier a flat path is passed as."""
    return path.replace(".", "__")


class _Checker:
    def __init__(self, budget: Budget) -> None:
        self.errors: list[tuple[int, str]] = []
        self.budget = budget

    def type_of(self, node: Node, env: dict[str, str]) -> str:
        """The node's type; checks every node of the subtree exactly once."""
        self.budget.tick()
        kind = node.kind
        if kind == "ident":
            if node.value in env:
                return env[node.value]
            root = schema.OBJECTS[schema.ROOT].get(node.value)
            if root is not None:
                return root.type
            if node.value not in _TYPE_IDENTS:
                known = ", ".join(schema.OBJECTS[schema.ROOT])
                self.errors.append((node.start, f"unknown variable {node.value!r} (known: {known})"))
            return "dyn"
        if kind == "lit":
            return node.lit_type
        if kind == "select":
            assert node.target is not None
            return self.select(node, self.type_of(node.target, env))
        if kind == "call":
            return self.call(node, env)
        types = [self.type_of(arg, env) for arg in node.args]
        if kind == "binary" and node.value in ("&&", "||", "<", "<=", ">=", ">", "==", "!=", "in"):
            return "bool"
        if kind == "unary" and node.value == "!":
            return "bool"
        if kind == "index" and types:
            # the operand's type from the walk above: walking it again here doubled the work per
            # level of `[1][0][0]...` (2^n for n levels)
            return schema.element_type(types[0]) or "dyn"
        return "dyn"

    def select(self, node: Node, target_type: str) -> str:
        fields = schema.fields_of(target_type)
        if fields is not None:
            f = fields.get(node.value)
            if f is None:
                self.errors.append((node.start, f"unknown field {node.value!r} of {target_type} "
                                    f"(fields: {', '.join(fields)})"))
                return "dyn"
            return f.type
        if target_type.startswith("map<"):
            return schema.element_type(target_type) or "dyn"
        if target_type in schema.SCALARS or target_type.startswith("list<"):
            self.errors.append((node.start, f"{target_type} has no field {node.value!r}"))
        return "dyn"

    def call(self, node: Node, env: dict[str, str]) -> str:
        if node.value not in FUNCTIONS:
            self.errors.append((node.start, f"unknown function {node.value!r} (available: "
                                f"{', '.join(sorted(FUNCTIONS))})"))
        if node.target is None and node.value == "has":
            if len(node.args) != 1 or node.args[0].kind != "select":
                self.errors.append((node.start, "has() takes one field selection, e.g. has(x.f)"))
                return "bool"
            self.type_of(node.args[0], env)
            return "bool"
        if node.target is not None and node.value in MACROS and node.args and node.args[0].kind == "ident":
            coll = self.type_of(node.target, env)
            var = node.args[0].value
            if var in schema.OBJECTS[schema.ROOT]:
                self.errors.append((node.args[0].start, f"macro variable {var!r} hides a context variable"))
            elem = "string" if coll.startswith("map<") else (schema.element_type(coll) or "dyn")
            inner = {**env, var: elem}
            for arg in node.args[1:]:
                self.type_of(arg, inner)
            return "bool" if node.value in ("all", "exists", "exists_one") else "list<dyn>"
        if node.target is not None:
            self.type_of(node.target, env)
        for arg in node.args:
            self.type_of(arg, env)
        return "bool" if node.value in ("startsWith", "endsWith", "contains", "matches") else "dyn"


def flat_path(node: Node, env: dict[str, str]) -> tuple[str, str] | None:
    """(path, type) when `node` is a chain of object-field selections from a context variable."""
    if node.kind == "ident":
        root = schema.OBJECTS[schema.ROOT].get(node.value)
        if node.value in env or root is None:
            return None
        return node.value, root.type
    if node.kind == "select" and node.target is not None:
        parent = flat_path(node.target, env)
        if parent is None:
            return None
        fields = schema.fields_of(parent[1])
        if fields is None or node.value not in fields:
            return None
        return f"{parent[0]}.{node.value}", fields[node.value].type
    return None


def _rewrite(node: Node, env: dict[str, str], src: str, used: set[str],
             out: list[tuple[int, int, str]], budget: Budget) -> None:
    """Collect (start, end, replacement) for flat paths and statically-true has() calls."""
    budget.tick()
    if node.kind == "select":  # a.b.c...: one pass down the chain, not flat_path at every link
        chain: list[Node] = []
        root = node
        while root.kind == "select" and root.target is not None:
            budget.tick()
            chain.append(root)
            root = root.target
        flat = flat_path(root, env)
        top = root  # the outermost link that is still a flat path
        for link in reversed(chain):
            fields = schema.fields_of(flat[1]) if flat is not None else None
            if flat is None or fields is None or link.value not in fields:
                break
            flat, top = (f"{flat[0]}.{link.value}", fields[link.value].type), link
        if flat is not None:
            used.add(flat[0])
            out.append((top.start, top.end, flat_name(flat[0])))
            return
        _rewrite(root, env, src, used, out, budget)
        return
    flat = flat_path(node, env)
    if flat is not None:
        used.add(flat[0])
        out.append((node.start, node.end, flat_name(flat[0])))
        return
    if node.kind == "call" and node.target is None and node.value == "has" and node.args:
        sel = node.args[0]
        if sel.target is not None and flat_path(sel.target, env) is not None:
            parent = flat_path(sel.target, env)
            if parent is not None and schema.fields_of(parent[1]) is not None:
                out.append((node.start, node.end, "true"))  # every schema field is always present
                return
    if node.kind == "call" and node.target is not None and node.value in MACROS and node.args \
            and node.args[0].kind == "ident":
        _rewrite(node.target, env, src, used, out, budget)
        inner = {**env, node.args[0].value: "dyn"}
        for arg in node.args[1:]:
            _rewrite(arg, inner, src, used, out, budget)
        return
    if node.target is not None:
        _rewrite(node.target, env, src, used, out, budget)
    for arg in node.args:
        _rewrite(arg, env, src, used, out, budget)


def rewrite_flat(node: Node, src: str, used: set[str], budget: Budget | None = None) -> str:
    """The source of `node` with every flat path replaced by its flat variable name."""
    repl: list[tuple[int, int, str]] = []
    _rewrite(node, {}, src, used, repl, budget or Budget())
    parts: list[str] = []
    pos = node.start
    for start, end, new in sorted(repl):  # disjoint spans: one pass, linear in the text
        parts += (src[pos:start], new)
        pos = end
    parts.append(src[pos:node.end])
    return "".join(parts)


def _index_term(node: Node) -> tuple[str, frozenset[str]] | None:
    """(dimension, values) when a conjunct is `indexed_path == "v"` or `indexed_path in ["v", ...]`."""
    if node.kind != "binary" or node.value not in ("==", "in"):
        return None
    left, right = node.args
    if node.value == "==" and left.kind == "lit":
        left, right = right, left
    flat = flat_path(left, {})
    if flat is None or flat[0] not in INDEX_PATHS:
        return None
    if node.value == "==" and right.kind == "lit" and right.lit_type == "string":
        return INDEX_PATHS[flat[0]], frozenset([right.value])
    if node.value == "in" and right.kind == "list" and right.args \
            and all(a.kind == "lit" and a.lit_type == "string" for a in right.args):
        return INDEX_PATHS[flat[0]], frozenset(a.value for a in right.args)
    return None


def _cost(node: Node, depth: int, nesting: int, cost: Cost, budget: Budget) -> None:
    budget.tick()
    cost.nodes += 1
    cost.depth = max(cost.depth, depth)
    if node.kind == "call" and node.target is not None and node.value in MACROS:
        nesting += 1
        cost.macro_nesting = max(cost.macro_nesting, nesting)
    if node.kind == "list":
        cost.list_literal = max(cost.list_literal, len(node.args))
    for kid in ([node.target] if node.target is not None else []) + node.args:
        _cost(kid, depth + 1, nesting, cost, budget)


def analyse(src: str, *, indexable: bool = True, budget: Budget | None = None) -> Analysis:
    """Check and rewrite one condition (raises CelSyntaxError when it does not parse; LimitExceeded
    or CompileTimeout, from moat.policy.bounds, when it is over a bound or the budget)."""
    budget = budget or Budget()
    tree = parse(src, budget)
    checker = _Checker(budget)
    checker.type_of(tree, {})
    result = Analysis(residual="", errors=checker.errors)
    if checker.errors:
        return result
    rest: list[Node] = []
    for term in conjuncts(tree) if indexable else [tree]:
        found = _index_term(term) if indexable else None
        if found is None:
            rest.append(term)
            continue
        dim, values = found
        result.index[dim] = result.index[dim] & values if dim in result.index else values
    used: set[str] = set()
    parts = [rewrite_flat(term, src, used, budget) for term in rest]
    result.residual = " && ".join(f"({p})" for p in parts) if len(parts) > 1 else "".join(parts)
    result.variables = sorted(used)
    _fast_path(rest, result, budget, boolean=indexable)
    for term in rest:
        part = Cost()
        _cost(term, 1, 0, part, budget)
        result.cost.nodes += part.nodes
        result.cost.depth = max(result.cost.depth, part.depth)
        result.cost.macro_nesting = max(result.cost.macro_nesting, part.macro_nesting)
        result.cost.list_literal = max(result.cost.list_literal, part.list_literal)
    return result


def _fast_path(rest: list[Node], result: Analysis, budget: Budget, *, boolean: bool) -> None:
    """Fill `python` when every residual term is in pyfast's subset (conditions must be bool)."""
    from moat.policy.pyfast import translate

    if not rest:
        return
    paths: set[str] = set()
    parts = [translate(term, paths, budget) for term in rest]
    if any(p is None or (boolean and p[1] != "bool") for p in parts):
        return
    result.python = " and ".join(p[0] for p in parts if p is not None)
    if len(parts) > 1:
        result.python = f"({result.python})"
    result.python_paths = sorted(paths)
