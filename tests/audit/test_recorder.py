"""The recorder end to end against real stores: batching, back-pressure, rotation, replay."""

from __future__ import annotations

import asyncio
import errno
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import orjson
import pytest

from moat.audit.recorder import DEAD_LETTER_FILE, Recorder, is_data_error
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


async def test_a_recorder_can_be_started_again(sqlite_url: str, wal_dir: Path) -> None:
    store = open_store(sqlite_url)
    await store.open()
    recorder = Recorder(store, wal_dir, flush_interval=0.01)
    for round_ in range(3):
        await recorder.start()
        for i in range(10):
            recorder.record(make_item(i, run=f"again{round_}"))
        assert await recorder.stop()
    assert len(await stored_request_ids(store)) == 30
    with pytest.raises(RuntimeError):
        recorder.record(make_item(99))
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


async def test_records_the_store_refuses_go_to_the_dead_letter_file(store: Store, wal_dir: Path) -> None:
    recorder = Recorder(store, wal_dir, batch_size=50)
    await recorder.start()
    items = [make_item(i) for i in range(20)]
    del items[7].decision["decision_id"]  # gateway bugs: the store cannot chain this one...
    items[7].traffic.pop("decision_id")
    del items[13].decision["decision_id"]  # ...nor this one
    items[13].traffic.pop("decision_id")
    items[3].traffic["ts"] = "soon"  # a value of the wrong type is kept (in `extra`), not refused
    for item in items:
        recorder.record(item)
    assert await recorder.stop()
    expected = [i.traffic["request_id"] for n, i in enumerate(items) if n not in (7, 13)]
    assert sorted(await stored_request_ids(store)) == expected  # item 3 is stored with the time it arrived
    assert recorder.stats.dead_lettered == 2
    dead = [orjson.loads(line) for line in (wal_dir / DEAD_LETTER_FILE).read_bytes().splitlines()]
    assert [d["traffic"]["request_id"] for d in dead] == [items[7].traffic["request_id"],
                                                          items[13].traffic["request_id"]]


def test_which_errors_mean_a_bad_record_rather_than_a_bad_store() -> None:
    assert is_data_error(ValueError("decision payload has no decision_id"))
    assert is_data_error(sqlite3.IntegrityError("NOT NULL constraint failed"))
    assert is_data_error(asyncpg.NotNullViolationError("null value in column"))
    assert is_data_error(asyncpg.InvalidTextRepresentationError("invalid input syntax"))
    assert not is_data_error(ConnectionRefusedError(111, "refused"))
    assert not is_data_error(sqlite3.OperationalError("database is locked"))
    assert not is_data_error(asyncpg.ConnectionDoesNotExistError("closed"))
    assert not is_data_error(asyncpg.CannotConnectNowError("starting up"))


async def test_a_writer_that_dies_while_we_run_is_taken_over(sqlite_url: str, wal_dir: Path) -> None:
    store = open_store(sqlite_url)
    await store.open()
    recorder = Recorder(store, wal_dir, rescan_interval=0.05)
    await recorder.start()
    assert await recorder.flush(timeout=5)
    items = [make_item(i, run="late") for i in range(10)]
    group, _ = write_wal_by_hand(wal_dir, items)
    await asyncio.sleep(0.2)
    assert await stored_request_ids(store) == []  # its writer is alive
    group.release()  # ...and now it died
    for _ in range(100):
        if len(await stored_request_ids(store)) == 10:
            break
        await asyncio.sleep(0.02)
    assert await stored_request_ids(store) == [i.traffic["request_id"] for i in items]
    assert await recorder.stop()
    assert os.listdir(wal_dir) == []
    await store.close()


FULL_DISK = """
import asyncio, resource, signal, sys
from moat.audit.recorder import Recorder
from moat.store import open_store
from tests.audit.records import make_item, stored_request_ids

async def main(url, wal_dir):
    store = open_store(url)
    await store.open()
    recorder = Recorder(store, wal_dir)
    await recorder.start()
    for i in range(3):
        recorder.record(make_item(i))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    segment = recorder._writer.position.offset
    resource.setrlimit(resource.RLIMIT_FSIZE, (segment + 100, hard))  # room for a torn line only
    try:
        recorder.record(make_item(3))
        print("no error")
    except OSError as exc:
        print("refused", exc.errno)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    for i in (4, 5):
        recorder.record(make_item(i))
    print("clean", await recorder.stop(), recorder.stats.errors)
    print(" ".join(await stored_request_ids(store)))
    await store.close()

asyncio.run(main(*sys.argv[1:3]))
"""


def test_a_write_ahead_failure_refuses_the_record_and_leaves_no_torn_line(sqlite_url: str, wal_dir: Path
                                                                         ) -> None:
    """A file-size limit is a real, unprivileged way to make os.write fail half-way (like a full disk)."""
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(root / "src"), str(root)]))
    out = subprocess.run([sys.executable, "-c", FULL_DISK, sqlite_url, str(wal_dir)], cwd=root, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == f"refused {errno.EFBIG}"
    assert lines[1] == "clean True 0"  # no unreadable line: the torn bytes were cut off
    assert lines[2].split() == [f"req_r_{i:06d}" for i in (0, 1, 2, 4, 5)]


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
