"""The longest policy check of any input: adversarial bundles through `load_bundle` (what
`moat policy check`, hot reload and the console's dry run all run), timed one by one.

    .venv/bin/python bench/policy_worst_case.py [--repeat 3] [--cli] [--fuzz 300]

Each case is a bundle directory written to a temporary directory: the inputs of the hardening
issue (`[1][0][0]...`, 100 nested parentheses, 1,000 `&&` terms, deep YAML, a file that is not
UTF-8), inputs at or just over every bound of moat.policy.bounds (longest expression, most
tokens, deepest tree, most rules, most YAML nodes, largest bundle), YAML bombs, and `--fuzz` random
nested/long expressions. For each: the best of `--repeat` loads (wall and CPU seconds) and what
the loader answered. `--cli` also times `moat policy check` on the slowest case, process start
included. Goal (hardening issue, item 2): no check over 1 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from moat.policy.bounds import (
    MAX_BUNDLE_BYTES,
    MAX_EXPRESSION_CHARS,
    MAX_EXPRESSION_DEPTH,
    MAX_EXPRESSION_NESTING,
    MAX_EXPRESSION_TOKENS,
    MAX_FILE_BYTES,
    MAX_RULES,
    MAX_YAML_NODES,
)
from moat.policy.bundle import DEFAULT_DIR, load_bundle
from moat.policy.engine import Engine
from moat.policy.yamlread import BundleError

Files = dict[str, str | bytes]


def rule(when: str, rule_id: str = "r") -> str:
    return f"rules:\n  - id: {rule_id}\n    effect: deny\n    when: '{when}'\n"


def many_rules(total_bytes: int, count: int) -> Files:
    """`count` realistic rules spread over files of at most MAX_FILE_BYTES, about `total_bytes`."""
    per_rule = total_bytes // count
    files: Files = {}
    parts: list[str] = []
    size = 0
    for i in range(count):
        pad = "a" * max(0, per_rule - 420)
        text = (f"  - id: rule-{i}\n    effect: flag\n    reason: why_{i}\n"
                f"    message: \"Flagged; quote decision {{decision_id}}.\"\n"
                f"    when: 'account.plan == \"p{i}\" && scores.distillation > 0.{i % 10} && "
                f"request.model.startsWith(\"m{i}\") && !account.email_domain.endsWith(\"@x.example\") && "
                f"(scores.risk > 0.{i % 7} || entity.restricted) && account.id != \"{pad}\"'\n")
        if size + len(text) > MAX_FILE_BYTES - 64:
            files[f"f{len(files)}.yaml"] = "rules:\n" + "".join(parts)
            parts, size = [], 0
        parts.append(text)
        size += len(text)
    files[f"f{len(files)}.yaml"] = "rules:\n" + "".join(parts)
    return files


def org_list(chars: int) -> str:
    items: list[str] = []
    used = len("org.id in []")
    i = 0
    while used + 12 < chars:
        items.append(f'"org-{i:05d}"')
        used += 13
        i += 1
    return "org.id in [" + ", ".join(items) + "]"


def cases() -> dict[str, Files]:
    n = MAX_EXPRESSION_NESTING
    ops = ["1 || ", "1 && ", "1 == ", "1 + ", "1 * "]
    mixed = "1"
    for i in range(n - 1):
        mixed = f"({ops[i % 5]}{mixed})"
    out: dict[str, Files] = {
        "issue: [1][0]x20": {"a.yaml": rule("[1]" + "[0]" * 20 + " == 1")},
        "issue: [1][0]x100": {"a.yaml": rule("[1]" + "[0]" * 100 + " == 1")},
        "issue: [1][0]x10000": {"a.yaml": rule("[1]" + "[0]" * 10_000 + " == 1")},
        "issue: 100 nested ()": {"a.yaml": rule("(" * 100 + "true" + ")" * 100)},
        "issue: 1,000 && terms": {"a.yaml": rule(" && ".join(["scores.risk > 0.5"] * 1000))},
        "issue: deep YAML (1,000 [)": {"a.yaml": "rules: " + "[" * 1000 + "]" * 1000 + "\n"},
        "issue: deep YAML (block)": {"a.yaml": "rules:\n" + "".join("  " * i + "- \n" for i in range(1, 300))},
        "issue: not UTF-8": {"a.yaml": b"rules:\n  - id: caf\xe9\n    effect: deny\n"},
        "YAML bomb (aliases)": {"a.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
            + "rules: []\n"},
        "YAML: 5,000-digit integer": {"a.yaml": "rules:\n  - {id: r, effect: deny, priority: " + "9" * 5000 + "}\n"},
        f"YAML: {MAX_YAML_NODES:,} nodes + 1": {"a.yaml": "description: [" + "1," * MAX_YAML_NODES + "1]\nrules: []\n"},
        "YAML: most nodes under the bound": {
            "a.yaml": "description: [" + "1," * (MAX_YAML_NODES - 10) + "1]\nrules: []\n"},
        "file over MAX_FILE_BYTES (8 MB)": {"a.yaml": "rules: []\n#" + "x" * (8 << 20) + "\n"},
        "longest expression (index list)": {"a.yaml": rule(org_list(MAX_EXPRESSION_CHARS - 64))},
        "longest expression + 1 char": {"a.yaml": rule("true" + " " * MAX_EXPRESSION_CHARS)},
        "most tokens (list literal)": {"a.yaml": rule("[" + ",".join(["1"] * (MAX_EXPRESSION_TOKENS // 2 - 4))
                                                      + "] == []")},
        "most tokens (&& chain)": {"a.yaml": rule(" && ".join(["true"] * (MAX_EXPRESSION_TOKENS // 2 - 2)))},
        "tokens + 1": {"a.yaml": rule(" && ".join(["true"] * (MAX_EXPRESSION_TOKENS // 2 + 1)))},
        "deepest tree ([i] chain)": {"a.yaml": rule("[1]" + "[0]" * (MAX_EXPRESSION_DEPTH - 3) + " == 1")},
        "deepest nesting (mixed ops)": {"a.yaml": rule(f"{mixed} == 1")},
        "deepest nesting (macros)": {"a.yaml": rule("org.owners.exists(a, " * (n // 2 - 1) + "true"
                                                    + ")" * (n // 2 - 1))},
        "unterminated ''' string": {"a.yaml": rule("account.id == \"\"\"" + "x" * (MAX_EXPRESSION_CHARS - 64))},
        f"{MAX_RULES:,} rules, {MAX_BUNDLE_BYTES // 1024} KiB": many_rules(MAX_BUNDLE_BYTES - 4096, MAX_RULES),
        f"{MAX_RULES + 1:,} rules (over)": many_rules(MAX_BUNDLE_BYTES - 4096, MAX_RULES + 1),
        "bundle over MAX_BUNDLE_BYTES": {f"f{i}.yaml": "rules: []\n#" + "x" * (MAX_FILE_BYTES - 20) + "\n"
                                         for i in range(3)},
        "256 files of 2 KB": {f"f{i:03d}.yaml": rule('account.plan == "x" && scores.risk > 0.5', f"r{i}")
                               + "#" + "x" * 1900 + "\n" for i in range(256)},
    }
    return out


def fuzz_expression(rng: random.Random) -> str:
    leaves = ["account.plan", "scores.risk", "org.id", "request.model", "1", "0.5", '"x"', "true", "[1, 2]",
              "org.owners", "entity.restricted", "account.id"]
    unary = ["!{}", "-{}", "({})", "[{}]", "size({})", "{}[0]", "{}.plan", "org.owners.exists(o, {})",
             "{}.startsWith(\"a\")", "true ? {} : false"]
    binary = ["{} && {}", "{} || {}", "{} == {}", "{} + {}", "{} * {}", "{} in {}", "{} < {}"]
    shape = rng.random()
    if shape < 0.3:  # one long chain
        op = rng.choice([" && ", " || ", " + ", " == ", "."])
        return op.join(rng.choice(leaves) for _ in range(rng.randint(1, 6000)))
    if shape < 0.6:  # one deep wrapper
        expr = rng.choice(leaves)
        wrapper = rng.choice(unary)
        for _ in range(rng.randint(1, 400)):
            expr = wrapper.format(expr)
        return expr
    expr = rng.choice(leaves)  # random mix
    for _ in range(rng.randint(1, 300)):
        if rng.random() < 0.5:
            expr = rng.choice(unary).format(expr)
        else:
            other = rng.choice(leaves)
            expr = rng.choice(binary).format(*((expr, other) if rng.random() < 0.5 else (other, expr)))
    return expr


def write(root: Path, files: Files) -> Path:
    root.mkdir(parents=True)
    for name, text in files.items():
        path = root / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text)
    return root


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float, str]:
    best_wall = best_cpu = float("inf")
    outcome = ""
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            result = fn()
            outcome = "loaded" if result is not None else "?"
        except BundleError as exc:
            first = exc.errors[0]
            outcome = f"refused ({len(exc.errors)}): line {first.line}: {first.reason}"
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best_wall, best_cpu, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fuzz", type=int, default=300, help="random expressions to try")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cli", action="store_true", help="also time `moat policy check` on the slowest case")
    args = parser.parse_args()
    rows: list[tuple[str, float, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="moat-worst-") as tmp:
        dirs: dict[str, Path] = {}
        for i, (name, files) in enumerate(cases().items()):
            dirs[name] = write(Path(tmp) / f"c{i}", files)
            wall, cpu, outcome = timed(lambda d=dirs[name]: load_bundle(d), args.repeat)  # type: ignore[misc]
            rows.append((name, wall, cpu, outcome))
        rng = random.Random(args.seed)
        fuzz_worst = (0.0, 0.0, "", "")
        loaded = 0
        for i in range(args.fuzz):
            expr = fuzz_expression(rng)
            d = write(Path(tmp) / f"z{i}", {"a.yaml": rule(expr.replace("'", "''"))})
            wall, cpu, outcome = timed(lambda d=d: load_bundle(d), 1)  # type: ignore[misc]
            loaded += outcome == "loaded"
            if wall > fuzz_worst[0]:
                fuzz_worst = (wall, cpu, outcome, expr[:40])
        if args.fuzz:
            rows.append((f"fuzz: slowest of {args.fuzz} random ({loaded} loaded), {fuzz_worst[3]!r}...",
                         fuzz_worst[0], fuzz_worst[1], fuzz_worst[2]))
        big = dirs[f"{MAX_RULES:,} rules, {MAX_BUNDLE_BYTES // 1024} KiB"]
        bundle = load_bundle(big)
        wall, cpu, _ = timed(lambda: Engine(bundle), args.repeat)
        rows.append((f"{MAX_RULES:,} rules: Engine(bundle) after the load (hot reload, dry run)", wall, cpu, "built"))
        print(f"{'case':<58} {'wall s':>7} {'cpu s':>7}  outcome")
        for name, wall, cpu, outcome in rows:
            print(f"{name[:58]:<58} {wall:7.3f} {cpu:7.3f}  {outcome[:110]}")
        slowest = max(rows[:-1], key=lambda r: r[1])
        print(f"\nslowest check: {slowest[1]:.3f} s wall ({slowest[0]})")
        if args.cli:
            for label, target in (("the default bundle", DEFAULT_DIR), (slowest[0], dirs.get(slowest[0], big))):
                best = (float("inf"), 0.0)
                for _ in range(args.repeat):
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    start = time.perf_counter()
                    subprocess.run([sys.executable, "-m", "moat", "policy", "check", str(target)],
                                   capture_output=True, check=False)
                    wall = time.perf_counter() - start
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                    best = min(best, (wall, cpu))
                print(f"`moat policy check` on {label}, process start included: {best[0]:.3f} s wall, "
                      f"{best[1]:.3f} s CPU")


if __name__ == "__main__":
    main()
