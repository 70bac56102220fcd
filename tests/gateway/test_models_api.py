"""`GET /v1/models` and `/v1/models/{id}` (issue 12 item 1): authenticated, what the caller may use
(glob routes resolved by the upstream's own catalog or the configuration), Anthropic's shape to
Anthropic clients and OpenAI's otherwise, demo models only where a route sends models to them."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import anthropic
import httpx
import openai
import pytest

from moat.config import load_settings
from moat.gateway.build import build_router
from moat.gateway.models_catalog import ModelCatalog
from tests.gateway.conftest import ADMIN_TOKEN, ALICE_KEY, BOB_KEY, GINA_KEY, GatewayProcess

DEMO = {"moat-demo", "moat-demo-reasoning"}


def test_openai_sdk_lists_what_routes_reach(gateway: GatewayProcess) -> None:
    c = openai.OpenAI(base_url=f"{gateway.url}/v1", api_key=ALICE_KEY, max_retries=0, timeout=10)
    models = {m.id: m for m in c.models.list()}
    # demo models (routed), the fake OpenAI upstream's catalog under `*-*`; not `internal` (no glob takes
    # it), not `a-openai-only` (the earlier `a-*` route sends it elsewhere), nothing of the dead upstream
    assert set(models) == DEMO | {"gpt-fake-4", "ok-1"}
    assert models["gpt-fake-4"].owned_by == "fake" and models["gpt-fake-4"].created == 1700000000
    assert c.models.retrieve("gpt-fake-4").id == "gpt-fake-4"
    with pytest.raises(openai.NotFoundError):
        c.models.retrieve("internal")


def test_anthropic_sdk_gets_its_shape(gateway: GatewayProcess) -> None:
    c = anthropic.Anthropic(base_url=gateway.url, api_key=ALICE_KEY, max_retries=0, timeout=10)
    models = {m.id: m for m in c.models.list()}
    assert set(models) == DEMO | {"a-claude-fake", "a-ok-1"}
    fake = c.models.retrieve("a-claude-fake")
    assert fake.type == "model" and fake.display_name == "Claude Fake"
    assert fake.created_at == datetime(2025, 1, 1, tzinfo=UTC)
    page = c.models.list(limit=2)
    assert [m.id for m in page.data] == ["a-claude-fake", "a-ok-1"] and page.has_more
    assert page.last_id == "a-ok-1"
    assert [m.id for m in page.get_next_page().data] == ["moat-demo", "moat-demo-reasoning"]
    with pytest.raises(anthropic.NotFoundError) as missing:
        c.models.retrieve("gpt-fake-4")  # served on the OpenAI API only
    assert missing.value.body["error"]["type"] == "not_found_error"  # type: ignore[index]


def test_shape_follows_the_client(gateway: GatewayProcess) -> None:
    by_header = httpx.get(f"{gateway.url}/v1/models", headers={"x-api-key": ALICE_KEY}).json()
    assert by_header["data"][0]["type"] == "model" and "first_id" in by_header
    bearer = httpx.get(f"{gateway.url}/v1/models", headers={"authorization": f"Bearer {ALICE_KEY}"}).json()
    assert bearer["object"] == "list" and bearer["data"][0]["object"] == "model"


def test_a_key_is_required(gateway: GatewayProcess) -> None:
    answer = httpx.get(f"{gateway.url}/v1/models")
    assert answer.status_code == 401 and answer.json()["error"]["type"] == "authentication_error"
    answer = httpx.get(f"{gateway.url}/v1/models", headers={"anthropic-version": "2023-06-01",
                                                            "x-api-key": "sk-not-a-real-key-0000000000"})
    assert answer.status_code == 401 and answer.json()["type"] == "error"
    assert answer.headers["x-request-id"].startswith("req_")


def ids(gateway: GatewayProcess, key: str) -> set[str]:
    answer = httpx.get(f"{gateway.url}/v1/models", headers={"authorization": f"Bearer {key}"}, timeout=10)
    assert answer.status_code == 200
    return {m["id"] for m in answer.json()["data"]}


def test_only_what_the_caller_may_use(gateway: GatewayProcess) -> None:
    """The policy decides a bare call to each model: a refused competitor lists nothing; a reviewer's
    model restriction narrows the list to its models."""
    assert ids(gateway, BOB_KEY) == set()
    assert httpx.get(f"{gateway.url}/v1/models/moat-demo", headers={"authorization": f"Bearer {BOB_KEY}"}
                     ).status_code == 404
    assert ids(gateway, GINA_KEY) == DEMO | {"gpt-fake-4", "ok-1"}
    restrict = httpx.post(f"{gateway.url}/admin/actions", headers={"authorization": f"Bearer {ADMIN_TOKEN}"},
                          json={"kind": "restrict", "subject": "account:gina", "reason": "test",
                                "models": ["gpt-fake-4", "not-served"]}, timeout=10)
    assert restrict.status_code in (200, 201), restrict.text
    deadline = time.monotonic() + 15
    while ids(gateway, GINA_KEY) != {"gpt-fake-4"}:
        assert time.monotonic() < deadline, ids(gateway, GINA_KEY)
        time.sleep(0.2)


def test_demo_models_only_where_routed() -> None:
    """The default (no routes) lists the demo models; a real configuration lists its own only."""
    default = load_settings(env={}, overrides={"home": "/tmp"})
    assert {m.id for m in asyncio.run(ModelCatalog(default, build_router(default)).models("openai"))} == DEMO
    real = load_settings(env={}, overrides={
        "home": "/tmp",
        "upstreams": [{"name": "up", "kind": "openai", "base_url": "http://127.0.0.1:9/v1"}],
        "routes": [{"model": "gpt-*", "upstream": "up", "models": ["gpt-a", "gpt-b", "other"]},
                   {"model": "exact-one", "upstream": "up"}]})
    catalog = ModelCatalog(real, build_router(real))
    assert [m.id for m in asyncio.run(catalog.models("openai"))] == ["exact-one", "gpt-a", "gpt-b"]
    assert asyncio.run(catalog.models("anthropic")) == []
