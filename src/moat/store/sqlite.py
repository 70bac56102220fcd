"""The embedded store: stdlib sqlite3 in WAL mode, on one dedicated worker thread.

Every statement runs on a single-thread executor that owns the connection, so the event loop never
blocks on disk and statements from one process are naturally serialised. Writes open with
`BEGIN IMMEDIATE`, which takes SQLite's write lock up front: two processes sharing the file (a
running gateway and the `moat` CLI) each append to the hash chains atomically, never interleaved.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from moat.context import new_id
from moat.identity.models import Account, ApiKey, Organization
from moat.store import _rows as rows
from moat.store.base import AdminAction, Change, LogEntry, RecordBatchItem
from moat.store.sqlite_schema import MIGRATIONS

T = TypeVar("T")

_ORG_COLS = ", ".join(rows.ORG_READ_COLUMNS)
_ACCOUNT_COLS = ", ".join(rows.ACCOUNT_COLUMNS)
_KEY_COLS = ", ".join(rows.KEY_COLUMNS)
_REQUEST_COLS = ", ".join(rows.REQUEST_COLUMNS)
_LOG_COLS = "seq, ts, entry_id, payload, prev_hash, hash"


def _upsert_sql(table: str, columns: Sequence[str]) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    marks = ", ".join("?" for _ in columns)
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) "
            f"ON CONFLICT ({columns[0]}) DO UPDATE SET {updates}")


_UPSERT_ORG = _upsert_sql("orgs", rows.ORG_COLUMNS)
_UPSERT_ACCOUNT = _upsert_sql("accounts", rows.ACCOUNT_COLUMNS)
_INSERT_KEY = f"INSERT INTO api_keys ({_KEY_COLS}) VALUES ({', '.join('?' for _ in rows.KEY_COLUMNS)})"
_INSERT_REQUEST = (f"INSERT INTO requests ({_REQUEST_COLS}) "
                   f"VALUES ({', '.join('?' for _ in rows.REQUEST_COLUMNS)}) "
                   "ON CONFLICT (request_id) DO NOTHING")
_ADD_CHANGE = "INSERT INTO directory_changes (kind, id, ts) VALUES (?, ?, ?)"


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



BUSY_TIMEOUT = 10.0  # seconds a connection waits for another process's lock


def connect(path: str, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """A connection in WAL mode that waits up to `busy_timeout` for other processes' locks.

    Every lock waits through SQLite's busy handler, except the switch to WAL: when another process
    is creating or migrating the same file, `PRAGMA journal_mode=WAL` can answer "database is
    locked" at once. That switch is retried here until the same deadline.
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


