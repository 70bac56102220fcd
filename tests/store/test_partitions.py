"""Recorded traffic in daily partitions on real PostgreSQL (issue 14 item 5; moat.store.partitions):
an unpartitioned table with rows moves in whole, partitions exist ahead of today, a record whose
day has none waits in the default partition and moves out when its day is made, and a request
recorded twice is stored once."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest

from moat.store import SQLStore, open_store, schema
from moat.store.base import RecordBatchItem
from moat.store.database import Tx, applied, open_database
from moat.store.partitions import AHEAD_DAYS, DAY, DEFAULT, day_of, partition_name, partition_requests
from moat.store.postgres import split_schema

pytestmark = pytest.mark.postgres

TODAY = day_of(time.time())


def item(request_id: str, ts: float, account: str = "acct-1") -> RecordBatchItem:
    return RecordBatchItem({"ts": ts, "request_id": request_id, "account_id": account, "decision": "deny",
                            "endpoint": "/v1/messages", "decision_id": f"d-{request_id}"},
                           {"decision_id": f"d-{request_id}", "effect": "deny"})


async def where(store: SQLStore) -> dict[str, str]:
    """request id -> the partition holding it."""
    rows = await store.db.fetch("SELECT request_id, tableoid::regclass::text FROM requests")
    return {str(r[0]): str(r[1]).split(".")[-1] for r in rows}


async def partition_days(store: SQLStore) -> list[str]:
    rows = await store.db.fetch("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                                "WHERE i.inhparent = to_regclass('requests') ORDER BY 1")
    return [str(r[0]) for r in rows]


@pytest.fixture
async def store(postgres_url: str) -> AsyncIterator[SQLStore]:
    s = open_store(postgres_url)
    await s.open()
    try:
        yield s
    finally:
        await s.close()


async def test_an_unpartitioned_table_with_rows_moves_into_days(postgres_url: str) -> None:
    old = open_database(postgres_url)
    await old.open()
    await old.migrate("store", schema.MIGRATIONS[:5])  # the table as store v5 left it
    days = [TODAY - 40, TODAY - 2, TODAY - 2, TODAY]
    rows: list[tuple[Any, ...]] = [(d * DAY + 100.0 + i, f"old-{i}", f"acct-{i % 2}", "allow" if i else "deny")
                                   for i, d in enumerate(days)]
    rows.append((-5.0, "before-1970", "acct-0", "allow"))  # no day of its own: the default keeps it
    for row in rows:
        await old.execute("INSERT INTO requests (ts, request_id, account_id, decision) VALUES (?, ?, ?, ?)", *row)
    old_seqs = {str(r[1]): int(r[0]) for r in await old.fetch("SELECT seq, request_id FROM requests")}
    await old.close()

    store = open_store(postgres_url)
    await store.open()
    try:
        assert await applied(store.db, "store") == [v for v, _ in schema.MIGRATIONS]  # v6 and later
        kind = await store.db.fetch("SELECT relkind::text FROM pg_class WHERE oid = to_regclass('requests')")
        assert kind == [("p",)]
        assert [r["request_id"] async for r in store.iter_requests()] == [
            "before-1970", "old-0", "old-1", "old-2", "old-3"]
        placed = await where(store)
        assert placed == {"old-0": partition_name(TODAY - 40), "old-1": partition_name(TODAY - 2),
                          "old-2": partition_name(TODAY - 2), "old-3": partition_name(TODAY),
                          "before-1970": DEFAULT}
        seqs = {str(r[1]): int(r[0]) for r in await store.db.fetch("SELECT seq, request_id FROM requests")}
        assert seqs == old_seqs  # every row kept with its seq
        assert await store.append_records([item("new-1", time.time())]) == 1
        new_seq = (await store.db.fetch("SELECT seq FROM requests WHERE request_id = 'new-1'"))[0][0]
        assert new_seq > max(old_seqs.values())  # the sequence went along
        # the reads that go by index still find the moved rows
        found = await store.requests_for(["acct-0"], limit=10)
        assert [r["request_id"] for _, r in found] == ["old-2", "old-0", "before-1970"]
        refused = await store.requests_for(["acct-0"], refused_only=True, limit=10)
        assert [r["request_id"] for _, r in refused] == ["old-0"]
        indexes = {str(r[0]) for r in await store.db.fetch(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'requests' AND schemaname = current_schema()")}
        assert {"requests_pkey", "requests_request_id_ts_key", "requests_ts", "requests_account",
                "enforce_requests_refused", "console_requests_ts_decision",
                "console_requests_account_decision"} <= indexes
    finally:
        await store.close()


async def test_a_large_table_moves_in_seq_ranges(postgres_url: str) -> None:
    """The copy goes `copy_rows` at a time (each statement inside the command timeout), gaps in
    `seq` (deleted rows) included."""
    db = open_database(postgres_url)
    await db.open()
    try:
        await db.migrate("store", schema.MIGRATIONS[:5])
        for i in range(23):
            await db.execute("INSERT INTO requests (ts, request_id) VALUES (?, ?)", (TODAY - i % 3) * DAY + i, f"r{i}")
        await db.execute("DELETE FROM requests WHERE request_id IN ('r4', 'r5', 'r6', 'r7', 'r20')")
        before = sorted(await db.fetch("SELECT seq, ts, request_id FROM requests"))

        async def move(tx: Tx) -> None:
            await partition_requests(tx, TODAY, copy_rows=2)

        await db.run(move)
        assert sorted(await db.fetch("SELECT seq, ts, request_id FROM requests")) == before
        assert await db.fetch(f"SELECT count(*) FROM {DEFAULT}") == [(0,)]
    finally:
        await db.close()


async def test_partitions_exist_ahead_of_today(store: SQLStore) -> None:
    names = await partition_days(store)
    today = day_of(time.time())  # the store's clock, not the module's: a run may cross midnight
    for day in range(today - 1, today + AHEAD_DAYS + 1):
        assert partition_name(day) in names
    later = (TODAY + 10) * DAY + 5
    made = await store.prepare_traffic_days(later)  # from the day before to AHEAD_DAYS after
    assert made == list(range(TODAY + 9, TODAY + 10 + AHEAD_DAYS + 1))
    assert await store.prepare_traffic_days(later) == []  # a second replica's pass finds them made


async def test_a_record_without_its_day_waits_in_the_default_and_moves_out(store: SQLStore) -> None:
    far = (TODAY + 30) * DAY + 60.0
    assert await store.append_records([item("far-1", far), item("now-1", time.time())]) == 2
    assert (await where(store))["far-1"] == DEFAULT  # the insert did not fail: the safety net took it
    assert await store.prepare_traffic_days(far) != []
    placed = await where(store)
    assert placed["far-1"] == partition_name(TODAY + 30)
    assert (await store.db.fetch(f"SELECT count(*) FROM {DEFAULT}"))[0][0] == 0
    assert [r["request_id"] async for r in store.iter_requests()] == ["now-1", "far-1"]


async def test_the_same_request_recorded_twice_is_stored_once(store: SQLStore) -> None:
    ts = time.time()
    batch = [item("req-1", ts), item("req-2", ts + 1)]
    assert await store.append_records(batch) == 2
    assert await store.append_records(batch) == 0  # a write-ahead replay of a committed batch
    assert await store.append_records([item("req-1", ts)]) == 0
    twice = RecordBatchItem({"ts": ts + 2, "request_id": "req-3"}, {})
    await store.append_records([twice, twice])  # the same record twice in one batch: one row
    ids = [r["request_id"] async for r in store.iter_requests()]
    assert ids == ["req-1", "req-2", "req-3"]
    # the edge the key leaves (moat.store.partitions): another time is another record
    other_day = ts - 3 * DAY
    await store.prepare_traffic_days(other_day)
    await store.append_records([RecordBatchItem({"ts": other_day, "request_id": "req-1"}, {})])
    assert sorted([r["request_id"] async for r in store.iter_requests()]) == ["req-1", "req-1", "req-2", "req-3"]


async def test_expiry_drops_old_days_whole_and_keeps_the_rest(store: SQLStore) -> None:
    await store.prepare_traffic_days((TODAY - 5) * DAY)  # days TODAY-6 .. TODAY-5+AHEAD_DAYS
    await store.append_records([item(f"d{back}", (TODAY - back) * DAY + 1.0) for back in (5, 4, 3, 1, 0)])
    await store.db.execute(f"ALTER TABLE requests DETACH PARTITION {partition_name(TODAY - 5)}")
    await store.db.execute(f"DROP TABLE {partition_name(TODAY - 5)}")  # so d5's day is gone...
    await store.append_records([item("d5-late", (TODAY - 5) * DAY + 2.0)])  # ...and a late replay goes to the default
    dropped, deleted = await store.expire_traffic(TODAY - 3)
    assert dropped == [TODAY - 6, TODAY - 4]
    assert deleted == 1  # d5-late, from the default partition
    assert [r["request_id"] async for r in store.iter_requests()] == ["d3", "d1", "d0"]
    assert partition_name(TODAY - 3) in await partition_days(store)
    assert await store.expire_traffic(TODAY - 3) == ([], 0)


async def test_upkeep_gives_up_behind_a_long_read_and_recording_goes_on(store: SQLStore, postgres_url: str) -> None:
    dsn, name = split_schema(postgres_url)
    reader = await asyncpg.connect(dsn, server_settings={"search_path": str(name)})
    try:
        reading = reader.transaction()
        await reading.start()
        await reader.fetch("SELECT count(*) FROM requests")  # holds its lock until the transaction ends
        started = time.monotonic()
        with pytest.raises(asyncpg.LockNotAvailableError):
            await store.prepare_traffic_days((TODAY + 20) * DAY)
        assert time.monotonic() - started < 10
        # the upkeep queued nothing behind itself: the recorder's writes go through at once
        assert await store.append_records([item("during", time.time())]) == 1
        await reading.rollback()
    finally:
        await reader.close()
    assert await store.prepare_traffic_days((TODAY + 20) * DAY) != []
