"""Gateways sharing real Redis: one limit across replicas; readiness and fail modes when it is down."""

from __future__ import annotations

from pathlib import Path

import httpx
import orjson

from tests.gateway.conftest import ALICE_KEY, ERIN_KEY, make_gateway
from tests.gateway.fake_upstream import FakeUpstream


def chat(url: str, key: str) -> int:
    body = orjson.dumps({"model": "moat-demo", "messages": [{"role": "user", "content": "hi"}]})
    return httpx.post(url + "/v1/chat/completions", content=body, headers={"authorization": f"Bearer {key}"},
                      timeout=10).status_code


def test_two_replicas_share_one_limit(tmp_path: Path, fake_upstream: FakeUpstream, redis_url: str,
                                      redis_prefix: str) -> None:
    store_url = f"sqlite:///{tmp_path / 'moat.db'}"
    env = {"MOAT_REDIS_URL": redis_url, "MOAT_REDIS_PREFIX": redis_prefix}
    first = make_gateway(tmp_path / "a", store_url, fake_upstream.base)
    first.env = env
    second = make_gateway(tmp_path / "b", store_url, fake_upstream.base, seeded=False)
    second.env = env
    first.start()
    second.start()
    try:
        # erin may make 3 requests a minute: across both replicas, not 3 on each
        statuses = [chat(gw.url, ERIN_KEY) for _ in range(4) for gw in (first, second)]
        assert statuses.count(200) == 3 and statuses.count(429) == 5
    finally:
        first.stop()
        second.stop()


def test_redis_down_not_ready_but_serving_by_fail_mode(tmp_path: Path, fake_upstream: FakeUpstream) -> None:
    gw = make_gateway(tmp_path, f"sqlite:///{tmp_path / 'moat.db'}", fake_upstream.base)
    gw.env = {"MOAT_REDIS_URL": "redis://127.0.0.1:1/0"}
    gw.start(probe="/healthz")
    try:
        ready = httpx.get(gw.url + "/readyz", timeout=5)
        assert ready.status_code == 503
        assert ready.json()["checks"]["redis"].startswith("unreachable")
        assert chat(gw.url, ALICE_KEY) == 200  # the api plan's limits fall back to counting locally
        assert 'moat_dependency_up{dependency="redis"} 0.0' in httpx.get(gw.url + "/metrics").text
    finally:
        gw.stop()
