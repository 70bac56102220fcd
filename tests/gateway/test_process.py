"""The gateway as a process: kill -9 loses no record, SIGTERM lets streams finish, N workers."""

from __future__ import annotations

import asyncio
import re
import signal
import threading
from pathlib import Path

import httpx
import orjson

from tests.gateway.conftest import ALICE_KEY, make_gateway, wait_for_record
from tests.gateway.fake_upstream import FakeUpstream

CHAT = "/v1/chat/completions"
AUTH = {"authorization": f"Bearer {ALICE_KEY}"}


def chat(url: str, model: str = "moat-demo", content: str = "hi") -> httpx.Response:
    body = orjson.dumps({"model": model, "messages": [{"role": "user", "content": content}]})
    return httpx.post(url + CHAT, content=body, headers=AUTH, timeout=10)


def test_kill_9_loses_no_record_of_a_sent_response(tmp_path: Path, fake_upstream: FakeUpstream) -> None:
    gw = make_gateway(tmp_path, f"sqlite:///{tmp_path / 'moat.db'}", fake_upstream.base)
    # Nothing reaches the store before the kill: only the write-ahead log can save these records.
    gw.env = {"MOAT_RECORDING__FLUSH_INTERVAL": "60", "MOAT_RECORDING__BATCH_SIZE": "100000"}
    gw.start()
    sent = []
    try:
        for i in range(40):
            response = chat(gw.url, content=f"request {i}")
            assert response.status_code == 200
            sent.append(response.headers["x-request-id"])
        denied = httpx.post(gw.url + CHAT, content=b"{bad", headers=AUTH, timeout=10)
        sent.append(denied.headers["x-request-id"])
    finally:
        gw.kill9()
    gw.env = {}
    gw.start()
    try:
        for request_id in sent:
            asyncio.run(wait_for_record(gw.store_url, request_id))
    finally:
        gw.stop()


def test_sigterm_lets_open_streams_finish(tmp_path: Path, fake_upstream: FakeUpstream) -> None:
    gw = make_gateway(tmp_path, f"sqlite:///{tmp_path / 'moat.db'}", fake_upstream.base).start()
    body = orjson.dumps({"model": "drip-1", "stream": True, "messages": [{"role": "user", "content": "x"}]})
    received: list[bytes] = []
    with httpx.Client(timeout=10) as client, client.stream("POST", gw.url + CHAT, content=body, headers=AUTH) as r:
        request_id = r.headers["x-request-id"]
        stopper = threading.Timer(0.2, gw.stop)  # SIGTERM while the stream is still dripping
        stopper.start()
        for chunk in r.iter_bytes():
            received.append(chunk)
        stopper.join()
    text = b"".join(received)
    assert text.rstrip().endswith(b"data: [DONE]")
    # uvicorn re-raises SIGTERM after its graceful shutdown, as a well-behaved service should.
    assert gw.proc is not None and gw.proc.returncode in (0, -signal.SIGTERM)
    gw.start()  # the record was flushed at shutdown (or recovered from the WAL at restart)
    try:
        record = asyncio.run(wait_for_record(gw.store_url, request_id))
        assert record["status"] == 200 and record["output_tokens"] == 7
    finally:
        gw.stop()


def test_several_workers_share_one_port_and_one_metrics_view(tmp_path: Path, fake_upstream: FakeUpstream) -> None:
    gw = make_gateway(tmp_path, f"sqlite:///{tmp_path / 'moat.db'}", fake_upstream.base).start("--workers", "2")
    try:
        ids = [chat(gw.url, content=f"w{i}").headers["x-request-id"] for i in range(30)]
        metrics = httpx.get(gw.url + "/metrics").text
        total = sum(float(m) for m in re.findall(
            r'moat_requests_total\{decision="allow",endpoint="/v1/chat/completions",status="200"\} (\S+)', metrics))
        assert total == 30
        for request_id in ids:
            asyncio.run(wait_for_record(gw.store_url, request_id))
    finally:
        gw.stop()


def _limit_file_size() -> None:
    """In the gateway process: files may not grow past 384 KiB (EFBIG instead of SIGXFSZ). Room for
    the migrations every component applies at start (the enforcement tables of v4 took it past 256)."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (384 << 10, 384 << 10))


def test_a_full_disk_fails_closed(tmp_path: Path, fake_upstream: FakeUpstream) -> None:
    gw = make_gateway(tmp_path, f"sqlite:///{tmp_path / 'moat.db'}", fake_upstream.base)
    gw.preexec = _limit_file_size
    gw.env = {"MOAT_SERVER__GRACEFUL_TIMEOUT": "1"}  # the store cannot take the records either: don't wait
    gw.start()
    try:
        statuses = []
        for i in range(2000):
            response = chat(gw.url, content=f"{i} " + "x" * 1000)
            statuses.append(response.status_code)
            if response.status_code != 200:
                break
        assert statuses[0] == 200 and statuses[-1] == 503
        error = response.json()["error"]
        assert error["code"] == "recording_unavailable" and error["type"] == "overloaded_error"
        assert chat(gw.url, content="again " + "x" * 1000).status_code == 503  # closed while the disk is full
    finally:
        gw.stop()
