"""One replica's `Enforcement`: background restrictions polling, the sampled `decision.denied`
hook, and the webhook worker delivering in the background to a real local endpoint."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import orjson
import pytest

from moat.config import Settings, WebhookSettings
from moat.enforce import actions
from moat.enforce.runtime import Enforcement
from moat.enforce.webhooks import verify_signature
from moat.store import Store
from tests.enforce.webhook_server import WebhookServer


@pytest.fixture
def server() -> Iterator[WebhookServer]:
    srv = WebhookServer().start()
    yield srv
    srv.stop()


async def eventually(check: object, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not met before the deadline"
        await asyncio.sleep(0.05)


async def test_replica_follows_restrictions_and_delivers_sampled_denials(store: Store,
                                                                        server: WebhookServer) -> None:
    hook = WebhookSettings(url=server.url, secret="s3", events=["decision.denied", "action.applied"])
    replica = Enforcement(store, Settings(webhooks=[hook]), denied_per_second=2.0)
    other = Enforcement(store, Settings(webhooks=[hook]))  # another replica: both deliver, never twice
    await replica.start()
    await other.start()
    try:
        assert replica.for_call("a4", None) is None
        await actions.apply_action(other.cx, actor="rev:ann", kind="restrict", subject="account:a4", reason="x",
                                   redact_reasoning=True)
        await eventually(lambda: replica.for_call("a4", None) is not None)  # polled, no refresh call
        started = time.perf_counter()
        for i in range(50):
            replica.note_denied("a1", decision_id=f"dec_{i}", reason_code="account_blocked")
        for account in ("a2", "a3", "a4"):
            replica.note_denied(account, decision_id=f"dec_{account}", reason_code="account_blocked")
        assert time.perf_counter() - started < 0.05
        await eventually(lambda: len(server.received) >= 3)
        await asyncio.sleep(0.6)  # nothing more arrives
    finally:
        await replica.stop()
        await other.stop()
    events = [orjson.loads(r.body) for r in server.received]
    denied = [e for e in events if e["type"] == "decision.denied"]
    # one per account and reason; at most the burst (2) from the rate limit, so a1 and a2 only
    assert [e["data"]["account_id"] for e in denied] == ["a1", "a2"]
    assert denied[0]["data"]["decision_id"] == "dec_0"
    assert [e["type"] for e in events].count("action.applied") == 1
    assert all(verify_signature("s3", r.body, r.headers["moat-signature"]) for r in server.received)


async def test_context_for_prefers_the_runtimes_started_enforcement(store: Store) -> None:
    from types import SimpleNamespace

    from moat.enforce.runtime import context_for

    settings = Settings()
    bare = SimpleNamespace(store=store, settings=settings)
    assert (await context_for(bare)).store is store  # no Enforcement: a context over the store
    enforcement = Enforcement(store, settings)
    wired = SimpleNamespace(store=store, settings=settings, enforcement=enforcement)
    await enforcement.start()
    try:
        assert await context_for(wired) is enforcement.cx
    finally:
        await enforcement.stop()
