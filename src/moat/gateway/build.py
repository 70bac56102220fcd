"""`build_runtime`: the one place a gateway's collaborators are built and wired (issue 14 item 2).

`Runtime` only holds and sequences what it is given; this factory builds each collaborator from
the settings unless the caller passes its own, so a test can run the whole pipeline in-process
with a fake upstream, a chosen limiter or clock, or a store it already opened. Nothing here does
I/O: opening, warming and starting happen in `Runtime.start()`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import asdict
from typing import TYPE_CHECKING

from moat.audit.recorder import Recorder
from moat.config import Settings
from moat.detect.online import OnlineDetection
from moat.detect.online import attach as attach_online_detection
from moat.enforce.feed import FeedFile, FeedPublisher
from moat.enforce.runtime import Enforcement
from moat.gateway.data_api import DataApi
from moat.gateway.demo_model import DemoModel
from moat.gateway.forwarding import Forwarding
from moat.gateway.metrics import Metrics
from moat.gateway.models_catalog import ModelCatalog
from moat.gateway.response_owners import ResponseOwners
from moat.gateway.runtime import Runtime
from moat.gateway.upstreams import HttpUpstream, Router, Upstream
from moat.identity.attribution import AttributionVerifier, platforms_from_records
from moat.identity.attribution_nonces import AsyncNonceCache, MemoryNonceCache, NonceCache, SharedNonceCache
from moat.identity.directory import Directory
from moat.identity.resolution import Resolution
from moat.limits.auto import auto_limiter
from moat.limits.base import Limiter
from moat.policy import PolicyStore
from moat.store import Store, open_store

if TYPE_CHECKING:
    from redis.asyncio import Redis


def build_router(settings: Settings, upstreams: Mapping[str, Upstream] | None = None) -> Router:
    """The routing table over the configured upstreams; `upstreams` replace (or add) by name."""
    built: dict[str, Upstream] = {}
    for u in settings.upstream_table():
        if u.kind == "http":  # a data API: moat.gateway.data_api holds it
            continue
        built[u.name] = DemoModel() if u.kind == "demo" else HttpUpstream(u)
    built.update(upstreams or {})
    return Router(built, settings.route_table())


def build_runtime(settings: Settings, *, store: Store | None = None, directory: Directory | None = None,
                  upstreams: Mapping[str, Upstream] | None = None, limiter: Limiter | None = None,
                  clock: Callable[[], float] = time.time, recorder: Recorder | None = None,
                  policy: PolicyStore | None = None, enforcement: Enforcement | None = None,
                  online: OnlineDetection | None = None, nonces: NonceCache | AsyncNonceCache | None = None,
                  response_owners: ResponseOwners | None = None, metrics: Metrics | None = None,
                  feed: FeedPublisher | FeedFile | None = None, console: bool = True) -> Runtime:
    """A gateway runtime: every collaborator from `settings` unless given.

    `upstreams`: named upstreams that replace or join the configured ones (routes still come from
    the settings). `clock`: wall-clock seconds for request timestamps and records. `feed`: without
    one (and no `feed_file` setting), the runtime signs its own at start. `console`: False for a
    gateway without the reviewers' console (its pages answer 404).
    """
    store = store or open_store(settings.store_url)
    directory = directory or Directory(store)
    router = build_router(settings, upstreams)
    if nonces is None:
        nonces = (SharedNonceCache.from_url(settings.redis_url, settings.redis_prefix,
                                            timeout=settings.attribution.redis_timeout,
                                            fail_mode=settings.attribution.fail_mode) if settings.redis_url
                  else MemoryNonceCache())
    redis: Redis | None = None
    if settings.redis_url:  # the readiness probe's own small client
        import redis.asyncio as aioredis

        redis = aioredis.from_url(settings.redis_url, socket_timeout=0.5, socket_connect_timeout=0.5,
                                  max_connections=2)
    runtime = Runtime(
        settings, store=store, directory=directory, router=router,
        models=ModelCatalog(settings, router),  # GET /v1/models (moat.gateway.models_api)
        # whose stored response is whose (Responses API): memory, and Redis when configured
        response_owners=response_owners or ResponseOwners.from_url(settings.redis_url, settings.redis_prefix),
        forwarding=Forwarding(settings.relay),  # which headers pass to and from upstreams
        metrics=metrics or Metrics(),
        recorder=recorder or Recorder.from_settings(store, settings),
        policy=policy or PolicyStore(settings.policy_dir or None),
        limiter=limiter or auto_limiter(settings),
        enforcement=enforcement or Enforcement(store, settings),
        online=online or attach_online_detection(settings, store),  # issue 6 item 3
        resolution=Resolution(store, directory),
        attribution=AttributionVerifier(platforms_from_records(asdict(p) for p in settings.platforms),
                                        nonces=nonces),
        feed=feed or (FeedFile(settings.feed_file) if settings.feed_file else None),
        redis=redis, clock=clock)
    runtime.data = DataApi(runtime)  # the data routes of docs/data-apis.md (none unless configured)
    if console:  # built now, opened on its first page (moat.console.app)
        from moat.console.app import Console

        runtime.console = Console(runtime)
    return runtime
