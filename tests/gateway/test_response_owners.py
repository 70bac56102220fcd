"""Whose stored response is whose, across replicas (moat.gateway.response_owners): shared through
Redis when it is configured, each replica's own memory (and 404 elsewhere: fail closed) otherwise."""

from __future__ import annotations

from pathlib import Path

import openai
import pytest

from tests.gateway.conftest import ALICE_KEY, DAVE_KEY, GatewayProcess, make_gateway
from tests.gateway.fake_upstream import FakeUpstream


def client(gateway: GatewayProcess, key: str = ALICE_KEY) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{gateway.url}/v1", api_key=key, max_retries=0, timeout=10)


def replicas(tmp_path: Path, upstream: str, env: dict[str, str]) -> tuple[GatewayProcess, GatewayProcess]:
    store_url = f"sqlite:///{tmp_path / 'moat.db'}"
    first = make_gateway(tmp_path / "a", store_url, upstream)
    second = make_gateway(tmp_path / "b", store_url, upstream, seeded=False)
    first.env = second.env = env
    return first.start(), second.start()


def test_replicas_share_owners_through_redis(tmp_path: Path, fake_upstream: FakeUpstream, redis_url: str,
                                             redis_prefix: str) -> None:
    first, second = replicas(tmp_path, fake_upstream.base, {"MOAT_REDIS_URL": redis_url,
                                                            "MOAT_REDIS_PREFIX": redis_prefix})
    try:
        made = client(first).responses.create(model="think-1", input="hi")
        assert client(second).responses.retrieve(made.id).id == made.id  # made elsewhere, known here
        with pytest.raises(openai.NotFoundError):
            client(second, DAVE_KEY).responses.retrieve(made.id)
        with pytest.raises(openai.BadRequestError) as refused:
            client(second, DAVE_KEY).responses.create(model="ok-1", input="more", previous_response_id=made.id)
        assert refused.value.code == "previous_response_not_found"
        client(second).responses.delete(made.id)
        with pytest.raises(openai.NotFoundError):  # forgotten here and in Redis
            client(second).responses.retrieve(made.id)
    finally:
        first.stop()
        second.stop()


def test_without_redis_an_unknown_response_is_not_found(tmp_path: Path, fake_upstream: FakeUpstream) -> None:
    first, second = replicas(tmp_path, fake_upstream.base, {})
    try:
        made = client(first).responses.create(model="think-1", input="hi")
        assert client(first).responses.retrieve(made.id).id == made.id
        with pytest.raises(openai.NotFoundError):
            client(second).responses.retrieve(made.id)
        # continuing is let through where the owner is unknown: a conversation must not break
        assert client(second).responses.create(model="ok-1", input="more", previous_response_id=made.id).id
    finally:
        first.stop()
        second.stop()
