"""The recorder end to end against real stores: batching, back-pressure, rotation, replay."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import orjson
import pytest

from moat.audit.recorder import DEAD_LETTER_FILE, Recorder
from moat.audit.verify import verify_log
from moat.audit.wal import Position, WalGroup, WalWriter
from moat.config import load_settings
from moat.store import open_store
from moat.store.base import RecordBatchItem, Store
from tests.audit.records import make_item, stored_decision_ids, stored_request_ids


def wal_groups(wal_dir: Path) -> list[str]:
    return WalGroup.orphan_candidates(wal_dir, set())


def write_wal_by_hand(wal_dir: Path, items: list[RecordBatchItem]) -> tuple[WalGroup, list[Position]]:
    """A write-ahead group as a crashed writer leaves it: lines, maybe a checkpoint, lock free."""
    group = WalGroup.create(wal_dir)
    writer = WalWriter(group, segment_bytes=1 << 20)
    ends = [writer.append(orjson.dumps({"traffic": i.traffic, "decision": i.decision}) + b"\n")
            for i in items]
    writer.close()
    return group, ends


async def test_every_record_reaches_the_store_in_order(store: Store, wal_dir: Path) -> None:
    recorder = Recorder(store, wal_dir, batch_size=100, flush_interval=0.02)
    await recorder.start()
    items = [make_item(i) for i in range(1200)]
    for n, item in enumerate(items):
        recorder.record(item)
        if n % 50 == 0:
            await asyncio.sleep(0)  # let the drain task run as it would between requests
    assert await recorder.flush(timeout=20)
    assert recorder.stats.queued == 0 and recorder.stats.written == 1200
    assert await recorder.stop()
    assert await stored_request_ids(store) == [i.traffic["request_id"] for i in items]
    assert await stored_decision_ids(store) == [i.decision["decision_id"] for i in items]
    result = await verify_log(store.iter_decisions())
    assert result.ok and result.entries == 1200
    assert wal_groups(wal_dir) == []  # a clean stop leaves nothing behind


async def test_from_settings_puts_the_wal_in_the_data_directory(moat_home: Path, sqlite_url: str) -> None:
    settings = load_settings(env={}, overrides={"home": str(moat_home), "recording.batch_size": 3})
    store = open_store(sqlite_url)
    await store.open()
    recorder = Recorder.from_settings(store, settings)
    assert recorder.wal_dir == moat_home / "wal"
    await recorder.start()
    recorder.record(make_item(1))
    assert len(wal_groups(moat_home / "wal")) == 1
    assert await recorder.stop()
    assert await stored_request_ids(store) == ["req_r_000001"]
    await store.close()


async def test_record_before_start_refuses(sqlite_url: str, wal_dir: Path) -> None:
    recorder = Recorder(open_store(sqlite_url), wal_dir)
    with pytest.raises(RuntimeError):
        recorder.record(make_item(1))


async def test_past_the_memory_bound_records_are_read_back_from_the_wal(sqlite_url: str, wal_dir: Path
                                                                        ) -> None:
    store = open_store(sqlite_url)
    await store.open()
    recorder = Recorder(store, wal_dir, batch_size=7, queue_size=10, flush_interval=0.01)
    await recorder.start()
    items = [make_item(i) for i in range(500)]
    for n, item in enumerate(items):
        recorder.record(item)
        if n % 97 == 0:
            await asyncio.sleep(0.01)
    assert recorder.stats.spilled > 400
    assert await recorder.stop()
    assert await stored_request_ids(store) == [i.traffic["request_id"] for i in items]
    assert recorder.stats.written == 500 and recorder.stats.errors == 0
    await store.close()


async def test_segments_rotate_and_committed_ones_are_deleted(sqlite_url: str, wal_dir: Path) -> None:
    store = open_store(sqlite_url)
    await store.open()
    recorder = Recorder(store, wal_dir, batch_size=20, segment_bytes=4096, flush_interval=0.01)
    await recorder.start()
    for i in range(300):  # ~700 bytes each: about 50 segments
        recorder.record(make_item(i))
    assert recorder.stats.wal_bytes > 150_000
    assert await recorder.flush(timeout=20)
    segments = [n for n in os.listdir(wal_dir) if n.endswith(".wal")]
    assert len(segments) == 1  # only the one being written
    assert recorder.stats.wal_bytes < 4096
    assert await recorder.stop()
    assert len(await stored_request_ids(store)) == 300
    assert os.listdir(wal_dir) == []
    await store.close()


async def test_a_wal_without_checkpoint_is_written_on_next_start(store: Store, wal_dir: Path) -> None:
    items = [make_item(i, run="crashed") for i in range(250)]
    group, _ = write_wal_by_hand(wal_dir, items)
    group.release()  # the writer died
    recorder = Recorder(store, wal_dir, batch_size=64)
    await recorder.start()
    assert await recorder.flush(timeout=20)
    assert recorder.stats.recovered == 250
    assert await stored_request_ids(store) == [i.traffic["request_id"] for i in items]
    assert recorder._group is not None and wal_groups(wal_dir) == [recorder._group.name]
    assert await recorder.stop()
    assert wal_groups(wal_dir) == []


async def test_replay_over_already_committed_records_adds_no_duplicates(store: Store, wal_dir: Path
                                                                        ) -> None:
    items = [make_item(i, run="partial") for i in range(100)]
    group, ends = write_wal_by_hand(wal_dir, items)
    # The writer committed 60 records but died before checkpointing past the 30th.
    await store.append_records(items[:60])
    group.write_checkpoint(ends[29])
    group.release()
    recorder = Recorder(store, wal_dir, batch_size=16)
    await recorder.start()
    assert await recorder.stop()
    assert recorder.stats.recovered == 70
    assert await stored_request_ids(store) == [i.traffic["request_id"] for i in items]
    assert await stored_decision_ids(store) == [i.decision["decision_id"] for i in items]
    assert (await verify_log(store.iter_decisions())).ok


async def test_a_live_writers_wal_is_left_alone(sqlite_url: str, wal_dir: Path) -> None:
    store = open_store(sqlite_url)
    await store.open()
    live, _ = write_wal_by_hand(wal_dir, [make_item(i, run="live") for i in range(5)])
    recorder = Recorder(store, wal_dir)
    await recorder.start()
    assert await recorder.flush(timeout=5)
    assert await stored_request_ids(store) == []
    assert live.name in wal_groups(wal_dir)
    assert await recorder.stop()
    live.release()
    await store.close()


async def test_a_record_the_store_refuses_goes_to_the_dead_letter_file(sqlite_url: str, wal_dir: Path
                                                                       ) -> None:
    store = open_store(sqlite_url)
    await store.open()
    recorder = Recorder(store, wal_dir, batch_size=50)
    await recorder.start()
    items = [make_item(i) for i in range(20)]
    del items[7].decision["decision_id"]  # a gateway bug: the store cannot chain it
    items[7].traffic.pop("decision_id")
    for item in items:
        recorder.record(item)
    assert await recorder.stop()
    expected = [i.traffic["request_id"] for n, i in enumerate(items) if n != 7]
    assert await stored_request_ids(store) == expected
    assert recorder.stats.dead_lettered == 1
    dead = [orjson.loads(line) for line in (wal_dir / DEAD_LETTER_FILE).read_bytes().splitlines()]
    assert [d["traffic"]["request_id"] for d in dead] == [items[7].traffic["request_id"]]
    await store.close()


async def test_fsync_mode_records_too(sqlite_url: str, wal_dir: Path) -> None:
    store = open_store(sqlite_url)
    await store.open()
    recorder = Recorder(store, wal_dir, fsync_interval=0.01, segment_bytes=4096, flush_interval=0.01)
    await recorder.start()
    for i in range(50):
        recorder.record(make_item(i))
        if i % 10 == 0:
            await asyncio.sleep(0.02)
    assert await recorder.stop()
    assert len(await stored_request_ids(store)) == 50
    assert recorder.stats.errors == 0
    await store.close()


async def test_record_is_cheap(sqlite_url: str, wal_dir: Path) -> None:
    """Not a benchmark: a guard against record() growing an await or a database call."""
    store = open_store(sqlite_url)
    await store.open()
    recorder = Recorder(store, wal_dir, batch_size=500)
    await recorder.start()
    items = [make_item(i) for i in range(2000)]
    started = time.perf_counter()
    for item in items:
        recorder.record(item)
    per_call = (time.perf_counter() - started) / len(items)
    assert per_call < 500e-6
    assert await recorder.stop()
    await store.close()
