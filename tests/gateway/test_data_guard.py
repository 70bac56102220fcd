"""The HTTP guard's refusals on data routes (issue 15 leftover 1): a real `moat serve` with data
routes, driven over raw sockets (heads too big, too slow, malformed) and httpx. Each refusal on a
data path is in the route's configured error shape (its upstream's `{"errors": [...]}` or an RFC 9457
problem document) and recorded as a data request; the same refusal on a model path stays OpenAI's."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from tests.gateway.conftest import ALICE_KEY, GatewayProcess, wait_for_record
from tests.gateway.data_gateway import make_data_gateway
from tests.gateway.fake_firehose import FakeFirehose
from tests.gateway.fake_upstream import FakeUpstream
from tests.gateway.test_http_guard import connect, parse, read_until_closed, send_in_background

HEADER_TIMEOUT = 1.5
BODY_TIMEOUT = 1.5
LINGER = 2.0  # moat.gateway.server._LINGER
MAX_BODY = 4096


@dataclass(frozen=True)
class Target:
    """A path and how Moat's own refusals on it must look."""

    name: str
    method: str
    path: str
    shape: str  # openai | upstream | problem

    def reason(self, headers: dict[str, list[str]], body: bytes, status: int) -> str:
        """The refusal's reason code, after checking the body is in this target's shape."""
        doc: dict[str, Any] = orjson.loads(body)
        media = headers["content-type"][0]
        decision = headers["moat-decision-id"][0]
        if self.shape == "openai":
            assert media.startswith("application/json") and "errors" not in doc, doc
            return str(doc["error"]["code"] or doc["error"]["type"])
        if self.shape == "upstream":
            assert media.startswith("application/json") and "error" not in doc, doc
            (error,) = doc["errors"]
            assert error["title"] == doc["moat"]["reason"] and error["detail"] and error["type"] == "about:blank"
            assert doc["moat"]["decision_id"] == decision
            return str(doc["moat"]["reason"])
        assert media.startswith("application/problem+json"), media
        assert doc["status"] == status and doc["type"] == "https://moat.dev/problems/" + doc["reason"]
        assert doc["decision_id"] == decision and doc["detail"] and doc["title"]
        return str(doc["reason"])


TARGETS = [
    Target("model", "POST", "/v1/chat/completions", "openai"),
    Target("data-upstream-shape", "POST", "/echo/things", "upstream"),
    Target("data-problem-shape", "GET", "/2/users/123", "problem"),
]
IDS = [t.name for t in TARGETS]


@pytest.fixture(scope="module")
def firehose() -> FakeFirehose:
    return FakeFirehose().start()


def _gateway(home: Path, fake_upstream: FakeUpstream, firehose: FakeFirehose, env: dict[str, str]) -> GatewayProcess:
    gw = make_data_gateway(home, fake_upstream.base, firehose.base)
    gw.env = env
    return gw.start()


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory, fake_upstream: FakeUpstream,
            firehose: FakeFirehose) -> Iterator[GatewayProcess]:
    """Data routes behind short read timeouts and a small body limit."""
    gw = _gateway(tmp_path_factory.mktemp("data-guard"), fake_upstream, firehose, {
        "MOAT_SERVER__HEADER_TIMEOUT": str(HEADER_TIMEOUT), "MOAT_SERVER__BODY_TIMEOUT": str(BODY_TIMEOUT),
        "MOAT_SERVER__MAX_BODY_BYTES": str(MAX_BODY)})
    yield gw
    gw.stop()


def head(target: Target, *lines: bytes, path: bytes | None = None) -> bytes:
    line = target.method.encode() + b" " + (path or target.path.encode()) + b" HTTP/1.1\r\n"
    return line + b"Host: x\r\nAuthorization: Bearer " + ALICE_KEY.encode() + b"\r\n" + b"".join(lines)


def exchange(gw: GatewayProcess, data: bytes, wait: float = 20.0) -> tuple[int, dict[str, list[str]], bytes]:
    """Send `data` (in the background: the server may refuse before it has read it all) and read
    the answer; the server must close the connection after it."""
    sock = connect(gw)
    sender = send_in_background(sock, data)
    answer, closed = read_until_closed(sock, wait)
    sender.join(5)
    sock.close()
    assert closed, f"the server kept the connection open: {answer[:300]!r}"
    return parse(answer)


def check(gw: GatewayProcess, target: Target, answer: tuple[int, dict[str, list[str]], bytes], status: int,
          reason: str) -> None:
    """The answer is `status` with `reason` in the target's shape, and recorded as its kind of call."""
    got, headers, body = answer
    assert got == status, (got, body)
    assert target.reason(headers, body, status) == reason
    assert len(headers["moat-decision-id"]) == 1 and len(headers["x-request-id"]) == 1
    record = wait_for_record_sync(gw, headers["x-request-id"][0])
    assert record["status"] == status and record["decision_id"] == headers["moat-decision-id"][0]
    assert record.get("kind") == ("model" if target.shape == "openai" else "data") or (
        target.shape == "openai" and record.get("kind") is None)


def wait_for_record_sync(gw: GatewayProcess, request_id: str) -> dict[str, Any]:
    return asyncio.run(wait_for_record(gw.store_url, request_id, 10.0))


