"""Harvesting and resale on data APIs, and declared against observed use (issue 15 items 4 and 5).

Read from an account's `DataFeatures` (moat.detect.data_features), with the same rules as the model
detectors (issue 11): each score is a noisy-AND of ramps, so no single signal flags anyone, and the
engine calibrates it against the provider's own population like any other.

Harvesting (category `scraping`) is covering what the account has not covered before, at volume:
- a *keyspace sweep*: numeric resources (user ids, post ids) covering their range densely, or
  walking it in order over a dense enough part of it. A news app that looks up users as they
  appear also meets ids in rising order, but sparsely: coverage is what it lacks. Handles or
  queries walked in alphabetical order are a sweep too;
- a *time-range sweep*: time-bounded searches reaching back into the archive, window after window,
  over months or years. A dashboard asks for the last hour again and again (no lag), a researcher
  for a bounded period;
- *re-downloading*: fetching again, many times over, a large set of resources a normal client
  would cache (a dashboard re-polls a handful of queries; a firehose reconnects to one stream).
A split crawl (several accounts of one organization, each sweeping its own slice) is
`moat.detect.crawls`.

Resale (category `tier_abuse`) is one key behind many unrelated clients: many client stacks over
many networks, or many networks each carrying a server's load (see `resale` for what is left
alone: one app on many phones, shared cloud egress, monitors). A key whose owner declared `resale`
is not hiding it: its fan-out is reported but weighs little. An archive sweep the provider sold (an
enterprise plan whose declared use names it) is reported and weighs little too (`sold_archive`).

Declared use (issue 15 item 5): when an account's keys declare a use, the evidence of any data
finding says what was declared and what was observed ("declared: academic research on public
discourse; observed: keyspace sweep of 2.1M users in 3 days").
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import reduce

from moat.detect.keyspace import _rank_correlation
from moat.detect.scoring import Score, noisy_and, pct, ramp
from moat.detect.state import AccountState

MIN_REQUESTS = 20


def short(n: float) -> str:
    """2,100,000 -> "2.1M", 34,500 -> "34.5k", 950 -> "950"."""
    for size, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if n >= size:
            text = f"{n / size:.1f}".removesuffix(".0")
            return f"{text}{unit}"
    return f"{n:.0f}"


def duration(days: float) -> str:
    if days >= 1.5:
        return f"{days:.0f} days"
    hours = days * 24
    return f"{hours:.0f} hour{'s' if round(hours) != 1 else ''}"


def asked_in(s: AccountState) -> str:
    """"6k requests", or with batched lookups "60k resources asked in 600 requests"."""
    if not s.d_batched:
        return f"{short(s.d_n)} requests"
    return f"{short(s.asks())} resources asked in {short(s.d_n)} requests"


def novel(s: AccountState, novelty: float) -> str:
    if not s.d_batched:
        return f"{pct(novelty)} of {short(s.d_n)} requests ask for a resource not asked before"
    return f"{pct(novelty)} of {asked_in(s)} (batched lookups) were not asked before"


@dataclass(slots=True)
class Part:
    """One way of harvesting: its score, evidence, and the plain words for declared-vs-observed."""

    value: float = 0.0
    evidence: list[str] = field(default_factory=list)
    observed: str = ""


DENSE = (0.25, 0.35, 0.5, 0.65, 0.8, 1.0)  # shares of the numbers whose range is read (the rest: cover)


def dense_range(nums: list[int], share: float) -> tuple[int, int, int]:
    """The narrowest range holding `share` of the sampled numbers, and their common step in it.

    A sweep hides among random lookups (cover traffic) that would stretch min..max over the whole
    id space; a good share of its numbers still sit in the range it walks (and one customer may run two crawls)."""
    values = sorted(set(nums))
    k = max(2, math.ceil(share * len(values)))
    if len(values) <= k:
        lo, hi = values[0], values[-1]
        inside = values
    else:
        i = min(range(len(values) - k + 1), key=lambda j: values[j + k - 1] - values[j])
        lo, hi = values[i], values[i + k - 1]
        inside = values[i:i + k]
    step = reduce(math.gcd, (b - a for a, b in itertools.pairwise(inside)), 0) or 1
    return lo, hi, step


def densest(s: AccountState) -> tuple[float, float, int, int, int]:
    """(coverage, share of numbers inside, lo, hi, step) of the densest of the DENSE ranges."""
    best = (0.0, 0.0, 0, 0, 1)
    for share in DENSE:
        lo, hi, step = dense_range(s.d_nums, share)
        span = (hi - lo) / step + 1
        inside = sum(1 for x in s.d_nums if lo <= x <= hi) / len(s.d_nums)
        coverage = min(1.0, inside * s.d_num_new / span) if span > 1 else 0.0
        if coverage > best[0]:
            best = (coverage, inside, lo, hi, step)
    return best


def id_sweep(s: AccountState) -> Part:
    """Numeric resources covering their range densely, or walking a dense part of it in order."""
    new = s.d_num_new
    if new < 20 or len(s.d_nums) < 8:
        return Part()
    coverage, inside, lo, hi, step = densest(s)
    order = _rank_correlation([x for x in s.d_nums if lo <= x <= hi])
    walking = max(ramp(coverage, 0.2, 0.7), ramp(order, 0.5, 0.9) * ramp(coverage, 0.02, 0.2))
    novelty = 1.0 - s.d_again / s.asks()
    value = noisy_and(
        (walking, 0.95),
        (ramp(math.log10(new), math.log10(300), math.log10(5000)), 0.85),
        (ramp(novelty, 0.5, 0.85), 0.8),
    )
    what = s.what()
    days = s.data_days()
    return Part(value, [
        f"{short(new)} distinct {what} by number in {duration(days)}, {pct(inside)} of them in "
        f"ids {lo:,}..{hi:,}" + (f" in steps of {step}" if step > 1 else "")
        + f": ~{pct(coverage)} of that range requested (order/number correlation {order:.2f})",
        novel(s, novelty),
    ], f"keyspace sweep of {short(new)} {what} in {duration(days)}")


def word_sweep(s: AccountState) -> Part:
    """Handles or queries asked in their alphabetical order, each new, at volume (a dictionary or a
    directory walked); lookups as users come up follow no order."""
    new = s.d_word_new
    if new < 20 or len(s.d_words) < 8:
        return Part()
    order = _rank_correlation(s.d_words)
    novelty = 1.0 - s.d_again / s.asks()
    value = noisy_and(
        (ramp(order, 0.5, 0.9), 0.95),
        (ramp(math.log10(new), math.log10(300), math.log10(5000)), 0.85),
        (ramp(novelty, 0.5, 0.85), 0.8),
    )
    what = s.what()
    days = s.data_days()
    first, last = s.d_words[0], s.d_words[-1]
    return Part(value, [
        f"{short(new)} distinct {what} by name in {duration(days)}, asked in alphabetical order "
        f"(rank correlation {order:.2f}; \"{first}\" ... \"{last}\")",
        novel(s, novelty),
    ], f"keyspace sweep of {short(new)} {what} in {duration(days)}")


_ARCHIVE_WORDS = re.compile(r"archiv|histor|backfill|back-fill|back fill|full.archive")


def sold_archive(s: AccountState) -> str:
    """Why this account's archive sweep is the product it bought ("" when it is not): an enterprise
    plan (the tier full-archive access is sold on) whose declared use names the archive, history or
    a backfill. A research or commercial key on another plan sweeping the archive has no such
    excuse, and one that declared research does not either, whatever its plan."""
    acct = s.account or {}
    if s.plan != "enterprise":
        return ""
    use = acct.get("declared_use") or s.declared()
    said = f"{use} {acct.get('declared_use_description') or ''}"
    if use == "research" or not _ARCHIVE_WORDS.search(said.lower()):
        return ""
    return f"enterprise plan, declared use names the archive sweep it bought: {said.strip()}"


def time_sweep(s: AccountState) -> Part:
    """Time-bounded searches tiling the archive, window after window."""
    archive = s.d_arch_n
    if archive < 10:
        return Part()
    share = archive / s.d_n
    covered = len(s.d_arch_days)
    value = noisy_and(
        (ramp(share, 0.3, 0.8), 0.9),
        (ramp(math.log10(max(covered, 1)), math.log10(30), math.log10(365)), 0.95),
        (ramp(archive, 20, 100), 0.7),
    )
    span = f"{covered / 365:.1f} years" if covered >= 365 else f"{covered} days"
    days = s.data_days()
    bought = sold_archive(s)
    if bought:
        value *= 0.3  # the sweep the provider sold: reported, weighs little (a policy can still refuse)
    return Part(value, [*([bought] if bought else []),
        f"{short(archive)} of {short(s.d_n)} requests search windows of the archive (ending 2 days or more "
        f"before they were asked), together covering {span} and reaching back {s.d_lag_max / 86400:.0f} days",
        f"{short(s.d_items)} items delivered in {duration(days)}",
    ], f"time-range sweep of {span} of archive ({short(s.d_items)} items) in {duration(days)}")


def redownload(s: AccountState) -> Part:
    """A large set of resources fetched again and again (what a client that caches never does)."""
    refetched = s.d_refetched
    if refetched < 10:
        return Part()
    again = s.d_again / s.asks()
    times = 1 + s.d_again / refetched
    per_fetch = s.d_again_items / max(1, s.d_again)
    days = s.data_days()
    per_day = s.d_again_items / days
    # What a cache would have saved: many resources, delivered whole again (a dashboard re-polls a
    # handful of queries for what is new; a news app looks a popular profile up again, one item; a
    # panel study snapshots the same profiles every day, one item each, and collects their new posts
    # with `since_id`, which is not counted as asking again at all).
    value = noisy_and(
        (ramp(math.log10(refetched), math.log10(50), math.log10(1000)), 0.95),
        (ramp(per_fetch, 3, 20), 0.9),
        (ramp(math.log10(per_day + 1), math.log10(1000), math.log10(30000)), 0.8),
        (ramp(again, 0.2, 0.6), 0.6),
        (ramp(times, 1.5, 4.0), 0.3),
    )
    what = s.what()
    return Part(value, [
        f"{short(refetched)} distinct {what} fetched again, {times:.1f} times each on average; "
        f"{pct(again)} of {asked_in(s)} re-download a resource already fetched",
        f"{short(s.d_again_items)} items delivered again ({short(per_day)} per day, {per_fetch:.0f} per "
        "request: whole pages, not what is new)",
    ], f"re-download of {short(refetched)} {what} {times:.0f} times each in {duration(days)}")


def harvest_parts(s: AccountState) -> list[Part]:
    return [id_sweep(s), word_sweep(s), time_sweep(s), redownload(s)]


def observed(s: AccountState, part: Part) -> list[str]:
    """The declared-vs-observed line, when the account's keys declared a use."""
    acct = s.account or {}
    use = acct.get("declared_use") or s.declared()
    if not use or not part.observed:
        return []
    said = acct.get("declared_use_description") if acct.get("declared_use") == use else None
    return [f"declared: {said or use}; observed: {part.observed}"]


