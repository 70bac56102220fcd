"""The dead-letter file is capped: a stream of records the store refuses cannot fill the disk;
what is past the cap is counted (and shown in /metrics), an oversized record keeps its ids."""

from __future__ import annotations

from pathlib import Path

import orjson

from moat.audit.recorder import DEAD_LETTER_FILE, Recorder
from moat.gateway.metrics import Metrics
from moat.store.base import RecordBatchItem, Store
from tests.audit.records import make_item, stored_request_ids


def refused_item(i: int, *, agent_chars: int = 1000) -> RecordBatchItem:
    """A record the store refuses (no decision id: it cannot be chained), with a big user agent."""
    item = make_item(i, run="bad")
    del item.decision["decision_id"]
    item.traffic.pop("decision_id")
    item.traffic["user_agent"] = "a" * agent_chars
    return item


async def test_dead_letter_file_is_capped_and_the_rest_counted(store: Store, wal_dir: Path) -> None:
    cap = 16 * 1024
    recorder = Recorder(store, wal_dir, batch_size=10, dead_letter_max_bytes=cap)
    await recorder.start()
    good = [make_item(i, run="good") for i in range(10)]
    bad = [refused_item(i) for i in range(50)]
    for item in [*good, *bad]:
        recorder.record(item)
    assert await recorder.stop()
    assert sorted(await stored_request_ids(store)) == [i.traffic["request_id"] for i in good]
    size = (wal_dir / DEAD_LETTER_FILE).stat().st_size
    assert size <= cap
    stats = recorder.stats
    assert stats.dead_lettered + stats.dead_letter_dropped == 50
    assert 0 < stats.dead_lettered < 50 and stats.dead_letter_dropped > 0
    assert stats.dead_letter_bytes == size
    kept = [orjson.loads(line) for line in (wal_dir / DEAD_LETTER_FILE).read_bytes().splitlines()]
    assert len(kept) == stats.dead_lettered
    metrics = Metrics()
    metrics.observe_recorder(stats)
    text = metrics.render().decode()
    assert f'moat_recorder{{stat="dead_letter_dropped"}} {float(stats.dead_letter_dropped)}' in text
    assert f'moat_recorder{{stat="dead_letter_bytes"}} {float(size)}' in text


async def test_an_oversized_dead_letter_keeps_its_ids_and_a_cut_copy(store: Store, wal_dir: Path) -> None:
    recorder = Recorder(store, wal_dir, dead_letter_max_bytes=1 << 20)
    await recorder.start()
    item = refused_item(1, agent_chars=5 << 20)  # 5 MB: more than a dead-letter line may hold
    recorder.record(item)
    assert await recorder.stop()
    (line,) = (wal_dir / DEAD_LETTER_FILE).read_bytes().splitlines()
    assert len(line) < 64 * 1024
    kept = orjson.loads(line)
    assert kept["traffic"]["request_id"] == item.traffic["request_id"]
    assert kept["dead_letter_cut"] > 5 << 20 and len(kept["traffic"]["user_agent"]) == 4096
    assert recorder.stats.dead_lettered == 1 and recorder.stats.dead_letter_dropped == 0


async def test_the_cap_holds_across_restarts(store: Store, wal_dir: Path) -> None:
    cap = 8 * 1024
    for run in range(3):
        recorder = Recorder(store, wal_dir, batch_size=5, dead_letter_max_bytes=cap)
        await recorder.start()
        for i in range(20):
            recorder.record(refused_item(run * 100 + i))
        assert await recorder.stop()
    assert (wal_dir / DEAD_LETTER_FILE).stat().st_size <= cap
    assert recorder.stats.dead_letter_dropped == 20  # the file was already full at this start
