"""`Database`: the one connection layer every component's tables go through (issue 14 item 1).

    db = open_database(url)                                   # sqlite:///path or postgresql://...
    await db.open()
    await db.migrate("enforce", MIGRATIONS, legacy=...)        # each component brings its versions
    rows = await db.fetch("SELECT ... WHERE id = ?", ident)    # a read
    n = await db.execute("UPDATE ... WHERE id = ?", ident)     # one write, its own transaction
    await db.transaction([Stmt(...), Stmt(...)], lock="x")     # statements, atomically
    await db.run(append, lock="decision_log")                  # read, then write, atomically:
                                                               # async def append(tx): await tx.fetch(...)

One rule for SQL text, whatever the backend:
  * placeholders are `?` (PostgreSQL's side renumbers them to `$n`; no statement of ours holds a
    literal question mark) and every value is passed as a parameter, never formatted in;
  * DDL names the types that differ as `{real}`, `{serial}`, `{bool}`, `{false}`, `{bigint}`,
    `{json}` (text whose exact bytes are kept: what was hashed is what a verifier reads) and
    `{jsonb}` (see `TYPES`), so one migration text serves both; literal braces are doubled;
  * JSON travels as text and booleans as Python bools (0/1 on SQLite);
  * a list of values to match is `db.any_of(column, values)` (`IN (?, ...)` on SQLite, one array
    parameter on PostgreSQL, so its plan does not grow with the list).

A transaction body given to `run` awaits nothing but its `Tx`: on SQLite the whole body then runs
in one hop to the connection's thread (the recorder's batch insert reads the chain's head and
writes in one go; measured in bench/bench_store.py), on PostgreSQL on one pooled connection.

Writes are serialised where an order matters: a write transaction holds SQLite's file write lock
from its start (`BEGIN IMMEDIATE`: two processes sharing the file never interleave), and on
PostgreSQL a transaction-scoped advisory lock named after the schema and `lock` (so `seq` values of
a change feed become visible in order, and writers on every replica extend one hash chain).

Migrations are keyed by component and version in one table, `moat_migrations`. Releases before it
kept one version table per component; `legacy` names that table and the query reading its version,
and the first `migrate` adopts those versions, so an old data directory moves forward without
re-running anything. A migration is DDL text, or a `Step` (a coroutine over the migration's `Tx`)
where the work depends on what the database holds: turning the traffic table into daily partitions
makes partitions for the days its rows span (`moat.store.partitions`).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
Row = tuple[Any, ...]
# A migration step that must look at the data (it awaits nothing but its Tx, like any `run` body).
Step = Callable[["Tx"], Awaitable[None]]
# A migration: its version and DDL or step (one for both dialects, or one per dialect).
Migration = tuple[int, "str | Step | Mapping[str, str | Step]"]

TYPES: dict[str, dict[str, str]] = {
    "sqlite": {"real": "REAL", "serial": "INTEGER PRIMARY KEY AUTOINCREMENT", "bool": "INTEGER", "false": "0",
               "bigint": "INTEGER", "json": "TEXT", "jsonb": "TEXT"},
    "postgres": {"real": "double precision", "serial": "bigserial PRIMARY KEY", "bool": "boolean",
                 "false": "false", "bigint": "bigint", "json": "json", "jsonb": "jsonb"},
}
_LEDGER = ("CREATE TABLE IF NOT EXISTS moat_migrations (component TEXT NOT NULL, version INTEGER NOT NULL, "
           "applied_at {real} NOT NULL, PRIMARY KEY (component, version))")


@dataclass(frozen=True, slots=True)
class Stmt:
    """One statement of a `transaction`; `stop_if_none`: skip the rest when it changed no row
    (a compare-and-set that lost, an insert that met an existing row)."""

    sql: str
    args: tuple[Any, ...] = ()
    stop_if_none: bool = False


class Tx(Protocol):
    """An open write transaction (`Database.run`). Statements run in order on one connection."""

    async def fetch(self, sql: str, *args: Any) -> list[Row]: ...
    async def execute(self, sql: str, *args: Any) -> int:
        """Returns the number of rows the statement changed."""

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...


class Database(Protocol):
    url: str
    dialect: str  # "sqlite" | "postgres"
    integrity_errors: tuple[type[Exception], ...]  # what the driver raises on a unique violation

    async def open(self) -> None:
        """Connect (idempotent). Tables come from each component's `migrate`."""

    async def close(self) -> None: ...

    async def fetch(self, sql: str, *args: Any) -> list[Row]: ...

    async def execute(self, sql: str, *args: Any) -> int:
        """Run one statement in its own write transaction; the number of rows it changed."""

    async def transaction(self, stmts: Sequence[Stmt], lock: str | None = None) -> list[int]:
        """Run statements atomically under `lock`; each executed statement's row count."""

    async def run(self, body: Callable[[Tx], Awaitable[T]], lock: str | None = None) -> T:
        """`body(tx)` in one write transaction under `lock`: committed when it returns, rolled back
        when it raises. The body awaits nothing but `tx`."""

    def any_of(self, column: str, values: Sequence[Any]) -> tuple[str, tuple[Any, ...]]:
        """A condition "`column` is one of `values`" and its parameters."""

    async def migrate(self, component: str, migrations: Sequence[Migration],
                      legacy: tuple[str, str] | None = None) -> None:
        """Apply `component`'s missing migrations in version order, at most once across processes.

        `legacy`: (table, query) of the version table releases before `moat_migrations` kept."""


