"""`moat policy check|test|explain|replay|schema` through the real CLI (click's CliRunner)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from moat.cli import main
from moat.policy.bundle import DEFAULT_DIR
from moat.traffic import DatasetWriter

BROKEN = """
rules:
  - id: fine
    effect: deny
  - id: typo
    effect: deny
    when: account.plna == "free"
"""


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    monkeypatch.chdir(tmp_path)  # no stray moat.toml
    for name in [n for n in os.environ if n.startswith("MOAT_") and not n.startswith("MOAT_TEST_")]:
        monkeypatch.delenv(name)
    runner = CliRunner()

    def invoke(*args: str) -> object:
        return runner.invoke(main, ["policy", *args], catch_exceptions=False)

    return invoke


def test_check_ok_and_errors_with_lines(run: Callable[..., Result], bundle_dir: Callable[..., Path]) -> None:
    ok = run("check")
    assert ok.exit_code == 0 and ok.output.startswith("ok: ")
    d = bundle_dir({"p.yaml": BROKEN})
    bad = run("check", str(d))
    assert bad.exit_code == 1
    assert f"{d / 'p.yaml'}:6: rule typo: unknown field 'plna' of Account" in bad.stderr
    as_json = run("check", str(d), "--json")
    body = json.loads(as_json.stdout)
    assert as_json.exit_code == 1 and body["ok"] is False and body["errors"][0]["line"] == 6


def test_test_runs_shipped_cases(run: Callable[..., Result]) -> None:
    result = run("test")
    assert result.exit_code == 0, result.output
    assert "PASS: 12/12" in result.output


def test_test_reports_failures_opa_style(run: Callable[..., Result], bundle_dir: Callable[..., Path]) -> None:
    d = bundle_dir({
        "p.yaml": "rules:\n  - {id: no-free, effect: deny, when: account.plan == \"free\", reason: nope}\n",
        "p_test.yaml": """
            cases:
              - name: free is refused
                context: {account: {plan: free}}
                expect: {effect: deny, reason: nope}
              - name: wrong expectation
                context: {account: {plan: free}}
                expect: {effect: allow}
              - name: pro is fine
                context: {account: {plan: pro}}
                expect: {effect: allow, reason: allowed, not_rules: [no-free]}
            """,
    })
    result = run("test", str(d), "-v")
    out = result.output
    assert result.exit_code == 1
    assert "free is refused: PASS" in out and "wrong expectation: FAIL" in out
    assert "effect: expected 'allow', got 'deny'" in out
    assert "PASS: 2/3" in out and "FAIL: 1/3" in out
    assert "p_test.yaml:5: wrong expectation" in out


def test_explain_traces_every_rule(run: Callable[..., Result], tmp_path: Path) -> None:
    request = tmp_path / "req.json"
    request.write_text(json.dumps({"account": {"id": "a", "plan": "api"}, "org": {"id": "x", "restricted": True}}))
    result = run("explain", "--request", str(request))
    out = result.output
    assert result.exit_code == 0, out
    assert "effect:  deny" in out and "reason:  competitive_use_restricted" in out
    assert " + restricted-org-direct" in out and "skipped by the index" in out
    as_json = json.loads(run("explain", "--request", str(request), "--json").stdout)
    assert as_json["decision"]["effect"] == "deny"
    assert {t["rule"] for t in as_json["trace"] if t["result"] == "matched"} >= {"restricted-org-direct"}


def test_schema_lists_the_context(run: Callable[..., Result]) -> None:
    out = run("schema").output
    for path in ("account.credential", "entity.restricted", "end_user.trust", "request.input_tokens",
                 "time.weekday", "limits", "scores.cluster.distillation"):
        assert path in out
    assert json.loads(run("schema", "--json").stdout)["org.owners[].share"]["type"] == "double"


def write_dataset(path: Path) -> None:
    with DatasetWriter(path, entities=True) as w:
        w.entity({"org_id": "rival-labs", "name": "Rival", "restricted": True})
        w.entity({"org_id": "acme", "name": "Acme", "restricted": False})
        w.account({"account_id": "a-rival", "plan": "team", "org_id": "rival-labs", "created_at": 1.7e9})
        w.account({"account_id": "a-acme", "plan": "api", "org_id": "acme", "created_at": 1.7e9})
        w.account({"account_id": "a-personal", "plan": "pro", "created_at": 1.7e9})
        for i in range(30):
            acct = ("a-rival", "a-acme", "a-personal")[i % 3]
            w.request({"ts": 1.75e9 + i, "request_id": f"req_{i}", "account_id": acct, "channel": "direct",
                       "endpoint": "/v1/messages", "model": "m", "input_tokens": 10, "output_tokens": 5,
                       "reasoning": False, "stream": False, "status": 200, "decision": "allow"})
        w.request({"ts": 1.75e9 + 99, "request_id": "req_p", "account_id": "a-acme", "channel": "platform",
                   "platform": "ide", "end_user_id": "u1", "end_user_org": "rival-labs", "endpoint": "/v1/messages",
                   "model": "m", "decision": "allow"})
    with (path / "requests.jsonl").open("a") as f:
        f.write("{not json\n")
    (path / "findings.jsonl").write_text(json.dumps(
        {"account_id": "a-personal", "risk": 0.9, "scores": {"distillation": 0.95}, "linked_org": None}) + "\n")


def test_replay_against_recorded_and_against_old(run: Callable[..., Result], tmp_path: Path,
                                                 bundle_dir: Callable[..., Path]) -> None:
    dataset = tmp_path / "traffic"
    write_dataset(dataset)
    default = str(DEFAULT_DIR)
    recorded = json.loads(run("replay", str(dataset), "--policy", default, "--json", "--no-progress").stdout)
    assert recorded["requests"] == 31 and recorded["changed"] == 11
    assert recorded["accounts"] == {"a-rival": 10, "a-acme": 1}
    assert recorded["transitions"] == {"allow -> deny:competitive_use_restricted": 11}
    assert recorded["by_rule"]["restricted-org-direct"] == {"requests": 10, "accounts": ["a-rival"]}
    assert recorded["by_rule"]["restricted-org-via-platform"]["accounts"] == ["a-acme"]
    assert len(recorded["bad_lines"]) == 1 and "requests.jsonl:32" in recorded["bad_lines"][0]

    old = bundle_dir({"empty.yaml": "rules: []\n"})
    against = json.loads(run("replay", str(dataset), "--policy", default, "--against", str(old), "--json",
                             "--no-progress").stdout)
    assert against["changed"] == 31  # every request: plan limits, denials, redaction
    assert set(against["accounts"]) == {"a-rival", "a-acme", "a-personal"}
    assert against["by_rule"]["distillation-redact-reasoning"]["accounts"] == ["a-personal"]
    text = run("replay", str(dataset), "--policy", default, "--no-progress").output
    assert "requests: 31" in text and "restricted-org-direct" in text
