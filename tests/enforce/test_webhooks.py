"""Webhooks: signatures, the outbox, delivery to a real local HTTP server, back-off and give-up."""

from __future__ import annotations

import time
from collections.abc import Iterator

import orjson
import pytest

from moat.config import Settings, WebhookSettings
from moat.enforce import actions, webhooks
from moat.enforce.services import EnforceContext
from moat.enforce.webhooks import WebhookWorker, backoff, sign, verify_signature
from tests.enforce.webhook_server import WebhookServer

SECRET = "whsec_test"


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def test_signature_roundtrip_and_tampering() -> None:
    body = b'{"id":"evt_1"}'
    header = sign(SECRET, body, 1_800_000_000)
    assert header.startswith("t=1800000000,v1=")
    assert verify_signature(SECRET, body, header, now=1_800_000_010)
    assert not verify_signature(SECRET, body + b" ", header, now=1_800_000_010)
    assert not verify_signature("other", body, header, now=1_800_000_010)
    assert not verify_signature(SECRET, body, header, now=1_800_000_000 + 301)  # replayed too late
    assert not verify_signature(SECRET, body, "garbage", now=1_800_000_000)


def test_backoff_grows_exponentially_with_jitter() -> None:
    assert [backoff(n, lambda: 1.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 8.0]
    assert [backoff(n, lambda: 0.0) for n in (1, 2, 3)] == [0.5, 1.0, 2.0]
    assert backoff(40, lambda: 1.0) == webhooks.MAX_DELAY


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[WebhookServer]:
    srv = WebhookServer(fail_first=getattr(request, "param", 0)).start()
    yield srv
    srv.stop()


@pytest.fixture
def hooks(server: WebhookServer) -> list[WebhookSettings]:
    return [WebhookSettings(url=server.url, secret=SECRET, events=["action.applied", "action.undone"],
                            max_attempts=4),
            WebhookSettings(url="http://127.0.0.1:9/never", secret=SECRET, events=["case.opened"])]


async def test_action_events_delivered_signed(cx: EnforceContext, server: WebhookServer,
                                              hooks: list[WebhookSettings]) -> None:
    action = await actions.apply_action(cx, actor="rev:ann", kind="block", subject="account:a4", reason="abuse")
    await actions.undo_action(cx, actor="rev:ann", action_id=action.action_id, reason="appeal")
    worker = WebhookWorker(cx.es, Settings(webhooks=hooks))
    try:
        assert await worker.run_once() == 2
    finally:
        await worker.stop()
    assert [orjson.loads(r.body)["type"] for r in server.received] == ["action.applied", "action.undone"]
    for got in server.received:
        assert verify_signature(SECRET, got.body, got.headers["moat-signature"])
        event = orjson.loads(got.body)
        assert got.headers["moat-event-id"] == event["id"]
        assert event["data"]["action"]["action_id"] == action.action_id
    page = await webhooks.list_deliveries(cx.es, status="delivered")
    assert len(page.data) == 2 and all(d.attempts == 1 for d in page.data)


@pytest.mark.parametrize("server", [2], indirect=True)
async def test_failing_endpoint_is_retried_with_backoff_then_succeeds(cx: EnforceContext, server: WebhookServer,
                                                                     hooks: list[WebhookSettings]) -> None:
    await actions.apply_action(cx, actor="rev:ann", kind="suspend", subject="account:a4", reason="abuse")
    clock = Clock()
    worker = WebhookWorker(cx.es, Settings(webhooks=hooks), clock=clock, rand=lambda: 1.0)
    delays = []
    try:
        for _ in range(3):
            assert await worker.run_once() == 1
            pending = (await webhooks.list_deliveries(cx.es)).data[0]
            if pending.status == "delivered":
                break
            delays.append(pending.next_attempt_at - clock.now)
            assert await worker.run_once() == 0  # not due yet
            clock.now = pending.next_attempt_at
    finally:
        await worker.stop()
    assert delays == [pytest.approx(1.0), pytest.approx(2.0)]
    delivered = (await webhooks.list_deliveries(cx.es)).data[0]
    assert delivered.status == "delivered" and delivered.attempts == 3 and server.attempts == 3
    assert len(server.received) == 1
    assert verify_signature(SECRET, server.received[0].body, server.received[0].headers["moat-signature"],
                            now=clock.now)


@pytest.mark.parametrize("server", [100], indirect=True)
async def test_gives_up_after_max_attempts(cx: EnforceContext, server: WebhookServer,
                                           hooks: list[WebhookSettings]) -> None:
    await actions.apply_action(cx, actor="rev:ann", kind="suspend", subject="account:a4", reason="abuse")
    clock = Clock()
    worker = WebhookWorker(cx.es, Settings(webhooks=hooks), clock=clock, rand=lambda: 0.0)
    try:
        for _ in range(6):
            await worker.run_once()
            clock.now += 3600
    finally:
        await worker.stop()
    failed = (await webhooks.list_deliveries(cx.es, status="failed")).data
    assert len(failed) == 1 and failed[0].attempts == 4 and failed[0].last_error == "HTTP 500"
    assert server.attempts == 4


async def test_an_endpoint_this_replica_does_not_know_yet_waits_then_fails(cx: EnforceContext,
                                                                           hooks: list[WebhookSettings]) -> None:
    """Another replica may emit to an endpoint registered a moment ago, before this one follows the
    change (moat.enforce.registry_follow): the delivery waits out the grace, then fails."""
    await webhooks.emit(cx.es, [WebhookSettings(url="https://hooks.example/new")], "case.opened", {})
    clock = Clock()
    worker = WebhookWorker(cx.es, Settings(), clock=clock, hooks=[WebhookSettings(url="https://hooks.example/other")])
    try:
        assert await worker.run_once() == 1
        assert (await webhooks.list_deliveries(cx.es, status="pending")).data[0].attempts == 0
        clock.now += webhooks.UNKNOWN_GRACE + 1
        assert await worker.run_once() == 1
    finally:
        await worker.stop()
    failed = (await webhooks.list_deliveries(cx.es, status="failed")).data
    assert len(failed) == 1 and failed[0].last_error == "endpoint no longer configured"
