"""Detectors judged by reviewers: each detector's precision on reviewed cases, the benign flag rate
over time, and the most recent false positives (cleared cases and accepted appeals), linked.

The numbers are `moat evaluate --reviewed`'s (`moat.detect.reviewed`), cached for a few seconds per
window so a page left open by many reviewers costs one report per window.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from moat.console import charts
from moat.console import enforcement as enf
from moat.console.http import Request, Response
from moat.console.routing import Route

if TYPE_CHECKING:
    from moat.console.app import Console

WINDOWS: dict[str, int] = {"7d": 7, "30d": 30, "90d": 90}
BUCKETS = ("day", "week")
CACHE_SECONDS = 15.0


async def _report(c: Console, days: int, bucket: str) -> dict[str, Any]:
    from moat.detect.reviewed import reviewed_report

    key = f"reviewed:{days}:{bucket}"
    hit = c.cache.get(key)
    now = time.time()
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        cached: dict[str, Any] = hit[1]
        return cached
    result = await reviewed_report(await enf.context(c), days=days, bucket=bucket, now=now, recent=25)
    c.cache[key] = (now, result)
    return result


async def detectors(c: Console, req: Request) -> Response:
    window = req.q("window", "30d")
    window = window if window in WINDOWS else "30d"
    bucket = req.q("bucket", "day")
    bucket = bucket if bucket in BUCKETS else "day"
    result = await _report(c, WINDOWS[window], bucket)
    series = result["series"]
    chart = charts.timeseries(
        [("flagged %", [(e["start"], 100.0 * (e["flag_rate"] or 0.0)) for e in series]),
         ("cleared %", [(e["start"], 100.0 * (e["benign_flag_rate"] or 0.0)) for e in series])],
        label="percent of active accounts flagged, and flagged then cleared")
    rows = [{"category": name, **row} for name, row in result["precision"].items()
            if name != "all" and (row["reviewed"] or name not in ("other",))]
    return await c.render(req, "detectors.html", active="detectors", window=window, windows=list(WINDOWS),
                          bucket=bucket, buckets=BUCKETS, result=result, rows=rows, overall=result["precision"]["all"],
                          chart=chart, totals=result["totals"],
                          series=[e for e in reversed(series) if e["active"] or e["flagged"]])


ROUTES = [Route("GET", r"/detectors", detectors)]
