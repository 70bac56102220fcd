"""Access decisions on stored responses (moat.gateway.stored_access), through a real recorder into
a real store: one decision-log entry covers the same request by the same key for a while, never a
different request, a different outcome or a caller without a key."""

from __future__ import annotations

import time
from pathlib import Path

from moat.audit.recorder import Recorder
from moat.errors import AuthenticationFailed
from moat.gateway.response_owners import not_found
from moat.gateway.stored_access import AccessDecisions, StoredAccess
from moat.store import open_store


def access(n: int, *, key_id: str | None = "key_a", response_id: str = "resp_1", method: str = "GET") -> StoredAccess:
    a = StoredAccess(f"req_{n:04d}", method, "/v1/responses/{id}", time.time())
    a.key_id, a.account_id, a.response_id = key_id, "alice", response_id
    return a


async def test_a_decision_covers_the_same_request_for_a_while(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'moat.db'}")
    await store.open()
    recorder = Recorder(store, tmp_path / "wal", flush_interval=0.02)
    await recorder.start()
    try:
        decisions = AccessDecisions(recorder, covers=0.3, capacity=2)
        seen = []
        for n in range(3):  # a client polling: one entry, every answer names it
            a = access(n)
            a.allow(redacted=False)
            decisions.log(a, 200, time.time())
            seen.append(a.decision_id)
        assert seen == ["dec_0000"] * 3 and (decisions.logged, decisions.covered) == (1, 2)
        refused = access(3)
        refused.refuse(not_found("resp_1"))  # another outcome: its own decision
        decisions.log(refused, 404, time.time())
        assert refused.decision_id == "dec_0003" and refused.reason_code == "response_not_found"
        for n in (4, 5):  # no key that authenticated: each logged
            anonymous = access(n, key_id=None)
            anonymous.refuse(AuthenticationFailed("bad key", code="invalid_api_key"))
            decisions.log(anonymous, 401, time.time())
            assert anonymous.decision_id == f"dec_{n:04d}"
        other = access(6, response_id="resp_2")  # a third remembered decision: the oldest is forgotten
        other.allow(redacted=False)
        decisions.log(other, 200, time.time())
        forgotten = access(7)
        forgotten.allow(redacted=False)
        decisions.log(forgotten, 200, time.time())
        assert forgotten.decision_id == "dec_0007"
        time.sleep(0.35)  # the window ends: the same request is a new decision
        later = access(8, response_id="resp_2")
        later.allow(redacted=False)
        decisions.log(later, 200, time.time())
        assert later.decision_id == "dec_0008"
        assert await recorder.flush(timeout=10)
        entries = [e async for e in store.iter_decisions()]
        assert [e.entry_id for e in entries] == ["dec_0000", "dec_0003", "dec_0004", "dec_0005", "dec_0006",
                                                 "dec_0007", "dec_0008"]
        assert [e.payload["effect"] for e in entries] == ["allow", "deny", "deny", "deny", "allow", "allow", "allow"]
        assert entries[0].payload["covers_seconds"] == 0.3 and entries[2].payload["covers_seconds"] == 0.0
        assert [r async for r in store.iter_requests()] == []  # decisions alone: no traffic
    finally:
        await recorder.stop()
        await store.close()
