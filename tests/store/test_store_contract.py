"""The `Store` contract, run against SQLite and PostgreSQL alike (see conftest.py)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from moat.audit.chain import GENESIS, entry_hash
from moat.identity.models import Account, ApiKey, Organization, Ownership
from moat.store import Store, open_store
from moat.store._rows import PAGE_SIZE
from moat.store.base import AdminAction, LogEntry, RecordBatchItem


def org(org_id: str, **kw: Any) -> Organization:
    return Organization(org_id=org_id, **kw)


def key(key_id: str, account_id: str = "acct-1", prefix: str = "moat_sk_aaaaaaaa", **kw: Any) -> ApiKey:
    kw.setdefault("secret_hash", f"hash-{key_id}")
    return ApiKey(key_id=key_id, account_id=account_id, prefix=prefix, created_at=kw.pop("created_at", 1.0),
                  **kw)


def item(n: int, *, ts: float | None = None, **extra: Any) -> RecordBatchItem:
    ts = 1_700_000_000.0 + n if ts is None else ts
    traffic = {"ts": ts, "request_id": f"req-{n}", "account_id": f"acct-{n % 3}", "key_id": "key_1",
               "channel": "direct", "endpoint": "/v1/chat/completions", "model": "m", "turn": 1,
               "prompt": f"prompt {n}", "input_tokens": n, "output_tokens": 2 * n, "reasoning": n % 2 == 0,
               "stream": False, "status": 200, "decision": "allow", **extra}
    decision = {"decision_id": f"dec-{n}", "ts": ts, "effect": "allow", "rules": ["r1"], "n": n}
    return RecordBatchItem(traffic=traffic, decision=decision)


async def collect(aiter: Any) -> list[Any]:
    return [x async for x in aiter]


def assert_chain(entries: list[LogEntry]) -> None:
    prev = GENESIS
    for expected_seq, entry in enumerate(entries, 1):
        assert entry.seq == expected_seq
        assert entry.prev_hash == prev
        assert entry.hash == entry_hash(prev, entry.seq, entry.ts, entry.entry_id, entry.payload)
        prev = entry.hash


async def test_open_is_idempotent_and_data_survives_reopen(store: Store, store_url: str) -> None:
    await store.open()
    await store.ping()
    await store.upsert_org(org("acme", name="Acme"))
    again = open_store(store_url)
    await again.open()
    try:
        assert (await again.get_org("acme")) == org("acme", name="Acme")
    finally:
        await again.close()


async def test_org_round_trip_and_upsert(store: Store) -> None:
    rival = org("rival", name="Rival Labs", domains=("rival.ai", "rival.com"), ip_ranges=("10.0.0.0/8",),
                payment_fingerprints=("pf1",), sso_tenants=("rival.okta.com",), aliases=("RL",),
                restricted=True, owners=(Ownership("parent", 0.6),), created_at=12.5)
    await store.upsert_org(rival)
    await store.upsert_org(org("acme"))
    assert await store.get_org("rival") == rival
    assert await store.get_org("nope") is None
    await store.upsert_org(org("rival", name="Renamed"))
    assert (await store.get_org("rival")) == org("rival", name="Renamed")
    assert [o.org_id for o in await store.list_orgs()] == ["acme", "rival"]


async def test_account_round_trip_and_paging(store: Store) -> None:
    full = Account(account_id="a0", email="x@rival.ai", plan="pro", org_id="rival",
                   credential="consumer_subscription", verified=True, created_at=3.0, declared_company="R",
                   payment_fingerprint="pf", signup_ip="10.1.2.3", sso_tenant="t", country="FR",
                   status="suspended")
    await store.upsert_account(full)
    for n in range(1, 5):
        await store.upsert_account(Account(account_id=f"a{n}", plan="api"))
    assert await store.get_account("a0") == full
    assert await store.get_account("missing") is None
    page = await store.list_accounts(limit=2, offset=1)
    assert [a.account_id for a in page] == ["a1", "a2"]
    assert len(await store.list_accounts()) == 5


async def test_keys_insert_lookup_list_and_uniqueness(store: Store) -> None:
    k1 = key("key_1", meta={"source": "imported"}, expires_at=99.0, name="ci")
    await store.insert_key(k1)
    await store.insert_key(key("key_2", created_at=2.0))
    await store.insert_key(key("key_3", account_id="acct-2", prefix="sk-bench-000000", created_at=3.0))
    assert await store.get_key("key_1") == k1
    assert (await store.get_key("key_1")).meta == {"source": "imported"}  # type: ignore[union-attr]
    assert await store.get_key("key_x") is None
    assert sorted(k.key_id for k in await store.keys_by_prefix("moat_sk_aaaaaaaa")) == ["key_1", "key_2"]
    assert await store.keys_by_prefix("unknown") == []
    assert [k.key_id for k in await store.list_keys()] == ["key_1", "key_2", "key_3"]
    assert [k.key_id for k in await store.list_keys("acct-2")] == ["key_3"]
    with pytest.raises(ValueError):
        await store.insert_key(key("key_1", secret_hash="another"))
    with pytest.raises(ValueError):
        await store.insert_key(key("key_9", secret_hash="hash-key_2"))


async def test_revoke_key(store: Store) -> None:
    await store.insert_key(key("key_1"))
    assert await store.revoke_key("key_1", 50.0) is True
    assert (await store.get_key("key_1")).revoked_at == 50.0  # type: ignore[union-attr]
    # Revoking again keeps the first revocation time.
    assert await store.revoke_key("key_1", 60.0) is True
    assert (await store.get_key("key_1")).revoked_at == 50.0  # type: ignore[union-attr]
    assert await store.revoke_key("key_missing", 1.0) is False


async def test_changes_feed(store: Store) -> None:
    start = await store.last_change()
    await store.upsert_org(org("o1"))
    await store.upsert_account(Account(account_id="a1"))
    await store.insert_key(key("key_1"))
    await store.revoke_key("key_1", 5.0)
    await store.revoke_key("missing", 5.0)
    changes = await store.changes_since(start)
    assert [(c.kind, c.id) for c in changes] == [("org", "o1"), ("account", "a1"), ("key", "key_1"),
                                                 ("key", "key_1")]
    assert [c.seq for c in changes] == sorted(c.seq for c in changes)
    assert await store.last_change() == changes[-1].seq
    assert await store.changes_since(changes[1].seq) == changes[2:]
    assert await store.changes_since(changes[-1].seq) == []


async def test_append_records_round_trip_and_idempotent(store: Store) -> None:
    batch = [item(n, latency_ms=n * 1.5, entity_org=None if n else "rival") for n in range(5)]
    assert await store.append_records(batch) == 5
    assert await store.append_records(batch) == 0  # replay: nothing new
    assert await store.append_records([*batch[3:], item(5), item(5)]) == 1  # duplicate within a batch too
    records = await collect(store.iter_requests())
    assert [r["request_id"] for r in records] == [f"req-{n}" for n in range(6)]
    first = records[0]
    assert first["reasoning"] is True and records[1]["reasoning"] is False and first["stream"] is False
    assert first["latency_ms"] == 0.0 and first["entity_org"] == "rival"
    assert first["end_user_id"] is None and first["input_tokens"] == 0 and first["turn"] == 1
    since = await collect(store.iter_requests(since=1_700_000_003.0))
    assert [r["request_id"] for r in since] == ["req-3", "req-4", "req-5"]
    decisions = await collect(store.iter_decisions())
    assert [d.entry_id for d in decisions] == [f"dec-{n}" for n in range(6)]
    assert decisions[2].payload == batch[2].decision
    assert decisions[2].ts == batch[2].decision["ts"]
    assert_chain(decisions)
    assert [d.entry_id for d in await collect(store.iter_decisions(after_seq=4))] == ["dec-4", "dec-5"]


async def test_decision_without_ts_takes_the_request_ts_and_int_ts_hashes_as_stored(store: Store) -> None:
    a = item(1)
    del a.decision["ts"]
    b = item(2, ts=1_700_000_002)  # an int ts must chain exactly as the float read back later
    await store.append_records([a, b])
    decisions = await collect(store.iter_decisions())
    assert decisions[0].ts == a.traffic["ts"]
    assert_chain(decisions)


async def test_iterators_page_through_many_rows(store: Store) -> None:
    total = PAGE_SIZE * 2 + 7
    # Equal timestamps across a page boundary must neither repeat nor drop a row.
    batch = [item(n, ts=1_700_000_000.0 + n // 7) for n in range(total)]
    for start in range(0, total, 500):
        await store.append_records(batch[start:start + 500])
    ids = [r["request_id"] async for r in store.iter_requests()]
    assert len(ids) == total and len(set(ids)) == total
    decisions = await collect(store.iter_decisions())
    assert len(decisions) == total
    assert_chain(decisions)


async def test_concurrent_appends_make_one_chain(store: Store, store_url: str) -> None:
    other = open_store(store_url)  # a second replica writing to the same database
    await other.open()
    try:
        async def writer(s: Store, w: int) -> int:
            added = 0
            for b in range(5):
                batch = [item(w * 1000 + b * 20 + i) for i in range(20)]
                added += await s.append_records(batch)
                added += await s.append_records(batch[:5])  # replays interleaved with new work
            return added

        results = await asyncio.gather(*(writer(store if w % 2 else other, w) for w in range(6)))
    finally:
        await other.close()
    assert sum(results) == 6 * 5 * 20
    decisions = await collect(store.iter_decisions())
    assert len(decisions) == 600 and len({d.entry_id for d in decisions}) == 600
    assert_chain(decisions)


async def test_admin_log_chains_and_iterates(store: Store) -> None:
    before = time.time()
    first = await store.append_admin(AdminAction("cli:alice", "orgs.add", "rival", {"restricted": True}))
    second = await store.append_admin(AdminAction("cli:bob", "keys.revoke", "key_1"))
    assert first.seq == 1 and first.prev_hash == GENESIS and first.ts >= before
    assert second.prev_hash == first.hash and first.entry_id != second.entry_id
    assert first.payload == {"actor": "cli:alice", "action": "orgs.add", "target": "rival",
                             "details": {"restricted": True}}
    entries = await collect(store.iter_admin())
    assert entries == [first, second]
    assert_chain(entries)
    assert await collect(store.iter_admin(after_seq=1)) == [second]
    # The admin log is its own chain: decisions do not move it.
    await store.append_records([item(1)])
    assert (await collect(store.iter_decisions()))[0].prev_hash == GENESIS


async def test_odd_traffic_values_never_fail_a_batch(store: Store) -> None:
    odd = item(1, turn="two", input_tokens=3.0, status=None, stream=1, user_agent=42, tags=["a"],
               output_tokens=2**40)
    bad_ts = item(2, ts="yesterday")
    assert await store.append_records([odd, bad_ts, item(3)]) == 3
    records = {r["request_id"]: r async for r in store.iter_requests()}
    first = records["req-1"]
    assert first["turn"] == "two" and first["input_tokens"] == 3 and first["user_agent"] == 42
    assert first["stream"] is True and first["status"] is None and first["tags"] == ["a"]
    assert first["output_tokens"] == 2**40
    assert records["req-2"]["ts"] == "yesterday"


async def test_items_without_a_decision_record_traffic_only(store: Store) -> None:
    bare = RecordBatchItem(traffic=item(1).traffic, decision={})
    assert await store.append_records([bare]) == 0
    assert len(await collect(store.iter_requests())) == 1
    assert await collect(store.iter_decisions()) == []
    with pytest.raises(ValueError, match="decision_id"):
        await store.append_records([RecordBatchItem(traffic=item(2).traffic, decision={"effect": "allow"})])


async def test_items_without_traffic_chain_a_decision_only(store: Store) -> None:
    """A read of a stored response is a decision, not a request (moat.gateway.stored_access)."""
    alone = RecordBatchItem(traffic={}, decision={"decision_id": "dec-read", "ts": 1_700_000_000.0,
                                                  "effect": "allow", "endpoint": "/v1/responses/{id}"})
    assert await store.append_records([item(1), alone]) == 2
    assert await store.append_records([alone]) == 0  # replay: nothing new
    assert [r["request_id"] for r in await collect(store.iter_requests())] == ["req-1"]
    entries = await collect(store.iter_decisions())
    assert [e.entry_id for e in entries] == ["dec-1", "dec-read"]
    assert entries[1].payload["endpoint"] == "/v1/responses/{id}"
    assert_chain(entries)


async def test_bulk_upsert_orgs(store: Store) -> None:
    start = await store.last_change()
    await store.upsert_org(org("b", name="old"))
    await store.upsert_orgs([org("a", restricted=True), org("b", name="new", domains=("b.io",))])
    await store.upsert_orgs([])
    assert await store.list_orgs() == [org("a", restricted=True), org("b", name="new", domains=("b.io",))]
    assert [(c.kind, c.id) for c in await store.changes_since(start)] == [("org", "b"), ("org", "a"), ("org", "b")]


async def test_requests_without_an_account_are_recorded(store: Store) -> None:
    refused = item(1, account_id=None, key_id=None, status=401, decision="deny:invalid_api_key")
    assert await store.append_records([refused]) == 1
    assert (await collect(store.iter_requests()))[0]["account_id"] is None


async def test_text_with_nul_characters_round_trips(store: Store) -> None:
    nul = item(1, prompt="before\x00after", user_agent="ua\x00")
    nul.decision["note"] = "x\x00y"
    assert await store.append_records([nul]) == 1
    record = (await collect(store.iter_requests()))[0]
    assert record["prompt"] == "before\x00after" and record["user_agent"] == "ua\x00"
    decisions = await collect(store.iter_decisions())
    assert decisions[0].payload["note"] == "x\x00y"
    assert_chain(decisions)
