"""The production store: PostgreSQL through asyncpg, with a small connection pool.

The URL is a libpq URL; an extra `schema=NAME` query parameter puts every table in that schema
(created if missing) by setting `search_path` on each pooled connection. Writes that must happen in
commit order take a transaction-scoped advisory lock named after the schema and table:
  * the two hash chains (decision and admin log), so concurrent writers on any number of replicas
    extend one chain, each computing `seq` and `prev_hash` from the head it sees under the lock;
  * the directory change feed, so `seq` values become visible in order and a replica polling
    `changes_since(n)` can never skip a change committed late with a smaller `seq`.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator, Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import asyncpg

from moat.context import new_id
from moat.identity.models import Account, ApiKey, Organization
from moat.store import _rows as rows
from moat.store.base import AdminAction, Change, LogEntry, RecordBatchItem
from moat.store.postgres_schema import MIGRATIONS

_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
_ORG_COLS = ", ".join(rows.ORG_READ_COLUMNS)
_ACCOUNT_COLS = ", ".join(rows.ACCOUNT_COLUMNS)
_KEY_COLS = ", ".join(rows.KEY_COLUMNS)
_REQUEST_COLS = ", ".join(rows.REQUEST_COLUMNS)
_LOG_COLS = "seq, ts, entry_id, payload, prev_hash, hash"


def _marks(n: int) -> str:
    return ", ".join(f"${i}" for i in range(1, n + 1))


def _upsert_sql(table: str, columns: Sequence[str]) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_marks(len(columns))}) "
            f"ON CONFLICT ({columns[0]}) DO UPDATE SET {updates}")


_UPSERT_ORG = _upsert_sql("orgs", rows.ORG_COLUMNS)
_UPSERT_ACCOUNT = _upsert_sql("accounts", rows.ACCOUNT_COLUMNS)
_INSERT_KEY = f"INSERT INTO api_keys ({_KEY_COLS}) VALUES ({_marks(len(rows.KEY_COLUMNS))})"
_INSERT_REQUEST = (f"INSERT INTO requests ({_REQUEST_COLS}) VALUES ({_marks(len(rows.REQUEST_COLUMNS))}) "
                   "ON CONFLICT (request_id) DO NOTHING")
_ADD_CHANGE = "INSERT INTO directory_changes (kind, id, ts) VALUES ($1, $2, $3)"
_LOCK = "SELECT pg_advisory_xact_lock(hashtext($1))"
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


class PostgresStore:
    """`Store` over PostgreSQL. Create, then `await open()`; `await close()` when done."""

    def __init__(self, url: str, *, min_connections: int = 1, max_connections: int = 5) -> None:
        self.url = url
        self._dsn, self._schema = split_schema(url)
        self._min = min_connections
        self._max = max_connections
        self._pool: asyncpg.Pool | None = None
        namespace = self._schema or "public"
        self._lock_names = {t: f"moat:{namespace}:{t}" for t in
                            ("decision_log", "admin_log", "directory", "migrate")}

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("store is not open")
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
        pool = await asyncpg.create_pool(self._dsn, min_size=self._min, max_size=self._max,
                                         server_settings=settings, timeout=_CONNECT_TIMEOUT,
                                         command_timeout=_COMMAND_TIMEOUT)
        try:
            async with pool.acquire() as conn, conn.transaction():
                await conn.execute(_LOCK, self._lock_names["migrate"])
                await conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
                current = await conn.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version")
                for version, ddl in MIGRATIONS:
                    if version > current:
                        await conn.execute(ddl)
                        await conn.execute("INSERT INTO schema_version (version) VALUES ($1)", version)
        except BaseException:
            await pool.close()
            raise
        self._pool = pool

    async def close(self) -> None:
        if self._pool is None:
            return
        pool, self._pool = self._pool, None
        try:
            await asyncio.wait_for(pool.close(), timeout=10)
        except TimeoutError:
            pool.terminate()

    async def ping(self) -> None:
        await self.pool.fetchval("SELECT 1")

    # ---- directory -------------------------------------------------------------------------
    async def _directory_write(self, sql: str, row: tuple[Any, ...], kind: str) -> None:
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(_LOCK, self._lock_names["directory"])
            await conn.execute(sql, *row)
            await conn.execute(_ADD_CHANGE, kind, row[0], time.time())

    async def upsert_org(self, org: Organization) -> None:
        await self._directory_write(_UPSERT_ORG, rows.org_row(org), "org")

    async def upsert_orgs(self, orgs: list[Organization]) -> None:
        if not orgs:
            return
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(_LOCK, self._lock_names["directory"])
            await conn.executemany(_UPSERT_ORG, [rows.org_row(o) for o in orgs])
            now = time.time()
            await conn.executemany(_ADD_CHANGE, [("org", o.org_id, now) for o in orgs])

    async def get_org(self, org_id: str) -> Organization | None:
        row = await self.pool.fetchrow(f"SELECT {_ORG_COLS} FROM orgs WHERE org_id = $1", org_id)
        return rows.org_from(row) if row else None

    async def list_orgs(self) -> list[Organization]:
        return [rows.org_from(r) for r in await self.pool.fetch(f"SELECT {_ORG_COLS} FROM orgs ORDER BY org_id")]

    async def upsert_account(self, account: Account) -> None:
        await self._directory_write(_UPSERT_ACCOUNT, rows.account_row(account), "account")

    async def get_account(self, account_id: str) -> Account | None:
        row = await self.pool.fetchrow(f"SELECT {_ACCOUNT_COLS} FROM accounts WHERE account_id = $1",
                                       account_id)
        return rows.account_from(row) if row else None

    async def list_accounts(self, *, limit: int = 1000, offset: int = 0) -> list[Account]:
        found = await self.pool.fetch(
            f"SELECT {_ACCOUNT_COLS} FROM accounts ORDER BY account_id LIMIT $1 OFFSET $2", limit, offset)
        return [rows.account_from(r) for r in found]

    async def insert_key(self, key: ApiKey) -> None:
        try:
            await self._directory_write(_INSERT_KEY, rows.key_row(key), "key")
        except asyncpg.UniqueViolationError as exc:
            raise ValueError(f"API key {key.key_id} or its secret exists already") from exc

    async def get_key(self, key_id: str) -> ApiKey | None:
        row = await self.pool.fetchrow(f"SELECT {_KEY_COLS} FROM api_keys WHERE key_id = $1", key_id)
        return rows.key_from(row) if row else None

    async def keys_by_prefix(self, prefix: str) -> list[ApiKey]:
        found = await self.pool.fetch(f"SELECT {_KEY_COLS} FROM api_keys WHERE prefix = $1", prefix)
        return [rows.key_from(r) for r in found]

    async def list_keys(self, account_id: str | None = None) -> list[ApiKey]:
        if account_id is None:
            found = await self.pool.fetch(f"SELECT {_KEY_COLS} FROM api_keys ORDER BY created_at, key_id")
        else:
            found = await self.pool.fetch(
                f"SELECT {_KEY_COLS} FROM api_keys WHERE account_id = $1 ORDER BY created_at, key_id",
                account_id)
        return [rows.key_from(r) for r in found]

    async def revoke_key(self, key_id: str, at: float) -> bool:
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(_LOCK, self._lock_names["directory"])
            status = await conn.execute(
                "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE key_id = $2", at, key_id)
            if status.endswith(" 0"):
                return False
            await conn.execute(_ADD_CHANGE, "key", key_id, time.time())
            return True

    async def _directory_update(self, sql: str, args: tuple[Any, ...], kind: str, id_: str) -> bool:
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(_LOCK, self._lock_names["directory"])
            status = await conn.execute(sql, *args)
            if status.endswith(" 0"):
                return False
            await conn.execute(_ADD_CHANGE, kind, id_, time.time())
            return True

    async def restore_key(self, key_id: str) -> bool:
        return await self._directory_update("UPDATE api_keys SET revoked_at = NULL WHERE key_id = $1",
                                            (key_id,), "key", key_id)

    async def set_org_blocked(self, org_id: str, blocked: bool) -> bool:
        return await self._directory_update("UPDATE orgs SET blocked = $1 WHERE org_id = $2",
                                            (blocked, org_id), "org", org_id)

    async def changes_since(self, seq: int) -> list[Change]:
        found = await self.pool.fetch(
            "SELECT seq, kind, id FROM directory_changes WHERE seq > $1 ORDER BY seq LIMIT $2",
            seq, rows.CHANGES_LIMIT)
        return [Change(int(r[0]), r[1], r[2]) for r in found]

    async def last_change(self) -> int:
        return int(await self.pool.fetchval("SELECT COALESCE(MAX(seq), 0) FROM directory_changes"))

    # ---- recording -------------------------------------------------------------------------
    async def append_records(self, batch: list[RecordBatchItem]) -> int:
        traffic = [rows.request_row(item.traffic) for item in batch]
        entries = [e for e in (rows.decision_entry(item) for item in batch) if e is not None]
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(_LOCK, self._lock_names["decision_log"])
            if traffic:
                await conn.executemany(_INSERT_REQUEST, traffic)
            if not entries:
                return 0
            stored = await conn.fetch("SELECT entry_id FROM decision_log WHERE entry_id = ANY($1::text[])",
                                      list({e[0] for e in entries}))
            seen = {r[0] for r in stored}
            new = []
            for entry in entries:
                if entry[0] not in seen:
                    seen.add(entry[0])
                    new.append(entry)
            await self._insert_chained(conn, "decision_log", new)
            return len(new)

    @staticmethod
    async def _insert_chained(conn: asyncpg.Connection, table: str,
                              entries: list[tuple[str, float, dict[str, Any]]]
                              ) -> list[tuple[int, float, str, str, str, str]]:
        """Append after the chain's head; the caller holds the table's advisory lock."""
        if not entries:
            return []
        head = await conn.fetchrow(f"SELECT seq, hash FROM {table} ORDER BY seq DESC LIMIT 1")
        chained = rows.chain((int(head[0]), head[1]) if head else None, entries)
        await conn.executemany(f"INSERT INTO {table} ({_LOG_COLS}) VALUES ($1, $2, $3, $4, $5, $6)", chained)
        return chained

    async def iter_requests(self, *, since: float | None = None) -> AsyncIterator[dict[str, Any]]:
        cols = f"seq, {_REQUEST_COLS}"
        found = await self.pool.fetch(
            f"SELECT {cols} FROM requests WHERE ts >= $1 ORDER BY ts, seq LIMIT $2",
            since if since is not None else float("-inf"), rows.PAGE_SIZE)
        while found:
            for row in found:
                yield rows.request_from(tuple(row)[1:])
            if len(found) < rows.PAGE_SIZE:
                return
            found = await self.pool.fetch(
                f"SELECT {cols} FROM requests WHERE (ts, seq) > ($1, $2) ORDER BY ts, seq LIMIT $3",
                found[-1][1], found[-1][0], rows.PAGE_SIZE)

    async def _iter_log(self, table: str, after_seq: int) -> AsyncIterator[LogEntry]:
        while True:
            found = await self.pool.fetch(
                f"SELECT {_LOG_COLS} FROM {table} WHERE seq > $1 ORDER BY seq LIMIT $2",
                after_seq, rows.PAGE_SIZE)
            for row in found:
                yield rows.log_from(row)
            if len(found) < rows.PAGE_SIZE:
                return
            after_seq = int(found[-1][0])

    def iter_decisions(self, *, after_seq: int = 0) -> AsyncIterator[LogEntry]:
        return self._iter_log("decision_log", after_seq)

    async def append_admin(self, action: AdminAction) -> LogEntry:
        entry = rows.admin_entry(action.actor, action.action, action.target, action.details,
                                 new_id("adm"), time.time())
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(_LOCK, self._lock_names["admin_log"])
            row = (await self._insert_chained(conn, "admin_log", [entry]))[0]
        return rows.log_from(row)

    def iter_admin(self, *, after_seq: int = 0) -> AsyncIterator[LogEntry]:
        return self._iter_log("admin_log", after_seq)
