"""Prometheus metrics of data routes, registered on the gateway's registry (moat.gateway.metrics).

    moat_data_items_total{route}           items delivered to clients
    moat_data_bytes_total{route}           response bytes delivered to clients
    moat_data_open_streams                 data streams open now
    moat_data_stream_cuts_total{reason}    streams Moat ended: a volume cap, a changed decision, a stop

Counted per piece of a stream (an upstream read), like the counters they mirror, never per item.
"""

from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge


class DataMetrics:
    def __init__(self, registry: CollectorRegistry, routes: list[str]) -> None:
        self.items = Counter("moat_data_items", "Items delivered on data routes", ["route"], registry=registry)
        self.bytes = Counter("moat_data_bytes", "Response bytes delivered on data routes", ["route"],
                             registry=registry)
        self.open_streams = Gauge("moat_data_open_streams", "Data streams open now", registry=registry,
                                  multiprocess_mode="livesum")
        self.cuts = Counter("moat_data_stream_cuts", "Data streams Moat ended, by reason", ["reason"],
                            registry=registry)
        # Children bound once per route: the hot path increments, it never looks labels up.
        self.by_route: dict[str, tuple[Any, Any]] = {
            route: (self.items.labels(route), self.bytes.labels(route)) for route in routes}
