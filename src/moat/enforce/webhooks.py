"""Webhooks: signed events to the provider's own systems, delivered from a durable outbox.

`emit` writes one outbox row per configured endpoint subscribed to the event, in the database, and
returns; nothing is sent on the caller's path (and never on the gateway's hot path). A
`WebhookWorker` (one per gateway replica, or `moat webhooks deliver`) claims due rows with a
lease, so replicas never send the same delivery at the same time; a 2xx answer marks it delivered,
anything else is retried with exponential back-off and full jitter until `max_attempts`, then
marked failed. Delivery is at least once: receivers dedupe on `Moat-Event-Id`.

Signature (Stripe's scheme): `Moat-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
"<t>.<raw body>")>`. `verify_signature` checks it in constant time with a timestamp tolerance,
which stops replays of old deliveries.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from moat.config import Settings, WebhookSettings
from moat.enforce.models import Page
from moat.enforce.storage import EnforceStore, dumps, page_size
from moat.ids import new_id
from moat.store.database import Stmt
from moat.tasks import Backoff, cancel, poll

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "Moat-Signature"
TOLERANCE = 300.0  # seconds a signature stays valid
BASE_DELAY = 1.0
MAX_DELAY = 600.0
UNKNOWN_GRACE = 30.0  # seconds a delivery to an endpoint this replica does not know waits, then fails
LEASE = 30.0  # a claimed delivery is not claimed again for this long (a crashed worker's rows recover)
_COLS = ("delivery_id, event_id, event, endpoint, body, status, attempts, next_attempt_at, created_at, "
         "delivered_at, last_error")


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The `Moat-Signature` header value for a body sent at `timestamp`."""
    digest = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify_signature(secret: str, body: bytes, header: str, *, tolerance: float = TOLERANCE,
                     now: float | None = None) -> bool:
    """True when `header` signs `body` with `secret` and is at most `tolerance` seconds old."""
    parts: dict[str, list[str]] = {}
    for item in (header or "").split(","):
        name, sep, value = item.strip().partition("=")
        if sep:
            parts.setdefault(name, []).append(value)
    try:
        timestamp = int(parts["t"][0])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).rpartition("v1=")[2]
    return any(hmac.compare_digest(expected, given) for given in parts.get("v1", []))


def backoff(attempts: int, rand: Callable[[], float] = random.random) -> float:
    """Seconds before retry number `attempts` (1-based): half jitter over an exponential cap."""
    return Backoff(BASE_DELAY, MAX_DELAY, rand=rand).delay(attempts)


def subscribed(hook: WebhookSettings, event: str) -> bool:
    return "*" in hook.events or event in hook.events


@dataclass(slots=True)
class Delivery:
    delivery_id: str
    event_id: str
    event: str
    endpoint: str
    body: str
    status: str  # pending | delivered | failed
    attempts: int
    next_attempt_at: float
    created_at: float
    delivered_at: float | None
    last_error: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"delivery_id": self.delivery_id, "event_id": self.event_id, "event": self.event,
                "endpoint": self.endpoint, "status": self.status, "attempts": self.attempts,
                "next_attempt_at": self.next_attempt_at, "created_at": self.created_at,
                "delivered_at": self.delivered_at, "last_error": self.last_error}


async def emit(es: EnforceStore, hooks: Sequence[WebhookSettings], event: str, data: dict[str, Any]) -> str | None:
    """Queue `event` for every subscribed endpoint; returns the event id (None: nobody listens)."""
    targets = [h for h in hooks if h.url and subscribed(h, event)]
    if not targets:
        return None
    now = time.time()
    event_id = new_id("evt")
    body = dumps({"id": event_id, "type": event, "created": now, "data": data})
    await es.transaction([
        Stmt(f"INSERT INTO enforce_outbox ({_COLS}) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, NULL, NULL)",
             (new_id("whd"), event_id, event, h.url, body, now, now)) for h in targets])
    return event_id


async def list_deliveries(es: EnforceStore, *, status: str | None = None, limit: int | None = None,
                          cursor: str | None = None) -> Page:
    n = page_size(limit)
    where, args = ["delivery_id < ?"] if cursor else [], [cursor] if cursor else []
    if status:
        where.append("status = ?")
        args.append(status)
    rows = await es.db.fetch(f"SELECT {_COLS} FROM enforce_outbox {'WHERE ' + ' AND '.join(where) if where else ''}"
                             f" ORDER BY delivery_id DESC LIMIT {n + 1}", *args)
    items = [Delivery(*r) for r in rows]
    more = len(items) > n
    return Page(items[:n], items[n - 1].delivery_id if more else None)


