"""HTTP limits and slow clients against a real `moat serve`: oversized heads, trickling clients,
clients that leave mid-body, oversized free text, and input hygiene (one rule per header, one
copy of each response header, ids on every response)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from moat.store import open_store
from tests.gateway.conftest import ADMIN_TOKEN, ALICE_KEY, GatewayProcess, make_gateway, wait_for_record
from tests.gateway.fake_upstream import FakeUpstream

CHAT = "/v1/chat/completions"
BODY = orjson.dumps({"model": "moat-demo", "messages": [{"role": "user", "content": "hi"}]})
HEADER_TIMEOUT = 2.0
BODY_TIMEOUT = 2.0
LINGER = 2.0  # moat.gateway.server._LINGER


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory, fake_upstream: FakeUpstream) -> Iterator[GatewayProcess]:
    """A gateway with short read timeouts (the other limits at their defaults)."""
    home = tmp_path_factory.mktemp("guard")
    gw = make_gateway(home, f"sqlite:///{home / 'moat.db'}", fake_upstream.base)
    gw.env = {"MOAT_SERVER__HEADER_TIMEOUT": str(HEADER_TIMEOUT), "MOAT_SERVER__BODY_TIMEOUT": str(BODY_TIMEOUT)}
    gw.start()
    yield gw
    gw.stop()


def connect(gw: GatewayProcess) -> socket.socket:
    return socket.create_connection(("127.0.0.1", gw.port), timeout=10)


def send_in_background(sock: socket.socket, data: bytes) -> threading.Thread:
    def run() -> None:
        with contextlib.suppress(OSError):
            sock.sendall(data)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def read_until_closed(sock: socket.socket, timeout: float) -> tuple[bytes, bool]:
    """What the server sends until it closes the connection; (data, closed before `timeout`)."""
    sock.settimeout(0.5)
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            continue
        except ConnectionResetError:
            return data, True
        if not chunk:
            return data, True
        data += chunk
    return data, False


def parse(response: bytes) -> tuple[int, dict[str, list[str]], bytes]:
    head, _, body = response.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, list[str]] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return int(lines[0].split()[1]), headers, body


def records_where(store_url: str, field: str, prefix: str, count: int,
                  timeout: float = 15.0) -> list[dict[str, object]]:
    """Poll the store until `count` records have `field` starting with `prefix`."""

    async def run() -> list[dict[str, object]]:
        store = open_store(store_url)
        await store.open()
        try:
            deadline = time.monotonic() + timeout
            found: list[dict[str, object]] = []
            while time.monotonic() < deadline:
                found = [r async for r in store.iter_requests() if str(r.get(field) or "").startswith(prefix)]
                if len(found) >= count:
                    return found
                await asyncio.sleep(0.1)
            return found
        finally:
            await store.close()

    return asyncio.run(run())


# ---- oversized heads ---------------------------------------------------------------------------
@pytest.mark.parametrize("head", [
    pytest.param(b"".join(b"X-Filler-%d: v\r\n" % i for i in range(100_000)), id="100000-headers"),
    pytest.param(b"X-Big: " + b"a" * (16 << 20) + b"\r\n", id="16MB-header"),
])
def test_oversized_heads_get_431_and_the_connection_closed(guarded: GatewayProcess, head: bytes) -> None:
    sock = connect(guarded)
    request = (b"POST " + CHAT.encode() + b" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ALICE_KEY.encode()
               + b"\r\n" + head + b"\r\n")
    sender = send_in_background(sock, request)
    data, closed = read_until_closed(sock, 20)
    sender.join(5)
    sock.close()
    assert closed, "the server kept the connection open"
    status, headers, body = parse(data)
    assert status == 431
    assert orjson.loads(body)["error"]["code"] == "request_header_fields_too_large"
    assert len(headers["moat-decision-id"]) == 1 and headers["x-request-id"]
    record = asyncio.run(wait_for_record(guarded.store_url, headers["x-request-id"][0]))
    assert record["status"] == 431 and record["decision_id"] == headers["moat-decision-id"][0]


def test_long_request_line_gets_414_and_closed(guarded: GatewayProcess) -> None:
    sock = connect(guarded)
    send_in_background(sock, b"GET /" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    data, closed = read_until_closed(sock, 15)
    sock.close()
    assert closed and parse(data)[0] == 414


def test_a_model_call_with_a_query_too_long_is_refused_in_its_shape_and_recorded(guarded: GatewayProcess) -> None:
    """The path is whole before the query runs over the limit: the refusal is that call's."""
    sock = connect(guarded)
    send_in_background(sock, b"POST " + CHAT.encode() + b"?q=" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    data, closed = read_until_closed(sock, 15)
    sock.close()
    status, headers, body = parse(data)
    assert closed and status == 414
    assert orjson.loads(body)["error"]["type"] and len(headers["moat-decision-id"]) == 1
    record = asyncio.run(wait_for_record(guarded.store_url, headers["x-request-id"][0]))
    assert record["status"] == 414 and record["decision_id"] == headers["moat-decision-id"][0]
    assert record["endpoint"] == CHAT


# ---- slow clients ------------------------------------------------------------------------------
def test_slow_clients_are_closed_after_the_timeouts(guarded: GatewayProcess) -> None:
    run = uuid.uuid4().hex[:8]
    kinds = ["idle", "head", "body"] * 10
    socks = [connect(guarded) for _ in kinds]
    for i, (kind, sock) in enumerate(zip(kinds, socks, strict=True)):
        if kind == "head":
            sock.sendall(b"POST " + CHAT.encode() + b" HTTP/1.1\r\nHost: x\r\n")
        elif kind == "body":
            sock.sendall(b"POST " + CHAT.encode() + b" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                         + ALICE_KEY.encode() + f"\r\nUser-Agent: slow-{run}-{i}\r\n".encode()
                         + b"Content-Length: 100000\r\n\r\n{")
        sock.setblocking(False)
    received = [b""] * len(socks)
    closed = [False] * len(socks)
    # Trickle a byte per connection every 0.25 s; by the timeouts plus the linger plus a generous
    # margin, the server must have closed every one of them.
    deadline = time.monotonic() + max(HEADER_TIMEOUT, BODY_TIMEOUT) + LINGER + 8.0
    while time.monotonic() < deadline and not all(closed):
        for i, sock in enumerate(socks):
            if closed[i]:
                continue
            try:
                while chunk := sock.recv(65536):
                    received[i] += chunk
                closed[i] = True  # b"": the server closed
                continue
            except BlockingIOError:
                pass
            except OSError:
                closed[i] = True
                continue
            if kinds[i] != "idle":
                try:
                    sock.send(b"X-Slow: 1\r\n" if kinds[i] == "head" else b" ")
                except OSError:
                    closed[i] = True
        time.sleep(0.25)
    for sock in socks:
        sock.close()
    assert all(closed), f"{closed.count(False)} of {len(socks)} slow connections are still open"
    for kind, data in zip(kinds, received, strict=True):
        if kind == "idle":
            assert data == b""  # nothing asked, nothing answered
        else:
            status, headers, body = parse(data)
            assert status == 408 and headers["x-request-id"]
            assert orjson.loads(body)["error"]["code"] == "request_timeout"
    metrics = httpx.get(guarded.url + "/metrics").text
    assert 'moat_http_refusals_total{reason="header_timeout"}' in metrics
    # The slow bodies were requests (key, headers): each one is recorded with its status.
    records = records_where(guarded.store_url, "user_agent", f"slow-{run}-", kinds.count("body"))
    assert len(records) == kinds.count("body")
    assert all(r["status"] == 408 and r["decision_id"] for r in records)


def test_idle_keep_alive_connection_is_closed(guarded: GatewayProcess) -> None:
    sock = connect(guarded)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    data, closed = read_until_closed(sock, 5.0 + 5.0)  # keepalive_timeout (5 s) + margin
    sock.close()
    assert data.startswith(b"HTTP/1.1 200") and closed


def test_a_connection_answered_before_its_body_was_in_is_closed_when_idle(guarded: GatewayProcess) -> None:
    """Refused on its key before its body arrived, then the body comes: the connection is idle
    from then on and closed at the keep-alive timeout (uvicorn's timer, cancelled by the body's
    bytes, left it open for good)."""
    sock = connect(guarded)
    sock.sendall(b"POST " + CHAT.encode() + b" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong-key\r\n"
                 + f"Content-Length: {len(BODY)}\r\n\r\n".encode() + BODY[:10])
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(65536)
    assert head.startswith(b"HTTP/1.1 401")
    sock.sendall(BODY[10:])
    data, closed = read_until_closed(sock, 5.0 + 5.0)  # keepalive_timeout (5 s) + margin
    sock.close()
    assert closed, data


# ---- clients that leave mid-body ---------------------------------------------------------------
def test_disconnect_storm_mid_body_leaves_a_record_each(guarded: GatewayProcess) -> None:
    run = uuid.uuid4().hex[:8]
    count = 40
    for i in range(count):
        sock = connect(guarded)
        agent = f"storm-{run}-{i}-" + "x" * 30_000  # under the header limit, over the record's field cap
        sock.sendall(b"POST " + CHAT.encode() + b" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                     + ALICE_KEY.encode() + f"\r\nUser-Agent: {agent}\r\n".encode()
                     + b"Content-Length: 5000\r\n\r\n" + BODY[:20])
        sock.close()
    records = records_where(guarded.store_url, "user_agent", f"storm-{run}-", count)
    assert len(records) == count
    for record in records:
        assert record["status"] == 499 and str(record["decision_id"]).startswith("dec")
        assert record["account_id"] == "alice"
        full = len(str(record["user_agent"]).split("-x")[0]) + 1 + 30_000
        assert len(str(record["user_agent"])) == 1024 and record["truncated"] == {"user_agent": full}
    assert not (guarded.home / "wal" / "dead-letter.jsonl").exists()


# ---- free text in records ----------------------------------------------------------------------
def test_8mb_user_agent_is_stored_truncated(tmp_path: Path, fake_upstream: FakeUpstream) -> None:
    gw = make_gateway(tmp_path, f"sqlite:///{tmp_path / 'moat.db'}", fake_upstream.base)
    gw.env = {"MOAT_SERVER__MAX_HEADER_BYTES": str(20 << 20)}  # let it through the HTTP guard
    gw.start()
    try:
        agent = "eight-mb-agent/" + "u" * ((8 << 20) - 15)
        response = httpx.post(gw.url + CHAT, content=BODY, timeout=30,
                              headers={"authorization": f"Bearer {ALICE_KEY}", "user-agent": agent})
        assert response.status_code == 200
        record = asyncio.run(wait_for_record(gw.store_url, response.headers["x-request-id"]))
        assert record["user_agent"] == agent[:1024]
        assert record["truncated"] == {"user_agent": 8 << 20}
        wal = b"".join(p.read_bytes() for p in (gw.home / "wal").rglob("*") if p.is_file())
        assert b"u" * 2048 not in wal
    finally:
        gw.stop()
    # The default limits refuse the same header outright.
    sock_gw = make_gateway(tmp_path / "default", f"sqlite:///{tmp_path / 'd.db'}", fake_upstream.base).start()
    try:
        response = httpx.post(sock_gw.url + CHAT, content=BODY, timeout=30,
                              headers={"authorization": f"Bearer {ALICE_KEY}", "user-agent": agent})
        assert response.status_code == 431
    finally:
        sock_gw.stop()


# ---- input hygiene -----------------------------------------------------------------------------
def test_nul_in_a_json_body_is_refused_in_each_apis_shape(guarded: GatewayProcess) -> None:
    chat = httpx.post(guarded.url + CHAT, headers={"authorization": f"Bearer {ALICE_KEY}"}, content=(
        b'{"model": "moat-demo", "messages": [{"role": "user", "content": "a\\u0000b"}]}'))
    assert chat.status_code == 400 and chat.json()["error"]["code"] == "invalid_text"
    messages = httpx.post(guarded.url + "/v1/messages", headers={"x-api-key": ALICE_KEY}, content=(
        b'{"model": "moat-demo", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}], '
        b'"metadata": {"user_id": "\\u0000"}}'))
    assert messages.status_code == 400
    body = messages.json()
    assert body["type"] == "error" and body["error"]["type"] == "invalid_request_error"
    assert "NUL" in body["error"]["message"]
    record = asyncio.run(wait_for_record(guarded.store_url, chat.headers["x-request-id"]))
    assert record["status"] == 400
    # An escaped backslash before "u0000" is text, not NUL.
    fine = httpx.post(guarded.url + CHAT, headers={"authorization": f"Bearer {ALICE_KEY}"}, content=(
        b'{"model": "moat-demo", "messages": [{"role": "user", "content": "a\\\\u0000b"}]}'))
    assert fine.status_code == 200


def test_invalid_json_text_is_refused(guarded: GatewayProcess) -> None:
    for raw in (b'{"model": "moat-demo", "messages": [{"role": "user", "content": "\xff"}]}',
                b'{"model": "moat-demo", "messages": [{"role": "user", "content": "\\ud800"}]}'):
        response = httpx.post(guarded.url + CHAT, headers={"authorization": f"Bearer {ALICE_KEY}"}, content=raw)
        assert response.status_code == 400 and response.json()["error"]["type"] == "invalid_request_error"


def test_each_header_is_read_once_by_one_rule(guarded: GatewayProcess) -> None:
    twice = httpx.post(guarded.url + CHAT, content=BODY, headers=[
        ("authorization", f"Bearer {ALICE_KEY}"), ("authorization", "Bearer sk-someone-else-0000000000000")])
    assert twice.status_code == 400 and twice.json()["error"]["code"] == "duplicate_header"
    bad_text = httpx.post(guarded.url + CHAT, content=BODY, headers=[
        (b"authorization", f"Bearer {ALICE_KEY}".encode()), (b"user-agent", b"agent\xff\xfe")])
    assert bad_text.status_code == 400 and bad_text.json()["error"]["code"] == "invalid_header"
    nul = socket.create_connection(("127.0.0.1", guarded.port), timeout=10)
    nul.sendall(b"POST " + CHAT.encode() + b" HTTP/1.1\r\nHost: x\r\nUser-Agent: a\x00b\r\nContent-Length: 2\r\n\r\n{}")
    data, closed = read_until_closed(nul, 10)
    nul.close()
    status, headers, body = parse(data)
    assert status == 400 and closed and headers["x-request-id"]
    assert orjson.loads(body)["error"]["type"] == "invalid_request_error"


def test_each_response_header_once_and_ids_everywhere(guarded: GatewayProcess) -> None:
    refused = httpx.post(guarded.url + CHAT, content=BODY, headers={"authorization": "Bearer sk-never-issued-0000000"})
    assert refused.status_code == 401
    assert len(refused.headers.get_list("moat-decision-id")) == 1
    names = [k.lower() for k, _ in refused.headers.raw]
    assert len(names) == len(set(names))
    for response in (httpx.get(guarded.url + "/healthz"), httpx.get(guarded.url + "/nowhere"),
                     httpx.get(guarded.url + "/metrics"), httpx.get(guarded.url + "/v1/models")):
        assert response.headers["x-request-id"] == response.headers["request-id"]
        assert len(response.headers.get_list("x-request-id")) == 1
    wrong = httpx.get(guarded.url + CHAT, headers={"authorization": f"Bearer {ALICE_KEY}"})
    assert wrong.status_code == 405 and wrong.headers["allow"] == "POST"
    assert wrong.json()["error"]["code"] == "method_not_allowed"
    record = asyncio.run(wait_for_record(guarded.store_url, wrong.headers["x-request-id"]))
    assert record["status"] == 405 and record["decision_id"] == wrong.headers["moat-decision-id"]


def test_connection_limit_answers_in_the_apis_shape(tmp_path: Path, fake_upstream: FakeUpstream) -> None:
    gw = make_gateway(tmp_path, f"sqlite:///{tmp_path / 'moat.db'}", fake_upstream.base)
    gw.env = {"MOAT_SERVER__MAX_CONNECTIONS": "5"}
    gw.start()
    try:
        held = [connect(gw) for _ in range(6)]  # idle connections up to the limit
        time.sleep(0.3)
        response = httpx.post(gw.url + CHAT, content=BODY, headers={"authorization": f"Bearer {ALICE_KEY}"},
                              timeout=10)
        for sock in held:
            sock.close()
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "too_many_connections"
        assert response.headers["connection"] == "close" and response.headers["moat-decision-id"]
        record = asyncio.run(wait_for_record(gw.store_url, response.headers["x-request-id"]))
        assert record["status"] == 503
        time.sleep(0.3)
        assert httpx.post(gw.url + CHAT, content=BODY, headers={"authorization": f"Bearer {ALICE_KEY}"},
                          timeout=10).status_code == 200
    finally:
        gw.stop()


@pytest.mark.parametrize(("path", "credential"), [("/admin/orgs", ADMIN_TOKEN), ("/v1/appeals", ALICE_KEY)])
def test_a_slow_body_off_the_model_api_gets_408_in_time(guarded: GatewayProcess, path: str, credential: str) -> None:
    """The admin and appeals APIs read bodies through the same guard: 408 in their shape, not a
    silent close a second later."""
    sock = connect(guarded)
    sock.sendall(b"POST " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Authorization: Bearer " + credential.encode() + b"\r\nContent-Length: 1000\r\n\r\n{")
    data, closed = read_until_closed(sock, BODY_TIMEOUT + LINGER + 8.0)
    sock.close()
    status, headers, body = parse(data)
    assert closed and status == 408 and headers["x-request-id"], data
    assert "timeout" in body.decode().lower()
