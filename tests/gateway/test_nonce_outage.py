"""The attribution nonce (replay) cache's Redis killed or frozen (SIGSTOP) under a real `moat serve`:
requests follow the stated fail mode within the timeout, replays are still caught per replica, one
log line per outage transition, and /readyz and /metrics say so."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import orjson
import pytest

from moat.identity.attribution import sign_attribution
from tests.gateway.conftest import (
    ALICE_KEY,
    IDE_KEY,
    IDE_SECRET,
    GatewayProcess,
    free_port,
    make_gateway,
    wait_for_record,
)
from tests.gateway.fake_upstream import FakeUpstream

NONCE_TIMEOUT = 0.2
# What one request may wait on a frozen Redis: the nonce claim's timeout, then the limiter's deadline
# (moat.limits: 0.25 s), plus a generous margin for a loaded test machine. The client's own timeout
# raising is the "hung" signal; no wall-clock assertions otherwise.
CLIENT_TIMEOUT = NONCE_TIMEOUT + 0.25 + 1.5
BODY = orjson.dumps({"model": "moat-demo", "messages": [{"role": "user", "content": "hi"}]})


@contextmanager
def own_redis() -> Iterator[subprocess.Popen[bytes]]:
    """A redis-server of this test's own, on a free port (it will be frozen and killed)."""
    if shutil.which("redis-server") is None:
        if os.environ.get("MOAT_REQUIRE_SERVICES") == "1":
            pytest.fail("redis-server is not installed")
        pytest.skip("redis-server is not installed")
    port = free_port()
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proc.port = port  # type: ignore[attr-defined]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            time.sleep(0.05)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGCONT)
            proc.kill()
        proc.wait()


def signed(jti: str | None = None) -> str:
    return sign_attribution("codeide", IDE_SECRET, sub="user-hash-7", org="acme.example",
                            jti=jti or uuid.uuid4().hex)


def call(gw: GatewayProcess, token: str | None = None, key: str = IDE_KEY) -> httpx.Response:
    headers = {"authorization": f"Bearer {key}"}
    if token is not None:
        headers["moat-attribution"] = token
    return httpx.post(gw.url + "/v1/chat/completions", content=BODY, headers=headers, timeout=CLIENT_TIMEOUT)


def metric(gw: GatewayProcess, line_start: str) -> str | None:
    for line in httpx.get(gw.url + "/metrics", timeout=5).text.splitlines():
        if line.startswith(line_start):
            return line.rsplit(" ", 1)[1]
    return None


def wait_metric(gw: GatewayProcess, line_start: str, value: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if metric(gw, line_start) == value:
            return
        time.sleep(0.2)
    raise AssertionError(f"{line_start} never became {value} (is {metric(gw, line_start)})")


def gateway_on(tmp_path: Path, fake_upstream: FakeUpstream, redis: subprocess.Popen[bytes],
               fail_mode: str) -> GatewayProcess:
    gw = make_gateway(tmp_path, f"sqlite:///{tmp_path / 'moat.db'}", fake_upstream.base)
    gw.env = {"MOAT_REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",  # type: ignore[attr-defined]
              "MOAT_REDIS_PREFIX": f"t{uuid.uuid4().hex[:6]}:",
              "MOAT_ATTRIBUTION__REDIS_TIMEOUT": str(NONCE_TIMEOUT), "MOAT_ATTRIBUTION__FAIL_MODE": fail_mode}
    return gw.start()


def log_of(gw: GatewayProcess) -> str:
    return (gw.home / f"serve-{gw.port}.log").read_text(errors="replace")


UP = 'moat_dependency_up{dependency="redis_nonces"}'


def test_fail_open_frozen_then_killed(tmp_path: Path, fake_upstream: FakeUpstream) -> None:
    with own_redis() as redis:
        gw = gateway_on(tmp_path, fake_upstream, redis, "fail_open")
        try:
            before = signed()
            assert call(gw, before).status_code == 200
            assert call(gw, before).json()["error"]["code"] == "attribution_replayed"

            redis.send_signal(signal.SIGSTOP)  # frozen: connections hang, nothing answers
            statuses = [call(gw, signed()).status_code for _ in range(20)]  # raises if one hangs
            assert statuses == [200] * 20
            # Replays are still caught by this replica: one seen before the freeze, one during it.
            assert call(gw, before).json()["error"]["code"] == "attribution_replayed"
            during = signed()
            assert call(gw, during).status_code == 200
            assert call(gw, during).json()["error"]["code"] == "attribution_replayed"
            assert call(gw, None, ALICE_KEY).status_code == 200  # no attribution: unaffected
            wait_metric(gw, UP, "0.0")
            ready = httpx.get(gw.url + "/readyz", timeout=5).json()
            assert "degraded (fail_open)" in ready["checks"]["attribution_nonces"]
            deadline = time.monotonic() + 5  # the metrics are published once a second
            while float(metric(gw, 'moat_attribution_nonces{stat="local_claims"}') or 0) < 23:
                assert time.monotonic() < deadline, "local claims were not counted"
                time.sleep(0.2)

            redis.send_signal(signal.SIGCONT)
            deadline = time.monotonic() + 15  # the breaker's back-off (at most 5 s) then one probe
            while metric(gw, UP) != "1.0" and time.monotonic() < deadline:
                assert call(gw, signed()).status_code == 200
                time.sleep(0.3)
            assert metric(gw, UP) == "1.0"
            shared = signed()
            assert call(gw, shared).status_code == 200
            assert call(gw, shared).json()["error"]["code"] == "attribution_replayed"

            redis.kill()  # killed: connections refused
            redis.wait()
            statuses = [call(gw, signed()).status_code for _ in range(20)]
            assert statuses == [200] * 20
            assert call(gw, shared).json()["error"]["code"] == "attribution_replayed"
        finally:
            gw.stop()
        log = log_of(gw)
        assert log.count("attribution nonces: Redis unreachable") == 2  # one line per outage
        assert log.count("attribution nonces: Redis is back") == 1
        assert "Traceback" not in log and "unhandled error" not in log


def test_fail_closed_refuses_with_503_and_a_code(tmp_path: Path, fake_upstream: FakeUpstream) -> None:
    with own_redis() as redis:
        gw = gateway_on(tmp_path, fake_upstream, redis, "fail_closed")
        try:
            assert call(gw, signed()).status_code == 200
            redis.send_signal(signal.SIGSTOP)
            frozen = [call(gw, signed()) for _ in range(10)]
            assert [r.status_code for r in frozen] == [503] * 10
            error = frozen[-1].json()["error"]
            assert error["code"] == "attribution_replay_check_unavailable" and error["type"] == "overloaded_error"
            record = asyncio.run(wait_for_record(gw.store_url, frozen[-1].headers["x-request-id"]))
            assert record["status"] == 503 and record["decision_id"] == frozen[-1].headers["moat-decision-id"]
            assert call(gw, None, ALICE_KEY).status_code == 200  # requests without attribution still pass
            redis.send_signal(signal.SIGCONT)
            redis.kill()
            redis.wait()
            assert [call(gw, signed()).status_code for _ in range(10)] == [503] * 10
            wait_metric(gw, 'moat_attribution_nonces{stat="refused"}', "20.0")
        finally:
            gw.stop()
        assert "Traceback" not in log_of(gw)
