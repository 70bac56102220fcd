"""Hand-built traffic for detector tests: a request and an account state in one call."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from moat.detect.state import AccountState

T0 = 1_767_225_600.0


def request(account_id: str, ts: float, prompt: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "ts": ts, "request_id": f"{account_id}-{ts}", "account_id": account_id, "key_id": None,
        "channel": "direct", "platform": None, "end_user_id": None, "end_user_org": None,
        "client_ip": "81.2.3.4", "user_agent": "sdk/1.0", "endpoint": "/v1/messages", "model": "m",
        "conversation_id": None, "turn": 1, "system": None, "prompt": prompt, "input_tokens": 50,
        "output_tokens": 300, "reasoning": False, "stream": False, "status": 200, "decision": "allow",
    }
    base.update(fields)
    return base


def state(requests: Iterable[dict[str, Any]], **account: Any) -> AccountState:
    s = AccountState({"account_id": "a", "plan": "api", **account})
    for r in requests:
        s.add(r)
    return s
