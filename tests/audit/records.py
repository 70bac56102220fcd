"""Records shaped like the gateway's, for the audit tests and the kill -9 writer subprocess."""

from __future__ import annotations

import os
from typing import Any

from moat.store.base import RecordBatchItem, Store


def make_item(i: int, *, run: str = "r", prompt: str | None = None) -> RecordBatchItem:
    """One request as the gateway records it: spec traffic fields plus a decision payload."""
    request_id = f"req_{run}_{i:06d}"
    decision_id = f"dec_{run}_{i:06d}"
    ts = 1_764_000_000.0 + i / 1000
    traffic: dict[str, Any] = {
        "ts": ts, "request_id": request_id, "account_id": f"acct_{i % 7}", "key_id": f"key_{i % 7}",
        "channel": "direct", "platform": None, "end_user_id": None, "end_user_org": None,
        "client_ip": "203.0.113.7", "user_agent": "test/1.0", "endpoint": "/v1/chat/completions",
        "model": "demo", "conversation_id": None, "turn": 1, "system": "be brief",
        "prompt": prompt if prompt is not None else f"question number {i}",
        "input_tokens": 12, "output_tokens": 34, "reasoning": False, "stream": False, "status": 200,
        "decision": "allow", "decision_id": decision_id,
    }
    decision = {"decision_id": decision_id, "ts": ts, "request_id": request_id, "effect": "allow",
                "reason_code": "allowed", "rules": [], "account_id": traffic["account_id"]}
    return RecordBatchItem(traffic=traffic, decision=decision)


async def stored_request_ids(store: Store) -> list[str]:
    return [r["request_id"] async for r in store.iter_requests()]


async def stored_decision_ids(store: Store) -> list[str]:
    return [e.entry_id async for e in store.iter_decisions()]


def cli_env(database_url: str) -> dict[str, str | None]:
    """The environment for an in-process `moat` command: only this store, no stray MOAT_* settings."""
    env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("MOAT_")}
    env.update(MOAT_DATABASE_URL=database_url, MOAT_CONFIG="/nonexistent/moat.toml")
    return env
