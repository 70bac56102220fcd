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

from moat.console.db import ConsoleDB

LAG = 120.0  # seconds after which a minute is closed
HORIZON = 31 * 86400.0  # the longest overview window, plus a day
_UPSERT = ("INSERT INTO console_traffic_minutes (minute, decision, n) VALUES (?, ?, ?) "
           "ON CONFLICT (minute, decision) DO UPDATE SET n = console_traffic_minutes.n + excluded.n")


def _minute(ts: float) -> float:
    return math.floor(ts / 60.0) * 60.0


async def catch_up(db: ConsoleDB, now: float | None = None) -> float:
    """Roll up every closed minute not rolled up yet; returns the watermark (a minute boundary)."""
    now = time.time() if now is None else now
    rows = await db.fetch("SELECT rolled_until FROM console_rollup_state WHERE name = 'traffic'")
    if not rows:
        await db.execute("INSERT INTO console_rollup_state (name, rolled_until) VALUES ('traffic', ?) "
                         "ON CONFLICT (name) DO NOTHING", (_minute(now - HORIZON),))
        rows = await db.fetch("SELECT rolled_until FROM console_rollup_state WHERE name = 'traffic'")
    start = float(rows[0][0])
    end = _minute(now - LAG)
    if end <= start:
        return start
    minute = "FLOOR(ts / 60)" if db.dialect == "postgres" else "CAST(ts / 60 AS INTEGER)"
    counts = await db.fetch(
        f"SELECT {minute} AS m, COALESCE(decision, 'none') AS d, COUNT(*) FROM requests "
        "WHERE ts >= ? AND ts < ? GROUP BY m, d", (start, end))
    statements: list[tuple[str, tuple[object, ...]]] = [
        ("UPDATE console_rollup_state SET rolled_until = ? WHERE name = 'traffic' AND rolled_until = ?",
         (end, start))]
    statements += [(_UPSERT, (int(m), str(d), int(n))) for m, d, n in counts]
    statements.append(("DELETE FROM console_traffic_minutes WHERE minute < ?", (int((now - HORIZON) // 60),)))
    if await db.transaction(statements):
        return end
    rows = await db.fetch("SELECT rolled_until FROM console_rollup_state WHERE name = 'traffic'")
    return float(rows[0][0])  # another catch-up won the race and covered it


async def traffic_series(db: ConsoleDB, since: float, step: float) -> list[tuple[float, int, int]]:
    """(bucket start, requests, refused) per `step` seconds (a whole number of minutes) since `since`."""
    watermark = await catch_up(db)
    step_minutes = max(1, int(step // 60))
    out: dict[float, list[int]] = {}
    rolled = await db.fetch(
        "SELECT minute / ? AS b, SUM(n), SUM(CASE WHEN decision IN ('allow', 'none') THEN 0 ELSE n END) "
        "FROM console_traffic_minutes WHERE minute >= ? AND minute < ? GROUP BY b",
        (step_minutes, int(since // 60), int(watermark // 60)))
    for b, n, refused in rolled:
        out[float(b) * step_minutes * 60] = [int(n), int(refused or 0)]
    minute = "FLOOR(ts / 60)" if db.dialect == "postgres" else "CAST(ts / 60 AS INTEGER)"
    tail = await db.fetch(
        f"SELECT {minute} AS m, COUNT(*), SUM(CASE WHEN decision IS NULL OR decision = 'allow' THEN 0 ELSE 1 END) "
        "FROM requests WHERE ts >= ? GROUP BY m", (max(since, watermark),))
    for m, n, refused in tail:
        key = float((int(m) // step_minutes) * step_minutes * 60)
        bucket = out.setdefault(key, [0, 0])
        bucket[0] += int(n)
        bucket[1] += int(refused or 0)
    return sorted((t, v[0], v[1]) for t, v in out.items())


async def decisions_by_reason(db: ConsoleDB, since: float) -> list[tuple[str, int]]:
    watermark = await catch_up(db)
    totals: dict[str, int] = {}
    for d, n in await db.fetch("SELECT decision, SUM(n) FROM console_traffic_minutes WHERE minute >= ? "
                               "AND minute < ? GROUP BY decision", (int(since // 60), int(watermark // 60))):
        totals[str(d)] = totals.get(str(d), 0) + int(n)
    for d, n in await db.fetch("SELECT COALESCE(decision, 'none'), COUNT(*) FROM requests WHERE ts >= ? "
                               "GROUP BY COALESCE(decision, 'none')", (max(since, watermark),)):
        totals[str(d)] = totals.get(str(d), 0) + int(n)
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
