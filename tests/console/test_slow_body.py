"""A form post whose body is still incomplete at `server.body_timeout` gets 408 and a closed
connection, like the gateway's own APIs (the console passes the request scope to `read_body`)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from tests.console.helpers import console_gateway
from tests.gateway.conftest import GatewayProcess, fake_upstream  # noqa: F401  (fixture)
from tests.gateway.fake_upstream import FakeUpstream

BODY_TIMEOUT = 1.5


@pytest.fixture(scope="module")
def slow_gw(tmp_path_factory: pytest.TempPathFactory, fake_upstream: FakeUpstream  # noqa: F811
            ) -> Iterator[GatewayProcess]:
    gateway = console_gateway(tmp_path_factory.mktemp("slow"), fake_upstream.base,
                              env={"MOAT_SERVER__BODY_TIMEOUT": str(BODY_TIMEOUT)})
    yield gateway
    gateway.stop()


@pytest.mark.parametrize("path", ["/console/signin", "/console/cases"])
def test_a_slow_form_body_gets_408(slow_gw: GatewayProcess, path: str) -> None:
    sock = socket.create_connection(("127.0.0.1", slow_gw.port), timeout=10)
    started = time.monotonic()
    sock.sendall(b"POST " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-"
                 b"urlencoded\r\nContent-Length: 1000\r\n\r\nusername=a")
    data = b""
    sock.settimeout(BODY_TIMEOUT + 8)
    while True:
        try:
            chunk = sock.recv(65536)
        except (TimeoutError, ConnectionResetError):
            break
        if not chunk:
            break
        data += chunk
    sock.close()
    assert data.startswith(b"HTTP/1.1 408"), data[:200]
    assert b"not received within" in data and time.monotonic() - started < BODY_TIMEOUT + 6
