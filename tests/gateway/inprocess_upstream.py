"""An upstream that runs in the test's own process, injected with `build_runtime(upstreams=...)`.

It answers as the built-in demo model does (same bytes an HTTP upstream sends, streaming included),
except for the models that ask for trouble:
  status-NNN   an error answer with that status, in the API's shape
  rawstatus-NNN  that status with a body in no API's shape (a proxy's page)
It keeps every request body it was sent, so a test can see what reached the model.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping

import orjson

from moat.gateway.demo_model import DemoModel, DemoResponse
from moat.gateway.upstreams import ForwardHeaders, UpstreamResponse


class EndingResponse:
    """A streamed answer that says, as Moat's HTTP client does, when its body has ended: `complete`
    turns true as the last piece is handed over (that piece arrived with the body's end)."""

    def __init__(self, inner: UpstreamResponse) -> None:
        self._inner = inner
        self.status, self.headers, self.retry_after = inner.status, inner.headers, inner.retry_after
        self.content_type = inner.content_type
        self.complete = False

    async def read(self) -> bytes:
        return await self._inner.read()

    async def chunks(self) -> AsyncIterator[bytes]:
        pieces = [piece async for piece in self._inner.chunks()]
        for i, piece in enumerate(pieces):
            self.complete = i == len(pieces) - 1
            yield piece

    def close(self) -> None:
        self._inner.close()


class InProcessUpstream(DemoModel):
    def __init__(self, name: str, dialect: str) -> None:
        super().__init__(chunks=5)
        self.name = name
        self.dialects = frozenset({dialect})
        self.sent: list[dict[str, object]] = []
        self.says_when_ended = False  # streamed answers are EndingResponse (the body's end is known)

    async def send(self, api: str, path: str, body: bytes, *, stream: bool,
                   headers: ForwardHeaders | Mapping[str, str], query: bytes = b"") -> UpstreamResponse:
        payload = orjson.loads(body)
        self.sent.append(payload)
        model = str(payload.get("model", ""))
        kind, _, status = model.partition("-")
        if kind == "status" and status.isdigit():
            error = ({"type": "error", "error": {"type": "api_error", "message": "upstream says no"}}
                     if api == "anthropic" else
                     {"error": {"message": "upstream says no", "type": "server_error", "param": None, "code": None}})
            return DemoResponse(int(status), orjson.dumps(error))
        if kind == "rawstatus" and status.isdigit():
            return DemoResponse(int(status), b"<html>bad gateway</html>")
        response = await super().send(api, path, body, stream=stream, headers=headers, query=query)
        return EndingResponse(response) if stream and self.says_when_ended else response