def statements(stmts: Sequence[Stmt]) -> Callable[[Tx], Awaitable[list[int]]]:
    """A `run` body executing `stmts` in order (what `transaction` runs on either backend)."""
    async def body(tx: Tx) -> list[int]:
        counts: list[int] = []
        for stmt in stmts:
            counts.append(await tx.execute(stmt.sql, *stmt.args))
            if stmt.stop_if_none and counts[-1] == 0:
                break
        return counts

    return body


def ddl(migration: str | Step | Mapping[str, str | Step], dialect: str) -> list[str]:
    """A migration's statements for `dialect`, type names filled in (none for a `Step`)."""
    text = migration[dialect] if isinstance(migration, Mapping) else migration
    if not isinstance(text, str):
        return []
    return [s for s in text.format(**TYPES[dialect]).split(";") if s.strip()]


async def run_migrations(tx: Tx, dialect: str, component: str, migrations: Sequence[Migration],
                         legacy: tuple[str, str] | None, has_table: str) -> None:
    """The one migration runner, inside the caller's write transaction (and migration lock).

    `has_table`: the dialect's query answering whether the table named by its parameter exists."""
    await tx.execute(_LEDGER.format(**TYPES[dialect]))
    done = {int(r[0]) for r in await tx.fetch("SELECT version FROM moat_migrations WHERE component = ?",
                                              component)}
    now = time.time()
    if not done and legacy is not None and await tx.fetch(has_table, legacy[0]):
        reached = int((await tx.fetch(legacy[1]))[0][0] or 0)
        done = {v for v, _ in migrations if v <= reached}
        await tx.executemany("INSERT INTO moat_migrations (component, version, applied_at) VALUES (?, ?, ?)",
                             [(component, v, now) for v in sorted(done)])
    for version, text in sorted(migrations, key=lambda m: m[0]):
        if version in done:
            continue
        step = text.get(dialect, "") if isinstance(text, Mapping) else text
        if callable(step):
            await step(tx)
        for statement in ddl(text, dialect):
            await tx.execute(statement)
        await tx.execute("INSERT INTO moat_migrations (component, version, applied_at) VALUES (?, ?, ?)",
                         component, version, now)


async def applied(db: Database, component: str) -> list[int]:
    """The versions of `component` this database has (oldest first)."""
    rows = await db.fetch("SELECT version FROM moat_migrations WHERE component = ? ORDER BY version", component)
    return [int(r[0]) for r in rows]


async def pages(db: Database, sql: str, args: Sequence[Any], size: int, after: int = 0) -> AsyncIterator[Row]:
    """Rows of `sql` (seq first, ending `seq > ? ORDER BY seq LIMIT ?`) after `after`, page by page:
    bounded memory for any table size."""
    while True:
        found = await db.fetch(sql, *args, after, size)
        for row in found:
            yield row
        if len(found) < size:
            return
        after = int(found[-1][0])


def open_database(url: str) -> Database:
    """The database for a URL: `sqlite:///path` or `postgresql://...` (not yet connected)."""
    if url.startswith("sqlite:"):
        from moat.store.sqlite import SQLiteDatabase

        return SQLiteDatabase(url)
    if url.startswith(("postgres://", "postgresql://")):
        from moat.store.postgres import PostgresDatabase

        return PostgresDatabase(url)
    raise ValueError(f"unsupported database URL scheme: {url.split(':', 1)[0]!r}")
