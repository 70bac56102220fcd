"""Prometheus metrics. Built once per process by `Metrics()`; nothing is registered at import.

With several workers, `moat serve` points PROMETHEUS_MULTIPROC_DIR at a directory under the data
dir before the workers start, and /metrics aggregates every worker's values.
"""

from __future__ import annotations

import os
import time
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

        # Children of the per-call metrics, by label values: prometheus_client's `labels()` checks
        # and locks on every call, a dict lookup does not (issue 12, speed). Their label values are
        # few (endpoints, reason codes of the bundle, statuses, upstreams), as in the registry itself.
        self._children: dict[tuple[Any, ...], Any] = {}

    def count_call(self, endpoint: str, decision: str, status: int) -> None:
        """One model call in `moat_requests`."""
        key = ("requests", endpoint, decision, status)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = self.requests.labels(endpoint, decision, str(status))
        child.inc()

    def observe_upstream(self, upstream: str, seconds: float) -> None:
        key = ("upstream", upstream)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = self.upstream_latency.labels(upstream)
        child.observe(seconds)

    def count_tokens(self, kind: str, upstream: str, n: int) -> None:
        key = ("tokens", kind, upstream)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = self.tokens.labels(kind, upstream)
        child.inc(n)

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

    def render(self) -> bytes:
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)
