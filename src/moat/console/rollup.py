"""The overview's traffic counts, rolled up per minute and outcome (moat.console.outcome: the
label every page shows, e.g. `redacted:distillation_risk`, `throttled:rate_limited`) so its charts
cost the same with a thousand recorded requests or a hundred million. The store groups the requests
by the fields an outcome is read from; each group is labelled here, never each request. Those fields
live in the requests' `extra`, so the store reads each request of a minute once, when it closes, and
the still-open tail (at most LAG seconds plus a minute) on each uncached overview.

Closed minutes (older than `LAG`) are aggregated once from the requests table over its ts index
and added to `console_outcome_minutes`; the still-open tail is counted live. Each catch-up moves a
watermark with a compare-and-set in the same transaction as its inserts, so two replicas (or two
page loads) never count a minute twice. A request recorded more than `LAG` after its own time
(e.g. replayed from the write-ahead log after a crash) is missed by the charts, not by the audit
log or the pages that read requests directly.
"""

from __future__ import annotations

import math
import time
from typing import Any

from moat.console.outcome import REFUSED, outcome_of
from moat.store.base import Store
from moat.store.database import Stmt

LAG = 120.0  # seconds after which a minute is closed
HORIZON = 31 * 86400.0  # the longest overview window, plus a day
_UPSERT = ("INSERT INTO console_outcome_minutes (minute, outcome, n) VALUES (?, ?, ?) "
           "ON CONFLICT (minute, outcome) DO UPDATE SET n = console_outcome_minutes.n + excluded.n")
_STATE = "SELECT rolled_until FROM console_rollup_state WHERE name = 'outcomes'"


def _minute(ts: float) -> float:
    return math.floor(ts / 60.0) * 60.0


def _refused(key: str) -> bool:
    return key.partition(":")[0] in REFUSED


async def _labelled(store: Store, start: float, end: float | None = None) -> list[tuple[int, str, int]]:
    """(minute number, outcome key, requests) in [start, end)."""
    totals: dict[tuple[int, str], int] = {}
    rows: list[tuple[int, dict[str, Any], int]] = await store.minute_outcomes(start, end)
    for m, fields, n in rows:
        k = (m, outcome_of(fields).key)
        totals[k] = totals.get(k, 0) + n
    return [(m, key, n) for (m, key), n in totals.items()]


async def catch_up(store: Store, now: float | None = None) -> float:
    """Roll up every closed minute not rolled up yet; returns the watermark (a minute boundary)."""
    db = store.db
    now = time.time() if now is None else now
    rows = await db.fetch(_STATE)
    if not rows:
        await db.execute("INSERT INTO console_rollup_state (name, rolled_until) VALUES ('outcomes', ?) "
                         "ON CONFLICT (name) DO NOTHING", _minute(now - HORIZON))
        rows = await db.fetch(_STATE)
    start = float(rows[0][0])
    end = _minute(now - LAG)
    if end <= start:
        return start
    statements = [Stmt("UPDATE console_rollup_state SET rolled_until = ? WHERE name = 'outcomes' AND rolled_until = ?",
                       (end, start), stop_if_none=True)]
    statements += [Stmt(_UPSERT, (m, d, n)) for m, d, n in await _labelled(store, start, end)]
    statements.append(Stmt("DELETE FROM console_outcome_minutes WHERE minute < ?", (int((now - HORIZON) // 60),)))
    if (await db.transaction(statements))[0]:
        return end
    return float((await db.fetch(_STATE))[0][0])  # another catch-up won the race and covered it


async def traffic_series(store: Store, since: float, step: float) -> list[tuple[float, int, int]]:
    """(bucket start, requests, refused) per `step` seconds (a whole number of minutes) since `since`."""
    watermark = await catch_up(store)
    step_minutes = max(1, int(step // 60))
    out: dict[float, list[int]] = {}
    rolled = await store.db.fetch(
        "SELECT minute / ? AS b, outcome, SUM(n) FROM console_outcome_minutes WHERE minute >= ? AND minute < ? "
        "GROUP BY b, outcome", step_minutes, int(since // 60), int(watermark // 60))
    live = [((m // step_minutes), d, n) for m, d, n in await _labelled(store, max(since, watermark))]
    for b, key, n in [*((int(b), str(d), int(n)) for b, d, n in rolled), *live]:
        bucket = out.setdefault(float(b) * step_minutes * 60, [0, 0])
        bucket[0] += n
        bucket[1] += n if _refused(key) else 0
    return sorted((t, v[0], v[1]) for t, v in out.items())


async def outcomes_by_key(store: Store, since: float, limit: int = 12) -> list[tuple[str, int]]:
    """The most frequent outcome keys since `since`, with their requests."""
    watermark = await catch_up(store)
    totals: dict[str, int] = {}
    for d, n in await store.db.fetch("SELECT outcome, SUM(n) FROM console_outcome_minutes WHERE minute >= ? "
                                     "AND minute < ? GROUP BY outcome", int(since // 60), int(watermark // 60)):
        totals[str(d)] = totals.get(str(d), 0) + int(n)
    for _, d, n in await _labelled(store, max(since, watermark)):
        totals[d] = totals.get(d, 0) + n
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
