"""The one database layer (`moat.store.database`), on SQLite and on real PostgreSQL: one SQL text
with `?` and `{type}` names serves both, transactions are atomic, and a component's migrations
apply once however many processes open the database at the same moment."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from moat.store.database import Database, Stmt, Tx, applied, open_database


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'moat.db'}"


@pytest.fixture
async def db(url: str) -> AsyncIterator[Database]:
    database = open_database(url)
    await database.open()
    await database.migrate("t", [(1, "CREATE TABLE t (k TEXT PRIMARY KEY, v {real}, on_ {bool} NOT NULL "
                                     "DEFAULT {false}, meta {json} NOT NULL DEFAULT '{{}}')")])
    try:
        yield database
    finally:
        await database.close()


async def test_one_sql_text_for_both(db: Database) -> None:
    assert await db.execute("INSERT INTO t (k, v, on_) VALUES (?, ?, ?)", "a", 1.5, True) == 1
    match, args = db.any_of("k", ["a", "b"])
    [(k, v, on, meta)] = await db.fetch(f"SELECT k, v, on_, meta FROM t WHERE {match}", *args)
    assert (k, v, on, meta) == ("a", 1.5, True, "{}")  # a bool on PostgreSQL, 1 on SQLite: equal either way


async def test_transactions_are_atomic_and_stop_when_told(db: Database) -> None:
    assert await db.transaction([Stmt("UPDATE t SET v = 1 WHERE k = 'none'", stop_if_none=True),
                                 Stmt("INSERT INTO t (k) VALUES ('never')")]) == [0]
    with pytest.raises(db.integrity_errors):
        await db.transaction([Stmt("INSERT INTO t (k) VALUES ('x')"), Stmt("INSERT INTO t (k) VALUES ('x')")])

    async def fails(tx: Tx) -> None:
        await tx.execute("INSERT INTO t (k) VALUES ('y')")
        raise ValueError("boom")

    with pytest.raises(ValueError):
        await db.run(fails)
    assert await db.fetch("SELECT k FROM t") == []


async def test_adding_a_column_is_one_migration_applied_once(url: str, db: Database) -> None:
    more = [(1, "unused: applied already"), (2, "ALTER TABLE t ADD COLUMN n {bigint}")]
    others = [open_database(url) for _ in range(4)]
    for other in others:
        await other.open()
    try:
        await asyncio.gather(*(o.migrate("t", more) for o in [db, *others]))
    finally:
        for other in others:
            await other.close()
    assert await applied(db, "t") == [1, 2]
    await db.execute("INSERT INTO t (k, n) VALUES (?, ?)", "big", 2**40)
    assert await db.fetch("SELECT n FROM t") == [(2**40,)]


async def test_a_sqlite_transaction_body_awaits_only_its_tx(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    await db.open()

    async def sleeps(tx: Tx) -> None:
        await asyncio.sleep(0)

    try:
        with pytest.raises(RuntimeError, match="nothing but its Tx"):
            await db.run(sleeps)
    finally:
        await db.close()
