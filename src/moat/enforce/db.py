"""The enforcement tables' connection: the store's own, so enforcement needs no second database.

SQL is written once with `?` placeholders; the PostgreSQL side renumbers them to `$n`. JSON is kept
as text and booleans as 0/1 in both backends, so rows decode the same way. SQLite statements run
on the store's single worker thread (the store owns the connection); PostgreSQL ones on its pool.

A `transaction` is a list of statements run atomically. On PostgreSQL it first takes an advisory
lock, so rows of the `enforce_changes` feed become visible in `seq` order, exactly like the
directory's change feed (a replica polling `seq > n` can never skip a late commit).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from moat.enforce.schema import postgres_migrations, sqlite_migrations
from moat.store import Store

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Stmt:
    """One statement of a transaction; `stop_if_none`: skip the rest when it changed no row."""

    sql: str
    args: tuple[Any, ...] = ()
    stop_if_none: bool = False


class Db(Protocol):
    dialect: str  # "sqlite" | "postgres"

    async def migrate(self) -> None: ...
    async def fetch(self, sql: str, *args: Any) -> list[Row]: ...
    async def execute(self, sql: str, *args: Any) -> int:
        """Run one statement in its own transaction; returns the number of rows it changed."""

    async def transaction(self, statements: Sequence[Stmt]) -> list[int]:
        """Run statements atomically; returns each executed statement's row count."""


class SQLiteDb:
    dialect = "sqlite"

    def __init__(self, store: Any) -> None:
        self._store = store  # a moat.store.sqlite.SQLiteStore

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection = self._store._db()
        return conn

    async def migrate(self) -> None:
        def tx(db: sqlite3.Connection) -> None:
            db.execute("CREATE TABLE IF NOT EXISTS enforce_schema_version (version INTEGER NOT NULL)")
            current = db.execute("SELECT COALESCE(MAX(version), 0) FROM enforce_schema_version").fetchone()[0]
            for version, ddl in sqlite_migrations():
                if version > current:
                    for statement in ddl.split(";"):
                        if statement.strip():
                            db.execute(statement)
                    db.execute("INSERT INTO enforce_schema_version (version) VALUES (?)", (version,))

        await self._store._run(self._store._write, tx)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        rows: list[Row] = await self._store._run(self._store._read, sql, args)
        return rows

    async def execute(self, sql: str, *args: Any) -> int:
        return (await self.transaction([Stmt(sql, args)]))[0]

    async def transaction(self, statements: Sequence[Stmt]) -> list[int]:
        def tx(db: sqlite3.Connection) -> list[int]:
            counts: list[int] = []
            for stmt in statements:
                count = db.execute(stmt.sql, stmt.args).rowcount
                counts.append(count)
                if stmt.stop_if_none and count == 0:
                    break
            return counts

        result: list[int] = await self._store._run(self._store._write, tx)
        return result


_PLACEHOLDER = re.compile(r"\?")


def numbered(sql: str) -> str:
    """`?` placeholders → `$1, $2, …` (enforcement SQL never holds a literal question mark)."""
    counter = iter(range(1, 10_000))
    return _PLACEHOLDER.sub(lambda _: f"${next(counter)}", sql)


class PostgresDb:
    dialect = "postgres"

    def __init__(self, store: Any) -> None:
        from moat.store.postgres import split_schema

        self._store = store  # a moat.store.postgres.PostgresStore
        schema = split_schema(store.url)[1] or "public"
        self._lock = f"moat:{schema}:enforce"

    async def migrate(self) -> None:
        async with self._store.pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(hashtext($1))", self._lock + ":migrate")
            await conn.execute("CREATE TABLE IF NOT EXISTS enforce_schema_version (version integer NOT NULL)")
            current = await conn.fetchval("SELECT COALESCE(MAX(version), 0) FROM enforce_schema_version")
            for version, ddl in postgres_migrations():
                if version > current:
                    await conn.execute(ddl)
                    await conn.execute("INSERT INTO enforce_schema_version (version) VALUES ($1)", version)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        return [tuple(r) for r in await self._store.pool.fetch(numbered(sql), *args)]

    async def execute(self, sql: str, *args: Any) -> int:
        return (await self.transaction([Stmt(sql, args)]))[0]

    async def transaction(self, statements: Sequence[Stmt]) -> list[int]:
        counts: list[int] = []
        async with self._store.pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(hashtext($1))", self._lock)
            for stmt in statements:
                status = await conn.execute(numbered(stmt.sql), *stmt.args)
                tail = status.rsplit(" ", 1)[-1]
                count = int(tail) if tail.isdigit() else 0
                counts.append(count)
                if stmt.stop_if_none and count == 0:
                    break
        return counts


def db_for(store: Store) -> Db:
    """The enforcement connection sharing `store`'s (which must be open)."""
    from moat.store.sqlite import SQLiteStore

    if isinstance(store, SQLiteStore):
        return SQLiteDb(store)
    return PostgresDb(store)
