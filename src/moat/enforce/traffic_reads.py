"""Reads of the store's own tables that enforcement needs, straight through their indexes.

Sample requests and decision history come from `requests`, a decision by id from `decision_log`,
an organization's accounts from `accounts`: the `Store` protocol only streams whole tables, which
a case page cannot afford at a million recorded requests. Read-only; the store owns these tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from moat.enforce.db import Db, Row
from moat.enforce.models import Page
from moat.store import _rows as store_rows

MAX_PAGE = 500
_UNION_CHUNK = 50  # accounts per UNION ALL statement
_REQUEST_COLS = ", ".join(store_rows.REQUEST_COLUMNS)


def page_size(limit: int | None) -> int:
    return max(1, min(int(limit or 50), MAX_PAGE))


def page_of(rows: list[Any], limit: int, key: Any) -> Page:
    """The first `limit` of `limit + 1` fetched rows, with a cursor when there were more."""
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, key(rows[-1]) if more and rows else None)


def marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


class TrafficReads:
    db: Db

    async def org_accounts(self, org_ids: Sequence[str], limit: int = 100_000) -> list[str]:
        if not org_ids:
            return []
        rows = await self.db.fetch(f"SELECT account_id FROM accounts WHERE org_id IN ({marks(org_ids)}) "
                                   f"ORDER BY account_id LIMIT {int(limit)}", *org_ids)
        return [r[0] for r in rows]

    async def requests_for(self, account_ids: Sequence[str], *, refused_only: bool = False,
                           limit: int | None = None, cursor: str | None = None) -> Page:
        """Recorded requests of these accounts, newest first; cursor `ts:seq`.

        One index range per account (`requests_account`, or the partial `enforce_requests_refused`
        for refusals), each read backwards and cut at the page size, merged here: a page costs
        (accounts x page size) rows whatever the accounts' history, where one `IN (...)` query
        would sort every request of the cluster.
        """
        if not account_ids:
            return Page([], None)
        n = page_size(limit)
        cond = " AND decision <> 'allow'" if refused_only else ""
        extra: list[Any] = []
        if cursor:
            ts, _, seq = cursor.partition(":")
            cond += " AND (ts < ? OR (ts = ? AND seq < ?))"
            extra = [float(ts), float(ts), int(seq)]
        keys: list[Row] = []  # (seq, ts) first: whole rows only for the page itself
        ids = list(dict.fromkeys(account_ids))
        for start in range(0, len(ids), _UNION_CHUNK):
            chunk = ids[start:start + _UNION_CHUNK]
            parts = [f"SELECT * FROM (SELECT seq, ts FROM requests WHERE account_id = ?{cond} "
                     f"ORDER BY ts DESC, seq DESC LIMIT {n + 1}) AS r{i}" for i in range(len(chunk))]
            args = [v for account_id in chunk for v in (account_id, *extra)]
            keys += await self.db.fetch(" UNION ALL ".join(parts), *args)
        keys.sort(key=lambda r: (r[1], r[0]), reverse=True)
        seqs = [int(r[0]) for r in keys[:n + 1]]
        rows = await self.db.fetch(f"SELECT seq, {_REQUEST_COLS} FROM requests WHERE seq IN ({marks(seqs)})",
                                   *seqs) if seqs else []
        rows.sort(key=lambda r: (r[1], r[0]), reverse=True)
        records = [(r[0], store_rows.request_from(r[1:])) for r in rows]
        page = page_of(records, n, lambda r: f"{r[1]['ts']!r}:{r[0]}")
        return Page([r[1] for r in page.data], page.next_cursor)

    async def decision(self, decision_id: str) -> dict[str, Any] | None:
        """A decision-log entry's payload by decision id (the log's unique index)."""
        rows = await self.db.fetch("SELECT payload, ts FROM decision_log WHERE entry_id = ?", decision_id)
        if not rows:
            return None
        raw = rows[0][0]
        payload: dict[str, Any] = orjson.loads(raw) if isinstance(raw, (str, bytes)) else raw
        payload.setdefault("ts", rows[0][1])
        return payload
