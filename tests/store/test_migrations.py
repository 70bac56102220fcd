"""Schema migrations: a database created at version 1 is brought to the latest on open()."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import asyncpg
import pytest

from moat.store import open_store, postgres_schema, sqlite_schema
from moat.store.base import RecordBatchItem
from moat.store.postgres import split_schema

ROW = {"ts": 1.0, "request_id": "old-1", "account_id": "acct-1", "endpoint": "/v1/messages"}


async def _upgrade_and_check(url: str) -> None:
    store = open_store(url)
    await store.open()
    try:
        assert [r["request_id"] async for r in store.iter_requests()] == ["old-1"]
        new = RecordBatchItem({"ts": 2.0, "request_id": "new-1", "account_id": None}, {"decision_id": "d1"})
        assert await store.append_records([new]) == 1
        assert [r["account_id"] async for r in store.iter_requests()] == ["acct-1", None]
    finally:
        await store.close()


async def test_sqlite_upgrades_from_v1(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(sqlite_schema.MIGRATIONS[0][1])
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    db.execute("INSERT INTO schema_version VALUES (1)")
    db.execute("INSERT INTO requests (ts, request_id, account_id, endpoint) VALUES (?, ?, ?, ?)",
               tuple(ROW.values()))
    db.commit()
    db.close()
    await _upgrade_and_check(f"sqlite:///{path}")
    db = sqlite3.connect(path)
    assert [v for (v,) in db.execute("SELECT version FROM schema_version ORDER BY version")] == [
        v for v, _ in sqlite_schema.MIGRATIONS]
    db.close()


@pytest.mark.postgres
async def test_postgres_upgrades_from_v1(postgres_url: str) -> None:
    dsn, schema = split_schema(postgres_url)
    conn = await asyncpg.connect(dsn, server_settings={"search_path": str(schema)})
    try:
        await conn.execute(postgres_schema.MIGRATIONS[0][1])
        await conn.execute("CREATE TABLE schema_version (version integer NOT NULL); "
                           "INSERT INTO schema_version VALUES (1)")
        await conn.execute("INSERT INTO requests (ts, request_id, account_id, endpoint) VALUES ($1, $2, $3, $4)",
                           *ROW.values())
        await _upgrade_and_check(postgres_url)
        versions = [r[0] for r in await conn.fetch("SELECT version FROM schema_version ORDER BY version")]
        assert versions == [v for v, _ in postgres_schema.MIGRATIONS]
    finally:
        await conn.close()
