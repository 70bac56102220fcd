"""`moat cases|actions|appeals|webhooks` against a real SQLite store, with --json."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from moat.enforce import appeals
from moat.enforce.services import EnforceContext
from moat.store import open_store
from tests.enforce.conftest import FINDINGS, cli, seed
from tests.enforce.test_appeals import record_decision


def setup_store(url: str) -> None:
    async def go() -> None:
        store = open_store(url)
        await store.open()
        try:
            await seed(store)
            await record_decision(store, "dec_a4", "a4", "competitive_use_restricted")
            cx = await EnforceContext.open(store)
            await appeals.create_appeal(cx, account_id="a4", decision_id="dec_a4", message="not a rival")
        finally:
            await store.close()

    asyncio.run(go())


def test_cli_round_trip(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'moat.db'}"
    setup_store(url)
    moat = cli(tmp_path, url)

    findings = tmp_path / "findings.jsonl"
    findings.write_text("".join(json.dumps(f) + "\n" for f in FINDINGS))
    report = moat("cases", "import-findings", str(findings), "--threshold", "0.8", "--json")
    assert len(report["opened"]) == 2
    cases = moat("cases", "list", "--status", "open", "--json")
    cluster_case = next(c for c in cases["data"] if c["subject"] == "cluster:c1")
    assert len(cases["data"]) == 3  # the appeal's case, the cluster's, a3's
    moat("cases", "note", cluster_case["case_id"], "looking", "--json")
    action = moat("actions", "apply", "block", "cluster:c1", "--reason", "network", "--case",
                  cluster_case["case_id"], "--json")
    assert sorted(action["accounts"]) == ["a1", "a2"]
    shown = moat("cases", "show", cluster_case["case_id"], "--json")
    assert shown["case"]["status"] == "actioned"
    assert [e["kind"] for e in shown["events"]["data"]] == ["opened", "note", "action"]
    restrict = moat("actions", "apply", "restrict", "org:sub", "--reason", "tier", "--max-tokens", "100",
                    "--redact-reasoning", "--json")
    assert restrict["params"]["max_tokens"] == 100 and restrict["params"]["redact_reasoning"] is True
    assert len(moat("actions", "list", "--status", "active", "--json")["data"]) == 2
    moat("actions", "undo", action["action_id"], "--reason", "mistake", "--json")
    assert len(moat("actions", "clear", "org:sub", "--reason", "done", "--json")["data"]) == 1
    pending = moat("appeals", "list", "--status", "pending", "--json")["data"]
    decided = moat("appeals", "decide", pending[0]["appeal_id"], "--reject", "--note", "linked", "--json")
    assert decided["status"] == "rejected"
    moat("cases", "close", cluster_case["case_id"], "--text", "resolved", "--json")
    assert "closed" in moat("cases", "list", "--status", "closed")
    moat("actions", "apply", "block", "planet:mars", "--reason", "x", code=2)
    moat("actions", "undo", "act_missing", "--reason", "x", code=1)
    assert moat("webhooks", "deliveries", "--json")["data"] == []
