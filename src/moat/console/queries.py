"""The console's pages of the store's tables: keyset pages shaped for the templates. The reads
themselves are the store's (`moat.store.directory`, `.traffic`, `.logs`), each bounded by an index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from moat.store.base import Row, Store


@dataclass(slots=True)
class Page:
    rows: list[Any]
    next_cursor: str | None


def _page(rows: list[Row], limit: int) -> Page:
    return Page(rows[:limit], rows[limit - 1][0] if len(rows) > limit else None)


async def search_accounts(store: Store, q: str, status: str, plan: str, after: str, limit: int) -> Page:
    return _page(await store.search_accounts(q, status, plan, after, limit), limit)


async def search_orgs(store: Store, q: str, restricted: str, after: str, limit: int) -> Page:
    return _page(await store.search_orgs(q, restricted, after, limit), limit)


_REQ_COLS = ("seq, ts, request_id, account_id, endpoint, model, status, decision, input_tokens, output_tokens, "
             "client_ip, channel, platform, end_user_org, extra")


def request_dict(row: Row) -> dict[str, Any]:
    names = [c.strip() for c in _REQ_COLS.split(",")]
    rec = dict(zip(names, row, strict=True))
    extra = orjson.loads(rec.pop("extra")) if rec.get("extra") else {}
    for name, value in extra.items():  # decision id, latency, and what the outcome is read from
        rec.setdefault(name, value)
    rec.setdefault("decision_id", None)
    return rec


def parse_cursor(cursor: str) -> tuple[float, int] | None:
    ts, _, seq = cursor.partition(":")
    try:
        return float(ts), int(seq)
    except ValueError:
        return None


async def account_requests(store: Store, account_id: str, cursor: str, limit: int) -> Page:
    """An account's requests, newest first, keyset-paginated on (ts, seq)."""
    before = parse_cursor(cursor) if cursor else None
    recs = [request_dict(r) for r in await store.account_request_rows(_REQ_COLS, account_id, before, limit + 1)]
    nxt = f"{recs[limit - 1]['ts']!r}:{recs[limit - 1]['seq']}" if len(recs) > limit else None
    return Page(recs[:limit], nxt)
