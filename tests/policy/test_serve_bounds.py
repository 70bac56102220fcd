"""Pathological policies against a real `moat serve`: the console's dry run answers with a clear
refusal and leaves no thread behind; hot reload refuses a bad file once in the admin log and
applies the next good edit."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import httpx

# The console's own per-module gateway and reviewer (module-scoped: this module gets its own).
from tests.console.conftest import gw, reviewer  # noqa: F401  (fixtures)
from tests.console.helpers import ConsoleClient
from tests.gateway.conftest import GatewayProcess, admin_log, fake_upstream  # noqa: F401  (fixture)

RULE = "\n  - id: pathological\n    effect: deny\n    when: '{}'\n"
EXPRESSIONS = {
    "index chain": "[1]" + "[0]" * 100 + " == 1",
    "parentheses": "(" * 100 + "true" + ")" * 100,
    "&& terms": " && ".join(["scores.risk > 0.5"] * 1000),
}


def threads(pid: int) -> dict[str, str]:
    """The process's threads: id -> scheduler state (R running, S sleeping, ...)."""
    out: dict[str, str] = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
        except FileNotFoundError:
            continue
        out[tid] = stat.rsplit(")", 1)[1].split()[0]
    return out


def always_running(pid: int, samples: int = 8) -> set[str]:
    """Threads seen running in every one of `samples` looks 0.1 s apart: a spinning thread."""
    running = {t for t, s in threads(pid).items() if s == "R"}
    for _ in range(samples - 1):
        time.sleep(0.1)
        running &= {t for t, s in threads(pid).items() if s == "R"}
    return running


def wait_for(condition: Callable[[], bool], what: str, tries: int = 200) -> None:
    for _ in range(tries):  # up to ~20 s on a busy machine; nothing asserts on the time taken
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


def test_dry_run_of_a_pathological_expression(gw: GatewayProcess, reviewer: ConsoleClient) -> None:  # noqa: F811
    assert gw.proc is not None
    pid = gw.proc.pid
    original = (gw.home / "policies" / "restricted.yaml").read_text()
    warm = reviewer.post("/console/policies/dry-run", {"file": "restricted.yaml", "text": original})
    assert warm.status_code == 200, warm.text[:500]
    before = set(threads(pid))
    for name, expr in EXPRESSIONS.items():
        for _ in range(3):
            r = reviewer.post("/console/policies/dry-run",
                              {"file": "restricted.yaml", "text": original + RULE.format(expr)})
            assert r.status_code == 422, (name, r.status_code)
            assert "The edited bundle does not load" in r.text
            assert "rule pathological:" in r.text
            assert "nested too deeply" in r.text or "cost ceiling" in r.text
    after = set(threads(pid))
    assert after <= before, f"new threads after the dry runs: {after - before}"
    assert not always_running(pid)
    assert httpx.get(f"{gw.url}/readyz", timeout=5).status_code == 200


def refusals(gateway: GatewayProcess, file_name: str) -> list[dict[str, object]]:
    return [e for e in admin_log(gateway.store_url)
            if e["action"] == "policy.refused" and file_name in str(e.get("details"))]


def test_hot_reload_refuses_once_then_applies_the_next_good_edit(gw: GatewayProcess) -> None:  # noqa: F811
    assert gw.proc is not None
    bad = gw.home / "policies" / "zz_pathological.yaml"
    reloads = sum(e["action"] == "policy.reload" for e in admin_log(gw.store_url))
    try:
        bad.write_text("rules:" + RULE.format(EXPRESSIONS["index chain"]))
        wait_for(lambda: bool(refusals(gw, "zz_pathological.yaml")), "the refusal in the admin log")
        time.sleep(3)  # three more polls of the unchanged bad file
        stat = bad.stat()
        os.utime(bad, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # touched, not fixed
        time.sleep(2)
        [entry] = refusals(gw, "zz_pathological.yaml")  # written once
        details = str(entry["details"])
        assert "zz_pathological.yaml:4: rule pathological: expression nested too deeply" in details
        assert not always_running(gw.proc.pid)
        bad.write_text("rules:\n  - {id: harmless, effect: flag, when: 'account.id == \"nobody\"'}\n")
        wait_for(lambda: sum(e["action"] == "policy.reload" for e in admin_log(gw.store_url)) > reloads,
                 "the good edit applied")
        log = (gw.home / f"serve-{gw.port}.log").read_text(errors="replace")
        assert "RecursionError" not in log and "policy reload failed" not in log
    finally:
        bad.unlink(missing_ok=True)
