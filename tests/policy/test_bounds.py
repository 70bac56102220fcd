"""Bounded policy work (hardening issue, items 2 and 3): every input is accepted or refused with
file, line and reason, within work that grows with its size and never exponentially.

No assertion here reads a clock: work is measured in `Budget.steps` (one per syntax-tree node
visited by any load-time walk) and in counts of what ran.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moat.policy import BundleError, load_bundle
from moat.policy import bundle as bundle_module
from moat.policy.analysis import analyse
from moat.policy.bounds import (
    MAX_BUNDLE_BYTES,
    MAX_EXPRESSION_CHARS,
    MAX_EXPRESSION_DEPTH,
    MAX_EXPRESSION_NESTING,
    MAX_EXPRESSION_TOKENS,
    MAX_FILE_BYTES,
    MAX_RULES,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
    Budget,
    CompileTimeout,
    LimitExceeded,
    collector_excluded,
    deadline_in,
)
from moat.policy.celparse import CelSyntaxError, _tokenize, parse

STEPS_PER_TOKEN = 8  # every walk is linear: at most this many budget steps per token, plus a constant


def rule(when: str, rule_id: str = "r") -> str:
    return f"rules:\n  - id: {rule_id}\n    effect: deny\n    when: '{when}'\n"


def refusal(directory: Path) -> list[tuple[str, int, str]]:
    with pytest.raises(BundleError) as info:
        load_bundle(directory)
    return [(Path(e.file).name, e.line, e.reason) for e in info.value.errors]


def write_raw(directory: Path, files: dict[str, str | bytes]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if isinstance(content, bytes):
            (directory / name).write_bytes(content)
        else:
            (directory / name).write_text(content)
    return directory


def work(src: str) -> tuple[int, str]:
    """(budget steps, outcome) of analysing one expression: "ok", or the refusal's class name."""
    budget = Budget()
    try:
        analyse(src, budget=budget)
    except (CelSyntaxError, LimitExceeded) as exc:
        return budget.steps, type(exc).__name__
    return budget.steps, "ok"


# -- the inputs of the issue --------------------------------------------------------------------------

ISSUE_INPUTS: dict[str, tuple[str | bytes, int, str]] = {
    # name: (file content, line of the refusal, text in its reason)
    "index chain, 100 levels": (rule("[1]" + "[0]" * 100 + " == 1"), 4, "nested too deeply"),
    "index chain, 10,000 levels": (rule("[1]" + "[0]" * 10_000 + " == 1"), 4, "MAX_EXPRESSION_DEPTH"),
    "100 nested parentheses": (rule("(" * 100 + "true" + ")" * 100), 4, "MAX_EXPRESSION_NESTING"),
    "1,000 && terms": (rule(" && ".join(["scores.risk > 0.5"] * 1000)), 4, "over the cost ceiling"),
    "deep YAML, flow": ("rules: " + "[" * 1000 + "]" * 1000 + "\n", 1, "nesting depth"),
    "deep YAML, block": ("rules:\n" + "".join("  " * i + "- \n" for i in range(1, 300)), MAX_YAML_DEPTH + 1,
                         "MAX_YAML_DEPTH"),
    "not UTF-8": (b"rules:\n  - id: caf\xe9\n    effect: deny\n", 2, "not UTF-8"),
    "YAML bomb": ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                  "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nrules: []\n", 1, "anchors and aliases"),
    "a huge file": ("rules: []\n#" + "x" * (MAX_FILE_BYTES + 1) + "\n", 0, "MAX_FILE_BYTES"),
    "a 5,000-digit integer": ("rules:\n  - {id: r, effect: deny, priority: " + "9" * 5000 + "}\n", 2,
                              "cannot read this value"),
    "a 5,000-digit CEL number": (rule("scores.risk > " + "9" * 5000), 4, "bad number literal"),
    "an escape naming no character": (rule('account.id == "\\U0011FFFF"'), 4, "bad escape"),
    "a NUL character": ("rules: []\n\x00\n", 2, "YAML"),
    "too many YAML nodes": ("description: [" + "1," * MAX_YAML_NODES + "1]\nrules: []\n", 1, "MAX_YAML_NODES"),
}


