"""Prometheus metrics. Built once per process by `Metrics()`; nothing is registered at import.

With several workers, `moat serve` points PROMETHEUS_MULTIPROC_DIR at a directory under the data
dir before the workers start, and /metrics aggregates every worker's values.

The per-call metrics (calls, tokens, latencies) are tallied in plain dicts on the hot path and
folded into prometheus_client's values once a second and before every /metrics render (with
several workers, at once): prometheus_client locks and validates on every update (issue 12, speed).
"""

from __future__ import annotations

import os
import time
from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from moat.audit.recorder import RecorderStats
from moat.limits.base import Limiter

if TYPE_CHECKING:
    from moat.store.link import StoreLink

_LATENCY_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
                    2.5, 5, 10, 30, 60)


class _Tally:
    """Observations of one histogram child since the last flush: a count per bucket of
    _LATENCY_BUCKETS (one past the last: above it) and their sum."""

    __slots__ = ("counts", "sum")

    def __init__(self) -> None:
        self.counts = [0] * (len(_LATENCY_BUCKETS) + 1)
        self.sum = 0.0

    def observe(self, value: float) -> None:
        self.counts[bisect_left(_LATENCY_BUCKETS, value)] += 1  # le: a value on a bound counts in it
        self.sum += value

    def fold(self, histogram: Any) -> None:
        """Add the tally to a prometheus_client histogram (its buckets are _LATENCY_BUCKETS and +Inf),
        then start again. Its `observe()` takes one value at a time, so the buckets' values are
        added to directly: prometheus_client keeps them as `_buckets` and `_sum` (checked by
        tests/gateway/test_metrics.py against values fed through `observe()`)."""
        if not self.sum and not any(self.counts):
            return
        counts, total = self.counts, self.sum
        self.counts, self.sum = [0] * len(counts), 0.0
        for i, n in enumerate(counts):
            if n:
                histogram._buckets[i].inc(n)
        histogram._sum.inc(total)


class Metrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter("moat_requests", "Model calls by endpoint, decision and status",
                                ["endpoint", "decision", "status"], registry=r)
        self.upstream_latency = Histogram("moat_upstream_latency_seconds", "Time spent waiting on upstreams",
                                          ["upstream"], buckets=_LATENCY_BUCKETS, registry=r)
        self.added_latency = Histogram("moat_added_latency_seconds",
                                       "Gateway time per call, excluding the upstream",
                                       buckets=_LATENCY_BUCKETS, registry=r)
        # direction: input (fresh), output (reasoning included), cache_read, cache_write, reasoning
        self.tokens = Counter("moat_tokens", "Tokens metered by upstream, by kind", ["direction", "upstream"],
                              registry=r)
        self.redactions = Counter("moat_reasoning_redactions", "Responses with reasoning removed", registry=r)
        self.recorder = Gauge("moat_recorder", "Recorder state: queued, written, wal_bytes, errors, spilled, "
                              "recovered, dead_lettered, dead_letter_bytes, dead_letter_dropped (past the "
                              "dead-letter cap) (records stay in the write-ahead log until stored); traffic "
                              "retention: expired_days, expired_rows, upkeep_errors",
                              ["stat"], registry=r, multiprocess_mode="livesum")
        self.limiter = Gauge("moat_limiter", "Limiter counters since start: checks, refusals and shadow refusals "
                             "by limit, redis_errors, fallbacks by fail mode, breaker_opens, settle_errors",
                             ["stat", "name"], registry=r, multiprocess_mode="livesum")
        self.online = Gauge("moat_online_detection", "Records published to the detectors (published, sent, "
                            "dropped, errors, buffered) and detector scores held (scored_accounts)", ["stat"],
                            registry=r, multiprocess_mode="livesum")
        self.nonces = Gauge("moat_attribution_nonces", "Attribution nonce cache: claims, redis_errors, "
                            "local_claims (fail_open while Redis is away), refused (fail_closed), outages",
                            ["stat"], registry=r, multiprocess_mode="livesum")
        self.background = Gauge("moat_background_responses", "Background Responses followed to their end: "
                                "pending, settled, taken_over (from a replica that left), dropped (too many "
                                "pending), redis_errors", ["stat"], registry=r, multiprocess_mode="livesum")
        self.http_refusals = Counter("moat_http_refusals", "Connections the HTTP guard closed before a request "
                                     "reached the app: header_timeout, body_timeout, headers_too_large, "
                                     "request_line_too_long", ["reason"], registry=r)
        self.dependency_up = Gauge("moat_dependency_up", "1 when a dependency answers", ["dependency"],
                                   registry=r, multiprocess_mode="liveall")
        self.degraded = Gauge("moat_degraded", "1 while serving degraded because this dependency is away "
                              "(database: from the directory cache or snapshot, recording into the WAL)",
                              ["dependency"], registry=r, multiprocess_mode="livemax")
        self.snapshot_age = Gauge("moat_directory_snapshot_age_seconds", "Age of the directory snapshot being "
                                  "served (0 when serving the live directory)", registry=r,
                                  multiprocess_mode="livemax")

        # The per-call metrics are tallied in plain dicts on the hot path and folded into the
        # prometheus_client values by `flush()` (once a second, and before every render): its
        # `labels()`, `inc()` and `observe()` take a lock and validate on every call, nine times
        # per call in all, about a tenth of the app's own CPU per call (issue 12, speed).
        self._calls: dict[tuple[str, str, int], int] = {}
        self._tokens: dict[tuple[str, str], int] = {}
        self._upstream: dict[str, _Tally] = {}
        self._added = _Tally()
        # With several workers /metrics adds up every worker's values as written to the shared files:
        # there the tallies are folded at once, so any worker's /metrics counts every answered call.
        self._shared = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))

    def count_call(self, endpoint: str, decision: str, status: int) -> None:
        """One model call in `moat_requests`."""
        key = (endpoint, decision, status)
        self._calls[key] = self._calls.get(key, 0) + 1
        if self._shared:
            self.flush()

    def observe_upstream(self, upstream: str, seconds: float) -> None:
        """One wait on an upstream in `moat_upstream_latency_seconds`."""
        tally = self._upstream.get(upstream)
        if tally is None:
            tally = self._upstream[upstream] = _Tally()
        tally.observe(seconds)
        if self._shared:
            self.flush()

    def observe_added(self, seconds: float) -> None:
        """One call's gateway time in `moat_added_latency_seconds`."""
        self._added.observe(seconds)
        if self._shared:
            self.flush()

    def count_tokens(self, kind: str, upstream: str, n: int) -> None:
        """Tokens metered in `moat_tokens`."""
        key = (kind, upstream)
        self._tokens[key] = self._tokens.get(key, 0) + n
        if self._shared:
            self.flush()

    def flush(self) -> None:
        """Fold the tallies into the prometheus values (what /metrics, and with several workers the
        shared files, show): called every second by the runtime and before each render."""
        calls, self._calls = self._calls, {}
        for (endpoint, decision, status), n in calls.items():
            self.requests.labels(endpoint, decision, str(status)).inc(n)
        tokens, self._tokens = self._tokens, {}
        for (kind, upstream), n in tokens.items():
            self.tokens.labels(kind, upstream).inc(n)
        for upstream, tally in self._upstream.items():
            tally.fold(self.upstream_latency.labels(upstream))
        self._added.fold(self.added_latency)

    def observe_recorder(self, stats: RecorderStats) -> None:
        for name in ("queued", "written", "wal_bytes", "errors", "spilled", "recovered", "dead_lettered",
                     "dead_letter_bytes", "dead_letter_dropped", "expired_days", "expired_rows", "upkeep_errors"):
            self.recorder.labels(name).set(getattr(stats, name))
        self.dependency_up.labels("store_writes").set(1 if stats.store_ok else 0)

    def observe_limiter(self, limiter: Limiter) -> None:
        stats = limiter.stats
        self.limiter.labels("checks", "").set(stats.checks)
        self.limiter.labels("redis_errors", "").set(stats.redis_errors)
        self.limiter.labels("breaker_opens", "").set(stats.breaker_opens)
        self.limiter.labels("settle_errors", "").set(stats.settle_errors)
        for name, count in stats.refusals.items():
            self.limiter.labels("refusals", name).set(count)
        for name, count in stats.shadow_refusals.items():
            self.limiter.labels("shadow_refusals", name).set(count)
        for mode, count in stats.fallbacks.items():
            self.limiter.labels("fallbacks", mode).set(count)
        breaker = getattr(limiter, "breaker", None)
        if breaker is not None:
            self.dependency_up.labels("redis_limits").set(0 if breaker.is_open else 1)

    def observe_database(self, link: StoreLink, snapshot_at: float | None) -> None:
        self.degraded.labels("database").set(0 if link.up else 1)
        self.dependency_up.labels("store").set(1 if link.up else 0)
        self.snapshot_age.set(0 if snapshot_at is None else max(0.0, time.time() - snapshot_at))

    def observe_online(self, stats: dict[str, Any]) -> None:
        for name in ("published", "sent", "dropped", "errors", "buffered", "scored_accounts"):
            self.online.labels(name).set(stats[name])
        self.dependency_up.labels("detector_stream").set(1 if stats["stream_up"] else 0)

    def observe_nonces(self, nonces: object) -> None:
        stats = getattr(nonces, "stats", None)
        if stats is None:  # the in-process cache: nothing can be away
            return
        for name in ("claims", "redis_errors", "local_claims", "refused", "outages"):
            self.nonces.labels(name).set(getattr(stats, name))
        self.dependency_up.labels("redis_nonces").set(0 if getattr(nonces, "degraded", False) else 1)

    def observe_background(self, stats: dict[str, int]) -> None:
        for name, value in stats.items():
            self.background.labels(name).set(value)

    def render(self) -> bytes:
        self.flush()
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)