class SQLiteStore:
    """`Store` over one SQLite file. Create, then `await open()`; `await close()` when done."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = sqlite_path(url)
        self._executor: ThreadPoolExecutor | None = None
        self._conn: sqlite3.Connection | None = None

    # ---- plumbing --------------------------------------------------------------------------
    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._executor is None:
            raise RuntimeError("store is not open")
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    def _db(self) -> sqlite3.Connection:
        assert self._conn is not None, "store is not open"
        return self._conn

    def _read(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._db().execute(sql, args).fetchall()

    def _write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run `fn` in one write transaction that holds the database write lock from the start."""
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            result = fn(db)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return result

    def _connect(self) -> None:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        db = connect(self.path)
        db.execute("PRAGMA synchronous=NORMAL")
        self._conn = db
        self._write(self._migrate)

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        current = db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
        for version, ddl in MIGRATIONS:
            if version <= current:
                continue
            for statement in ddl.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

    async def open(self) -> None:
        if self._executor is not None:
            return
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="moat-sqlite")
        try:
            await self._run(self._connect)
        except BaseException:
            self._executor.shutdown(wait=False)
            self._executor = None
            raise

    async def close(self) -> None:
        if self._executor is None:
            return
        if self._conn is not None:
            await self._run(self._conn.close)
            self._conn = None
        self._executor.shutdown(wait=True)
        self._executor = None

    async def ping(self) -> None:
        await self._run(self._read, "SELECT 1")

    # ---- directory -------------------------------------------------------------------------
    def _upsert(self, sql: str, row: tuple[Any, ...], kind: str) -> None:
        def tx(db: sqlite3.Connection) -> None:
            db.execute(sql, row)
            db.execute(_ADD_CHANGE, (kind, row[0], time.time()))

        self._write(tx)

    async def upsert_org(self, org: Organization) -> None:
        await self._run(self._upsert, _UPSERT_ORG, rows.org_row(org), "org")

    def _upsert_many(self, sql: str, batch: list[tuple[Any, ...]], kind: str) -> None:
        def tx(db: sqlite3.Connection) -> None:
            db.executemany(sql, batch)
            now = time.time()
            db.executemany(_ADD_CHANGE, [(kind, row[0], now) for row in batch])

        self._write(tx)

    async def upsert_orgs(self, orgs: list[Organization]) -> None:
        if orgs:
            await self._run(self._upsert_many, _UPSERT_ORG, [rows.org_row(o) for o in orgs], "org")

    async def get_org(self, org_id: str) -> Organization | None:
        found = await self._run(self._read, f"SELECT {_ORG_COLS} FROM orgs WHERE org_id = ?", (org_id,))
        return rows.org_from(found[0]) if found else None

    async def list_orgs(self) -> list[Organization]:
        found = await self._run(self._read, f"SELECT {_ORG_COLS} FROM orgs ORDER BY org_id")
        return [rows.org_from(r) for r in found]

    async def upsert_account(self, account: Account) -> None:
        await self._run(self._upsert, _UPSERT_ACCOUNT, rows.account_row(account), "account")

    async def get_account(self, account_id: str) -> Account | None:
        found = await self._run(
            self._read, f"SELECT {_ACCOUNT_COLS} FROM accounts WHERE account_id = ?", (account_id,))
        return rows.account_from(found[0]) if found else None

    async def list_accounts(self, *, limit: int = 1000, offset: int = 0) -> list[Account]:
        found = await self._run(
            self._read, f"SELECT {_ACCOUNT_COLS} FROM accounts ORDER BY account_id LIMIT ? OFFSET ?",
            (limit, offset))
        return [rows.account_from(r) for r in found]

    async def insert_key(self, key: ApiKey) -> None:
        try:
            await self._run(self._upsert, _INSERT_KEY, rows.key_row(key), "key")
        except sqlite3.IntegrityError as exc:
            raise ValueError(f"API key {key.key_id} or its secret exists already") from exc

    async def get_key(self, key_id: str) -> ApiKey | None:
        found = await self._run(self._read, f"SELECT {_KEY_COLS} FROM api_keys WHERE key_id = ?", (key_id,))
        return rows.key_from(found[0]) if found else None

    async def keys_by_prefix(self, prefix: str) -> list[ApiKey]:
        found = await self._run(self._read, f"SELECT {_KEY_COLS} FROM api_keys WHERE prefix = ?", (prefix,))
        return [rows.key_from(r) for r in found]

    async def list_keys(self, account_id: str | None = None) -> list[ApiKey]:
        args: tuple[str, ...] = ()
        if account_id is None:
            sql = f"SELECT {_KEY_COLS} FROM api_keys ORDER BY created_at, key_id"
        else:
            sql = f"SELECT {_KEY_COLS} FROM api_keys WHERE account_id = ? ORDER BY created_at, key_id"
            args = (account_id,)
        return [rows.key_from(r) for r in await self._run(self._read, sql, args)]

    def _revoke(self, key_id: str, at: float) -> bool:
        def tx(db: sqlite3.Connection) -> bool:
            cur = db.execute("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE key_id = ?",
                             (at, key_id))
            if cur.rowcount == 0:
                return False
            db.execute(_ADD_CHANGE, ("key", key_id, time.time()))
            return True

        return self._write(tx)

    async def revoke_key(self, key_id: str, at: float) -> bool:
        return await self._run(self._revoke, key_id, at)

    def _directory_update(self, sql: str, args: tuple[Any, ...], kind: str, id_: str) -> bool:
        def tx(db: sqlite3.Connection) -> bool:
            if db.execute(sql, args).rowcount == 0:
                return False
            db.execute(_ADD_CHANGE, (kind, id_, time.time()))
            return True

        return self._write(tx)

    async def restore_key(self, key_id: str) -> bool:
        return await self._run(self._directory_update, "UPDATE api_keys SET revoked_at = NULL WHERE key_id = ?",
                               (key_id,), "key", key_id)

    async def set_org_blocked(self, org_id: str, blocked: bool) -> bool:
        return await self._run(self._directory_update, "UPDATE orgs SET blocked = ? WHERE org_id = ?",
                               (int(blocked), org_id), "org", org_id)

    async def changes_since(self, seq: int) -> list[Change]:
        found = await self._run(
            self._read, "SELECT seq, kind, id FROM directory_changes WHERE seq > ? ORDER BY seq LIMIT ?",
            (seq, rows.CHANGES_LIMIT))
        return [Change(int(s), k, i) for s, k, i in found]

    async def last_change(self) -> int:
        found = await self._run(self._read, "SELECT COALESCE(MAX(seq), 0) FROM directory_changes")
        return int(found[0][0])

    # ---- recording -------------------------------------------------------------------------
    def _append(self, traffic: list[tuple[Any, ...]], entries: list[tuple[str, float, dict[str, Any]]]
                ) -> int:
        def tx(db: sqlite3.Connection) -> int:
            if traffic:
                db.executemany(_INSERT_REQUEST, traffic)
            new = _new_entries(db, "decision_log", entries)
            _insert_chained(db, "decision_log", new)
            return len(new)

        return self._write(tx)

    async def append_records(self, batch: list[RecordBatchItem]) -> int:
        traffic = [rows.request_row(item.traffic) for item in batch]
        entries = [e for e in (rows.decision_entry(item) for item in batch) if e is not None]
        return await self._run(self._append, traffic, entries)

    async def iter_requests(self, *, since: float | None = None) -> AsyncIterator[dict[str, Any]]:
        cols = f"seq, {_REQUEST_COLS}"
        found = await self._run(
            self._read, f"SELECT {cols} FROM requests WHERE ts >= ? ORDER BY ts, seq LIMIT ?",
            (since if since is not None else float("-inf"), rows.PAGE_SIZE))
        while found:
            for row in found:
                yield rows.request_from(row[1:])
            if len(found) < rows.PAGE_SIZE:
                return
            last_seq, last_ts = found[-1][0], found[-1][1]
            found = await self._run(
                self._read,
                f"SELECT {cols} FROM requests WHERE (ts, seq) > (?, ?) ORDER BY ts, seq LIMIT ?",
                (last_ts, last_seq, rows.PAGE_SIZE))

    async def _iter_log(self, table: str, after_seq: int) -> AsyncIterator[LogEntry]:
        while True:
            found = await self._run(
                self._read, f"SELECT {_LOG_COLS} FROM {table} WHERE seq > ? ORDER BY seq LIMIT ?",
                (after_seq, rows.PAGE_SIZE))
            for row in found:
                yield rows.log_from(row)
            if len(found) < rows.PAGE_SIZE:
                return
            after_seq = int(found[-1][0])

    def iter_decisions(self, *, after_seq: int = 0) -> AsyncIterator[LogEntry]:
        return self._iter_log("decision_log", after_seq)

    def _append_admin(self, entry: tuple[str, float, dict[str, Any]]) -> LogEntry:
        def tx(db: sqlite3.Connection) -> LogEntry:
            row = _insert_chained(db, "admin_log", [entry])[0]
            return rows.log_from(row)

        return self._write(tx)

    async def append_admin(self, action: AdminAction) -> LogEntry:
        entry = rows.admin_entry(action.actor, action.action, action.target, action.details,
                                 new_id("adm"), time.time())
        return await self._run(self._append_admin, entry)

    def iter_admin(self, *, after_seq: int = 0) -> AsyncIterator[LogEntry]:
        return self._iter_log("admin_log", after_seq)


def _new_entries(db: sqlite3.Connection, table: str, entries: list[tuple[str, float, dict[str, Any]]]
                 ) -> list[tuple[str, float, dict[str, Any]]]:
    """The entries whose id is neither stored nor repeated earlier in the batch (idempotent replay)."""
    if not entries:
        return []
    ids = list({e[0] for e in entries})
    seen: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        seen.update(r[0] for r in db.execute(f"SELECT entry_id FROM {table} WHERE entry_id IN ({marks})",
                                             chunk))
    new = []
    for entry in entries:
        if entry[0] not in seen:
            seen.add(entry[0])
            new.append(entry)
    return new


def _insert_chained(db: sqlite3.Connection, table: str, entries: list[tuple[str, float, dict[str, Any]]]
                    ) -> list[tuple[int, float, str, str, str, str]]:
    """Append entries after the chain's head; the caller holds the write lock."""
    if not entries:
        return []
    head = db.execute(f"SELECT seq, hash FROM {table} ORDER BY seq DESC LIMIT 1").fetchone()
    chained = rows.chain((int(head[0]), head[1]) if head else None, entries)
    db.executemany(f"INSERT INTO {table} ({_LOG_COLS}) VALUES (?, ?, ?, ?, ?, ?)", chained)
    return chained
