"""Enforcement inside one gateway replica: the restrictions cache, the exceptions index, the platforms
and webhooks registered at run time (moat.enforce.registry_follow), the webhook worker, and the
non-blocking hooks the pipeline calls (`note_flag`, `note_denied`).

Built once in `Runtime.__init__` and started/stopped with it (after the store is open, before it is
closed):

    self.enforcement = Enforcement(self.store, settings)
    await self.enforcement.start()     # in Runtime.start, after store.open()
    await self.enforcement.stop()      # in Runtime.stop, before store.close()

The hooks never await and never touch the database: they dedupe in memory, then hand the work to a
bounded queue that a background task drains (opening or extending a case; queueing a webhook). A
full queue drops the item and counts it (`dropped`): a case or a notification is not worth a
request's latency, and the decision itself is in the decision log regardless.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from moat.config import Settings, WebhookSettings
from moat.enforce.cases import open_case
from moat.enforce.exception_index import ExceptionIndex
from moat.enforce.labels import note_flags, policy_flag
from moat.enforce.models import Restriction
from moat.enforce.registry_follow import RegistryFollower
from moat.enforce.restrictions import Restrictions
from moat.enforce.services import EnforceContext
from moat.enforce.storage import EnforceStore
from moat.enforce.subjects import merge_member_cases, subject_for
from moat.enforce.webhooks import WebhookWorker, subscribed
from moat.store import Store

log = logging.getLogger(__name__)

_MAX_REMEMBERED = 100_000  # bound on the dedupe memory


class Enforcement:
    """One replica's enforcement machinery; see the module docstring."""

    def __init__(self, store: Store, settings: Settings, *, flag_ttl: float = 600.0, denied_ttl: float = 60.0,
                 denied_per_second: float = 5.0, queue_size: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        es = EnforceStore(store)
        self.cx = EnforceContext(store, es, tuple(settings.webhooks))
        self.restrictions = Restrictions(es)
        self.exceptions = ExceptionIndex(es)
        self.webhooks = WebhookWorker(es, settings)
        self._denied_on = any(subscribed(h, "decision.denied") for h in settings.webhooks if h.url)
        # Platforms and webhooks registered through the admin API or the CLI, followed like the rest.
        self.registry = RegistryFollower(es, settings)
        self.registry.on_webhooks(self._use_webhooks)
        self._flag_ttl = flag_ttl
        self._denied_ttl = denied_ttl
        self._rate = denied_per_second
        self._tokens = denied_per_second
        self._refilled = clock()
        self._clock = clock
        self._seen: dict[tuple[str, ...], float] = {}
        self._queue: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue(queue_size)
        self._task: asyncio.Task[None] | None = None
        self.dropped = 0
        self.started = False

    def _use_webhooks(self, hooks: tuple[WebhookSettings, ...]) -> None:
        """The webhooks in force changed: new events go to these endpoints, the worker delivers to them."""
        self.cx.hooks = hooks
        self.webhooks.use(hooks)
        self._denied_on = any(subscribed(h, "decision.denied") for h in hooks if h.url)

    async def start(self) -> None:
        await self.cx.es.open()
        await self.registry.start()
        await self.restrictions.start()
        await self.exceptions.start()
        await self.webhooks.start()
        self._task = asyncio.create_task(self._drain(), name="moat-enforcement-hooks")
        self.started = True

    async def stop(self, timeout: float = 5.0) -> None:
        """Finish the queued hook work (within `timeout`), then stop the workers."""
        if self._task is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._queue.join(), timeout)
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.webhooks.stop()
        await self.exceptions.stop()
        await self.restrictions.stop()
        await self.registry.stop()
        self.started = False

    # ---- the hot path ----------------------------------------------------------------------
    def for_call(self, account_id: str | None, org_id: str | None) -> Restriction | None:
        """The restriction in force for this account / organization (memory only)."""
        return self.restrictions.for_call(account_id, org_id)

    def note_flag(self, account_id: str, *, decision_id: str | None = None, reason_code: str | None = None,
                  rules: Sequence[str] = (), org_id: str | None = None, request_id: str | None = None,
                  cluster_id: str | None = None) -> None:
        """A `flag` decision: open (or add to) the case of the account's network (`cluster_id`, the
        online scorer's at decide time), or of the account, once per `flag_ttl` per account."""
        if not self._first(("flag", account_id), self._flag_ttl):
            return
        self._put("flag", {"account_id": account_id, "decision_id": decision_id, "reason_code": reason_code,
                           "rules": list(rules), "org_id": org_id, "request_id": request_id,
                           "cluster_id": cluster_id})

    def note_denied(self, account_id: str | None, *, decision_id: str, reason_code: str,
                    org_id: str | None = None, request_id: str | None = None) -> None:
        """A refusal: a sampled `decision.denied` webhook, at most one per account and reason per
        `denied_ttl`, and at most `denied_per_second` per replica."""
        if not self._denied_on or not self._first(("denied", account_id or "", reason_code), self._denied_ttl):
            return
        now = self._clock()
        self._tokens = min(self._rate, self._tokens + (now - self._refilled) * self._rate)
        self._refilled = now
        if self._tokens < 1.0:
            return
        self._tokens -= 1.0
        self._put("denied", {"decision_id": decision_id, "account_id": account_id, "reason_code": reason_code,
                             "org_id": org_id, "request_id": request_id})

    def _first(self, key: tuple[str, ...], ttl: float) -> bool:
        now = self._clock()
        if self._seen.get(key, 0.0) > now:
            return False
        if len(self._seen) >= _MAX_REMEMBERED:
            self._seen = {k: t for k, t in self._seen.items() if t > now} or {}
            if len(self._seen) >= _MAX_REMEMBERED:
                self._seen.clear()
        self._seen[key] = now + ttl
        return True

    def _put(self, kind: str, item: dict[str, Any]) -> None:
        try:
            self._queue.put_nowait((kind, item))
        except asyncio.QueueFull:
            self.dropped += 1

    # ---- off the hot path ------------------------------------------------------------------
    async def _drain(self) -> None:
        while True:
            kind, item = await self._queue.get()
            try:
                if kind == "flag":
                    subject = await subject_for(self.cx, item["account_id"], item.get("cluster_id"))
                    case, _ = await open_case(self.cx, actor="gateway", subject=subject, source="flag",
                                              title=f"flagged: {item.get('reason_code') or 'policy'}",
                                              evidence=[("flag", item["account_id"], item)])
                    await merge_member_cases(self.cx, case, "gateway")
                    await note_flags(self.cx, [policy_flag(item["account_id"], item.get("reason_code"),
                                                           item.get("rules") or (), time.time())])
                else:
                    await self.cx.notify("decision.denied", item)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("enforcement: could not record a %s hook", kind, exc_info=True)
            finally:
                self._queue.task_done()


async def context_for(rt: Any) -> EnforceContext:
    """The enforcement context of a gateway runtime: its started `Enforcement`'s, or one opened over
    the runtime's store (when the runtime does not hold an `Enforcement`)."""
    enforcement = getattr(rt, "enforcement", None)
    if isinstance(enforcement, Enforcement) and enforcement.started:
        return enforcement.cx
    return await EnforceContext.open(rt.store, rt.settings.webhooks)
