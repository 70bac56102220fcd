"""Which models the gateway serves, by name, resolved from its routes (issue 12 item 1).

An exact route names its model. A glob route (`gpt-*`) names none, so its models come from, in order:
the route's own `models` list in the configuration, else the upstream's catalog, that is its own
`GET /models` (OpenAI or Anthropic shape; the demo model knows its two names). Only the names that
the router really sends to that route's upstream are kept: an earlier glob may take a name first.
So the built-in demo models appear only where a route sends models to the demo model.

Upstream catalogs are fetched off the model-call path (only a models request waits for one), once
per `TTL` per replica, one fetch at a time per upstream, with a short timeout (moat.gateway.side_calls);
a failed fetch lists nothing from that upstream for `RETRY` seconds and says so in the log.
"""

from __future__ import annotations

import asyncio
import fnmatch
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from moat.config import RouteSettings, Settings, UpstreamSettings
from moat.errors import MoatError
from moat.gateway.demo_model import MODELS as DEMO_MODELS
from moat.gateway.side_calls import side_call
from moat.gateway.upstreams import Router

log = logging.getLogger("moat.gateway")

TTL = 300.0  # seconds an upstream's catalog is trusted
RETRY = 30.0  # seconds before a failed catalog fetch is tried again


@dataclass(frozen=True, slots=True)
class ModelEntry:
    id: str
    api: str  # the client API it is served on: "openai" | "anthropic"
    created: int = 0  # unix seconds; 0 when unknown
    display_name: str = ""
    owned_by: str = "moat"

    @property
    def created_at(self) -> str:
        """RFC 3339, as Anthropic's ModelInfo.created_at (the epoch when unknown)."""
        return datetime.fromtimestamp(self.created, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _is_glob(name: str) -> bool:
    return any(c in name for c in "*?[")


def _entry(raw: Any, api: str, owner: str) -> ModelEntry | None:
    """One model of an upstream's list, in either API's shape."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        return None
    created = raw.get("created")
    if not isinstance(created, int) and isinstance(raw.get("created_at"), str):
        try:
            created = int(datetime.fromisoformat(raw["created_at"].replace("Z", "+00:00")).timestamp())
        except ValueError:
            created = 0
    display = raw.get("display_name")
    owned = raw.get("owned_by")
    return ModelEntry(raw["id"], api, created if isinstance(created, int) else 0,
                      display if isinstance(display, str) else "", owned if isinstance(owned, str) else owner)


class ModelCatalog:
    """The models each client API may name, as the routes and the upstreams' catalogs say."""

    def __init__(self, settings: Settings, router: Router, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._routes: list[RouteSettings] = settings.route_table()
        self._upstreams: dict[str, UpstreamSettings] = {u.name: u for u in settings.upstream_table()}
        self._router = router
        self._clock = clock
        self._cache: dict[str, tuple[float, list[dict[str, Any]]]] = {}
        self._fetching: dict[str, asyncio.Future[list[dict[str, Any]]]] = {}

    def _kind(self, upstream: str) -> str:
        return self._upstreams[upstream].kind if upstream in self._upstreams else "demo"

    def _apis(self, upstream: str) -> tuple[str, ...]:
        kind = self._kind(upstream)
        return ("openai", "anthropic") if kind == "demo" else (kind,)

    async def models(self, api: str) -> list[ModelEntry]:
        """Every model a client of `api` may name, sorted by id."""
        found: dict[str, ModelEntry] = {}
        for route in self._routes:
            if api not in self._apis(route.upstream):
                continue
            if not _is_glob(route.model):
                found.setdefault(route.model, ModelEntry(route.model, api, owned_by=route.upstream))
                continue
            if route.models:
                candidates = [ModelEntry(name, api, owned_by=route.upstream) for name in route.models]
            else:
                candidates = [e for raw in await self._catalog(route.upstream)
                              if (e := _entry(raw, api, route.upstream)) is not None]
            for entry in candidates:
                if entry.id not in found and fnmatch.fnmatchcase(entry.id, route.model) \
                        and self._routes_to(entry.id, api, route.upstream):
                    found[entry.id] = entry
        return [found[name] for name in sorted(found)]

    async def model(self, api: str, model_id: str) -> ModelEntry | None:
        for entry in await self.models(api):
            if entry.id == model_id:
                return entry
        return None

    def _routes_to(self, name: str, api: str, upstream: str) -> bool:
        try:
            return self._router.route(name, api).upstream.name == upstream
        except MoatError:
            return False

    async def _catalog(self, upstream: str) -> list[dict[str, Any]]:
        if self._kind(upstream) == "demo":
            return [{"id": name, "created": 0, "owned_by": "moat"} for name in DEMO_MODELS]
        cached = self._cache.get(upstream)
        if cached is not None and cached[0] > self._clock():
            return cached[1]
        pending = self._fetching.get(upstream)
        if pending is None:
            pending = self._fetching[upstream] = asyncio.ensure_future(self._fetch(upstream))
            pending.add_done_callback(lambda _: self._fetching.pop(upstream, None))
        return await asyncio.shield(pending)

    async def _fetch(self, name: str) -> list[dict[str, Any]]:
        settings = self._upstreams[name]
        try:
            answer = await side_call(settings, "GET", "/models",
                                     query=b"limit=1000" if settings.kind == "anthropic" else b"")
            answer.raise_for_status()
            data = answer.json().get("data")
            if not isinstance(data, list):
                raise ValueError("no 'data' list in its answer")
        except Exception as exc:  # whatever the upstream did, the list answers without it
            log.warning("models: the catalog of upstream '%s' is unavailable (%s); its glob routes list "
                        "nothing for %g s", name, exc, RETRY)
            self._cache[name] = (self._clock() + RETRY, [])
            return []
        self._cache[name] = (self._clock() + TTL, data)
        return data
