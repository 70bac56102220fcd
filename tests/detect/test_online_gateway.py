"""A real `moat serve`: a distillation-like pattern from one account gets it scored, and the default
bundle's `scores.distillation` rule (reasoning redaction) then applies to it, without and with Redis."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from moat.detect.online_synthetic import harvest
from tests.gateway.conftest import ALICE_KEY, GatewayProcess, make_gateway
from tests.gateway.conftest import fake_upstream as fake_upstream  # the session fixture, used by name
from tests.gateway.fake_upstream import FakeUpstream


def ask(client: httpx.Client, prompt: str) -> dict[str, object]:
    body = {"model": "moat-demo", "reasoning_effort": "high", "messages": [{"role": "user", "content": prompt}]}
    response = client.post("/v1/chat/completions", json=body, headers={"authorization": f"Bearer {ALICE_KEY}"})
    assert response.status_code == 200, response.text
    message: dict[str, object] = response.json()["choices"][0]["message"]
    return message


@pytest.fixture(params=["embedded", "redis"])
def gateway(request: pytest.FixtureRequest, tmp_path: Path, fake_upstream: FakeUpstream) -> Iterator[GatewayProcess]:
    store_url = f"sqlite:///{tmp_path / 'moat.db'}"
    gw = make_gateway(tmp_path, store_url, fake_upstream.base)
    worker: subprocess.Popen[bytes] | None = None
    if request.param == "redis":
        url, prefix = request.getfixturevalue("redis_url"), request.getfixturevalue("redis_prefix")
        gw.env = {"MOAT_REDIS_URL": url, "MOAT_REDIS_PREFIX": prefix}
        env = {**os.environ, "MOAT_REDIS_URL": url, "MOAT_REDIS_PREFIX": prefix, "MOAT_DATABASE_URL": store_url,
               "MOAT_HOME": str(tmp_path)}
        worker = subprocess.Popen([sys.executable, "-m", "moat", "detect-follow"], env=env, cwd=tmp_path,
                                  stdout=subprocess.DEVNULL, stderr=(tmp_path / "worker.log").open("wb"))
    gw.start()
    try:
        yield gw
    finally:
        gw.stop()
        if worker is not None:
            worker.terminate()
            worker.wait(10)


def test_distiller_gets_scored_and_policy_redacts(gateway: GatewayProcess) -> None:
    with httpx.Client(base_url=gateway.url, timeout=10) as client:
        first = ask(client, "Explain step by step how entropy relates to inflation.")
        assert first.get("reasoning_content")  # an unscored account gets reasoning traces
        for r in harvest("alice", 160):
            ask(client, str(r["prompt"]))
        # Within a deadline (polled, not timed): the score lands and the default bundle's
        # distillation-redact-reasoning rule (scores.distillation >= 0.8) takes effect.
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if not ask(client, "Think step by step about photosynthesis and gdp.").get("reasoning_content"):
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the distillation score never reached the policy")
        redactions = re.search(r"^moat_reasoning_redactions_total (\S+)$", client.get("/metrics").text, re.M)
        assert redactions is not None and float(redactions.group(1)) >= 1
