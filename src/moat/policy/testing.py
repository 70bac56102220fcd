"""`moat policy test`: table-driven cases, in the spirit of `opa test`.

A test file is any `*_test.yaml` beside the policies:

    cases:
      - name: a subsidiary of a restricted org is refused
        context:                       # nested JSON in the schema's shape; missing fields are zero
          account: {id: acct_1, plan: api}
          org: {id: rival-sub, restricted: true}
        expect:
          effect: deny                 # allow | deny | throttle
          reason: competitive_use_restricted
          # optional: redact_reasoning, flag, max_tokens_cap, allowed_models, limits (exact names),
          # rules (must all match), not_rules (must not), warnings (reason codes), shadow (rule ids),
          # message_contains
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moat.context import Decision
from moat.policy.engine import Engine
from moat.policy.yamlread import BundleError, Located, load_yaml

EXPECT_KEYS = frozenset({"effect", "reason", "redact_reasoning", "flag", "max_tokens_cap", "allowed_models",
                         "limits", "rules", "not_rules", "warnings", "shadow", "message_contains"})


@dataclass(slots=True)
class CaseResult:
    file: str
    line: int
    name: str
    failures: list[str] = field(default_factory=list)
    decision: Decision | None = None

    @property
    def passed(self) -> bool:
        return not self.failures


def find_test_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*_test.y*ml") if p.is_file())


def _check(expect: dict[str, Any], d: Decision) -> list[str]:
    out: list[str] = []

    def same(key: str, got: Any) -> None:
        if key in expect and expect[key] != got:
            out.append(f"{key}: expected {expect[key]!r}, got {got!r}")

    same("effect", d.effect)
    same("reason", d.reason_code)
    same("redact_reasoning", d.redact_reasoning)
    same("flag", d.flag)
    same("max_tokens_cap", d.max_tokens_cap)
    same("allowed_models", d.allowed_models)
    if "limits" in expect and sorted(expect["limits"]) != sorted(d.limits):
        out.append(f"limits: expected {sorted(expect['limits'])}, got {sorted(d.limits)}")
    missing = [r for r in expect.get("rules", []) if r not in d.rules]
    if missing:
        out.append(f"rules {missing} did not match (matched: {d.rules})")
    unwanted = [r for r in expect.get("not_rules", []) if r in d.rules]
    if unwanted:
        out.append(f"rules {unwanted} matched but should not")
    codes = [w.split(":", 1)[0] for w in d.warnings]
    absent = [w for w in expect.get("warnings", []) if w not in codes]
    if absent:
        out.append(f"warnings {absent} missing (got: {codes})")
    shadow_ids = [s.split(":", 1)[0] for s in d.shadow]
    absent = [s for s in expect.get("shadow", []) if s not in shadow_ids]
    if absent:
        out.append(f"shadow {absent} missing (got: {shadow_ids})")
    text = expect.get("message_contains")
    if text is not None and text not in d.message:
        out.append(f"message does not contain {text!r}: {d.message!r}")
    return out


def run_file(engine: Engine, path: Path) -> list[CaseResult]:
    """Run every case of one test file; a malformed case is a failing result, not an exception."""
    try:
        doc = load_yaml(path)
    except BundleError as exc:
        return [CaseResult(str(path), e.line, "(file)", [e.reason]) for e in exc.errors]
    cases = doc.get("cases") if isinstance(doc, Located) else None
    if not isinstance(cases, list):
        return [CaseResult(str(path), 1, "(file)", ["a test file needs `cases:` (a list)"])]
    results: list[CaseResult] = []
    for i, case in enumerate(cases, 1):
        line = case.line if isinstance(case, Located) else doc.line_of("cases")
        if not isinstance(case, dict):
            results.append(CaseResult(str(path), line, f"case {i}", ["a case must be a mapping"]))
            continue
        result = CaseResult(str(path), line, str(case.get("name", f"case {i}")))
        expect = case.get("expect")
        context = case.get("context", {})
        if not isinstance(expect, dict) or not isinstance(context, dict):
            result.failures.append("a case needs `context:` and `expect:` mappings")
        else:
            unknown = sorted(set(expect) - EXPECT_KEYS)
            if unknown:
                result.failures.append(f"unknown expect key(s) {unknown} (known: {sorted(EXPECT_KEYS)})")
            result.decision = engine.decide_values(context)
            result.failures.extend(_check(expect, result.decision))
        results.append(result)
    return results


def run_tests(engine: Engine, directory: Path) -> list[CaseResult]:
    results: list[CaseResult] = []
    for path in find_test_files(directory):
        results.extend(run_file(engine, path))
    return results


def format_results(results: list[CaseResult], verbose: bool = False) -> str:
    """opa-test-like output: failures in full, passes when verbose, then the totals."""
    lines: list[str] = []
    for r in results:
        if r.passed and not verbose:
            continue
        lines.append(f"{r.file}:{r.line}: {r.name}: {'PASS' if r.passed else 'FAIL'}")
        lines.extend(f"    {f}" for f in r.failures)
        if r.failures and r.decision is not None:
            lines.extend(f"    | {e}" for e in r.decision.explanation)
    passed = sum(r.passed for r in results)
    failed = len(results) - passed
    if lines:
        lines.append("-" * 80)
    lines.append(f"PASS: {passed}/{len(results)}")
    if failed:
        lines.append(f"FAIL: {failed}/{len(results)}")
    return "\n".join(lines)
