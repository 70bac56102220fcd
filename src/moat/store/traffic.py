"""Recorded traffic (`requests`): the recorder's batch insert, and every read of it by index.

`append_records` is the gateway's durable write (issue 3's write-ahead log drains into it): traffic
rows and their decisions' chain entries in one transaction under the `decision_log` lock. Reads
are bounded: keyset pages over `(ts, seq)` or `(account_id, ts)`, time windows over `requests_ts`,
never a whole table except `iter_requests`, which streams it page by page.

On PostgreSQL the table is partitioned by day (`moat.store.partitions`): reads that know their
time range say it in `ts` terms as well, so the planner skips the other days' partitions, and a
record's idempotency key is `(request_id, ts)` there. `prepare_traffic_days` and `expire_traffic`
are the upkeep (`moat.audit.retention` runs them off the request path).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from moat.store import _rows as rows
from moat.store import partitions
from moat.store.base import RecordBatchItem
from moat.store.database import Database, Row, Tx
from moat.store.directory import marks
from moat.store.logs import insert_chained, new_entries

REQUEST_COLS = ", ".join(rows.REQUEST_COLUMNS)
# The unique key a replayed record meets: `request_id` on SQLite; on PostgreSQL's partitioned table
# it must include the partition key, hence `(request_id, ts)` (moat.store.partitions).
_INSERT_SQLITE = (f"INSERT INTO requests ({REQUEST_COLS}) VALUES ({marks(rows.REQUEST_COLUMNS)}) "
                  "ON CONFLICT (request_id) DO NOTHING")


def _array_type(column: str) -> str:
    """The PostgreSQL array a column's values travel in (int8 fits the int4 columns by assignment)."""
    if column == "ts":
        return "float8[]"
    if column == "extra":
        return "json[]"
    return "int8[]" if column in rows.INT_REQUEST_FIELDS else "bool[]" if column in rows.BOOL_REQUEST_FIELDS \
        else "text[]"


# PostgreSQL takes a batch as one array per column in one statement: one executor start and one
# partition routing set-up per batch, where a statement per row paid both per row (measured in
# bench/RESULTS.md, "Records at scale": per-row inserts into the partitioned table ran at half the rate).
_UNNEST = (f"INSERT INTO requests ({REQUEST_COLS}) SELECT * FROM unnest("
           + ", ".join(f"?::{_array_type(c)}" for c in rows.REQUEST_COLUMNS)
           + ") ON CONFLICT (request_id, ts) DO NOTHING")
EXPIRE_BATCH = 5000  # rows per delete transaction: writers interleave with a long expiry
_UNION_CHUNK = 50  # accounts per UNION ALL statement
# The fields a request's outcome is read from (moat.console.outcome): the spec's decision and
# status, then what `moat.gateway.record` keeps in `extra`.
OUTCOME_EXTRAS = ("effect", "reason_code", "redacted", "redact_reasoning", "max_tokens_cap", "allowed_models",
                  "flagged", "warnings", "shadow")