@pytest.mark.parametrize("name", list(ISSUE_INPUTS))
def test_bad_input_is_refused_with_file_line_and_reason(name: str, tmp_path: Path) -> None:
    content, line, reason = ISSUE_INPUTS[name]
    d = write_raw(tmp_path / "b", {"ok.yaml": rule("true", "fine"), "bad.yaml": content})
    errors = refusal(d)
    assert [(f, n) for f, n, _ in errors] == [("bad.yaml", line)], errors
    assert reason in errors[0][2]


def test_index_chain_is_linear_and_loads_at_20_levels(bundle_dir: Callable[..., Path]) -> None:
    """`[1][0][0]...` doubled the type check's work per level (20 levels: 1.2 s, 100: > 20 s)."""
    steps = {n: work("[1]" + "[0]" * n + " == 1")[0] for n in (10, 20, 40, 60)}
    assert all(work("[1]" + "[0]" * n + " == 1")[1] == "ok" for n in steps)
    # linear: each further level costs the same few steps (it was 2x the whole expression per level)
    per_level = (steps[60] - steps[40]) / 20
    assert per_level == (steps[40] - steps[20]) / 20 == (steps[20] - steps[10]) / 10 <= 10
    load_bundle(bundle_dir({"a.yaml": rule("[1]" + "[0]" * 20 + " == 1")}))


def test_long_and_chains_stay_shallow() -> None:
    """A 1,000-term `&&` chain is a balanced tree (10 levels of `&&` over each 3-level comparison):
    no walk recurses 1,000 deep."""
    tree = parse(" && ".join(["scores.risk > 0.5"] * 1000))
    assert tree.depth == 13
    steps, outcome = work(" && ".join(["scores.risk > 0.5"] * 1000))
    assert outcome == "ok" and steps <= STEPS_PER_TOKEN * 4000


# -- each bound, at and just over it -----------------------------------------------------------------

def test_nesting_bound() -> None:
    n = MAX_EXPRESSION_NESTING
    assert work("(" * (n - 1) + "true" + ")" * (n - 1))[1] == "ok"
    with pytest.raises(LimitExceeded, match="MAX_EXPRESSION_NESTING") as info:
        parse("(" * (n + 1) + "true" + ")" * (n + 1))
    assert info.value.pos == n  # the offset of the parenthesis one too deep
    with pytest.raises(LimitExceeded, match="MAX_EXPRESSION_NESTING"):
        parse("!" * (n + 1) + "true")


def test_depth_bound() -> None:
    d = MAX_EXPRESSION_DEPTH
    assert parse("[1]" + "[0]" * (d - 2)).depth == d
    with pytest.raises(LimitExceeded, match="MAX_EXPRESSION_DEPTH"):
        parse("[1]" + "[0]" * (d - 1))
    with pytest.raises(LimitExceeded, match="MAX_EXPRESSION_DEPTH"):
        parse(" + ".join(["1"] * (d + 1)))


def test_size_bounds_are_checked_before_parsing() -> None:
    with pytest.raises(LimitExceeded, match="MAX_EXPRESSION_CHARS"):
        parse("true" + " " * MAX_EXPRESSION_CHARS)
    budget = Budget()
    with pytest.raises(LimitExceeded, match="MAX_EXPRESSION_TOKENS"):
        parse(",".join(["1"] * MAX_EXPRESSION_TOKENS), budget)
    assert budget.steps == 0  # refused while tokenizing: no node was built


def test_step_budget() -> None:
    src = " || ".join(["scores.risk > 0.5"] * 100)
    steps, _ = work(src)
    budget = Budget(max_steps=steps - 1)
    with pytest.raises(LimitExceeded, match="MAX_COMPILE_STEPS"):
        analyse(src, budget=budget)


