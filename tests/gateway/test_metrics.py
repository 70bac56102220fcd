"""The per-call metrics are tallied on the hot path and folded into prometheus_client's values by
`Metrics.flush()` (issue 12, speed): what /metrics shows must be what feeding every value through
prometheus_client's own `observe()` and `inc()` shows."""

from __future__ import annotations

import random

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from moat.gateway.metrics import _LATENCY_BUCKETS, Metrics


def _samples(text: bytes, prefix: str) -> dict[str, float]:
    """Sample name with labels → value (a sum rounded: added up in another order, the last digit moves)."""
    out = {}
    for line in text.decode().splitlines():
        if line.startswith(prefix) and "_created" not in line:
            name, _, value = line.rpartition(" ")
            out[name] = round(float(value), 6)
    return out


def test_tallied_metrics_render_as_fed_one_by_one() -> None:
    rng = random.Random(12)
    # Values on the bucket bounds themselves (le: they count in that bucket), between and beyond them.
    values = [*_LATENCY_BUCKETS, 0.0, 75.0, *(rng.uniform(0, 0.02) for _ in range(500))]
    metrics = Metrics()
    registry = CollectorRegistry()
    added = Histogram("moat_added_latency_seconds", "x", buckets=_LATENCY_BUCKETS, registry=registry)
    upstream = Histogram("moat_upstream_latency_seconds", "x", ["upstream"], buckets=_LATENCY_BUCKETS,
                         registry=registry)
    requests = Counter("moat_requests", "x", ["endpoint", "decision", "status"], registry=registry)
    tokens = Counter("moat_tokens", "x", ["direction", "upstream"], registry=registry)
    for i, value in enumerate(values):
        name = "a" if i % 3 else "b"
        metrics.observe_added(value)
        added.observe(value)
        metrics.observe_upstream(name, value)
        upstream.labels(name).observe(value)
        status = 200 if i % 7 else 429
        metrics.count_call("/v1/chat/completions", "allow", status)
        requests.labels("/v1/chat/completions", "allow", str(status)).inc()
        metrics.count_tokens("output", name, i)
        tokens.labels("output", name).inc(i)
        if i == 100:  # a flush half-way adds to what was folded before
            metrics.flush()
    ours, theirs = metrics.render(), generate_latest(registry)
    for prefix in ("moat_added_latency_seconds", "moat_upstream_latency_seconds", "moat_requests_total",
                   "moat_tokens_total"):
        assert _samples(ours, prefix) == _samples(theirs, prefix), prefix
        assert _samples(ours, prefix)


def test_a_flush_with_nothing_new_changes_nothing() -> None:
    metrics = Metrics()
    metrics.observe_added(0.001)
    metrics.count_call("/v1/messages", "allow", 200)
    first = metrics.render()
    metrics.flush()
    assert _samples(metrics.render(), "moat_") == _samples(first, "moat_")
    assert 'moat_requests_total{decision="allow",endpoint="/v1/messages",status="200"} 1.0' in first.decode()