class TrafficTables:
    db: Database

    async def append_records(self, batch: list[RecordBatchItem]) -> int:
        # An item without traffic is a decision alone (a read of a stored response: moat.gateway.stored_access).
        traffic = [rows.request_row(item.traffic) for item in batch if item.traffic]
        entries = [e for e in (rows.decision_entry(item) for item in batch) if e is not None]

        async def append(tx: Tx) -> int:
            if self.db.dialect == "postgres":
                if traffic:
                    await tx.execute(_UNNEST, *(list(column) for column in zip(*traffic, strict=True)))
            else:
                await tx.executemany(_INSERT_SQLITE, traffic)
            new = await new_entries(self.db, tx, "decision_log", entries)
            await insert_chained(tx, "decision_log", new)
            return len(new)

        return await self.db.run(append, "decision_log")

    async def iter_requests(self, *, since: float | None = None) -> AsyncIterator[dict[str, Any]]:
        cols = f"seq, {REQUEST_COLS}"
        found = await self.db.fetch(f"SELECT {cols} FROM requests WHERE ts >= ? ORDER BY ts, seq LIMIT ?",
                                    since if since is not None else float("-inf"), rows.PAGE_SIZE)
        while found:
            for row in found:
                yield rows.request_from(row[1:])
            if len(found) < rows.PAGE_SIZE:
                return
            found = await self.db.fetch(f"SELECT {cols} FROM requests WHERE ts >= ? AND (ts, seq) > (?, ?) "
                                        "ORDER BY ts, seq LIMIT ?", found[-1][1], found[-1][1], found[-1][0],
                                        rows.PAGE_SIZE)

    async def requests_for(self, account_ids: Sequence[str], *, refused_only: bool = False, limit: int,
                           before: tuple[float, int] | None = None) -> list[tuple[int, dict[str, Any]]]:
        """Up to `limit` (seq, record) of these accounts, newest first, below `before` (ts, seq).

        One index range per account (`requests_account`, or the partial `enforce_requests_refused`
        for refusals), each read backwards and cut at `limit`, merged here: a page costs
        (accounts x limit) rows whatever the accounts' history, where one `IN (...)` query would
        sort every request of the cluster.
        """
        if not account_ids:
            return []
        cond = " AND decision <> 'allow'" if refused_only else ""
        extra: list[Any] = []
        if before:
            cond += " AND (ts < ? OR (ts = ? AND seq < ?))"
            extra = [before[0], before[0], before[1]]
        keys: list[Row] = []  # (seq, ts) first: whole rows only for the page itself
        ids = list(dict.fromkeys(account_ids))
        for start in range(0, len(ids), _UNION_CHUNK):
            chunk = ids[start:start + _UNION_CHUNK]
            parts = [f"SELECT * FROM (SELECT seq, ts FROM requests WHERE account_id = ?{cond} "
                     f"ORDER BY ts DESC, seq DESC LIMIT {int(limit)}) AS r{i}" for i in range(len(chunk))]
            keys += await self.db.fetch(" UNION ALL ".join(parts), *[v for a in chunk for v in (a, *extra)])
        keys.sort(key=lambda r: (r[1], r[0]), reverse=True)
        page = keys[:limit]
        seqs = [int(r[0]) for r in page]
        match, args = self.db.any_of("seq", seqs)
        span = (min(r[1] for r in page), max(r[1] for r in page)) if page else (0.0, 0.0)
        found = await self.db.fetch(f"SELECT seq, {REQUEST_COLS} FROM requests WHERE {match} AND ts >= ? AND ts <= ?",
                                    *args, *span) if seqs else []
        found.sort(key=lambda r: (r[1], r[0]), reverse=True)
        return [(int(r[0]), rows.request_from(r[1:])) for r in found]

    # ---- the console's reads -------------------------------------------------------------------
    async def top_refused_accounts(self, since: float, limit: int = 10) -> list[tuple[str, int, int]]:
        """(account, requests, refused) with the most refusals in the window."""
        found = await self.db.fetch(
            "SELECT account_id, COUNT(*) AS n, SUM(CASE WHEN decision = 'allow' THEN 0 ELSE 1 END) AS refused "
            "FROM requests WHERE ts >= ? AND account_id IS NOT NULL GROUP BY account_id "
            "ORDER BY refused DESC, n DESC LIMIT ?", since, limit)
        return [(str(a), int(n), int(d or 0)) for a, n, d in found]

    async def account_request_rows(self, columns: str, account_id: str, before: tuple[float, int] | None,
                                   limit: int) -> list[Row]:
        """`columns` of an account's requests, newest first, below `before` (ts, seq)."""
        where = "account_id = ?"
        args: list[Any] = [account_id]
        if before is not None:
            # A row value: one index range on SQLite and PostgreSQL; `ts <= ?` skips later partitions.
            where += " AND ts <= ? AND (ts, seq) < (?, ?)"
            args += [before[0], before[0], before[1]]
        return await self.db.fetch(f"SELECT {columns} FROM requests WHERE {where} ORDER BY ts DESC, seq DESC "
                                   "LIMIT ?", *args, limit)

    async def account_decisions(self, account_id: str, since: float) -> list[tuple[str, int]]:
        found = await self.db.fetch(
            "SELECT COALESCE(decision, 'none'), COUNT(*) AS n FROM requests WHERE account_id = ? AND ts >= ? "
            "GROUP BY COALESCE(decision, 'none') ORDER BY n DESC", account_id, since)
        return [(str(r[0]), int(r[1])) for r in found]

    async def recent_requests(self, limit: int) -> list[dict[str, Any]]:
        """The most recent recorded requests with every spec field, oldest first."""
        found = await self.db.fetch(f"SELECT {REQUEST_COLS} FROM requests ORDER BY seq DESC LIMIT ?", limit)
        return [rows.request_from(r) for r in reversed(found)]

    def account_days_query(self, start: float, end: float) -> tuple[str, tuple[Any, ...]]:
        """A subquery of `(d, account_id)`: the UTC day numbers on which each account made requests
        in [start, end), and its parameters, for a caller that counts accounts together with its own
        tables in one statement (the benign flag rate's active accounts, `moat.detect.reviewed`)."""
        day = "CAST(FLOOR(ts / 86400.0) AS BIGINT)" if self.db.dialect == "postgres" else "CAST(ts / 86400 AS INTEGER)"
        return (f"SELECT {day} AS d, account_id FROM requests WHERE ts >= ? AND ts < ? AND account_id IS NOT NULL",
                (start, end))

    def _extra(self, name: str) -> str:
        return f"json_extract(extra, '$.{name}')" if self.db.dialect == "sqlite" else f"(extra->>'{name}')"

    async def _outcome_counts(self, head: str, where: str, args: tuple[Any, ...], source: str = "requests"
                              ) -> list[tuple[Any, dict[str, Any], int]]:
        """(`head` value, the outcome fields, requests) grouped by both: few distinct groups, however
        many requests, so the caller labels groups, not rows."""
        cols = ["decision", "status", *(self._extra(n) for n in OUTCOME_EXTRAS)]
        found = await self.db.fetch(f"SELECT {head} AS h, {', '.join(cols)}, COUNT(*) FROM {source} WHERE {where} "
                                    f"GROUP BY h, {', '.join(cols)}", *args)
        names = ("decision", "status", *OUTCOME_EXTRAS)
        return [(r[0], dict(zip(names, r[1:-1], strict=True)), int(r[-1])) for r in found]

    async def minute_outcomes(self, start: float, end: float | None = None
                              ) -> list[tuple[int, dict[str, Any], int]]:
        """(minute number, outcome fields, requests) recorded in [start, end), over `requests_ts`."""
        minute = "FLOOR(ts / 60)" if self.db.dialect == "postgres" else "CAST(ts / 60 AS INTEGER)"
        where, args = ("ts >= ? AND ts < ?", (start, end)) if end is not None else ("ts >= ?", (start,))
        return [(int(m), fields, n) for m, fields, n in await self._outcome_counts(minute, where, args)]

    async def account_outcomes(self, account_id: str, since: float, limit: int = 10_000
                               ) -> list[tuple[dict[str, Any], int]]:
        """(outcome fields, requests) of an account's newest `limit` requests since `since`, over
        `requests_account` (the fields live in `extra`, so each request is read: hence the limit)."""
        newest = ("(SELECT account_id, decision, status, extra FROM requests WHERE account_id = ? AND ts >= ? "
                  f"ORDER BY ts DESC LIMIT {int(limit)}) AS newest")
        found = await self._outcome_counts("account_id", "1 = 1", (account_id, since), newest)
        return [(fields, n) for _, fields, n in found]

    async def minute_counts(self, start: float, end: float | None = None) -> list[tuple[int, str, int]]:
        """(minute number, decision or 'none', requests) recorded in [start, end), over `requests_ts`."""
        minute = "FLOOR(ts / 60)" if self.db.dialect == "postgres" else "CAST(ts / 60 AS INTEGER)"
        where, args = ("ts >= ? AND ts < ?", (start, end)) if end is not None else ("ts >= ?", (start,))
        found = await self.db.fetch(f"SELECT {minute} AS m, COALESCE(decision, 'none') AS d, COUNT(*) FROM requests "
                                    f"WHERE {where} GROUP BY m, d", *args)
        return [(int(m), str(d), int(n)) for m, d, n in found]

    # ---- upkeep: partitions ahead, retention ---------------------------------------------------
    async def prepare_traffic_days(self, now: float) -> list[int]:
        """Make sure the days from yesterday to `AHEAD_DAYS` after `now` have partitions
        (PostgreSQL; nothing to do on SQLite); the days created."""
        if self.db.dialect != "postgres":
            return []
        today = partitions.day_of(now)
        wanted = range(today - 1, today + partitions.AHEAD_DAYS + 1)

        async def body(tx: Tx) -> list[int]:
            return await partitions.ensure(tx, wanted)

        return await self.db.run(body, partitions.LOCK)

    async def expire_traffic(self, first_kept_day: int, *, batch: int = EXPIRE_BATCH) -> tuple[list[int], int]:
        """Remove the records of days before `first_kept_day` (UTC day number): (partitions
        dropped, rows deleted one by one). PostgreSQL drops whole days; rows that sit in the default
        partition, and every old row on SQLite, go in batches of `batch` rows, each its own
        transaction, so the recorder's writes interleave."""
        dropped: list[int] = []
        if self.db.dialect == "postgres":
            async def body(tx: Tx) -> list[int]:
                return await partitions.drop_before(tx, first_kept_day)

            dropped = await self.db.run(body, partitions.LOCK)
        cutoff = float(first_kept_day * partitions.DAY)
        deleted = 0
        while True:
            n = await self.db.execute("DELETE FROM requests WHERE ts < ? AND seq IN "
                                      "(SELECT seq FROM requests WHERE ts < ? ORDER BY ts LIMIT ?)",
                                      cutoff, cutoff, batch)
            deleted += n
            if n < batch:
                return dropped, deleted
