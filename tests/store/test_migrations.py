"""Schema migrations: a database made by an older release is brought to the latest on open(),
every row kept, each migration applied once.

`legacy/` holds a SQLite file and a PostgreSQL schema as the release before the one database layer
left them (`legacy/make_legacy.py`): every component's tables with rows, each with its own version
table. Opening them with today's code must keep every row and apply only what is new.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from moat.console import schema as console_schema
from moat.console.schema import open_tables
from moat.console.users import UserBook
from moat.detect.scores import TableScores
from moat.enforce import schema as enforce_schema
from moat.enforce.storage import EnforceStore
from moat.store import SQLStore, open_store, schema
from moat.store.base import RecordBatchItem
from moat.store.database import applied, ddl
from moat.store.postgres import split_schema

ROW = {"ts": 1.0, "request_id": "old-1", "account_id": "acct-1", "endpoint": "/v1/messages"}
LEGACY = Path(__file__).parent / "legacy"
LATEST = {"store": [v for v, _ in schema.MIGRATIONS], "enforce": [v for v, _ in enforce_schema.MIGRATIONS],
          "scores": [1], "console": [v for v, _ in console_schema.MIGRATIONS]}


async def _upgrade_and_check(url: str) -> None:
    store = open_store(url)
    await store.open()
    try:
        assert [r["request_id"] async for r in store.iter_requests()] == ["old-1"]
        new = RecordBatchItem({"ts": 2.0, "request_id": "new-1", "account_id": None}, {"decision_id": "d1"})
        assert await store.append_records([new]) == 1
        assert [r["account_id"] async for r in store.iter_requests()] == ["acct-1", None]
        assert await applied(store.db, "store") == LATEST["store"]
    finally:
        await store.close()


async def test_sqlite_upgrades_from_v1(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(";".join(ddl(schema.MIGRATIONS[0][1], "sqlite")))
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    db.execute("INSERT INTO schema_version VALUES (1)")
    db.execute("INSERT INTO requests (ts, request_id, account_id, endpoint) VALUES (?, ?, ?, ?)",
               tuple(ROW.values()))
    db.commit()
    db.close()
    await _upgrade_and_check(f"sqlite:///{path}")


@pytest.mark.postgres
async def test_postgres_upgrades_from_v1(postgres_url: str) -> None:
    dsn, name = split_schema(postgres_url)
    conn = await asyncpg.connect(dsn, server_settings={"search_path": str(name)})
    try:
        await conn.execute(";".join(ddl(schema.MIGRATIONS[0][1], "postgres")))
        await conn.execute("CREATE TABLE schema_version (version integer NOT NULL); "
                           "INSERT INTO schema_version VALUES (1)")
        await conn.execute("INSERT INTO requests (ts, request_id, account_id, endpoint) VALUES ($1, $2, $3, $4)",
                           *ROW.values())
        await _upgrade_and_check(postgres_url)
    finally:
        await conn.close()


# ---- a whole data directory from the release before ---------------------------------------------
async def _open_everything(url: str) -> SQLStore:
    """Every component's tables, opened as a gateway with the console and the scorer opens them."""
    store = open_store(url)
    await store.open()
    await EnforceStore(store).open()
    await TableScores(store).open()
    await open_tables(store.db)
    return store


Tables = dict[str, tuple[str, list[tuple[Any, ...]]]]  # table -> (its old columns, every row of them)


async def _check_legacy(url: str, before: Tables) -> None:
    store = await _open_everything(url)
    try:
        for table, (columns, rows) in before.items():  # every row of every table survived, unchanged
            found = await store.db.fetch(f"SELECT {columns} FROM {table}")
            assert sorted((tuple(r) for r in found), key=repr) == rows, table
        for component, versions in LATEST.items():
            assert await applied(store.db, component) == versions
        ledger = await store.db.fetch("SELECT component, version, applied_at FROM moat_migrations")
        # The data is readable through today's code.
        assert len([r async for r in store.iter_requests()]) == 13
        assert (await store.get_org("rival-sub")).blocked  # type: ignore[union-attr]
        assert (await store.get_key("key-1")).revoked_at is not None  # type: ignore[union-attr]
        es = EnforceStore(store)
        assert (await es.get_case("case_0001")).subject_id == "acct-1"  # type: ignore[union-attr]
        assert (await es.requests_for(["acct-1"], limit=10)).data[0]["request_id"] == "req-10"
        assert (await es.decision("dec-4"))["outcome"] == "deny"  # type: ignore[index]
        assert [s for s, _ in (await TableScores(store).changes(0))[1]] == ["a:acct-1", "c:cl-1"]
        assert (await UserBook(store.db, store).get("admin")) is not None
        assert await store.append_records([RecordBatchItem({"ts": 2e9, "request_id": "req-new"},
                                                           {"decision_id": "dec-new"})]) == 1
        assert [e.seq async for e in store.iter_decisions()] == list(range(1, 14))
    finally:
        await store.close()
    store = await _open_everything(url)  # a second open applies nothing again
    try:
        assert await store.db.fetch("SELECT component, version, applied_at FROM moat_migrations") == ledger
    finally:
        await store.close()


async def test_sqlite_data_directory_from_the_release_before(tmp_path: Path) -> None:
    path = tmp_path / "moat.db"
    db = sqlite3.connect(path)
    db.executescript((LEGACY / "legacy-sqlite.sql").read_text())
    before: Tables = {}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence'"):
        columns = ", ".join(r[1] for r in db.execute(f"PRAGMA table_info({table})"))
        before[table] = (columns, sorted((tuple(r) for r in db.execute(f"SELECT {columns} FROM {table}")), key=repr))
    db.close()
    assert len(before) == 31
    await _check_legacy(f"sqlite:///{path}", before)


@pytest.mark.postgres
async def test_postgres_data_directory_from_the_release_before(postgres_url: str) -> None:
    dsn, name = split_schema(postgres_url)
    conn = await asyncpg.connect(dsn, server_settings={"search_path": str(name)})
    try:
        await conn.execute((LEGACY / "legacy-postgres.sql").read_text())
        before: Tables = {}
        for (table,) in await conn.fetch("SELECT table_name FROM information_schema.tables WHERE table_schema = $1",
                                         name):
            columns = ", ".join(r[0] for r in await conn.fetch(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 "
                "ORDER BY ordinal_position", name, table))
            found = await conn.fetch(f"SELECT {columns} FROM {table}")
            before[table] = (columns, sorted((tuple(r) for r in found), key=repr))
        assert len(before) == 31
    finally:
        await conn.close()
    await _check_legacy(postgres_url, before)