# ---- oversized heads and lines ----------------------------------------------------------------
HEAD_CASES: dict[str, Callable[[Target], bytes]] = {
    "too-many-headers": lambda t: head(t, *(b"X-Filler-%d: v\r\n" % i for i in range(200)), b"\r\n"),
    "huge-header": lambda t: head(t, b"X-Big: " + b"a" * (1 << 20) + b"\r\n\r\n"),
}


@pytest.mark.parametrize("case", list(HEAD_CASES))
@pytest.mark.parametrize("target", TARGETS, ids=IDS)
def test_an_oversized_head_is_431_in_the_paths_shape(guarded: GatewayProcess, target: Target, case: str) -> None:
    answer = exchange(guarded, HEAD_CASES[case](target))
    assert answer[1]["connection"] == ["close"]
    check(guarded, target, answer, 431, "request_header_fields_too_large")


@pytest.mark.parametrize("target", TARGETS, ids=IDS)
def test_a_request_line_too_long_is_414_in_the_paths_shape(guarded: GatewayProcess, target: Target) -> None:
    """A model call's path is known once its query begins; a data path as soon as it is under a
    route's prefix (the rest of a long id is still that route's)."""
    tail = b"?q=" + b"a" * (1 << 20) if target.shape == "openai" else b"/" + b"9" * (1 << 20)
    answer = exchange(guarded, head(target, b"\r\n", path=target.path.encode() + tail))
    check(guarded, target, answer, 414, "uri_too_long")


def test_a_long_line_on_no_known_path_is_still_openai_shaped(guarded: GatewayProcess) -> None:
    status, _, body = exchange(guarded, b"GET /nowhere" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status == 414 and orjson.loads(body)["error"]["type"]


@pytest.mark.parametrize("target", TARGETS, ids=IDS)
def test_a_malformed_request_is_400_in_the_paths_shape(guarded: GatewayProcess, target: Target) -> None:
    answer = exchange(guarded, head(target, b"X-Bad: a\x01b\r\n\r\n"))
    check(guarded, target, answer, 400, "invalid_http_request")


@pytest.mark.parametrize("target", TARGETS, ids=IDS)
def test_a_body_over_the_limit_is_413_in_the_paths_shape(guarded: GatewayProcess, target: Target) -> None:
    body = b'{"model": "moat-demo", "pad": "' + b"x" * (MAX_BODY * 2) + b'"}'
    answer = exchange(guarded, head(target, b"Content-Type: application/json\r\n",
                                    b"Content-Length: %d\r\n\r\n" % len(body)) + body)
    got, headers, raw = answer
    assert got == 413, raw
    assert target.reason(headers, raw, 413)  # the code differs by where it was caught; the shape may not


# ---- slow clients ------------------------------------------------------------------------------
@pytest.mark.parametrize("target", TARGETS, ids=IDS)
def test_a_slow_head_is_408_in_the_paths_shape(guarded: GatewayProcess, target: Target) -> None:
    sock = connect(guarded)
    t0 = time.monotonic()
    sock.sendall(head(target))  # the head never ends
    answer, closed = read_until_closed(sock, HEADER_TIMEOUT + LINGER + 8.0)
    sock.close()
    assert closed and time.monotonic() - t0 < HEADER_TIMEOUT + LINGER + 3.0
    check(guarded, target, parse(answer), 408, "request_timeout")


@pytest.mark.parametrize("target", TARGETS, ids=IDS)
def test_a_slow_body_is_408_in_the_paths_shape(guarded: GatewayProcess, target: Target) -> None:
    sock = connect(guarded)
    sock.sendall(head(target, b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"))
    answer, closed = read_until_closed(sock, BODY_TIMEOUT + LINGER + 8.0)
    sock.close()
    assert closed
    status, headers, body = parse(answer)
    assert status == 408 and target.reason(headers, body, 408)
    assert wait_for_record_sync(guarded, headers["x-request-id"][0])["status"] == 408


# ---- the connection cap ------------------------------------------------------------------------
@pytest.mark.parametrize("target", TARGETS, ids=IDS)
def test_the_connection_cap_is_503_in_the_paths_shape(tmp_path: Path, fake_upstream: FakeUpstream,
                                                      firehose: FakeFirehose, target: Target) -> None:
    gw = _gateway(tmp_path, fake_upstream, firehose, {"MOAT_SERVER__MAX_CONNECTIONS": "3"})
    try:
        held = [connect(gw) for _ in range(4)]  # idle connections up to the cap
        time.sleep(0.3)
        response = httpx.request(target.method, gw.url + target.path, content=b"{}",
                                 headers={"authorization": f"Bearer {ALICE_KEY}"}, timeout=10)
        for sock in held:
            sock.close()
        headers = {k: [v] for k, v in response.headers.items()}
        assert response.headers["connection"] == "close"
        check(gw, target, (response.status_code, headers, response.content), 503, "too_many_connections")
    finally:
        gw.stop()


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_sees_an_oversized_head_as_a_problem_document(guarded: GatewayProcess) -> None:
    fillers = [arg for i in range(150) for arg in ("-H", f"X-Filler-{i}: v")]
    run = subprocess.run(["curl", "-s", "-i", "-H", f"Authorization: Bearer {ALICE_KEY}", *fillers,
                          guarded.url + "/2/users/123"], capture_output=True, timeout=30)
    status, headers, body = parse(run.stdout)
    assert status == 431 and headers["content-type"][0].startswith("application/problem+json")
    doc = orjson.loads(body)
    assert doc["reason"] == "request_header_fields_too_large" and doc["status"] == 431
