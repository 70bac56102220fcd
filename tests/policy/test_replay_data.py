"""Replay of data records (docs/data-apis.md): a rule on `request.path` and `key.use` decides a recorded
data request as it decided it live. Before, replay rebuilt every record as a model call: the path was
the route's prefix, the key had no declared use, and `moat demo`'s research key refusals "changed"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from moat.config import Settings
from moat.demo import data_setup
from moat.policy.bundle import load_bundle
from moat.policy.engine import Engine
from moat.policy.replay import replay

ACCOUNT = {"account_id": "lab", "created_at": 1.0, "email": "lab@university.example", "plan": "api", "org_id": None,
           "credential": "api_key", "verified": False, "status": "active", "declared_use": "research"}


def _record(n: int, path: str, decision: str, key_use: str | None) -> dict[str, Any]:
    """A data record as the gateway writes it (the fields `moat export` carries for a data route)."""
    refused = decision.startswith("deny:")
    return {"ts": 1796587682.0 + n, "request_id": f"req_{n}", "account_id": "lab", "key_id": "key_1",
            "channel": "direct", "platform": None, "end_user_id": None, "end_user_org": None,
            "client_ip": "127.0.0.1", "user_agent": "python-httpx/0.29.0", "endpoint": path.rsplit("/", 1)[0],
            "model": "", "conversation_id": None, "turn": 1, "system": None, "prompt": "query=x",
            "input_tokens": 0, "output_tokens": 0, "reasoning": False, "stream": False,
            "status": 403 if refused else 200, "decision": decision, "decision_id": f"dec_{n}",
            "reason_code": decision.removeprefix("deny:") if refused else "rate_limited",
            "policy_revision": "r1", "org_id": None, "entity_org": None, "entity_confidence": 0.0,
            "attribution_trust": "none", "plan": "api", "credential": "api_key", "verified": False,
            "account_status": "active", "entity_restricted": False, "entity_evidence": [], "restricted": [],
            "domain_org": None, "scores": {}, "cluster_id": None, "first_party": False, "max_tokens": 0,
            "input_tokens_estimate": 0, "kind": "data", "method": "GET", "path": path, "query": "query=x",
            "resource": "x", "items": 0 if refused else 10, "bytes": 0 if refused else 9000, "key_use": key_use}


def _dataset(tmp_path: Path, records: list[dict[str, Any]]) -> Path:
    out = tmp_path / "dataset"
    out.mkdir()
    (out / "accounts.jsonl").write_bytes(orjson.dumps(ACCOUNT) + b"\n")
    (out / "entities.jsonl").write_bytes(b"")
    (out / "requests.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return out


def _demo_engine(tmp_path: Path) -> Engine:
    settings = Settings(home=str(tmp_path))
    data_setup.configure(settings, "http://127.0.0.1:9")  # the demo's bundle: the default and its data terms
    return Engine(load_bundle(settings.policy_dir))


def test_a_research_keys_firehose_refusal_replays_unchanged(tmp_path: Path) -> None:
    records = [_record(1, "/2/tweets/search/recent", "allow", "research"),
               _record(2, "/2/tweets/search/stream", "deny:declared_use_mismatch", "research")]
    report = replay(_dataset(tmp_path, records), _demo_engine(tmp_path))
    assert (report.requests, report.changed) == (2, 0)


def test_replay_reads_the_records_own_path_and_key_use(tmp_path: Path) -> None:
    """The same refusal recorded for a key with no declared use, or on the search path, is not what
    the rule says: replay reports both as changed."""
    records = [_record(1, "/2/tweets/search/stream", "deny:declared_use_mismatch", None),
               _record(2, "/2/tweets/search/recent", "deny:declared_use_mismatch", "research")]
    report = replay(_dataset(tmp_path, records), _demo_engine(tmp_path))
    assert (report.requests, report.changed) == (2, 2)
