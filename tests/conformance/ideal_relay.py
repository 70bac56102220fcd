"""A minimal faithful relay, to check the suite itself: with `MOAT_CONFORMANCE_IDEAL_RELAY=1` the relay
cases (not metering, policy or CORS) run against it instead of Moat and must pass. It forwards every
request as is, swapping only the credential, and answers with the upstream's status, headers and bytes
plus one `x-request-id`, `request-id` and `moat-decision-id`."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import httpx
import uvicorn

from tests.conformance.conftest import UPSTREAM_ANTHROPIC_SECRET, UPSTREAM_OPENAI_SECRET

DROP = {"host", "content-length", "connection", "keep-alive", "transfer-encoding", "te", "upgrade",
        "authorization", "x-api-key"}
OWN = {"x-request-id", "request-id", "moat-decision-id", "content-length", "transfer-encoding", "connection"}


class IdealRelay:
    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self.client: httpx.AsyncClient | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = [(k.decode(), v.decode("latin-1")) for k, v in scope["headers"] if k.decode() not in DROP]
        anthropic = scope["path"].startswith("/v1/messages") or any(k == "anthropic-version" for k, _ in headers)
        headers.append(("x-api-key", UPSTREAM_ANTHROPIC_SECRET) if anthropic else
                       ("authorization", f"Bearer {UPSTREAM_OPENAI_SECRET}"))
        if self.client is None:
            self.client = httpx.AsyncClient(timeout=30)
        query = scope.get("query_string", b"").decode()
        target = self.upstream + scope["path"] + (f"?{query}" if query else "")
        request = self.client.build_request(scope["method"], target, headers=headers, content=body)
        response = await self.client.send(request, stream=True)
        out = [(k.encode(), v.encode()) for k, v in response.headers.multi_items() if k.lower() not in OWN]
        out += [(b"x-request-id", b"req_ideal"), (b"request-id", b"req_ideal"), (b"moat-decision-id", b"dec_ideal")]
        await send({"type": "http.response.start", "status": response.status_code, "headers": out})
        async for chunk in response.aiter_raw():
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await response.aclose()
        await send({"type": "http.response.body", "body": b""})

    def start(self) -> IdealRelay:
        self.server = uvicorn.Server(uvicorn.Config(self, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="off", server_header=False, date_header=False))
        threading.Thread(target=self.server.run, daemon=True).start()
        while not self.server.started:
            time.sleep(0.02)
        return self
