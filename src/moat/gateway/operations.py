"""Operations endpoints: liveness, readiness and Prometheus metrics (no key: for the platform's probes).

    GET /healthz   200 while the process serves at all
    GET /readyz    200 ready or degraded, 503 not ready (moat.gateway.runtime.Runtime.readiness)
    GET /metrics   the Prometheus exposition of this process
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from moat.gateway.http import Receive, Scope, Send, send_json, send_response
from moat.gateway.routes import Route, exact

if TYPE_CHECKING:
    from moat.gateway.runtime import Runtime


async def healthz(rt: Runtime, scope: Scope, receive: Receive, send: Send, request_id: str) -> None:
    await send_json(send, 200, {"status": "ok"})


async def readyz(rt: Runtime, scope: Scope, receive: Receive, send: Send, request_id: str) -> None:
    status, body = await rt.readiness()  # ready / degraded (200) or not ready (503)
    await send_json(send, status, body)


async def metrics(rt: Runtime, scope: Scope, receive: Receive, send: Send, request_id: str) -> None:
    await send_response(send, 200, rt.metrics.render(), [(b"content-type", rt.metrics.content_type.encode())])


ROUTES: list[Route] = [exact("/healthz", healthz), exact("/readyz", readyz), exact("/metrics", metrics)]
