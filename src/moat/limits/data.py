"""Volume counters and caps for data APIs: items, bytes and distinct resources (issue 15 item 3).

Data APIs sell volume, not requests: so many items (posts, records) a minute, a million a month,
so many distinct users or queries touched a month. Days and months are calendar ones (a month is a
UTC calendar month, as invoices count it); a minute slides (this minute's count plus the part of the
last one still within 60 s), so no stream takes two minutes' worth across a boundary. A stream is
charged while it flows, so these caps are window counters rather than the GCRA rates of
`moat.limits.spec`:

    counters = DataCounters()                                 # once per process
    allowed, bound = counters.fit(caps, ends, now)             # whole items of a read that fit the caps
    counters.add(keys, items, nbytes, resources, now)          # after delivering them, in batches

`keys` are namespaced values as `moat.limits.keys` spells them (`account=acct_1`); every data
request meters its key, account and organization, whatever the caps, because the policy context's
`usage.*` reads them. A stream settles here every `SETTLE_ITEMS` items or `SETTLE_SECONDS`
(`moat.gateway.data_meter`), never per item.

This class is the in-process backend (one replica's count, lost at restart: the embedded default);
`moat.limits.data_redis.SharedDataCounters` shares the counts through Redis when `redis_url` is
set, so replicas agree and a month's count survives restarts. Distinct resources are kept as
64-bit hashes, at most `MAX_RESOURCES` per key and month (past it the count stops growing: the cap
it feeds is reached long before).
"""

from __future__ import annotations

import bisect
import calendar
import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

DataKind = Literal["items", "bytes", "resources"]
Window = Literal["minute", "day", "month"]
# The bundle's shorthands (moat.policy.limitdefs): name -> (what is counted, window).
DATA_SHORTHANDS: dict[str, tuple[DataKind, Window]] = {
    "items_per_minute": ("items", "minute"),
    "items_per_day": ("items", "day"),
    "items_per_month": ("items", "month"),
    "bytes_per_minute": ("bytes", "minute"),
    "bytes_per_day": ("bytes", "day"),
    "bytes_per_month": ("bytes", "month"),
    "resources_per_month": ("resources", "month"),
}
MAX_RESOURCES = 1_000_000
# Within this share of a cap (10%), a stream on a shared count reads the count before each piece.
NEAR_SHARE = 0.1


@dataclass(frozen=True, slots=True)
class DataCap:
    """One cap of a named limit, e.g. `DataCap("data_research/items_per_month", "items", "month", 10**6)`."""

    name: str
    kind: DataKind
    window: Window
    limit: int

    @property
    def reason(self) -> str:
        """The reason code a refusal by this cap carries (docs/data-apis.md): a per-minute cap waits
        for the next minute, a day's or month's quota is spent."""
        return "rate_limited" if self.window == "minute" else "quota_exhausted"


@dataclass(frozen=True, slots=True)
class DataCheck:
    """A cap applied to one key value."""

    cap: DataCap
    key: str


def window_id(window: Window, now: float) -> int:
    """The window `now` falls in, as a number that changes when a new one starts (UTC)."""
    if window == "minute":
        return int(now // 60)
    t = time.gmtime(now)
    if window == "day":
        return int(now // 86400)
    return t.tm_year * 12 + t.tm_mon


def window_left(window: Window, now: float) -> float:
    """Seconds until the window `now` falls in ends (Retry-After of a refusal by a cap)."""
    if window == "minute":
        return 60 - now % 60
    if window == "day":
        return 86400 - now % 86400
    t = time.gmtime(now)
    year, month = (t.tm_year + 1, 1) if t.tm_mon == 12 else (t.tm_year, t.tm_mon + 1)
    return max(1.0, calendar.timegm((year, month, 1, 0, 0, 0)) - now)


def resource_hash(resource: str) -> int:
    return int.from_bytes(hashlib.blake2b(resource.encode(), digest_size=8).digest(), "little")


class _Counts:
    """One key's counters: (window id, count) per (kind, window), and its month's resources (the
    hashes seen here, plus `resource_base` counted elsewhere: moat.limits.data_redis)."""

    __slots__ = ("counts", "resource_base", "resource_month", "resources")

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], list[int]] = {}  # (kind, window) -> [window id, count, previous]
        self.resource_month = 0
        self.resource_base = 0
        self.resources: set[int] = set()

    def get(self, kind: str, window: Window, now: float) -> int:
        if kind == "resources":
            if self.resource_month != window_id("month", now):
                return 0
            return self.resource_base + len(self.resources)
        slot = self.counts.get((kind, window))
        if slot is None:
            return 0
        wid = window_id(window, now)
        if window == "minute":
            # A sliding minute: this minute's count plus the share of the last minute's that still
            # lies within the past 60 s. A calendar minute would let a stream take a cap's worth at
            # 12:00:59 and another at 12:01:00 (twice the rate); days and months are calendar ones,
            # as data APIs bill them.
            weight = 1.0 - (now % 60) / 60
            if slot[0] == wid:
                return slot[1] + int(slot[2] * weight)
            return int(slot[1] * weight) if slot[0] == wid - 1 else 0
        return slot[1] if slot[0] == wid else 0

    def add(self, kind: str, window: Window, n: int, now: float) -> None:
        wid = window_id(window, now)
        slot = self.counts.get((kind, window))
        if slot is None or slot[0] < wid - 1:
            self.counts[(kind, window)] = [wid, n, 0]
        elif slot[0] == wid - 1:
            self.counts[(kind, window)] = [wid, n, slot[1]]
        else:
            slot[1] += n


