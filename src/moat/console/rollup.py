"""The overview's traffic counts, rolled up per minute and decision so its charts cost the same
with a thousand recorded requests or a hundred million.

Closed minutes (older than `LAG`) are aggregated once from the requests table over its ts index
and added to `console_traffic_minutes`; the still-open tail is counted live. Each catch-up moves a
watermark with a compare-and-set in the same transaction as its inserts, so two replicas (or two
page loads) never count a minute twice. A request recorded more than `LAG` after its own time
(e.g. replayed from the write-ahead log after a crash) is missed by the charts, not by the audit
log or the pages that read requests directly.
"""

from __future__ import annotations

import math
import time

from moat.store.base import Store
from moat.store.database import Stmt

LAG = 120.0  # seconds after which a minute is closed
HORIZON = 31 * 86400.0  # the longest overview window, plus a day
_UPSERT = ("INSERT INTO console_traffic_minutes (minute, decision, n) VALUES (?, ?, ?) "
           "ON CONFLICT (minute, decision) DO UPDATE SET n = console_traffic_minutes.n + excluded.n")
_STATE = "SELECT rolled_until FROM console_rollup_state WHERE name = 'traffic'"


def _minute(ts: float) -> float:
    return math.floor(ts / 60.0) * 60.0


async def catch_up(store: Store, now: float | None = None) -> float:
    """Roll up every closed minute not rolled up yet; returns the watermark (a minute boundary)."""
    db = store.db
    now = time.time() if now is None else now
    rows = await db.fetch(_STATE)
    if not rows:
        await db.execute("INSERT INTO console_rollup_state (name, rolled_until) VALUES ('traffic', ?) "
                         "ON CONFLICT (name) DO NOTHING", _minute(now - HORIZON))
        rows = await db.fetch(_STATE)
    start = float(rows[0][0])
    end = _minute(now - LAG)
    if end <= start:
        return start
    statements = [Stmt("UPDATE console_rollup_state SET rolled_until = ? WHERE name = 'traffic' AND rolled_until = ?",
                       (end, start), stop_if_none=True)]
    statements += [Stmt(_UPSERT, (m, d, n)) for m, d, n in await store.minute_counts(start, end)]
    statements.append(Stmt("DELETE FROM console_traffic_minutes WHERE minute < ?", (int((now - HORIZON) // 60),)))
    if (await db.transaction(statements))[0]:
        return end
    return float((await db.fetch(_STATE))[0][0])  # another catch-up won the race and covered it


async def traffic_series(store: Store, since: float, step: float) -> list[tuple[float, int, int]]:
    """(bucket start, requests, refused) per `step` seconds (a whole number of minutes) since `since`."""
    watermark = await catch_up(store)
    step_minutes = max(1, int(step // 60))
    out: dict[float, list[int]] = {}
    rolled = await store.db.fetch(
        "SELECT minute / ? AS b, SUM(n), SUM(CASE WHEN decision IN ('allow', 'none') THEN 0 ELSE n END) "
        "FROM console_traffic_minutes WHERE minute >= ? AND minute < ? GROUP BY b",
        step_minutes, int(since // 60), int(watermark // 60))
    for b, n, refused in rolled:
        out[float(b) * step_minutes * 60] = [int(n), int(refused or 0)]
    for m, d, n in await store.minute_counts(max(since, watermark)):
        bucket = out.setdefault(float((m // step_minutes) * step_minutes * 60), [0, 0])
        bucket[0] += n
        bucket[1] += 0 if d in ("allow", "none") else n
    return sorted((t, v[0], v[1]) for t, v in out.items())


async def decisions_by_reason(store: Store, since: float) -> list[tuple[str, int]]:
    watermark = await catch_up(store)
    totals: dict[str, int] = {}
    for d, n in await store.db.fetch("SELECT decision, SUM(n) FROM console_traffic_minutes WHERE minute >= ? "
                                     "AND minute < ? GROUP BY decision", int(since // 60), int(watermark // 60)):
        totals[str(d)] = totals.get(str(d), 0) + int(n)
    for _, d, n in await store.minute_counts(max(since, watermark)):
        totals[d] = totals.get(d, 0) + n
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