class WebhookWorker:
    """Delivers due outbox rows; see the module docstring. `start()`/`stop()` or `run_once()`.
    `hooks`: the endpoints (default: the settings file's); `use()` replaces them."""

    def __init__(self, es: EnforceStore, settings: Settings, *, poll_interval: float = 0.5, batch: int = 50,
                 clock: Callable[[], float] = time.time, rand: Callable[[], float] = random.random,
                 transport: httpx.AsyncBaseTransport | None = None,
                 hooks: Sequence[WebhookSettings] | None = None) -> None:
        self._es = es
        self._hooks = {h.url: h for h in (settings.webhooks if hooks is None else hooks) if h.url}
        self._poll = poll_interval
        self._batch = batch
        self._clock = clock
        self._rand = rand
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._task: asyncio.Task[None] | None = None
        self._started = False

    def use(self, hooks: Sequence[WebhookSettings]) -> None:
        """Deliver to these endpoints from now on (the registry changed, moat.enforce.registry_follow);
        starts the loop when the first endpoint appears on a started worker."""
        self._hooks = {h.url: h for h in hooks if h.url}
        if self._started and self._task is None and self._hooks:
            self._task = asyncio.create_task(self._loop(), name="moat-webhooks")

    async def start(self) -> None:
        self._started = True
        if self._task is None and self._hooks:
            self._task = asyncio.create_task(self._loop(), name="moat-webhooks")

    async def stop(self) -> None:
        self._started = False
        await cancel(self._task)
        self._task = None
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def _loop(self) -> None:
        await poll(self.run_once, self._poll, log, "webhooks: a delivery round")

    async def run_once(self) -> int:
        """Attempt every due delivery once; returns how many were attempted."""
        now = self._clock()
        rows = await self._es.db.fetch(f"SELECT {_COLS} FROM enforce_outbox WHERE status = 'pending' AND "
                                       f"next_attempt_at <= ? ORDER BY next_attempt_at LIMIT {self._batch}", now)
        attempted = 0
        for row in rows:
            delivery = Delivery(*row)
            claimed = await self._es.db.execute(
                "UPDATE enforce_outbox SET next_attempt_at = ? WHERE delivery_id = ? AND status = 'pending' "
                "AND next_attempt_at = ?", now + LEASE, delivery.delivery_id, delivery.next_attempt_at)
            if claimed:
                attempted += 1
                await self._attempt(delivery)
        return attempted

    async def _attempt(self, delivery: Delivery) -> None:
        hook = self._hooks.get(delivery.endpoint)
        if hook is None and self._clock() - delivery.created_at < UNKNOWN_GRACE:
            # Registered a moment ago on another replica, which emitted before this one followed the
            # change (moat.enforce.registry_follow): wait for it rather than fail the delivery.
            await self._es.db.execute("UPDATE enforce_outbox SET next_attempt_at = ? WHERE delivery_id = ?",
                                      self._clock() + 1.0, delivery.delivery_id)
            return
        attempts = delivery.attempts + 1
        error = await self._send(hook, delivery) if hook else "endpoint no longer configured"
        now = self._clock()
        if error is None:
            await self._es.db.execute("UPDATE enforce_outbox SET status = 'delivered', attempts = ?, delivered_at = ?, "
                                      "last_error = NULL WHERE delivery_id = ?", attempts, now, delivery.delivery_id)
            return
        limit = hook.max_attempts if hook else 1
        status = "failed" if attempts >= limit else "pending"
        if status == "failed":
            log.warning("webhooks: giving up on %s to %s after %d attempts: %s", delivery.event,
                        delivery.endpoint, attempts, error)
        await self._es.db.execute("UPDATE enforce_outbox SET status = ?, attempts = ?, next_attempt_at = ?, "
                                  "last_error = ? WHERE delivery_id = ?", status, attempts,
                                  now + backoff(attempts, self._rand), error[:500], delivery.delivery_id)

    async def _send(self, hook: WebhookSettings, delivery: Delivery) -> str | None:
        """None on a 2xx answer, else why it failed."""
        if self._client is None:
            self._client = httpx.AsyncClient(transport=self._transport, follow_redirects=False)
        body = delivery.body.encode()
        headers = {"content-type": "application/json", "user-agent": "moat-webhooks",
                   "moat-event-id": delivery.event_id, "moat-event": delivery.event,
                   SIGNATURE_HEADER: sign(hook.signing_secret(), body, int(self._clock()))}
        try:
            response = await self._client.post(hook.url, content=body, headers=headers, timeout=hook.timeout)
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}"
        if 200 <= response.status_code < 300:
            return None
        return f"HTTP {response.status_code}"
