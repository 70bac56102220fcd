"""The two hash-chained, append-only logs: decisions (`decision_log`) and admin actions (`admin_log`).

An append computes `seq` and `prev_hash` from the head it reads inside its own write transaction,
under the log's lock, so concurrent writers on any number of replicas extend one chain.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import orjson

from moat.ids import new_id
from moat.store import _rows as rows
from moat.store.base import AdminAction, LogEntry
from moat.store.database import Database, Row, Tx, pages
from moat.store.directory import like

LOG_COLS = "seq, ts, entry_id, payload, prev_hash, hash"
LOG_SCAN = 100_000  # log entries one search page looks through at most
Entry = tuple[str, float, dict[str, Any]]  # entry_id, ts, payload


async def new_entries(db: Database, tx: Tx, table: str, entries: list[Entry]) -> list[Entry]:
    """The entries whose id is neither stored nor repeated earlier in the batch (idempotent replay)."""
    if not entries:
        return []
    ids = list({e[0] for e in entries})
    seen: set[str] = set()
    for start in range(0, len(ids), 500):
        match, args = db.any_of("entry_id", ids[start:start + 500])
        seen.update(r[0] for r in await tx.fetch(f"SELECT entry_id FROM {table} WHERE {match}", *args))
    new = []
    for entry in entries:
        if entry[0] not in seen:
            seen.add(entry[0])
            new.append(entry)
    return new


async def insert_chained(tx: Tx, table: str, entries: list[Entry]) -> list[tuple[int, float, str, str, str, str]]:
    """Append entries after the chain's head; the caller holds the log's lock."""
    if not entries:
        return []
    head = await tx.fetch(f"SELECT seq, hash FROM {table} ORDER BY seq DESC LIMIT 1")
    chained = rows.chain((int(head[0][0]), head[0][1]) if head else None, entries)
    await tx.executemany(f"INSERT INTO {table} ({LOG_COLS}) VALUES (?, ?, ?, ?, ?, ?)", chained)
    return chained


class LogTables:
    db: Database

    async def _iter_log(self, table: str, after_seq: int) -> AsyncIterator[LogEntry]:
        sql = f"SELECT {LOG_COLS} FROM {table} WHERE seq > ? ORDER BY seq LIMIT ?"
        async for row in pages(self.db, sql, (), rows.PAGE_SIZE, after_seq):
            yield rows.log_from(row)

    def iter_decisions(self, *, after_seq: int = 0) -> AsyncIterator[LogEntry]:
        return self._iter_log("decision_log", after_seq)

    async def append_admin(self, action: AdminAction) -> LogEntry:
        entry = rows.admin_entry(action.actor, action.action, action.target, action.details,
                                 new_id("adm"), time.time())
        async def append(tx: Tx) -> LogEntry:
            return rows.log_from((await insert_chained(tx, "admin_log", [entry]))[0])

        return await self.db.run(append, "admin_log")

    def iter_admin(self, *, after_seq: int = 0) -> AsyncIterator[LogEntry]:
        return self._iter_log("admin_log", after_seq)

    async def decision(self, decision_id: str) -> dict[str, Any] | None:
        """A decision-log entry's payload by decision id (the log's unique index), with its time."""
        found = await self.db.fetch("SELECT payload, ts FROM decision_log WHERE entry_id = ?", decision_id)
        if not found:
            return None
        raw = found[0][0]
        payload: dict[str, Any] = orjson.loads(raw) if isinstance(raw, (str, bytes)) else raw
        payload.setdefault("ts", found[0][1])
        return payload

    async def search_log(self, table: str, terms: dict[str, str], text: str, before: int,
                         limit: int) -> tuple[list[Row], int, int]:
        """Entries (seq, ts, entry_id, payload, hash) of a log matching exact payload fields and free
        text, newest first.

        Looks through at most LOG_SCAN entries below `before` (seq), so a page costs the same however
        long the log is. Returns (entries, lowest seq searched, head seq).
        """
        assert table in ("decision_log", "admin_log")
        head = int((await self.db.fetch(f"SELECT COALESCE(MAX(seq), 0) FROM {table}"))[0][0])
        top = min(before, head + 1) if before > 0 else head + 1
        floor = max(0, top - LOG_SCAN)
        where: list[str] = ["seq < ?", "seq >= ?"]
        args: list[Any] = [top, floor]
        entry_id = terms.pop("entry_id", "")
        if entry_id:
            where = ["entry_id = ?"]
            args = [entry_id]
            floor = 0
        for name, value in terms.items():
            if value:
                where.append("CAST(payload AS TEXT) LIKE ? ESCAPE '\\'")
                args.append(like(orjson.dumps({name: value}).decode()[1:-1]))
        if text:
            where.append("CAST(payload AS TEXT) LIKE ? ESCAPE '\\'")
            args.append(like(text))
        found = await self.db.fetch(f"SELECT seq, ts, entry_id, payload, hash FROM {table} "
                                    f"WHERE {' AND '.join(where)} ORDER BY seq DESC LIMIT ?", *args, limit)
        return found, floor, head
