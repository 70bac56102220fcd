"""Loading and compiling a bundle: a directory of YAML files becomes one immutable `Bundle`.

Everything costly happens here, once per load: YAML parsing, the schema check, `cel.compile` of
every condition and limit key, the cost ceiling, the rule index. The revision is a hash of the
files' content (names included), so two replicas that load the same files agree on it.
Files named `*_test.yaml` are `moat policy test` cases, not part of the bundle.

The work of a load is bounded (moat.policy.bounds): file count and sizes before reading, rule and
limit counts before compiling, each expression's size before it is parsed and its steps while it is
analysed, and the whole load by a wall-clock limit. Whatever goes wrong, including errors nobody
foresaw (a RecursionError, a crash in the `cel` package), is a `PolicyError` with file and line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import cel

from moat.limits.spec import LimitSpec
from moat.policy.analysis import Analysis, analyse
from moat.policy.bounds import (
    COMPILE_SECONDS,
    MAX_BUNDLE_BYTES,
    MAX_BUNDLE_FILES,
    MAX_LIMITS,
    MAX_RULES,
    Budget,
    CompileTimeout,
    LimitExceeded,
    collector_excluded,
    deadline_in,
)
from moat.policy.celparse import CelSyntaxError, line_col
from moat.policy.limitdefs import LimitDef, parse_limit
from moat.policy.rules import Rule, parse_rule
from moat.policy.yamlread import BundleError, Located, PolicyError, decode, load_yaml, read_bytes

DEFAULT_DIR = Path(__file__).parent / "default"
DIMENSIONS: tuple[str, ...] = ("org", "plan", "model", "platform")

# Cost ceiling of what one rule evaluates per request (after index terms are taken out): a rule
# over it is a load error, so one careless rule cannot slow every request down.
MAX_NODES = 200
MAX_DEPTH = 24
MAX_MACRO_NESTING = 2
MAX_LIST_LITERAL = 256


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: Rule
    program: cel.Program | None  # None: the index alone decides (the condition is all index terms)
    variables: tuple[str, ...]  # flat context paths the program reads
    index: dict[str, frozenset[str]]  # dimension -> values the rule can apply to
    order: int  # position in the bundle's canonical order (priority desc, then id)
    python: str | None = None  # the program as a pyfast expression, when in the fast subset
    python_paths: tuple[str, ...] = ()
    explain: str = ""  # the rule's line in a decision's explanation, formatted once at load


@dataclass(frozen=True, slots=True)
class CompiledLimit:
    definition: LimitDef
    program: cel.Program
    variables: tuple[str, ...]
    python: str | None = None
    python_paths: tuple[str, ...] = ()


@dataclass(slots=True)
class Bundle:
    revision: str
    source: str  # directory it was loaded from
    rules: list[CompiledRule]
    limits: dict[str, CompiledLimit]
    files: list[str] = field(default_factory=list)

    @property
    def limit_specs(self) -> dict[str, LimitSpec]:
        """Every LimitSpec of the bundle by spec name (what a limiter may want to pre-register)."""
        return {s.name: s for lim in self.limits.values() for s in lim.definition.specs}


def policy_files(directory: Path) -> list[Path]:
    """The bundle's files, in a stable order (tests excluded)."""
    found = [p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
    return sorted(p for p in found if not p.stem.endswith("_test"))


def _cel_error_line(message: str) -> int:
    m = re.search(r"<input>:(\d+):(\d+)", message)
    return int(m.group(1)) if m else 1


def _compile(src: str, file: str, line: int, what: str, errors: list[PolicyError], *,
             indexable: bool, deadline: float | None = None) -> tuple[Analysis, cel.Program | None] | None:
    """Analyse and compile one expression; problems go to `errors` with their file line.
    Raises CompileTimeout past `deadline` (the caller refuses the whole bundle)."""
    budget = Budget(deadline=deadline)
    try:
        result = analyse(src, indexable=indexable, budget=budget)
    except CompileTimeout:
        raise
    except LimitExceeded as exc:
        errors.append(PolicyError(file, line + line_col(src, exc.pos)[0] - 1, f"{what}: {exc}"))
        return None
    except CelSyntaxError as exc:
        errors.append(PolicyError(file, line + line_col(src, exc.pos)[0] - 1, f"{what}: syntax error: {exc}"))
        return None
    except RecursionError:  # the parser's bounds should make this impossible; refuse, never crash
        errors.append(PolicyError(file, line, f"{what}: expression nested too deeply to compile"))
        return None
    except Exception as exc:
        errors.append(PolicyError(file, line, f"{what}: cannot be compiled ({type(exc).__name__}: {exc})"))
        return None
    for pos, reason in result.errors:
        errors.append(PolicyError(file, line + line_col(src, pos)[0] - 1, f"{what}: {reason}"))
    if result.errors:
        return None
    cost = result.cost
    over = [f"{n} {v} > {m}" for n, v, m in (("nodes", cost.nodes, MAX_NODES), ("depth", cost.depth, MAX_DEPTH),
                                            ("macro nesting", cost.macro_nesting, MAX_MACRO_NESTING),
                                            ("list literal", cost.list_literal, MAX_LIST_LITERAL)) if v > m]
    if over:
        errors.append(PolicyError(file, line, f"{what}: over the cost ceiling ({', '.join(over)}); "
                                  "split the rule or move long lists into index terms (x in [...])"))
        return None
    try:
        cel.compile(src)  # the reference parser must agree with ours
        program = cel.compile(result.residual) if result.residual else None
    except (ValueError, RuntimeError) as exc:
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        errors.append(PolicyError(file, line + _cel_error_line(str(exc)) - 1, f"{what}: {first}"))
        return None
    except BaseException as exc:  # a panic in the Rust extension is a BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        errors.append(PolicyError(file, line, f"{what}: the CEL compiler failed ({type(exc).__name__})"))
        return None
    budget.check_clock()
    return result, program


def _read_file(path: Path, text: str, errors: list[PolicyError], rules: list[Rule],
               limits: list[LimitDef]) -> None:
    try:
        doc = load_yaml(path, text)
    except BundleError as exc:
        errors.extend(exc.errors)
        return
    name = str(path)
    if doc is None:
        return
    if not isinstance(doc, Located):
        errors.append(PolicyError(name, 1, "a policy file is a mapping with `rules:` and/or `limits:`"))
        return
    for key in doc:
        if key not in ("rules", "limits", "description"):
            errors.append(PolicyError(name, doc.line_of(key), f"unknown top-level key {key!r} "
                                      "(known: rules, limits, description)"))
    for key, parse, sink in (("rules", parse_rule, rules), ("limits", parse_limit, limits)):
        items = doc.get(key, [])
        if not isinstance(items, list):
            errors.append(PolicyError(name, doc.line_of(key), f"{key} must be a list"))
            continue
        for item in items:
            line = item.line if isinstance(item, Located) else doc.line_of(key)
            parsed = parse(item, name, line, errors)
            if parsed is not None:
                sink.append(parsed)  # type: ignore[arg-type]


def load_bundle(directory: str | Path | None = None, *, seconds: float | None = COMPILE_SECONDS) -> Bundle:
    """Load, check and compile the bundle in `directory` (the shipped default when empty).

    Raises BundleError listing every problem (file, line, reason); never returns a partial bundle,
    and never raises anything else for anything in the files. `seconds` bounds the whole load
    (None: no clock; the size bounds still hold).
    """
    root = Path(directory) if directory else DEFAULT_DIR
    if not root.is_dir():
        raise BundleError([PolicyError(str(root), 0, "not a directory")])
    where = _Where(str(root))  # what the load is working on, for a refusal that stops it
    try:
        with collector_excluded():
            return _load(root, deadline_in(seconds), where)
    except CompileTimeout:
        raise BundleError([PolicyError(where.file, where.line, f"compile time limit of {seconds:g} s reached "
                                       "here (COMPILE_SECONDS); the bundle is refused")]) from None
    except RecursionError:
        raise BundleError([PolicyError(where.file, where.line, "nested too deeply to compile")]) from None


@dataclass(slots=True)
class _Where:
    file: str
    line: int = 0

    def at(self, file: str, line: int) -> None:
        self.file, self.line = file, line


def _load(root: Path, deadline: float | None, where: _Where) -> Bundle:
    files = policy_files(root)
    if not files:
        raise BundleError([PolicyError(str(root), 0, "no policy files (*.yaml) in the directory")])
    if len(files) > MAX_BUNDLE_FILES:
        raise BundleError([PolicyError(str(root), 0, f"{len(files)} policy files, more than {MAX_BUNDLE_FILES} "
                                                     "(MAX_BUNDLE_FILES)")])
    clock = Budget(deadline=deadline)
    errors: list[PolicyError] = []
    rules: list[Rule] = []
    limit_defs: list[LimitDef] = []
    digest = hashlib.sha256()
    total = 0
    for path in files:
        where.at(str(path), 0)
        try:
            data = read_bytes(path)
            total += len(data)
            if total > MAX_BUNDLE_BYTES:
                raise BundleError([PolicyError(str(path), 0, f"the bundle's files exceed {MAX_BUNDLE_BYTES} bytes "
                                                             "together (MAX_BUNDLE_BYTES)")])
            text = decode(path, data)
        except BundleError as exc:
            errors.extend(exc.errors)
            if total > MAX_BUNDLE_BYTES:
                break
            continue
        digest.update(str(path.relative_to(root)).encode() + b"\0" + data + b"\0")
        _read_file(path, text, errors, rules, limit_defs)
        clock.check_clock()
    over = [PolicyError(str(root), 0, f"{len(items)} {what}, more than {most} (MAX_{what.upper()})")
            for what, items, most in (("rules", rules, MAX_RULES), ("limits", limit_defs, MAX_LIMITS))
            if len(items) > most]
    if over:  # refused before compiling any of them
        raise BundleError(errors + over)
    limits: dict[str, CompiledLimit] = {}
    for lim in limit_defs:
        if lim.name in limits:
            first = limits[lim.name].definition
            errors.append(PolicyError(lim.file, lim.line, f"duplicate limit {lim.name!r} "
                                      f"(first at {first.file}:{first.line})"))
            continue
        where.at(lim.file, lim.line)
        got = _compile(lim.key_expression, lim.file, lim.line, f"limit {lim.name} key", errors, indexable=False,
                       deadline=deadline)
        if got is not None and got[1] is not None:
            limits[lim.name] = CompiledLimit(lim, got[1], tuple(got[0].variables), got[0].python,
                                             tuple(got[0].python_paths))
    seen: dict[str, Rule] = {}
    compiled: list[tuple[Rule, Analysis, cel.Program | None]] = []
    for rule in rules:
        if rule.id in seen:
            errors.append(PolicyError(rule.file, rule.line, f"duplicate rule id {rule.id!r} "
                                      f"(first at {seen[rule.id].file}:{seen[rule.id].line})"))
            continue
        seen[rule.id] = rule
        for name in rule.limits:
            if not any(d.name == name for d in limit_defs):
                errors.append(PolicyError(rule.file, rule.line, f"rule {rule.id}: unknown limit {name!r}"))
        where.at(rule.file, rule.when_line)
        got = _compile(rule.when, rule.file, rule.when_line, f"rule {rule.id}", errors, indexable=True,
                       deadline=deadline)
        if got is not None:
            compiled.append((rule, got[0], got[1]))
    if errors:
        raise BundleError(errors)
    compiled.sort(key=lambda t: (-t[0].priority, t[0].id))
    out = [CompiledRule(rule, program, tuple(a.variables), a.index, i, a.python, tuple(a.python_paths),
                        _explain(rule)) for i, (rule, a, program) in enumerate(compiled)]
    return Bundle(revision=digest.hexdigest()[:16], source=str(root), rules=out, limits=limits,
                  files=[str(p) for p in files])


def _explain(rule: Rule) -> str:
    mode = "" if rule.mode == "enforce" else f"{rule.mode} "
    return (f"{rule.id}: {mode}{rule.effect} ({rule.reason}), priority {rule.priority}, "
            f"when `{' '.join(rule.when.split())}` [{rule.file}:{rule.when_line}]")
