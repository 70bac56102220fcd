"""Data routes: Moat in front of any HTTP API (docs/data-apis.md, issue 15).

`DataApi` is the runtime's collaborator for `kind = "http"` upstreams and `[[routes]] path = ...`:
it matches a request path to its route (the longest configured prefix, on a segment boundary:
`/2/tweets` matches `/2/tweets` and `/2/tweets/123`, not `/2/tweetsx`), holds the data upstreams,
the data counters (moat.limits.data), the open streams (moat.gateway.data_streams) and their
journal (moat.gateway.data_journal), and answers the relay's questions about the decision: which
data caps apply, which keys to meter, the caller's usage this month. The request itself goes
through moat.gateway.data_relay.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from moat.config import RouteSettings, Settings
from moat.context import RequestContext
from moat.errors import MoatError
from moat.gateway.data_journal import StreamJournal
from moat.gateway.data_metrics import DataMetrics
from moat.gateway.data_rules import ResourceOf, item_field, resource_rule
from moat.gateway.data_streams import OpenStream, OpenStreams
from moat.gateway.data_upstream import DataUpstream
from moat.gateway.endpoints import Endpoint
from moat.gateway.http import Receive, Scope, Send
from moat.gateway.restrict import apply_restriction
from moat.ids import new_id
from moat.limits.base import Usage
from moat.limits.data import DataCheck, DataCounters
from moat.limits.data_redis import SharedDataCounters
from moat.limits.keys import key_value

if TYPE_CHECKING:
    from moat.context import Decision
    from moat.gateway.runtime import Runtime

log = logging.getLogger("moat.gateway")


def _not_a_model_call(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("a data route has no model body")


def _no_usage(obj: dict[str, Any], facts: Any) -> Usage:
    return Usage()


@dataclass(frozen=True, slots=True)
class DataRoute:
    prefix: str
    settings: RouteSettings
    upstream: DataUpstream
    methods: frozenset[str]  # empty: every method
    items: str  # "" | ndjson | sse | none
    shape: str  # upstream | problem
    resource_of: ResourceOf
    item_field: Callable[[Any], str | None] | None
    endpoint: Endpoint  # what the model stages read (the record's `endpoint`: the route's prefix)

    def matches(self, path: str) -> bool:
        prefix = self.prefix
        return path.startswith(prefix) and (len(path) == len(prefix) or prefix.endswith("/")
                                            or path[len(prefix)] == "/")


def build_routes(settings: Settings, upstreams: dict[str, DataUpstream]) -> list[DataRoute]:
    routes = []
    for r in settings.data_routes():
        endpoint = Endpoint(r.path, "http", r.path, _not_a_model_call, _not_a_model_call, _no_usage, None, None,
                            generates=False)
        routes.append(DataRoute(r.path, r, upstreams[r.upstream], frozenset(m.upper() for m in r.methods),
                                r.items, r.errors, resource_rule(r.resource),
                                item_field(r.item_resource) if r.item_resource else None, endpoint))
    return sorted(routes, key=lambda route: len(route.prefix), reverse=True)


class DataApi:
    """The data routes of one gateway process; see the module docstring."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        settings = rt.settings
        self.upstreams = {u.name: DataUpstream(u) for u in settings.upstreams if u.kind == "http"}
        self.routes = build_routes(settings, self.upstreams)
        # Shared through Redis when it is configured (replicas agree, months survive restarts), else in memory.
        self.counters: DataCounters = (SharedDataCounters.from_url(settings.redis_url, settings.redis_prefix)
                                       if settings.redis_url else DataCounters())
        self.streams = OpenStreams(self.judge, self.signature)
        self.journal = StreamJournal(settings.home_path / "streams")
        self.metrics = DataMetrics(rt.metrics.registry, [r.prefix for r in self.routes]) if self.routes else None

    def match(self, path: str) -> DataRoute | None:
        for route in self.routes:
            if route.matches(path):
                return route
        return None

    async def handle(self, route: DataRoute, scope: Scope, receive: Receive, send: Send,
                     refusal: MoatError | None) -> None:
        from moat.gateway.data_relay import handle_data

        await handle_data(self, route, scope, receive, send, refusal)

    async def start(self) -> None:
        """After the recorder started: recover the records of streams a dead process left open."""
        if not self.routes:
            return
        self.journal.start()
        self.journal.recover(self.rt.recorder.record)
        for upstream in self.upstreams.values():
            await upstream.start()
        self.counters.start()
        self.streams.start()

    async def stop(self) -> None:
        if not self.routes:
            return
        await self.streams.stop()
        await self.counters.stop()
        for upstream in self.upstreams.values():
            await upstream.close()
        self.journal.stop()

    # ---- what the relay asks -------------------------------------------------------------------
    def data_checks(self, decision: Decision) -> list[DataCheck]:
        """The data caps of the limits the decision applies, each with its key value."""
        if not decision.limits:
            return []
        limits = self.rt.policy.engine.bundle.limits
        out: list[DataCheck] = []
        for name, value in decision.limits.items():
            compiled = limits.get(name)
            if compiled is not None:
                out += [DataCheck(cap, value) for cap in compiled.definition.data]
        return out

    @staticmethod
    def meter_keys(ctx: RequestContext, checks: list[DataCheck]) -> tuple[str, ...]:
        """Every data request is metered for its key, account and organization (`usage.*` reads the
        account's), and for whatever other key a cap counts by."""
        keys = [k for k in (key_value("key", ctx), key_value("account", ctx), key_value("organization", ctx)) if k]
        for check in checks:
            if check.key not in keys:
                keys.append(check.key)
        return tuple(keys)

    def usage_of(self, ctx: RequestContext) -> tuple[int, int, int]:
        """(items, bytes, distinct resources) delivered to the account this month: `usage.*`."""
        account = key_value("account", ctx)
        return self.counters.usage(account) if account else (0, 0, 0)

    # ---- judging open streams again (moat.gateway.data_streams) ----------------------------------
    def signature(self) -> Hashable:
        rt = self.rt
        enforcement = rt.enforcement
        return (rt.directory.seq, enforcement.restrictions.position, enforcement.exceptions.position,
                id(rt.policy.engine))

    async def judge(self, stream: OpenStream) -> MoatError | None:
        """The decide stage again, without its side effects (no flag, no case, no webhook): the
        refusal that ends the stream, or None while it may go on."""
        from moat.gateway.data_relay import refusal_of

        rt = self.rt
        call = stream.call
        ctx = call.ctx
        try:
            ctx.key, ctx.account, ctx.org = await rt.directory.authenticate(stream.secret)
        except MoatError as exc:  # a revoked key, a suspended or blocked account
            exc.decision_id = exc.decision_id or new_id("dec")
            return exc
        ctx.entity = rt.resolve(ctx, call.attribution)
        ctx.usage_this_month = self.usage_of(ctx)
        lift = rt.enforcement.exceptions.for_call(ctx)
        decision = rt.policy.decide(ctx, rt.directory, lift)
        restriction = rt.enforcement.for_call(ctx.account.account_id if ctx.account else None,
                                              ctx.org.org_id if ctx.org else None)
        if restriction is not None and decision.allowed:
            decision = apply_restriction(decision, restriction, ctx, rt.policy.engine)
        if decision.allowed:
            return None
        # The engine names a decision after its request, so this one would carry the id of the
        # decision that opened the stream: it is another decision, with an id of its own (the
        # record's `cut_decision_id`, the final item's `decision_id`).
        opened, cut = decision.decision_id, new_id("dec")
        decision = replace(decision, decision_id=cut, message=decision.message.replace(opened, cut))
        log.info("ending an open data stream: %s", decision.reason_code, extra={"request_id": ctx.request_id})
        return refusal_of(decision)
