"""An upstream that runs in the test's own process, injected with `build_runtime(upstreams=...)`.

It answers as the built-in demo model does (same bytes an HTTP upstream sends, streaming included),
except for the models that ask for trouble:
  status-NNN   an error answer with that status, in the API's shape
  rawstatus-NNN  that status with a body in no API's shape (a proxy's page)
It keeps every request body it was sent, so a test can see what reached the model.
"""

from __future__ import annotations

from collections.abc import Mapping

import orjson

from moat.gateway.demo_model import DemoModel, DemoResponse
from moat.gateway.upstreams import ForwardHeaders, UpstreamResponse


class InProcessUpstream(DemoModel):
    def __init__(self, name: str, dialect: str) -> None:
        super().__init__(chunks=5)
        self.name = name
        self.dialects = frozenset({dialect})
        self.sent: list[dict[str, object]] = []

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
        return await super().send(api, path, body, stream=stream, headers=headers, query=query)
