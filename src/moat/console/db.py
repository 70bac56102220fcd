"""The console's own connection to the store's database, for its tables and its read queries.

Why not the `Store` protocol: the console pages need paginated, filtered reads (keyset over the
requests table, searches of the logs) that the gateway never does, and the console keeps its own
tables (users, sessions, sign-in failures). So it opens its own connection from the same URL:

- SQLite: one connection on one worker thread (like `SQLiteStore`); WAL mode lets it read while the
  gateway's recorder writes, and writes take `BEGIN IMMEDIATE` so they never interleave.
- PostgreSQL: a small asyncpg pool with the store URL's `schema` as search path.

Every statement is written with `?` placeholders (translated to `$n` for PostgreSQL) and values are
always passed as parameters: no value is ever formatted into SQL text.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from moat.console.schema import MIGRATIONS, SCHEMA_TABLE
from moat.store.sqlite import connect as connect_sqlite

Row = tuple[Any, ...]
_MARK = re.compile(r"\?")


class ConsoleDB(Protocol):
    dialect: str  # "sqlite" | "postgres"

    async def open(self) -> None: ...
    async def close(self) -> None: ...
    async def fetch(self, sql: str, args: Sequence[Any] = ()) -> list[Row]: ...
    async def execute(self, sql: str, args: Sequence[Any] = ()) -> int:
        """Run one write statement in its own transaction; returns the affected row count."""

    async def transaction(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> bool:
        """Run statements atomically. When the first changes no row (a compare-and-set that lost),
        nothing is written and the result is False."""

    async def write_fetch(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        """Run one write statement with RETURNING in its own transaction; returns its rows."""


def open_console_db(url: str) -> ConsoleDB:
    if url.startswith("sqlite:"):
        return SQLiteConsoleDB(url)
    return PostgresConsoleDB(url)


class SQLiteConsoleDB:
    dialect = "sqlite"

    def __init__(self, url: str) -> None:
        from moat.store.sqlite import sqlite_path

        self.path = sqlite_path(url)
        self._executor: ThreadPoolExecutor | None = None
        self._conn: sqlite3.Connection | None = None

    async def _run(self, fn: Any, *args: Any) -> Any:
        if self._executor is None:
            raise RuntimeError("console database is not open")
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    def _connect(self) -> None:
        db = connect_sqlite(self.path)
        self._conn = db
        db.execute("BEGIN IMMEDIATE")
        try:
            _migrate_sqlite(db)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    async def open(self) -> None:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="moat-console-db")
            await self._run(self._connect)

    async def close(self) -> None:
        if self._executor is None:
            return
        if self._conn is not None:
            await self._run(self._conn.close)
            self._conn = None
        self._executor.shutdown(wait=True)
        self._executor = None

    def _fetch(self, sql: str, args: Sequence[Any]) -> list[Row]:
        assert self._conn is not None
        return self._conn.execute(sql, tuple(args)).fetchall()

    def _execute(self, sql: str, args: Sequence[Any]) -> int:
        assert self._conn is not None
        db = self._conn
        db.execute("BEGIN IMMEDIATE")
        try:
            count = db.execute(sql, tuple(args)).rowcount
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return int(count)

    def _write_fetch(self, sql: str, args: Sequence[Any]) -> list[Row]:
        assert self._conn is not None
        db = self._conn
        db.execute("BEGIN IMMEDIATE")
        try:
            rows = db.execute(sql, tuple(args)).fetchall()
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return rows

    async def write_fetch(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        return list(await self._run(self._write_fetch, sql, args))

    def _transaction(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> bool:
        assert self._conn is not None
        db = self._conn
        db.execute("BEGIN IMMEDIATE")
        try:
            for i, (sql, args) in enumerate(statements):
                if db.execute(sql, tuple(args)).rowcount == 0 and i == 0:
                    db.execute("ROLLBACK")
                    return False
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return True

    async def transaction(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> bool:
        return bool(await self._run(self._transaction, statements))

    async def fetch(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        return list(await self._run(self._fetch, sql, args))

    async def execute(self, sql: str, args: Sequence[Any] = ()) -> int:
        return int(await self._run(self._execute, sql, args))


def _migrate_sqlite(db: sqlite3.Connection) -> None:
    db.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} (version INTEGER NOT NULL)")
    current = db.execute(f"SELECT COALESCE(MAX(version), 0) FROM {SCHEMA_TABLE}").fetchone()[0]
    for version, ddl in MIGRATIONS:
        if version > current:
            for statement in ddl.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"INSERT INTO {SCHEMA_TABLE} (version) VALUES (?)", (version,))


def to_postgres(sql: str) -> str:
    """`?` placeholders → `$1, $2, …` (the console's SQL never holds a literal `?`)."""
    counter = iter(range(1, 10_000))
    return _MARK.sub(lambda _: f"${next(counter)}", sql)


class PostgresConsoleDB:
    dialect = "postgres"

    def __init__(self, url: str) -> None:
        from moat.store.postgres import split_schema

        self._dsn, self._schema = split_schema(url)
        self._pool: Any = None

    async def open(self) -> None:
        if self._pool is not None:
            return
        import asyncpg

        settings = {"application_name": "moat-console"}
        if self._schema:
            settings["search_path"] = self._schema
        pool = await asyncpg.create_pool(self._dsn, min_size=1, max_size=4, server_settings=settings,
                                         timeout=10.0, command_timeout=60.0)
        async with pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(hashtext($1))", f"moat-console:{self._schema}")
            await conn.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} (version integer NOT NULL)")
            current = await conn.fetchval(f"SELECT COALESCE(MAX(version), 0) FROM {SCHEMA_TABLE}")
            for version, ddl in MIGRATIONS:
                if version > current:
                    await conn.execute(ddl.replace(" REAL", " double precision"))
                    await conn.execute(f"INSERT INTO {SCHEMA_TABLE} (version) VALUES ($1)", version)
        self._pool = pool

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    async def fetch(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        rows = await self._pool.fetch(to_postgres(sql), *args)
        return [tuple(r) for r in rows]

    async def execute(self, sql: str, args: Sequence[Any] = ()) -> int:
        return _count(await self._pool.execute(to_postgres(sql), *args))

    async def write_fetch(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        return await self.fetch(sql, args)  # one statement: its own (autocommit) transaction

    async def transaction(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> bool:
        async with self._pool.acquire() as conn:
            tx = conn.transaction()
            await tx.start()
            try:
                for i, (sql, args) in enumerate(statements):
                    if _count(await conn.execute(to_postgres(sql), *args)) == 0 and i == 0:
                        await tx.rollback()
                        return False
            except BaseException:
                await tx.rollback()
                raise
            await tx.commit()
            return True


def _count(status: Any) -> int:
    tail = str(status).rsplit(" ", 1)[-1]
    return int(tail) if tail.isdigit() else 0
