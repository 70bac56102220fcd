"""`Database` over PostgreSQL through asyncpg, with a small connection pool.

The URL is a libpq URL; an extra `schema=NAME` query parameter puts every table in that schema
(created if missing) by setting `search_path` on each pooled connection. Statements are written
with `?` and renumbered to `$n` here (cached: the same few hundred texts recur). A write
transaction's `lock` is a transaction-scoped advisory lock named `moat:<schema>:<lock>`, so writers
on any number of replicas take turns on what must happen in commit order (see `moat.store.database`).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Sequence
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import asyncpg

from moat.store.database import Migration, Row, Stmt, Tx, run_migrations, statements

T = TypeVar("T")

_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
_PLACEHOLDER = re.compile(r"\?")
_LOCK = "SELECT pg_advisory_xact_lock(hashtext($1))"
_HAS_TABLE = "SELECT 1 WHERE to_regclass(?) IS NOT NULL"
_CONNECT_TIMEOUT = 10.0  # seconds: fail fast when the database is unreachable
_COMMAND_TIMEOUT = 60.0  # seconds: no statement of ours should take longer


def split_schema(url: str) -> tuple[str, str | None]:
    """The DSN without its `schema` parameter, and that schema (validated as an identifier)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = None
    kept = []
    for name, value in query:
        if name == "schema":
            schema = value
        else:
            kept.append((name, value))
    if schema is not None and not _SCHEMA_NAME.match(schema):
        raise ValueError(f"invalid schema name in database URL: {schema!r}")
    return urlunsplit(parts._replace(query=urlencode(kept))), schema


@lru_cache(maxsize=4096)
def numbered(sql: str) -> str:
    """`?` placeholders → `$1, $2, …`."""
    counter = iter(range(1, 100_000))
    return _PLACEHOLDER.sub(lambda _: f"${next(counter)}", sql)


def _count(status: str) -> int:
    """Rows changed, from a command status such as `UPDATE 3` or `INSERT 0 1`."""
    tail = status.rsplit(" ", 1)[-1]
    return int(tail) if tail.isdigit() else 0


class _PostgresTx:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        return [tuple(r) for r in await self._conn.fetch(numbered(sql), *args)]

    async def execute(self, sql: str, *args: Any) -> int:
        return _count(await self._conn.execute(numbered(sql), *args))

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            await self._conn.executemany(numbered(sql), rows)


class PostgresDatabase:
    """`Database` over PostgreSQL. Create, then `await open()`; `await close()` when done."""

    dialect = "postgres"
    integrity_errors: tuple[type[Exception], ...] = (asyncpg.UniqueViolationError,)

    def __init__(self, url: str, *, min_connections: int = 1, max_connections: int = 5) -> None:
        self.url = url
        self._dsn, self._schema = split_schema(url)
        self._namespace = self._schema or "public"
        self._min = min_connections
        self._max = max_connections
        self._pool: asyncpg.Pool | None = None

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("database is not open")
        return self._pool

    async def open(self) -> None:
        if self._pool is not None:
            return
        settings: dict[str, str] = {"application_name": "moat"}
        if self._schema:
            conn = await asyncpg.connect(self._dsn, timeout=_CONNECT_TIMEOUT)
            try:
                await conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{self._schema}"')
            except asyncpg.InsufficientPrivilegeError:
                pass  # it may exist already, created by someone allowed to
            finally:
                await conn.close()
            settings["search_path"] = self._schema
        self._pool = await asyncpg.create_pool(self._dsn, min_size=self._min, max_size=self._max,
                                               server_settings=settings, timeout=_CONNECT_TIMEOUT,
                                               command_timeout=_COMMAND_TIMEOUT)

    async def close(self) -> None:
        if self._pool is None:
            return
        pool, self._pool = self._pool, None
        try:
            await asyncio.wait_for(pool.close(), timeout=10)
        except TimeoutError:
            pool.terminate()

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        return [tuple(r) for r in await self.pool.fetch(numbered(sql), *args)]

    async def execute(self, sql: str, *args: Any) -> int:
        return _count(await self.pool.execute(numbered(sql), *args))

    async def transaction(self, stmts: Sequence[Stmt], lock: str | None = None) -> list[int]:
        return await self.run(statements(stmts), lock)

    async def run(self, body: Callable[[Tx], Awaitable[T]], lock: str | None = None) -> T:
        async with self.pool.acquire() as conn, conn.transaction():
            if lock is not None:
                await conn.execute(_LOCK, f"moat:{self._namespace}:{lock}")
            return await body(_PostgresTx(conn))

    def any_of(self, column: str, values: Sequence[Any]) -> tuple[str, tuple[Any, ...]]:
        return f"{column} = ANY(?)", (list(values),)

    async def migrate(self, component: str, migrations: Sequence[Migration],
                      legacy: tuple[str, str] | None = None) -> None:
        async def body(tx: Tx) -> None:
            await run_migrations(tx, self.dialect, component, migrations, legacy, _HAS_TABLE)

        await self.run(body, "migrate")
