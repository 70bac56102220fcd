"""`Database` over one SQLite file: stdlib sqlite3 in WAL mode, on one dedicated worker thread.

Every statement runs on a single-thread executor that owns the connection, so the event loop never
blocks on disk, and a whole transaction runs in one task there (`run`), so no other caller's
statement ever lands inside it. Writes open with
`BEGIN IMMEDIATE`, which takes SQLite's write lock up front: two processes sharing the file (a
running gateway and the `moat` CLI) each append to the hash chains atomically, never interleaved.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from moat.store.database import Migration, Row, Stmt, Tx, run_migrations, statements

T = TypeVar("T")
BUSY_TIMEOUT = 10.0  # seconds a connection waits for another process's lock
_HAS_TABLE = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"


def sqlite_path(url: str) -> str:
    """`sqlite:///rel/path.db` → `rel/path.db`; `sqlite:////abs/path.db` → `/abs/path.db`."""
    if not url.startswith("sqlite:"):
        raise ValueError(f"not a sqlite URL: {url!r}")
    rest = url[len("sqlite:"):]
    if rest.startswith("///"):
        rest = rest[3:]
    elif rest.startswith("//"):
        rest = rest[2:]
    rest = rest.split("?", 1)[0]
    if not rest:
        raise ValueError(f"sqlite URL has no path: {url!r}")
    return rest


def connect(path: str, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """A connection in WAL mode that waits up to `busy_timeout` for other processes' locks.

    Every lock waits through SQLite's busy handler, except the switch to WAL: when another process
    is creating or migrating the same file, `PRAGMA journal_mode=WAL` can answer "database is
    locked" at once. That switch is retried here until the same deadline (the kill -9 takeover
    test's flake: tests/store/test_sqlite_open_race.py).
    """
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=busy_timeout)
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return db
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                db.close()
                raise
            time.sleep(0.01)


class _SQLiteTx:
    """A `Tx` on the connection's own thread: each call completes at once, so a body that awaits
    nothing else finishes on its first step (see `SQLiteDatabase.run`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        return self._conn.execute(sql, args).fetchall()

    async def execute(self, sql: str, *args: Any) -> int:
        return int(self._conn.execute(sql, args).rowcount)

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._conn.executemany(sql, rows)


def _complete(step: Awaitable[T]) -> T:
    """Drive a coroutine that never suspends to its result (on the connection's thread)."""
    coro = step.__await__()
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise RuntimeError("a transaction body may await nothing but its Tx")


class SQLiteDatabase:
    """`Database` over one SQLite file. Create, then `await open()`; `await close()` when done."""

    dialect = "sqlite"
    integrity_errors: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = sqlite_path(url)
        self._executor: ThreadPoolExecutor | None = None
        self._conn: sqlite3.Connection | None = None

    async def _call(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        if self._executor is None or self._conn is None:
            raise RuntimeError("database is not open")
        conn = self._conn
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, conn)

    def _connect(self) -> sqlite3.Connection:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        conn = connect(self.path)
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    async def open(self) -> None:
        if self._executor is not None:
            return
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="moat-sqlite")
        try:
            self._conn = await asyncio.get_running_loop().run_in_executor(executor, self._connect)
        except BaseException:
            executor.shutdown(wait=False)
            raise
        self._executor = executor

    async def close(self) -> None:
        if self._executor is None:
            return
        if self._conn is not None:
            await self._call(lambda c: c.close())
            self._conn = None
        self._executor.shutdown(wait=True)
        self._executor = None

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        return await self._call(lambda c: c.execute(sql, args).fetchall())

    async def execute(self, sql: str, *args: Any) -> int:
        return (await self.transaction([Stmt(sql, args)]))[0]

    async def transaction(self, stmts: Sequence[Stmt], lock: str | None = None) -> list[int]:
        return await self.run(statements(stmts), lock)

    async def run(self, body: Callable[[Tx], Awaitable[T]], lock: str | None = None) -> T:
        """The whole transaction in one hop to the connection's thread (the recorder's hot path)."""
        def tx(conn: sqlite3.Connection) -> T:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = _complete(body(_SQLiteTx(conn)))
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return result

        return await self._call(tx)

    def any_of(self, column: str, values: Sequence[Any]) -> tuple[str, tuple[Any, ...]]:
        return f"{column} IN ({', '.join('?' * len(values))})", tuple(values)

    async def migrate(self, component: str, migrations: Sequence[Migration],
                      legacy: tuple[str, str] | None = None) -> None:
        async def body(tx: Tx) -> None:
            await run_migrations(tx, self.dialect, component, migrations, legacy, _HAS_TABLE)

        await self.run(body)
