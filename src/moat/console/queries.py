"""The console's read queries. Each one is bounded: a time window over an index, or a keyset page
(`LIMIT n + 1` after a cursor), never a whole table; see `schema.py` for the indexes they use.
Search text is matched with LIKE over escaped patterns, always passed as parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from moat.console.db import ConsoleDB, Row

LOG_SCAN = 100_000  # log entries one audit search page looks through at most


def like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere (with `\\` as the escape character)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(slots=True)
class Page:
    rows: list[Any]
    next_cursor: str | None


async def top_refused_accounts(db: ConsoleDB, since: float, limit: int = 10) -> list[tuple[str, int, int]]:
    """(account, requests, refused) with the most refusals in the window."""
    rows = await db.fetch(
        "SELECT account_id, COUNT(*) AS n, SUM(CASE WHEN decision = 'allow' THEN 0 ELSE 1 END) AS refused "
        "FROM requests WHERE ts >= ? AND account_id IS NOT NULL GROUP BY account_id "
        "ORDER BY refused DESC, n DESC LIMIT ?", (since, limit))
    return [(str(a), int(n), int(d or 0)) for a, n, d in rows]


async def count(db: ConsoleDB, table: str) -> int:
    assert table in ("accounts", "orgs", "api_keys")  # never a user-supplied name
    return int((await db.fetch(f"SELECT COUNT(*) FROM {table}"))[0][0])


async def search_accounts(db: ConsoleDB, q: str, status: str, plan: str, after: str,
                          limit: int) -> Page:
    where: list[str] = ["account_id > ?"]
    args: list[Any] = [after]
    if q:
        where.append("(account_id LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR org_id LIKE ? ESCAPE '\\')")
        args += [like(q)] * 3
    if status:
        where.append("status = ?")
        args.append(status)
    if plan:
        where.append("plan = ?")
        args.append(plan)
    rows = await db.fetch(
        "SELECT account_id, email, plan, org_id, status, verified, created_at, country FROM accounts "
        f"WHERE {' AND '.join(where)} ORDER BY account_id LIMIT ?", (*args, limit + 1))
    return Page(rows[:limit], rows[limit - 1][0] if len(rows) > limit else None)


async def search_orgs(db: ConsoleDB, q: str, restricted: str, after: str, limit: int) -> Page:
    where: list[str] = ["org_id > ?"]
    args: list[Any] = [after]
    if q:
        where.append("(org_id LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' "
                     "OR CAST(domains AS TEXT) LIKE ? ESCAPE '\\')")
        args += [like(q)] * 3
    if restricted in ("yes", "no"):
        where.append("restricted = ?")
        args.append(restricted == "yes")
    rows = await db.fetch(
        f"SELECT org_id, name, domains, restricted, owners, created_at FROM orgs WHERE {' AND '.join(where)} "
        "ORDER BY org_id LIMIT ?", (*args, limit + 1))
    return Page(rows[:limit], rows[limit - 1][0] if len(rows) > limit else None)


async def org_accounts(db: ConsoleDB, org_id: str, limit: int = 200) -> list[Row]:
    return await db.fetch(
        "SELECT account_id, email, plan, status FROM accounts WHERE org_id = ? ORDER BY account_id LIMIT ?",
        (org_id, limit))


_REQ_COLS = ("seq, ts, request_id, account_id, endpoint, model, status, decision, input_tokens, output_tokens, "
             "client_ip, channel, platform, end_user_org, extra")


def request_dict(row: Row) -> dict[str, Any]:
    names = [c.strip() for c in _REQ_COLS.split(",")]
    rec = dict(zip(names, row, strict=True))
    extra = orjson.loads(rec.pop("extra")) if rec.get("extra") else {}
    rec["decision_id"] = extra.get("decision_id")
    rec["latency_ms"] = extra.get("latency_ms")
    return rec


def parse_cursor(cursor: str) -> tuple[float, int] | None:
    ts, _, seq = cursor.partition(":")
    try:
        return float(ts), int(seq)
    except ValueError:
        return None


async def account_requests(db: ConsoleDB, account_id: str, cursor: str, limit: int) -> Page:
    """An account's requests, newest first, keyset-paginated on (ts, seq)."""
    where: list[str] = ["account_id = ?"]
    args: list[Any] = [account_id]
    after = parse_cursor(cursor) if cursor else None
    if after is not None:
        where.append("(ts, seq) < (?, ?)")  # a row value: one index range, on SQLite and PostgreSQL
        args += [after[0], after[1]]
    rows = await db.fetch(f"SELECT {_REQ_COLS} FROM requests WHERE {' AND '.join(where)} "
                          "ORDER BY ts DESC, seq DESC LIMIT ?", (*args, limit + 1))
    recs = [request_dict(r) for r in rows]
    nxt = f"{recs[limit - 1]['ts']!r}:{recs[limit - 1]['seq']}" if len(recs) > limit else None
    return Page(recs[:limit], nxt)


async def account_decisions(db: ConsoleDB, account_id: str, since: float) -> list[tuple[str, int]]:
    rows = await db.fetch(
        "SELECT COALESCE(decision, 'none'), COUNT(*) AS n FROM requests WHERE account_id = ? AND ts >= ? "
        "GROUP BY COALESCE(decision, 'none') ORDER BY n DESC", (account_id, since))
    return [(str(r[0]), int(r[1])) for r in rows]


async def recent_requests(db: ConsoleDB, limit: int) -> list[dict[str, Any]]:
    """The most recent recorded requests with every spec field (for a policy dry run)."""
    from moat.store import _rows as rows

    cols = ", ".join(rows.REQUEST_COLUMNS)
    found = await db.fetch(f"SELECT {cols} FROM requests ORDER BY seq DESC LIMIT ?", (limit,))
    return [rows.request_from(r) for r in reversed(found)]


async def search_log(db: ConsoleDB, table: str, terms: dict[str, str], text: str, before: int,
                     limit: int) -> tuple[list[Row], int, int]:
    """Entries of a hash-chained log matching exact payload fields and free text, newest first.

    Looks through at most LOG_SCAN entries below `before` (seq), so a page costs the same however
    long the log is. Returns (entries, lowest seq searched, head seq).
    """
    assert table in ("decision_log", "admin_log")
    head = int((await db.fetch(f"SELECT COALESCE(MAX(seq), 0) FROM {table}"))[0][0])
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
    found = await db.fetch(f"SELECT seq, ts, entry_id, payload, hash FROM {table} WHERE {' AND '.join(where)} "
                           "ORDER BY seq DESC LIMIT ?", (*args, limit))
    return found, floor, head