class DataCounters:
    """Items, bytes and distinct resources by key value, in calendar windows; see the module docstring."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._keys: dict[str, _Counts] = {}

    def usage(self, key: str, now: float | None = None) -> tuple[int, int, int]:
        """(items, bytes, distinct resources) of `key` this month."""
        counts = self._keys.get(key)
        if counts is None:
            return 0, 0, 0
        now = self.clock() if now is None else now
        return (counts.get("items", "month", now), counts.get("bytes", "month", now),
                counts.get("resources", "month", now))

    def used(self, check: DataCheck, now: float) -> int:
        counts = self._keys.get(check.key)
        return 0 if counts is None else counts.get(check.cap.kind, check.cap.window, now)

    def refusal(self, checks: Sequence[DataCheck], now: float | None = None,
                resource: int | None = None) -> DataCheck | None:
        """The first check whose cap is reached (nothing more may be delivered under it), else None.

        `resource`: the hash of the resource the request asks for. A cap on distinct resources is
        reached only for a new one: asking again for a resource already counted this month touches
        nothing new (with the shared backend, "already counted" means counted by this replica).
        """
        now = self.clock() if now is None else now
        for check in checks:
            if self.used(check, now) >= check.cap.limit:
                if check.cap.kind == "resources" and resource is not None and self.counted(check.key, resource, now):
                    continue
                return check
        return None

    def counted(self, key: str, resource: int, now: float) -> bool:
        """Whether `resource` is among the distinct resources `key` touched this month (here)."""
        counts = self._keys.get(key)
        return (counts is not None and counts.resource_month == window_id("month", now)
                and resource in counts.resources)

    def fit(self, checks: Sequence[DataCheck], ends: Sequence[int],
            now: float | None = None) -> tuple[int, DataCheck | None]:
        """How many of a read's whole items (`ends`: where each ends in the read's bytes) the item
        and byte caps let through now, and the check that stops the rest (None: all fit).

        A stream never passes a cap: the item that would cross a byte cap is not sent.
        """
        now = self.clock() if now is None else now
        allowed, bound = len(ends), None
        for check in checks:
            kind = check.cap.kind
            if kind == "items":
                fits = max(0, check.cap.limit - self.used(check, now))
            elif kind == "bytes":
                fits = bisect.bisect_right(ends, check.cap.limit - self.used(check, now))
            else:
                continue
            if fits < allowed:
                allowed, bound = fits, check
        return allowed, bound

    def allowance(self, checks: Sequence[DataCheck], now: float | None = None) -> tuple[int, DataCheck | None]:
        """How many more items the item caps let through now, and the check that bounds it (None
        when no item cap applies: then the allowance is unbounded, returned as -1)."""
        now = self.clock() if now is None else now
        best = -1
        bound: DataCheck | None = None
        for check in checks:
            if check.cap.kind != "items":
                continue
            left = check.cap.limit - self.used(check, now)
            if best < 0 or left < best:
                best, bound = max(0, left), check
        return best, bound

    def add(self, keys: Iterable[str], items: int, nbytes: int, resources: Iterable[int] = (),
            windows: Iterable[Window] = ("minute", "day", "month"), now: float | None = None) -> None:
        """Count delivered items, bytes and resource hashes for every key, in every window."""
        now = self.clock() if now is None else now
        hashes = tuple(resources)
        month = window_id("month", now)
        for key in keys:
            counts = self._keys.get(key)
            if counts is None:
                counts = self._keys[key] = _Counts()
            for window in windows:
                if items:
                    counts.add("items", window, items, now)
                if nbytes:
                    counts.add("bytes", window, nbytes, now)
            if hashes:
                if counts.resource_month != month:
                    counts.resource_month, counts.resources, counts.resource_base = month, set(), 0
                if len(counts.resources) < MAX_RESOURCES:
                    counts.resources.update(hashes)

    def near(self, checks: Sequence[DataCheck], now: float | None = None) -> bool:
        """Whether an item or byte cap has at most NEAR_SHARE of it left (at least one item's worth):
        where a shared count must be read fresh before each piece, not every sync interval."""
        now = self.clock() if now is None else now
        for check in checks:
            if check.cap.kind in ("items", "bytes"):
                left = check.cap.limit - self.used(check, now)
                if left <= max(2, check.cap.limit * NEAR_SHARE):
                    return True
        return False

    # The shared backend (moat.limits.data_redis) overrides these; in-process they have nothing to do.
    async def refresh(self, keys: Sequence[str]) -> None:
        """Send what was counted here and read the shared totals now (near a cap: see `near`)."""

    async def prepare(self, keys: Sequence[str]) -> None:
        """Make the counts of `keys` current before a request is judged by them (may await)."""

    def start(self) -> None:
        """Start whatever keeps the counts current (the shared backend's sync)."""

    async def stop(self) -> None:
        """Stop it, handing over what was counted here and not yet shared."""
