"""How the detectors do on production traffic, judged by reviewers (`moat evaluate --reviewed`, and
the console's Detectors page).

Two measures, from the labels and the flag ledger of `moat.enforce.labels`:

- **Precision on reviewed cases**, per detector category: of the labels about that category
  (closed cases with an outcome, decided appeals) decided in the window, how many were confirmed;
  with a 95% Wilson score interval, which stays honest on a handful of reviews. A label about
  several categories counts for each; `all` counts every label once. One case is one review: when
  an appeal was decided on a case that was also closed with an outcome, the later verdict counts.
- **The benign flag rate over time**: per UTC day (or ISO week), the active accounts (an account
  that made a recorded request, or was flagged, in the bucket), how many of them a detector flagged,
  and what reviewers later said of those flags: an account counts as *cleared* (*confirmed*) when
  the latest label reaching it, decided on or after the day it was flagged, says so. The benign flag
  rate is cleared / active: the share of the population flagged and then found innocent.
"""

from __future__ import annotations

import math
import time
from typing import Any

from moat.enforce.labels import CATEGORIES, DAY, OTHER, flag_counts, list_labels
from moat.enforce.services import EnforceContext

Z95 = 1.959963984540054
BUCKETS: dict[str, tuple[int, int]] = {"day": (1, 0), "week": (7, 3)}  # (days, offset: weeks start Monday)


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of a binomial proportion (None without trials)."""
    if n <= 0:
        return None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def _row(confirmed: int, cleared: int) -> dict[str, Any]:
    n = confirmed + cleared
    interval = wilson(confirmed, n)
    return {"reviewed": n, "confirmed": confirmed, "cleared": cleared,
            "precision": confirmed / n if n else None,
            "interval": list(interval) if interval else None}


async def precision(cx: EnforceContext, since: float) -> dict[str, Any]:
    """Per category (and `all`, and `other` for labels about no known category): reviewed,
    confirmed, cleared, precision and its Wilson interval, over labels decided since `since`."""
    counts = {c: [0, 0] for c in (*CATEGORIES, OTHER, "all")}
    seen: set[str] = set()
    for label in await list_labels(cx, since=since):  # newest first
        if label.case_id is not None:
            if label.case_id in seen:  # an appeal decided on a case that was also closed: one review
                continue
            seen.add(label.case_id)
        slot = 0 if label.outcome == "confirmed" else 1
        for category in {*(c if c in CATEGORIES else OTHER for c in label.categories)} or {OTHER}:
            counts[category][slot] += 1
        counts["all"][slot] += 1
    return {c: _row(*v) for c, v in counts.items()}


async def flag_series(cx: EnforceContext, *, first_day: int, last_day: int, bucket: str = "day"
                      ) -> list[dict[str, Any]]:
    """One entry per bucket from `first_day` to `last_day` (UTC day numbers), oldest first."""
    size, offset = BUCKETS[bucket]
    active, flagged, by_category = await flag_counts(cx, first_day, last_day, size, offset)
    first_b, last_b = (first_day + offset) // size, (last_day + offset) // size
    out: dict[int, dict[str, Any]] = {}
    for k in range(first_b, last_b + 1):
        start = max(first_day, k * size - offset)
        out[k] = {"start": start * DAY, "date": time.strftime("%Y-%m-%d", time.gmtime(start * DAY)),
                  "active": 0, "flagged": 0, "confirmed": 0, "cleared": 0, "unreviewed": 0, "categories": {}}
    for k, n in active:
        if int(k) in out:
            out[int(k)]["active"] = int(n)
    for k, outcome, n in flagged:
        entry = out.get(int(k))
        if entry is not None:
            entry["flagged"] += int(n)
            entry[outcome if outcome in ("confirmed", "cleared") else "unreviewed"] += int(n)
    for k, category, outcome, n in by_category:
        entry = out.get(int(k))
        if entry is not None:
            cat = entry["categories"].setdefault(str(category), {"flagged": 0, "cleared": 0})
            cat["flagged"] += int(n)
            if outcome == "cleared":
                cat["cleared"] += int(n)
    for entry in out.values():
        active_n = entry["active"]
        entry["flag_rate"] = entry["flagged"] / active_n if active_n else None
        entry["benign_flag_rate"] = entry["cleared"] / active_n if active_n else None
    return [out[k] for k in sorted(out)]


async def reviewed_report(cx: EnforceContext, *, days: int = 30, bucket: str = "day", now: float | None = None,
                          recent: int = 20) -> dict[str, Any]:
    """Everything `moat evaluate --reviewed` prints: precision per detector on labels decided in the
    last `days` days, the flag series over those days, and the most recent cleared labels."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}")
    now = time.time() if now is None else now
    last_day = int(now // DAY)
    first_day = last_day - max(1, days) + 1
    series = await flag_series(cx, first_day=first_day, last_day=last_day, bucket=bucket)
    active = sum(e["active"] for e in series)
    cleared: list[dict[str, Any]] = []
    cases: set[str] = set()
    for label in await list_labels(cx, outcome="cleared", since=first_day * DAY, limit=3 * recent):
        if label.case_id is None or label.case_id not in cases:  # one line per case (see `precision`)
            cases.update([label.case_id] if label.case_id else [])
            cleared.append(label.to_dict())
    cleared = cleared[:recent]
    return {"since": first_day * DAY, "until": now, "days": days, "bucket": bucket,
            "precision": await precision(cx, first_day * DAY), "series": series,
            "totals": {"flagged": sum(e["flagged"] for e in series), "cleared": sum(e["cleared"] for e in series),
                       "confirmed": sum(e["confirmed"] for e in series),
                       "unreviewed": sum(e["unreviewed"] for e in series), "active": active},
            "recent_cleared": cleared}


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def report_text(result: dict[str, Any]) -> str:
    """The human-readable tables."""
    lines = [f"precision on reviewed cases, last {result['days']} days (95% Wilson interval)", "",
             f"{'detector':<14}{'reviewed':>9}{'confirmed':>10}{'cleared':>9}{'precision':>11}  interval"]
    for category, row in result["precision"].items():
        if category in (OTHER, "all") and not row["reviewed"]:
            continue
        interval = row["interval"]
        span = f"{100 * interval[0]:.1f}% to {100 * interval[1]:.1f}%" if interval else "—"
        lines.append(f"{category:<14}{row['reviewed']:>9}{row['confirmed']:>10}{row['cleared']:>9}"
                     f"{_pct(row['precision']):>11}  {span}")
    lines += ["", f"benign flag rate per {result['bucket']} (flagged accounts later cleared / active accounts)", "",
              f"{result['bucket']:<12}{'active':>8}{'flagged':>9}{'flag rate':>11}{'cleared':>9}{'confirmed':>11}"
              f"{'unreviewed':>12}{'benign rate':>13}"]
    for e in result["series"]:
        lines.append(f"{e['date']:<12}{e['active']:>8}{e['flagged']:>9}{_pct(e['flag_rate']):>11}{e['cleared']:>9}"
                     f"{e['confirmed']:>11}{e['unreviewed']:>12}{_pct(e['benign_flag_rate']):>13}")
    if result["recent_cleared"]:
        lines += ["", "recently cleared (false positives):"]
        for label in result["recent_cleared"]:
            when = time.strftime("%Y-%m-%d %H:%M", time.gmtime(label["decided_at"]))
            lines.append(f"  {when}  {label['subject']:<24} {','.join(label['categories']) or '-':<24} "
                         f"{label['label_id']}  by {label['reviewer']}")
    return "\n".join(lines)


def run_command(ctx: Any, *, days: int, bucket: str, as_json: bool) -> None:
    """`moat evaluate --reviewed`: open the configured store, report, print."""
    from moat.cli import emit, settings_from, with_store
    from moat.store import Store

    hooks = settings_from(ctx).webhooks

    async def work(store: Store) -> dict[str, Any]:
        return await reviewed_report(await EnforceContext.open(store, hooks), days=days, bucket=bucket)

    result = with_store(ctx, work)
    emit(result, as_json, report_text(result))
