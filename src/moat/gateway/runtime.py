"""Everything one gateway process holds, built once at start-up and passed explicitly.

No module keeps state in globals: `moat.gateway.build.build_runtime` builds the collaborators (or
takes the caller's), `Runtime.start()` opens the store, warms the directory, starts
the upstream pools and the recorder; `Runtime.stop()` closes them in reverse order, flushing
every record. A database that does not answer at start means a degraded start from the directory
snapshot (`moat.gateway.degraded`), caught up when it returns.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from moat.audit.recorder import Recorder
from moat.config import Settings, UpstreamSettings
from moat.context import Decision, RequestContext, ResolvedEntity
from moat.detect.online import OnlineDetection
from moat.enforce.feed import FeedFile, FeedPublisher
from moat.enforce.runtime import Enforcement
from moat.errors import MoatError, RecordingUnavailable, RequestExceedsPlan
from moat.gateway.background import BackgroundSettler
from moat.gateway.background_share import SharedPending
from moat.gateway.data_api import DataApi
from moat.gateway.degraded import SnapshotKeeper, readiness, usable_snapshot
from moat.gateway.forwarding import Forwarding
from moat.gateway.metrics import Metrics
from moat.gateway.models_catalog import ModelCatalog
from moat.gateway.record import FinishedCall, build_record, finish_record, prepare_record
from moat.gateway.response_owners import ResponseOwners, StoredResponse
from moat.gateway.restrict import apply_enforcement, apply_restriction
from moat.gateway.stored_access import AccessDecisions
from moat.gateway.upstreams import Router
from moat.identity.attribution import Attribution, AttributionVerifier, attribute, platforms_from_records
from moat.identity.attribution_nonces import SharedNonceCache
from moat.identity.directory import Directory
from moat.identity.resolution import Resolution
from moat.ids import new_id
from moat.limits.base import Admission, Check, ImmediateLimiter, Limiter, Usage, oversized
from moat.limits.headers import rate_limited
from moat.limits.keys import demand_for
from moat.policy import BundleError, Engine, PolicyStore
from moat.policy.inputs import recorded_inputs
from moat.store import Store
from moat.store.base import AdminAction, RecordBatchItem
from moat.store.link import StoreLink
from moat.tasks import cancel

if TYPE_CHECKING:
    from redis.asyncio import Redis

    from moat.console.app import Console

log = logging.getLogger("moat.gateway")


class LimitRefused(Exception):
    """The admit stage refused the call: `error` to answer with, and `decision` as the record keeps it
    (a new value: the decide stage's own is not rewritten)."""

    def __init__(self, error: MoatError, decision: Decision) -> None:
        super().__init__(error.message)
        self.error = error
        self.decision = decision


class Runtime:
    """One gateway process's collaborators, given by `moat.gateway.build.build_runtime` (which
    builds them from the settings unless injected); here they are only wired to each other."""

    data: DataApi  # data routes: any HTTP API, firehoses included (docs/data-apis.md); set by build_runtime

    def __init__(self, settings: Settings, *, store: Store, directory: Directory, router: Router,
                 models: ModelCatalog, response_owners: ResponseOwners, forwarding: Forwarding, metrics: Metrics,
                 recorder: Recorder, policy: PolicyStore, limiter: Limiter, enforcement: Enforcement,
                 online: OnlineDetection, resolution: Resolution, attribution: AttributionVerifier,
                 feed: FeedPublisher | FeedFile | None, redis: Redis | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.settings = settings
        self.home = Path(settings.home)
        self.store = store
        self.directory = directory
        self.router = router
        self.models = models
        self.response_owners = response_owners
        # background Responses, recorded and settled when they finish (moat.gateway.background)
        self.background = BackgroundSettler(settings.relay, self,
                                            SharedPending.from_url(settings.redis_url, settings.redis_prefix))
        self.forwarding = forwarding
        self.metrics = metrics
        self.recorder = recorder
        # requests on stored responses: access decisions, logged (moat.gateway.stored_access)
        self.stored_access = AccessDecisions(recorder)
        self.policy = policy
        policy.on_change, policy.on_error = self._policy_changed, self._policy_refused
        self.limiter = limiter
        # In-process limiters answer without a coroutine (fewer µs per call): asked once, here.
        self._immediate = limiter if isinstance(limiter, ImmediateLimiter) else None
        self.enforcement = enforcement
        self.online = online
        self.resolution = resolution
        self.attribution = attribution
        # Platforms registered at run time (moat.enforce.registry) join the settings file's.
        enforcement.registry.on_platforms(
            lambda platforms: attribution.load(platforms_from_records(asdict(p) for p in platforms)))
        self.feed = feed
        self.clock = clock
        self._first_party = tuple(settings.first_party_clients)
        self.started = False
        # The loop it was started on, asked once: on Python 3.11 `get_running_loop()` is a getpid() each time.
        self.loop: asyncio.AbstractEventLoop | None = None
        self.console: Console | None = None  # the reviewers' console, set by build_runtime
        self._probes: dict[str, Callable[[], Awaitable[object]]] = {"resolution": self._linked}
        self._tasks: list[asyncio.Task[Any]] = []
        self._redis = redis
        if redis is not None:
            self._probes["redis"] = redis.ping
        self.link = StoreLink(store, settings.database, on_back=self._database_back,
                              on_change=self._database_changed)
        self.snapshots = SnapshotKeeper(
            store, self.home, self.link, interval=settings.database.snapshot_interval,
            position=lambda: enforcement.restrictions.seq, restrictions=enforcement.restrictions.snapshot_rows)
        self._deferred: list[Callable[[], Awaitable[None]]] = []  # what waits for the database
        self._pending_admin: list[AdminAction] = []  # admin-log entries made while it is away
        # SQLite lives in the home directory already: a snapshot beside it would add nothing.
        self._keep_snapshot = settings.database.snapshot and not settings.store_url.startswith("sqlite:")

    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.home.mkdir(parents=True, exist_ok=True)
        if await self.link.connect():
            await self.directory.start()
            await self.resolution.start()
        else:  # degraded: serve the last known directory (or refuse to start, in one line)
            snapshot = usable_snapshot(self.settings, self.link.reason)
            log.warning("starting degraded: the database is unreachable (%s); serving the directory "
                        "snapshot of %s", self.link.reason,
                        time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(snapshot.written_at)))
            self.directory.start_offline(snapshot)
            self.enforcement.restrictions.restore(snapshot.restrictions)
            await self.resolution.start(snapshot.accounts)
            # Detection reads scores from the database unless Redis holds them.
            self._deferred = [self.enforcement.start] if self.settings.redis_url else [
                self.online.start, self.enforcement.start]
        if self.feed is None:
            self.feed = await asyncio.to_thread(FeedPublisher, self.home)
            await self._publish_feed(set(), set())
            self.directory.add_listener(self._publish_feed)
        await self.router.start()
        await self.recorder.start()
        if self.online.start not in self._deferred:
            await self.online.start()
        if self.enforcement.start not in self._deferred:
            await self.enforcement.start()
        self.policy.start()
        await self.data.start()
        self._tasks.append(asyncio.create_task(self._observe(), name="moat-observe"))
        self._tasks.append(asyncio.create_task(self.link.run(), name="moat-database-link"))
        if self._keep_snapshot:
            self._tasks.append(asyncio.create_task(self.snapshots.run(), name="moat-directory-snapshot"))
        if self.background.share is not None:  # pending background responses other replicas gave up
            self._tasks.append(asyncio.create_task(self.background.take_over(), name="moat-background-take-over"))
        self.started = True

    def _database_changed(self, up: bool) -> None:
        """The database went away or came back: directory cache misses fail fast while it is away."""
        if not up or self.directory.snapshot_at is None:
            self.directory.offline = not up

    async def _database_back(self) -> None:
        """After a degraded start, the database answers: load the directory fresh, start what
        waited for it, write the admin-log entries made meanwhile (the recorder drains by itself)."""
        await self.directory.reload()
        await self.resolution.reload()
        while self._deferred:
            await self._deferred[0]()
            self._deferred.pop(0)
        while self._pending_admin:
            await self.store.append_admin(self._pending_admin[0])
            self._pending_admin.pop(0)
        log.info("caught up with the database: directory reloaded, write-ahead log draining")

    async def stop(self) -> None:
        for task in self._tasks:
            await cancel(task)
        await self.data.stop()
        await self.background.aclose()  # before the limiter and the recorder it writes to
        await self.policy.stop()
        if self.console is not None:
            await self.console.close()
        await self.router.close()
        await self.enforcement.stop()
        close = getattr(self.limiter, "aclose", None)
        if close is not None:
            await close()
        if self._redis is not None:
            await self._redis.aclose()
        await self.response_owners.aclose()
        if isinstance(self.attribution.nonces, SharedNonceCache):
            await self.attribution.nonces.aclose()
        await self.online.stop()
        if self._keep_snapshot:
            try:  # the directory as this replica leaves it, for a start while the database is down
                await asyncio.wait_for(self.snapshots.save(), timeout=10)
            except Exception:
                log.warning("directory snapshot: could not write it at stop", exc_info=True)
        # While the database is away the records stay in the write-ahead log for the next start.
        await self.recorder.stop(timeout=self.settings.server.graceful_timeout if self.link.up else 1.0)
        await self.resolution.stop()
        await self.directory.stop()
        await self.store.close()

    async def _observe(self) -> None:
        """Publish slow-moving state to the metrics once a second (off the hot path)."""
        while True:
            self.metrics.observe_database(self.link, self.directory.snapshot_at)
            self.metrics.observe_recorder(self.recorder.stats)
            self.metrics.observe_limiter(self.limiter)
            self.metrics.observe_online(self.online.stats())
            self.metrics.observe_nonces(self.attribution.nonces)
            self.metrics.observe_background(self.background.stats())
            self.metrics.flush()
            await asyncio.sleep(1.0)

    def _policy_changed(self, engine: Engine) -> None:
        self._admin_log("policy.reload", engine.revision, {"directory": str(self.policy.directory)})

    def _policy_refused(self, error: BundleError) -> None:
        self._admin_log("policy.refused", self.policy.revision,
                        {"directory": str(self.policy.directory), "errors": [str(e) for e in error.errors]})

    def _admin_log(self, action: str, target: str, details: dict[str, Any]) -> None:
        """A policy change seen by this replica goes to the admin log (off the hot path)."""
        actor = f"gateway:{socket.gethostname()}:{os.getpid()}"
        if not self.link.caught_up:  # degraded start: written once the database is back
            if len(self._pending_admin) < 1000:
                self._pending_admin.append(AdminAction(actor, action, target, details))
            return
        task = asyncio.create_task(self.store.append_admin(AdminAction(actor, action, target, details)))
        self._tasks.append(task)

    async def _linked(self) -> None:
        """Not ready until every stored account is linked: serving earlier could miss a restriction."""
        if not self.resolution.ready.is_set():
            raise RuntimeError("accounts are still being linked")

    async def _publish_feed(self, org_ids: set[str], account_ids: set[str]) -> None:
        """Re-sign the restricted-entity feed when organizations change (restriction by ownership included)."""
        if isinstance(self.feed, FeedPublisher) and (org_ids or not account_ids):
            orgs = [replace(o, restricted=self.directory.is_restricted(o.org_id)) for o in self.directory.orgs()]
            await asyncio.to_thread(self.feed.update, orgs)

    def readiness_probes(self) -> dict[str, Callable[[], Awaitable[object]]]:
        """Dependencies besides the store that must answer for the replica to be ready."""
        return dict(self._probes)

    async def readiness(self) -> tuple[int, dict[str, Any]]:
        """/readyz: 200 "ready"; 200 "degraded" while the database is away (serving from the
        directory cache or snapshot, recording into the write-ahead log; `degraded` says since
        when); 503 "not ready" before start or when another probe fails."""
        await self.link.probe()
        checks: dict[str, str] = {}
        checks["store"], database = readiness(self.link, self.directory.snapshot_at)
        ready = self.started
        for name, probe in self.readiness_probes().items():
            try:
                await asyncio.wait_for(probe(), timeout=1.0)
                checks[name] = "ok"
            except Exception as exc:
                checks[name] = f"unreachable: {type(exc).__name__}"
                ready = False
        for name, state in checks.items():
            self.metrics.dependency_up.labels(name).set(1 if state == "ok" else 0)
        self.metrics.observe_database(self.link, self.directory.snapshot_at)
        body: dict[str, Any] = {"status": "not ready", "checks": checks}
        degraded: dict[str, Any] = {} if database is None else {"database": database}
        nonces = self.attribution.nonces
        if isinstance(nonces, SharedNonceCache):  # serving by its fail mode while Redis is away
            checks["attribution_nonces"] = nonces.state()
            if nonces.degraded:
                degraded["attribution_nonces"] = checks["attribution_nonces"]
        if ready:
            body["status"] = "degraded" if degraded else "ready"
        if degraded:
            body["degraded"] = degraded
        return (200 if ready else 503), body

    # ---- stages ----------------------------------------------------------------------------
    async def attribute(self, ctx: RequestContext, headers: dict[bytes, bytes],
                        payload: dict[str, Any]) -> Attribution | None:
        """The platform's signed end-user claim (401 when forged, expired, replayed, or another
        platform's); without one, the APIs' unsigned end-user fields as low trust."""
        token = headers.get(b"moat-attribution")
        return await attribute(ctx, token.decode("latin-1") if token else None, payload, self.attribution)

    def resolve(self, ctx: RequestContext, attribution: Attribution | None) -> ResolvedEntity:
        """The organization really behind the call, from the account, its links and the attribution."""
        return self.resolution.resolve(ctx, attribution)

    def decide(self, ctx: RequestContext) -> Decision:
        ua = ctx.user_agent
        ctx.first_party = bool(ua and self._first_party and ua.startswith(self._first_party))
        self.online.fill(ctx)  # detector scores, from memory
        # Exceptions granted to this caller, evaluated before refusals (moat.enforce.exceptions).
        lift = self.enforcement.exceptions.for_call(ctx)
        decision = self.policy.decide(ctx, self.directory, lift)
        ctx.inputs = recorded_inputs(ctx, self.directory, lift)  # so a replay decides from the same facts
        return apply_enforcement(self.enforcement, self.policy.engine, ctx, decision)

    def preview(self, ctx: RequestContext) -> Decision:
        """The decision a call in `ctx` would get, acted on by nothing (no flag, no case, no count):
        for listings such as GET /v1/models, which ask what a caller may use without calling."""
        ua = ctx.user_agent
        ctx.first_party = bool(ua and self._first_party and ua.startswith(self._first_party))
        self.online.fill(ctx)
        decision = self.policy.decide(ctx, self.directory)
        restriction = self.enforcement.for_call(ctx.account.account_id if ctx.account else None,
                                                ctx.org.org_id if ctx.org else None)
        if restriction is not None and decision.allowed:
            return apply_restriction(decision, restriction, ctx, self.policy.engine)
        return decision

    async def admit(self, ctx: RequestContext, decision: Decision) -> Admission | None:
        """Take the decision's limits from the limiter; raise `LimitRefused` (429, or 400 for a request
        no wait can fit) with the refused decision, a new value, when one refuses."""
        if not decision.limits:
            return None
        engine = self.policy.engine
        demand = demand_for(ctx, default_max_tokens=decision.max_tokens_cap or self.settings.default_max_tokens)
        checks = engine.checks(decision)
        too_big = oversized(checks, demand)
        if too_big is not None:
            raise self._exceeds_plan(ctx, decision, *too_big)
        immediate = self._immediate
        if immediate is not None:  # in-process: skip the coroutine (same answer, fewer µs)
            admission = immediate.admit_now(checks, demand)
        else:
            admission = await self.limiter.admit(checks, demand)
        if admission.allowed:
            return admission
        reason, message = engine.limit_refusal(decision, admission.refused_by or "")
        error = rate_limited(admission)
        error.code, error.message, error.decision_id = reason, message, decision.decision_id
        raise LimitRefused(error, replace(decision, effect="throttle_refused", reason_code=reason, message=message,
                                          retry_after=admission.retry_after))

    @staticmethod
    def _exceeds_plan(ctx: RequestContext, decision: Decision, check: Check, floor: int) -> LimitRefused:
        """One refusal, without Retry-After, for a request no wait can fit (moat.limits.base.oversized)."""
        spec = check.spec
        per = {60.0: "minute", 3600.0: "hour", 86400.0: "day"}.get(spec.period, f"{spec.period:g} s")
        plan = f"the {ctx.plan} plan" if ctx.plan else "your plan"
        message = (f"This request needs at least {floor:,} input tokens against the limit '{spec.name}', more "
                   f"than {plan} allows at once ({spec.capacity:,} per {per}), so it can never be served as "
                   f"it is: shorten it, or move to a plan with a larger quota. Decision {decision.decision_id}.")
        return LimitRefused(RequestExceedsPlan(message, decision_id=decision.decision_id),
                            replace(decision, effect="throttle_refused", reason_code="request_exceeds_plan",
                                    message=message))

    def settle_now(self, admission: Admission, usage: Usage) -> bool:
        """Settle and release in-process, without a coroutine; False when the limiter is shared
        (Redis) and the caller must `await settle(...)` instead."""
        immediate = self._immediate
        if immediate is None:
            return False
        immediate.finish_now(admission, usage)
        return True

    async def settle(self, admission: Admission, usage: Usage) -> None:
        """Replace the admission's reservations by the real usage and free its slots (any limiter)."""
        await self.limiter.finish(admission, usage)

    async def finish_admission(self, admission: Admission, usage: Usage) -> None:
        """Settle `admission` on `usage` with whichever limiter this is (a background response's, later)."""
        if not self.settle_now(admission, usage):
            await self.settle(admission, usage)

    def upstream_settings(self, name: str) -> UpstreamSettings | None:
        return next((u for u in self.settings.upstream_table() if u.name == name), None)

    def build_item(self, call: FinishedCall, usage: Usage) -> RecordBatchItem:
        """The call's record as it would be written now, not written (a background response's,
        shared so that another replica can write it: moat.gateway.background_share)."""
        recording = self.settings.recording
        return build_record(call, usage, self.clock(), recording.max_field_chars, recording)

    def record_item(self, item: RecordBatchItem) -> None:
        """Write a record built elsewhere (a background response taken over from another replica)."""
        try:
            self.recorder.record(item)
        except OSError as exc:
            log.error("cannot write the write-ahead log: %s", exc, extra={"request_id": item.traffic["request_id"]})
            raise RecordingUnavailable("The gateway cannot record requests right now") from exc
        self.online.publish(item.traffic)
        self.metrics.count_call(item.traffic["endpoint"], "allow" if item.traffic["decision"] == "allow"
                                else str(item.traffic["reason_code"]), int(item.traffic["status"]))

    def refusal_decision(self, error: MoatError) -> Decision:
        """A decision for a request refused before decide (bad key, bad body, unknown model)."""
        code = error.code or error.type
        return Decision(decision_id=new_id("dec"), effect="deny", reason_code=code, message=error.message,
                        rules=[f"gateway.{code}"], policy_revision="gateway", status=error.status)

    def prepare_record(self, call: FinishedCall) -> RecordBatchItem:
        """The call's record as far as it is known before its answer (moat.gateway.record.prepare_record),
        for `record_call` to complete."""
        recording = self.settings.recording
        return prepare_record(call, recording.max_field_chars, recording)

    def record_call(self, call: FinishedCall, usage: Usage, prepared: RecordBatchItem | None = None, *,
                    extras: dict[str, Any] | None = None) -> RecordBatchItem:
        """The record stage: the call's record with what the relay returned as its usage, in the
        write-ahead log before its response completes; `prepared`: from `prepare_record` (this call's,
        used once), completed rather than built again; `extras`: fields added to the traffic record
        and the decision-log entry (a background response's `background_status`)."""
        now = self.clock()
        recording = self.settings.recording
        item = finish_record(prepared, call, usage, now) if prepared is not None else \
            build_record(call, usage, now, recording.max_field_chars, recording)
        if extras:
            item.traffic.update(extras)
            item.decision.update(extras)
        try:
            self.recorder.record(item)
        except OSError as exc:
            # No response may leave without its record (the audit guarantee), so fail closed.
            log.error("cannot write the write-ahead log: %s", exc, extra={"request_id": call.ctx.request_id})
            raise RecordingUnavailable("The gateway cannot record requests right now; try again shortly") from exc
        self.online.publish(item.traffic)  # to the detectors, off the hot path
        facts = call.facts
        if facts is not None and facts.extra and "response_id" in facts.extra and call.status < 400 \
                and call.ctx.account is not None:
            self.response_owners.remember(facts.extra["response_id"], StoredResponse(
                call.ctx.account.account_id, call.upstream_name,
                call.decision is not None and call.decision.redact_reasoning))
        m = self.metrics
        decision = "none" if call.decision is None else (
            "allow" if call.decision.allowed else call.decision.reason_code)
        m.count_call(call.ctx.endpoint, decision, call.status)
        if call.upstream_name:
            m.observe_upstream(call.upstream_name, call.upstream_seconds)
        m.observe_added(max(0.0, now - call.ctx.started - call.upstream_seconds))
        if usage.input_tokens or usage.output_tokens or usage.cache_read_tokens or usage.cache_write_tokens:
            m.count_tokens("input", call.upstream_name, usage.input_tokens)
            m.count_tokens("output", call.upstream_name, usage.output_tokens)
            for kind, n in (("cache_read", usage.cache_read_tokens), ("cache_write", usage.cache_write_tokens),
                            ("reasoning", usage.reasoning_tokens)):
                if n:  # by kind (issue 12 item 3): reasoning is part of output, the cache kinds are not input
                    m.count_tokens(kind, call.upstream_name, n)
        if call.redacted:
            m.redactions.inc()
        return item
