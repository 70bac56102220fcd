"""The HTTP guard: uvicorn's httptools protocol with the limits a production server has.

uvicorn gives an idle keep-alive timeout (`timeout_keep_alive`, armed only after a response) and a
concurrency cap (`limit_concurrency`); httptools/llhttp refuse malformed requests (NUL or control
characters in header values included). Neither bounds the number or size of headers, the request
line, or how slowly a client may send them, so one client could pin memory with a 16 MB header or
hold a connection forever by trickling bytes. `GuardedHttpToolsProtocol` adds, per connection:

- `max_request_line`: a longer request line is refused with 414;
- `max_header_count` and `max_header_bytes` (request line and headers together): 431;
- `header_timeout`: seconds from connect (or from a request's first byte) until its headers are in;
  a connection that sent nothing is closed silently, a started request gets 408;
- `body_timeout`: seconds from the end of the headers until the whole body is in; then the app's
  `read_body` is woken and refuses with 408 (recorded), and one second later the guard closes the
  connection if the body is still incomplete (an app that answered before reading the body, a
  client trickling the rest of it).

Deadlines cost a float per request: one sweep per worker every `_SWEEP` seconds closes what is
overdue (a timer per request, armed and cancelled, would cost 5-10 µs of every request).

- `max_connections` (uvicorn's `limit_concurrency`): over it 503 `too_many_connections`, answered
  by the app rather than by uvicorn's plain-text page.

Two costs of uvicorn's own per-request path go the same way (issue 12, speed): its keep-alive timer
(a timer armed after every response and cancelled by the next request) is an "idle" deadline of the
same sweep, and an answer whose length is known (every answer sent whole) leaves in one write, head
and body together (`_OneWriteCycle`), where uvicorn wrote them separately: one system call and one
TCP segment less per request.

A refused request whose path is known (its request line complete, or cut short after the path: a
query too long, a line that timed out on exactly a model call's path, or already under a data
route's prefix) is handed to the app with the refusal in `scope["extensions"]["moat.refusal"]`, so
it is answered like every other refusal: in the API's own error shape (a data route's configured
one, docs/data-apis.md), with its request and decision ids, recorded. Before a path there is
no call to record: the answer is OpenAI-shaped with a request id, counted and logged. Every refusal
closes the connection (counted in `moat_http_refusals`).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import httptools
import orjson
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle

from moat.errors import BadRequest, HeadersTooLarge, MoatError, RequestTimeout, TooManyConnections, UriTooLong
from moat.gateway.endpoints import ENDPOINTS
from moat.gateway.errors import error_body
from moat.gateway.http import BODY_TIMEOUT_FLAG
from moat.ids import new_id

if TYPE_CHECKING:
    from moat.config import ServerSettings, Settings
    from moat.gateway.app import Gateway

PROTOCOL = "moat.gateway.server:GuardedHttpToolsProtocol"
_BODY_GRACE = 1.0  # seconds the app's own body timeout gets before the guard closes the connection
_SWEEP = 0.5  # seconds between deadline sweeps (the timeouts' resolution)
_LINGER = 2.0  # after a refusal, seconds spent reading (and dropping) what the client still sends


class _LingeringTransport:
    """A refused connection's transport: `close()` half-closes (our answer, then FIN) and reads on for
    up to _LINGER seconds before the real close, so a client still sending its oversized head reads
    our answer instead of a connection reset (nginx's lingering close)."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._closing = False

    def close(self) -> None:
        if self._closing:
            return
        self._closing = True
        transport = self._transport
        if transport.is_closing():
            return
        try:
            if transport.can_write_eof():
                transport.write_eof()
        except (OSError, RuntimeError):
            transport.close()
            return
        self._loop.call_later(_LINGER, transport.close)

    def is_closing(self) -> bool:
        return self._closing or self._transport.is_closing()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


def uvicorn_limits(settings: Settings) -> dict[str, Any]:
    """uvicorn options for the server's HTTP limits: the guarded protocol, and uvicorn's own
    keep-alive timeout and concurrency cap (h11, when httptools is missing, bounds the head itself)."""
    server = settings.server
    return {"http": PROTOCOL, "h11_max_incomplete_event_size": server.max_header_bytes,
            "timeout_keep_alive": max(1, round(server.keepalive_timeout)),
            "limit_concurrency": server.max_connections or None}


class _Sweeper:
    """Once every _SWEEP seconds, the guarded connections whose deadline has passed are told so."""

    def __init__(self, loop: asyncio.AbstractEventLoop, connections: set[Any]) -> None:
        self.loop = loop
        self._connections = connections
        loop.call_later(_SWEEP, self._sweep)

    def _sweep(self) -> None:
        now = self.loop.time()
        for protocol in list(self._connections):
            deadline = getattr(protocol, "_deadline", 0.0)
            if deadline and now >= deadline:
                try:
                    protocol.overdue(now)
                except Exception:  # one broken connection must not stop the sweep
                    protocol.transport.close()
        self.loop.call_later(_SWEEP, self._sweep)


class _Capture:
    """Stands in for the transport while uvicorn writes a response head, so it can be held."""

    __slots__ = ("data",)

    def __init__(self) -> None:
        self.data = b""

    def write(self, data: bytes) -> None:
        self.data += data


class _HeadFirst:
    """Stands in for the transport while uvicorn writes a body whose head was held: both in one write."""

    __slots__ = ("_head", "_transport")

    def __init__(self, transport: Any, head: bytes) -> None:
        self._transport = transport
        self._head = head

    def write(self, data: bytes) -> None:
        if len(data) < _JOIN_BELOW:
            self._transport.write(self._head + data)
        else:  # a large body is not copied to join it: one writev all the same
            self._transport.writelines((self._head, data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


_JOIN_BELOW = 1 << 16


class _OneWriteCycle(RequestResponseCycle):
    """uvicorn's request/response cycle, but the head of an answer with a Content-Length is held
    until its body and written with it. uvicorn's own `send` does the work (header validation,
    length accounting, keep-alive, completion); only the transport it writes to is swapped for the
    two writes, which no `await` separates. A streamed (chunked) answer's head leaves at once, as
    before: its first event may be a long time coming."""

    _held: bytes | None = None

    async def send(self, message: Any) -> None:
        held = self._held
        if held is not None:
            self._held = None
            transport = self.transport
            self.transport = _HeadFirst(transport, held)  # type: ignore[assignment]
            try:
                await super().send(message)
            finally:
                self.transport = transport
            return
        if self.response_started or message["type"] != "http.response.start":
            await super().send(message)
            return
        if self.flow.write_paused and not self.disconnected:
            await self.flow.drain()
        transport, capture = self.transport, _Capture()
        self.transport = capture  # type: ignore[assignment]
        try:
            await super().send(message)
        finally:
            self.transport = transport
        if capture.data:
            if self.chunked_encoding is False and self.scope["method"] != "HEAD":
                self._held = capture.data
            else:
                transport.write(capture.data)


class _Refused(Exception):
    """Raised from a parser callback to stop parsing a refused request."""


def gateway_of(app: Any) -> Gateway | None:
    """The Gateway under uvicorn's middleware (proxy headers, message logger)."""
    from moat.gateway.app import Gateway

    for _ in range(8):
        if isinstance(app, Gateway):
            return app
        app = getattr(app, "app", None)
    return None


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gateway = gateway_of(self.app)
        limits: ServerSettings | None = self.gateway.settings.server if self.gateway is not None else None
        self._max_line = limits.max_request_line if limits else 8 * 1024
        self._max_count = limits.max_header_count if limits else 100
        self._max_bytes = limits.max_header_bytes if limits else 64 * 1024
        self._header_timeout = limits.header_timeout if limits else 10.0
        self._body_timeout = limits.body_timeout if limits else 30.0
        self._deadline = 0.0  # loop time by which the current phase must end; 0: none
        self._phase = ""  # "head" | "body" | "body_grace"
        self._in_head = False  # between a request's first byte and the end of its headers
        self._url_done = False  # the request line is complete (a header has started)
        self._line_bytes = 0
        self._head_bytes = 0  # request line + complete headers
        self._raw_head_bytes = 0  # bytes of chunks received wholly inside the head
        self._count = 0
        self._refused = False
        # uvicorn would answer over-limit requests with its own plain-text 503; the app answers
        # them instead (API shape, ids, recorded): see on_headers_complete.
        self._max_connections = self.limit_concurrency
        self.limit_concurrency = None

    # ---- deadlines ---------------------------------------------------------------------------
    def _set_deadline(self, seconds: float, phase: str) -> None:
        if seconds > 0:
            self._deadline, self._phase = self.loop.time() + seconds, phase
        else:
            self._deadline = 0.0

    def _disarm(self) -> None:
        self._deadline = 0.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._set_deadline(self._header_timeout, "head")
        sweeper = getattr(self.server_state, "_moat_sweeper", None)
        if sweeper is None or sweeper.loop is not self.loop:
            self.server_state._moat_sweeper = _Sweeper(self.loop, self.connections)  # type: ignore[attr-defined]

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def overdue(self, now: float) -> None:
        """Called by the sweep once the current phase's deadline has passed."""
        if self._deadline == 0.0 or now < self._deadline:
            return
        self._deadline = 0.0
        if self._phase == "head":
            self._head_timed_out()
        elif self._phase == "body":
            self._body_overdue()
        elif self._phase == "idle":  # uvicorn's keep-alive timeout, kept by the sweep
            if not self.transport.is_closing():
                self.transport.close()
        else:
            self._body_timed_out()

    def on_response_complete(self) -> None:
        """uvicorn's, with the keep-alive timeout as the sweep's "idle" deadline instead of a timer."""
        self.server_state.total_requests += 1
        if self.transport.is_closing():
            return
        self.flow.resume_reading()
        if self.pipeline:
            cycle, app = self.pipeline.pop()
            self._start_asgi_task(cycle, app)
        elif self._deadline == 0.0:
            self._set_deadline(self.timeout_keep_alive, "idle")

    def _head_timed_out(self) -> None:
        if self.transport.is_closing() or self._refused:
            return
        if not self._in_head:
            # Nothing sent since connecting (or since the last response): close without an answer.
            if self.cycle is None or self.cycle.response_complete:
                self._count_refusal("header_timeout")
                self.transport.close()
            return
        self._refuse(RequestTimeout(f"The request headers were not received within {self._header_timeout:g} "
                                    "seconds"), "header_timeout")

    def _body_overdue(self) -> None:
        """Wake the app's read_body (an empty chunk and the flag: it answers 408), then close a
        second later if the body is still not in."""
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete and cycle.more_body:
            extensions: Any = cycle.scope.setdefault("extensions", {})
            extensions[BODY_TIMEOUT_FLAG] = self._body_timeout
            cycle.message_event.set()
        self._set_deadline(_BODY_GRACE, "body_grace")

    def _body_timed_out(self) -> None:
        if not self.transport.is_closing():
            self._count_refusal("body_timeout")
            self.transport.close()

    # ---- parsing -----------------------------------------------------------------------------
    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # read and dropped, so the close after our answer is a clean FIN, not a reset
        in_head_before = self._in_head
        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            self._unsupported_upgrade_warning()
        except httptools.HttpParserError as exc:
            if self._refused:  # one of our callbacks refused the request; the answer is on its way
                return
            self._refuse(BadRequest(f"Invalid HTTP request: {exc}", code="invalid_http_request"), "invalid")
            return
        if in_head_before and self._in_head:  # a chunk wholly inside the head: e.g. one huge header arriving
            self._raw_head_bytes += len(data)
            if self._raw_head_bytes > self._max_bytes:
                self._refuse(HeadersTooLarge(f"The request headers exceed {self._max_bytes} bytes"),
                             "headers_too_large")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        self._url_done = False
        self._line_bytes = self._head_bytes = self._raw_head_bytes = self._count = 0
        if self._deadline == 0.0 or self._phase == "idle":  # a keep-alive connection's next request:
            self._set_deadline(self._header_timeout, "head")  # its head gets the full timeout

    def on_url(self, url: bytes) -> None:
        self._line_bytes += len(url)
        if self._line_bytes > self._max_line:
            super().on_url(url[: self._max_line])  # enough to tell which endpoint it was for
            self._refuse(UriTooLong(f"The request line exceeds {self._max_line} bytes"), "request_line_too_long")
            raise _Refused()
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        if not self._url_done:
            self._url_done = True
            self._head_bytes = self._line_bytes + 16
        self._count += 1
        self._head_bytes += len(name) + len(value) + 4
        if self._count > self._max_count:
            self._refuse(HeadersTooLarge(f"The request has more than {self._max_count} headers"),
                         "headers_too_large")
            raise _Refused()
        if self._head_bytes > self._max_bytes:
            self._refuse(HeadersTooLarge(f"The request headers exceed {self._max_bytes} bytes"),
                         "headers_too_large")
            raise _Refused()
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._url_done = True
        self._set_deadline(self._body_timeout, "body")
        limit = self._max_connections
        if limit is not None and (len(self.connections) >= limit or len(self.tasks) >= limit):
            error = TooManyConnections("The server is at its connection limit; retry shortly")
            error.headers["connection"] = "close"
            extensions: Any = self.scope.setdefault("extensions", {})
            extensions["moat.refusal"] = error
            self._count_refusal("too_many_connections")
        super().on_headers_complete()
        # uvicorn builds its own cycle; its task has not run yet, so it sends through ours.
        if self.cycle is not None and type(self.cycle) is RequestResponseCycle:
            self.cycle.__class__ = _OneWriteCycle

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()
        cycle = self.cycle
        if cycle is not None and cycle.response_complete and not self.pipeline:
            # Answered before its body was in (a refusal): idle from now on, as after any answer.
            self._set_deadline(self.timeout_keep_alive, "idle")

    # ---- refusals ----------------------------------------------------------------------------
    def _count_refusal(self, reason: str) -> None:
        if self.gateway is not None:
            self.gateway.runtime.metrics.http_refusals.labels(reason).inc()

    def _refuse(self, error: MoatError, reason: str) -> None:
        """Answer `error` and close. With a whole request line, through the app (recorded, API shape)."""
        if self._refused or self.transport.is_closing():
            return
        self._refused = True
        self._in_head = False
        self._disarm()
        self._count_refusal(reason)
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.keep_alive = False  # a pipelined request is refused while one is running: close after it
            self.transport.close()
            return
        scope: Any = self.scope if self._url_done or self._path_known() else None
        if scope is None or ("method" not in scope and not self._fill_scope(scope)):
            self._raw_answer(error)
            return
        scope.setdefault("extensions", {})["moat.refusal"] = error
        cycle = RequestResponseCycle(
            scope=scope,
            transport=_LingeringTransport(self.transport, self.loop),  # type: ignore[arg-type]
            flow=self.flow, logger=self.logger, access_logger=self.access_logger,
            access_log=self.access_log, default_headers=self.server_state.default_headers,
            message_event=asyncio.Event(), expect_100_continue=False, keep_alive=False,
            on_response=self.on_response_complete)
        cycle.more_body = False
        self.cycle = cycle
        self._start_asgi_task(cycle, self.app)

    def _path_known(self) -> bool:
        """A request line cut short (too long, or timed out) whose path is nonetheless whole: its
        query had begun, or it is exactly a model call's path; or whose path, whole or not, is
        already under a data route's prefix (a data route takes every path below it). Such a refusal
        is that call's, and is recorded like it, in its API's error shape; anything else is answered
        without a record (there is no call to record)."""
        url = self.url
        if not url:
            return False
        if b"?" in url or url.decode("latin-1") in ENDPOINTS:
            return True
        return self.gateway is not None and self.gateway.runtime.data.match(url.decode("latin-1")) is not None

    def _fill_scope(self, scope: dict[str, Any]) -> bool:
        """The method and path of a request refused before its headers were complete."""
        try:
            method = self.parser.get_method()
        except Exception:
            return False
        raw_path = self.url.split(b"?", 1)[0]
        if not raw_path.startswith(b"/"):
            return False
        try:
            path = raw_path.decode("ascii")
        except UnicodeDecodeError:
            return False
        scope.update(method=method.decode("ascii", "replace"), path=path, raw_path=raw_path, query_string=b"")
        return True

    def _raw_answer(self, error: MoatError) -> None:
        """A refusal before there is a request to hand to the app: an OpenAI-shaped error, then close."""
        request_id = new_id("req")
        body = orjson.dumps(error_body("openai", error, request_id))
        phrase = {408: b"Request Timeout", 414: b"URI Too Long", 431: b"Request Header Fields Too Large"}
        head = [b"HTTP/1.1 %d %s\r\n" % (error.status, phrase.get(error.status, b"Bad Request")),
                b"content-type: application/json\r\n",
                b"x-request-id: " + request_id.encode() + b"\r\n",
                b"request-id: " + request_id.encode() + b"\r\n",
                b"content-length: %d\r\n" % len(body), b"connection: close\r\n\r\n"]
        self.transport.write(b"".join(head) + body)
        _LingeringTransport(self.transport, self.loop).close()
