"""Traffic retention and partition upkeep (issue 14 item 5; moat.audit.retention), on SQLite and on
real PostgreSQL: days past `recording.retention_days` go, the rest stay, the decision log stays, the
recorder runs it by itself, and the setting is checked when settings load."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

import pytest

from moat.audit.recorder import Recorder, RecorderStats
from moat.audit.retention import TrafficUpkeep
from moat.config import load_settings
from moat.config_validate import SettingsError
from moat.gateway.metrics import Metrics
from moat.store import open_store
from moat.store.base import RecordBatchItem, Store
from moat.store.partitions import DAY, day_of
from tests.audit.records import stored_decision_ids, stored_request_ids

NOW = time.time()
TODAY = day_of(NOW)


def item(request_id: str, ts: float) -> RecordBatchItem:
    decision_id = f"d-{request_id}"
    return RecordBatchItem({"ts": ts, "request_id": request_id, "account_id": "acct-1", "decision_id": decision_id},
                           {"decision_id": decision_id, "ts": ts, "effect": "allow"})


async def seed_days(store: Store, backs: range) -> None:
    """One record at noon of each of those days before today (partitions made first on PostgreSQL)."""
    await store.prepare_traffic_days((TODAY - max(backs)) * DAY)
    await store.prepare_traffic_days(NOW)
    await store.append_records([item(f"back-{b}", (TODAY - b) * DAY + DAY / 2) for b in backs])


async def test_old_days_go_and_the_rest_stay(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    await seed_days(store, range(0, 6))
    stats = RecorderStats()
    upkeep = TrafficUpkeep(store, stats, retention_days=2, clock=lambda: NOW)
    with caplog.at_level(logging.INFO, logger="moat.audit.retention"):
        await upkeep.run_once()
    assert await stored_request_ids(store) == ["back-2", "back-1", "back-0"]
    if store.db.dialect == "postgres":  # whole partitions: days TODAY-6 .. TODAY-3
        assert (stats.expired_days, stats.expired_rows) == (4, 0)
    else:
        assert (stats.expired_days, stats.expired_rows) == (0, 3)
    assert "traffic retention (recording.retention_days=2)" in caplog.text
    # the decision log is a hash chain: retention never touches it
    assert len(await stored_decision_ids(store)) == 6
    caplog.clear()
    await upkeep.run_once()  # nothing more to do: no second log line, no more counted
    assert "traffic retention" not in caplog.text
    assert await stored_request_ids(store) == ["back-2", "back-1", "back-0"]


async def test_zero_keeps_everything(store: Store) -> None:
    await seed_days(store, range(0, 400, 100))
    stats = RecorderStats()
    await TrafficUpkeep(store, stats, retention_days=0, clock=lambda: NOW).run_once()
    assert len(await stored_request_ids(store)) == 4
    assert (stats.expired_days, stats.expired_rows) == (0, 0)


async def test_rows_are_deleted_in_batches(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    await store.open()
    try:
        await store.append_records([item(f"old-{i}", (TODAY - 10) * DAY + i) for i in range(7)]
                                   + [item("kept", NOW)])
        assert await store.expire_traffic(TODAY - 1, batch=2) == ([], 7)
        assert await stored_request_ids(store) == ["kept"]
    finally:
        await store.close()


async def test_the_recorder_runs_the_upkeep_by_itself(store_url: str, tmp_path: Path) -> None:
    (tmp_path / "moat.toml").write_text("[recording]\nretention_days = 1\n")
    settings = load_settings(tmp_path / "moat.toml", env={"MOAT_HOME": str(tmp_path / "home")})
    store = open_store(store_url)
    await store.open()
    await store.append_records([item("ancient", (TODAY - 3) * DAY + 5.0), item("fresh", NOW)])
    recorder = Recorder.from_settings(store, settings)
    assert recorder.upkeep.retention_days == 1
    await recorder.start()
    try:
        deadline = time.monotonic() + 10
        while await stored_request_ids(store) != ["fresh"]:
            assert time.monotonic() < deadline, "the upkeep did not expire the old day"
            await asyncio.sleep(0.05)
        assert recorder.stats.expired_days + recorder.stats.expired_rows >= 1
    finally:
        await recorder.stop()
        await store.close()


async def test_a_failed_pass_is_counted_and_retried(sqlite_url: str, caplog: pytest.LogCaptureFixture) -> None:
    store = open_store(sqlite_url)  # never opened: every call fails as a store that is away does
    stats = RecorderStats()
    upkeep = TrafficUpkeep(store, stats, retention_days=1, retry=0.01, clock=lambda: NOW)
    upkeep.start()
    try:
        deadline = time.monotonic() + 5
        while stats.upkeep_errors < 2:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.01)
    finally:
        await upkeep.stop()
    assert "traffic upkeep failed" in caplog.text


def test_the_setting_is_checked_when_settings_load(tmp_path: Path) -> None:
    home = {"MOAT_HOME": str(tmp_path), "MOAT_CONFIG": str(tmp_path / "absent.toml")}
    assert load_settings(env=home).recording.retention_days == 0
    assert load_settings(env={**home, "MOAT_RECORDING__RETENTION_DAYS": "30"}).recording.retention_days == 30
    with pytest.raises(SettingsError) as bad:
        load_settings(env={**home, "MOAT_RECORDING__RETENTION_DAYS": "-1"})
    assert "MOAT_RECORDING__RETENTION_DAYS=-1: recording.retention_days must be an integer at least 0" in str(bad.value)
    with pytest.raises(ValueError):
        TrafficUpkeep(open_store(f"sqlite:///{tmp_path / 'x.db'}"), RecorderStats(), retention_days=-1)


def test_expiry_is_a_metric(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    metrics = Metrics()
    metrics.observe_recorder(RecorderStats(expired_days=4, expired_rows=3, upkeep_errors=1))
    text = metrics.render().decode()
    for line in ('moat_recorder{stat="expired_days"} 4.0', 'moat_recorder{stat="expired_rows"} 3.0',
                 'moat_recorder{stat="upkeep_errors"} 1.0'):
        assert line in text