WORST_SHAPES = {
    "mixed precedence": "".join(f"({op}" for op, _ in zip(["1 || ", "1 && ", "1 == ", "1 + ", "1 * "] * 7,
                                                           range(MAX_EXPRESSION_NESTING - 1), strict=False))
                        + "1" + ")" * (MAX_EXPRESSION_NESTING - 1) + " == 1",
    "index chain": "[1]" + "[0]" * (MAX_EXPRESSION_DEPTH - 3) + " == 1",
    "list nesting": "[" * (MAX_EXPRESSION_NESTING - 1) + "1" + "]" * (MAX_EXPRESSION_NESTING - 1) + " == []",
    "macros": "org.owners.exists(a, " * (MAX_EXPRESSION_NESTING // 2 - 1) + "true"
              + ")" * (MAX_EXPRESSION_NESTING // 2 - 1),
    "concatenation": " + ".join(['"a"'] * (MAX_EXPRESSION_DEPTH - 1)) + ' == "x"',
}


@pytest.mark.parametrize("name", list(WORST_SHAPES))
def test_the_deepest_accepted_shapes_need_a_bounded_stack(name: str) -> None:
    """At the bounds, the analysis needs ~200 frames: run it with only 350 left, it must not overflow."""
    src = WORST_SHAPES[name]

    def at_depth(n: int) -> tuple[int, str]:
        return work(src) if n == 0 else at_depth(n - 1)

    here = len(_stack())
    steps, outcome = at_depth(sys.getrecursionlimit() - here - 350)
    assert outcome == "ok"
    assert steps <= STEPS_PER_TOKEN * len(_tokenize(src)) + 16


def _stack() -> list[Any]:
    frame, out = sys._getframe(), []
    while frame is not None:
        out.append(frame)
        frame = frame.f_back  # type: ignore[assignment]
    return out


# -- fuzz: random nested and long expressions ---------------------------------------------------------

_LEAVES = ["account.plan", "scores.risk", "org.id", "request.model", "1", "0.5", '"x"', "true", "[1, 2]",
           "org.owners", "entity.restricted", "{}", "{1: 2}", "'''a'''", "1u", "0x1F", "null", "o"]
_WRAPPERS = ["!{}", "-{}", "({})", "[{}]", "size({})", "{}[0]", "{}.plan", "org.owners.exists(o, {})",
             '{}.startsWith("a")', "true ? {} : false", "{}.f()", "{{{}: 1}}", "has({}.x)"]
_BINARY = ["{} && {}", "{} || {}", "{} == {}", "{} + {}", "{} * {}", "{} in {}", "{} < {}", "{} % {}"]


@st.composite
def expressions(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["chain", "wrap", "mix", "text"]))
    if kind == "chain":  # one long chain, up to past the token bound
        op = draw(st.sampled_from([" && ", " || ", " + ", " == ", ".", "", "[0]"]))
        leaves = draw(st.lists(st.sampled_from(_LEAVES), min_size=1, max_size=4))
        return op.join(leaves[i % len(leaves)] for i in range(draw(st.integers(1, 20_000))))
    if kind == "wrap":  # one construct nested up to far past every bound
        expr, wrapper = draw(st.sampled_from(_LEAVES)), draw(st.sampled_from(_WRAPPERS))
        for _ in range(draw(st.integers(1, 500))):
            expr = wrapper.format(expr)
        return expr
    if kind == "text":  # arbitrary characters: the tokenizer and escapes
        return draw(st.text(alphabet=st.sampled_from('()[]{}.,!?:-+*/%<>="\'\\ux0123abc \n&|rb'), max_size=300))
    expr = draw(st.sampled_from(_LEAVES))
    for _ in range(draw(st.integers(1, 200))):
        if draw(st.booleans()):
            expr = draw(st.sampled_from(_WRAPPERS)).format(expr)
        else:
            other = draw(st.sampled_from(_LEAVES))
            pair = (expr, other) if draw(st.booleans()) else (other, expr)
            expr = draw(st.sampled_from(_BINARY)).format(*pair)
    return expr


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(expressions())
def test_random_expressions_are_accepted_or_refused_within_linear_work(src: str) -> None:
    steps, outcome = work(src)
    assert outcome in ("ok", "CelSyntaxError", "LimitExceeded")
    try:
        tokens = len(_tokenize(src))
    except (CelSyntaxError, LimitExceeded):
        tokens = 0  # refused while tokenizing: nothing was built
    assert steps <= STEPS_PER_TOKEN * tokens + 16
    if outcome == "ok":
        assert len(src) <= MAX_EXPRESSION_CHARS and tokens <= MAX_EXPRESSION_TOKENS + 1
        assert parse(src).depth <= MAX_EXPRESSION_DEPTH


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(src=expressions())
def test_random_expressions_in_a_bundle_are_loaded_or_refused_with_a_line(src: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = write_raw(Path(tmp), {"a.yaml": "rules:\n  - id: fuzz\n    effect: deny\n    when: |\n      "
                                          + src.replace("\n", " ") + "\n"})
        try:
            load_bundle(directory)
        except BundleError as exc:
            # a line for what is inside the file; line 0 only for the file as a whole (too large to read)
            assert all(e.file.endswith("a.yaml") and e.reason and (e.line >= 1 or "MAX_FILE_BYTES" in e.reason)
                       for e in exc.errors), exc.errors


# -- a bundle's bounds ----------------------------------------------------------------------------------

def test_too_many_rules_are_refused_before_any_is_compiled(bundle_dir: Callable[..., Path],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    real = bundle_module.analyse

    def counting(src: str, **kw: Any) -> Any:
        compiled.append(src)
        return real(src, **kw)

    monkeypatch.setattr(bundle_module, "analyse", counting)
    text = "rules:\n" + "".join(f"  - {{id: r{i}, effect: deny, when: 'scores.risk > 0.5'}}\n"
                                for i in range(MAX_RULES + 1))
    [(_, line, reason)] = refusal(bundle_dir({"a.yaml": text}))
    assert "MAX_RULES" in reason and line == 0
    assert compiled == []


def test_bundle_bytes_bound(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {f"f{i}.yaml": "rules: []\n#" + "x" * (MAX_FILE_BYTES - 20) + "\n"
                                     for i in range(MAX_BUNDLE_BYTES // MAX_FILE_BYTES + 1)}
    errors = refusal(write_raw(tmp_path / "b", files))
    assert len(errors) == 1 and "MAX_BUNDLE_BYTES" in errors[0][2]


def test_compile_time_limit_refuses_the_bundle_where_it_stopped(bundle_dir: Callable[..., Path]) -> None:
    d = bundle_dir({"a.yaml": rule("scores.risk > 0.5")})
    load_bundle(d)
    with pytest.raises(BundleError) as info:
        load_bundle(d, seconds=-1.0)  # already past: the first look at the clock stops the load
    [err] = info.value.errors
    assert Path(err.file).name == "a.yaml" and "compile time limit" in err.reason


def test_the_default_bundle_is_far_inside_every_bound() -> None:
    bundle = load_bundle()
    for cr in bundle.rules:
        budget = Budget()
        analyse(cr.rule.when, budget=budget)
        assert budget.steps < 500 and parse(cr.rule.when).depth < 16


def _collect_for(seconds: float) -> None:
    """Run full collections (of the heap the caller holds) until they have taken `seconds` of this
    thread's CPU."""
    start = time.thread_time()
    while time.thread_time() - start < seconds:
        gc.collect()


def test_the_collectors_runs_do_not_count_against_a_bundles_deadline() -> None:
    """A full collection of a large heap, triggered by whatever the load allocated, is the
    process's work: a replica holding a big heap must not refuse a bundle it would load when fresh.
    Outside a load the collector is not timed (no callback on the serving path)."""
    heap = [[{} for _ in range(20)] for _ in range(50_000)]
    callbacks = len(gc.callbacks)
    with collector_excluded():
        assert len(gc.callbacks) == callbacks + 1
        clock = Budget(deadline=deadline_in(0.05))
        _collect_for(0.2)
        clock.check_clock()  # 0.2 s of collections, none of it the bundle's
    assert len(gc.callbacks) == callbacks
    clock = Budget(deadline=deadline_in(0.05))
    _collect_for(0.2)
    with pytest.raises(CompileTimeout):
        clock.check_clock()
    del heap