def harvest(s: AccountState) -> Score:
    """Bulk harvesting of a data API (the `scraping` category). Counted in resources asked
    (`asks`), so a sweep in batched lookups is read as the same sweep one id at a time."""
    if s.asks() < MIN_REQUESTS:
        return Score()
    best = max(harvest_parts(s), key=lambda p: p.value)
    out = Score(round(best.value, 4))
    if best.value >= 0.25:
        out.evidence.extend(best.evidence)
        out.evidence.extend(observed(s, best))
    return out


def resale(s: AccountState, crowd: Mapping[str, int] | None = None) -> Score:
    """One key fanned out over many client networks (the `tier_abuse` category).

    Resale is one key behind many unrelated clients: either many client stacks from many networks
    (customers each calling with their own tools), or networks that each carry a server's sustained
    load (customers' servers calling with the reseller's own SDK). Left alone, for what they are:
    one app's agent on many phones (one stack, many light networks), shared cloud or carrier egress
    (a network counts by how exclusive it is in this population, `crowd`), and a monitor probing the
    same few resources from many regions (resale serves many customers asking many things)."""
    if s.d_n < MIN_REQUESTS:
        return Score()
    f = s.fanout(crowd)
    resources = s.distinct_resources()
    spread = max(ramp(f.heavy, 4, 15), ramp(f.own, 4, 20) * ramp(f.stacks, 2, 6))
    value = noisy_and(
        (spread, 1.0),
        (ramp(math.log10(max(resources, 1)), math.log10(20), math.log10(200)), 1.0),
        (ramp(math.log10(s.d_n), math.log10(50), math.log10(500)), 0.6),
    )
    declared = ((s.account or {}).get("declared_use") or s.declared()) == "resale"
    if declared:
        value *= 0.3  # resale the owner declared: the provider agreed to it (or can refuse by policy)
    out = Score(round(value, 4))
    if value >= 0.25 or (declared and value >= 0.1):
        what = f"key {f.key}" if f.key else "one key"
        out.evidence.append(f"{what} used from {f.nets} networks (/24) and {f.agents} user agents over "
                            f"{short(s.d_n)} data requests")
        out.evidence.append(f"{f.stacks} client stack{'s' if f.stacks != 1 else ''}; {f.own:.1f} networks "
                            f"weighed by how many other accounts use them, {f.heavy:.1f} carrying a server's "
                            f"load; {short(resources)} distinct resources asked")
        if declared:
            out.evidence.append("the key's declared use is resale")
        else:
            out.evidence.extend(observed(s, Part(value, [], f"{what} fanned out over {f.nets} networks and "
                                                           f"{f.stacks} client stacks")))
    return out
