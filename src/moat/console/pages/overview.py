"""Overview: traffic over time, outcomes by reason code, the riskiest accounts.

Every link lands on a page filtered as it says: an outcome's bar opens the audit log filtered to
that outcome in the window (`since=<its start>&outcome=redacted:distillation_risk`), the queue
counts open the cases and appeals filtered to open and pending.

The charts read the per-minute outcome rollup (moat.console.rollup); the aggregates are cached for a
few seconds per window, so a dashboard left open by many reviewers costs one read per window.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from moat.console import charts, rollup
from moat.console.enforcement import queue_counts, top_risk
from moat.console.http import Request, Response
from moat.console.routing import Route

if TYPE_CHECKING:
    from moat.console.app import Console

WINDOWS: dict[str, tuple[float, float]] = {  # name -> (seconds, bucket)
    "1h": (3600.0, 60.0), "24h": (86400.0, 900.0), "7d": (7 * 86400.0, 7200.0), "30d": (30 * 86400.0, 86400.0)}
CACHE_SECONDS = 10.0


async def _aggregates(c: Console, window: str) -> dict[str, Any]:
    key = f"overview:{window}"
    hit = c.cache.get(key)
    now = time.time()
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return dict(hit[1])
    span, step = WINDOWS[window]
    since = now - span
    counted = {t: (n, d) for t, n, d in await rollup.traffic_series(c.store, since, step)}
    first = (since // step) * step
    series = [(t, *counted.get(t, (0, 0))) for t in (first + i * step for i in range(int(span // step) + 1))]
    reasons = await rollup.outcomes_by_key(c.store, since)
    data = {
        "series": series, "reasons": reasons, "since": int(since // 60) * 60,  # where the counts start
        "total": sum(n for _, n, _ in series), "refused": sum(d for _, _, d in series),
        "accounts": await c.store.count("accounts"), "orgs": await c.store.count("orgs"),
        "top": await top_risk(c, since),
        **await queue_counts(c),
    }
    c.cache[key] = (now, data)
    return data


async def overview(c: Console, req: Request) -> Response:
    window = req.q("window", "24h")
    if window not in WINDOWS:
        window = "24h"
    data = await _aggregates(c, window)
    chart = charts.timeseries([("requests", [(t, n) for t, n, _ in data["series"]]),
                               ("refused", [(t, d) for t, _, d in data["series"]])])
    reason_chart = charts.bars(data["reasons"], href=f"/console/audit?log=decisions&since={data['since']}&outcome={{}}")
    total = data["total"]
    return await c.render(req, "overview.html", active="overview", window=window, windows=list(WINDOWS),
                          chart=chart, reason_chart=reason_chart, data=data,
                          refusal_rate=(data["refused"] / total) if total else 0.0,
                          restricted=len(c.runtime.directory.restricted_ids()))


ROUTES = [Route("GET", r"/", overview)]
