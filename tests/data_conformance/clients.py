"""Firehose clients as real consumers write them, and the parsing they do.

- `StreamReader`: an httpx streaming GET read in a thread, every byte kept with its arrival time, so a
  test can act (apply an action, restrict an organization) while the stream is open.
- `ReconnectingConsumer`: a consumer that reconnects the way firehose clients are told to: after a
  stream ends, exponential back-off from 0.25 s; on 429 it waits what `Retry-After` says; on another
  4xx it stops (the credentials or the account are the problem, reconnecting cannot help).
- `CurlStream`: `curl --no-buffer` in a subprocess, its output read as it arrives.

Items are counted client-side, the way a billing dispute would count them: an ndjson item is a
non-blank line, a server-sent event is a block with `data:` lines; keep-alive blank lines and `:`
comments are not items.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

STREAM_TIMEOUT = httpx.Timeout(connect=5.0, read=10.0, write=5.0, pool=5.0)

# Response headers a relay owns (framing, its own date and server) and the ones Moat documents adding
# (README: x-request-id / request-id when the upstream sent none, its moat-* ids, its RateLimit-*).
RELAY_FRAMING = {"content-length", "date", "server", "connection", "keep-alive", "transfer-encoding"}
MOAT_ADDED = {"x-request-id", "request-id", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"}


def assert_relayed_headers(got: list[tuple[str, str]], upstream: list[tuple[str, str]]) -> None:
    """Every end-to-end header the upstream sent reaches the client once, unchanged; nothing else is
    added but Moat's documented headers; `moat-request-id` exactly once."""
    for name, value in upstream:
        if name not in RELAY_FRAMING:
            assert [v for k, v in got if k == name] == [value], f"response header {name}"
    sent = {name for name, _ in upstream}
    added = {name for name, _ in got if name not in sent and name not in RELAY_FRAMING}
    assert not {name for name in added - MOAT_ADDED if not name.startswith("moat-")}, f"added headers {added}"
    assert len([v for k, v in got if k == "moat-request-id"]) == 1


@dataclass
class Line:
    """One complete ndjson line (its terminator excluded) and when its last byte arrived (wall clock)."""

    at: float
    raw: bytes

    @property
    def blank(self) -> bool:
        return not self.raw.strip()

    def json(self) -> Any:
        return json.loads(self.raw)


@dataclass
class Event:
    """One server-sent event: its fields, and when its terminating blank line arrived."""

    at: float
    event: str | None
    data: str | None
    id: str | None
    comment_only: bool


def split_lines(chunks: list[tuple[float, bytes]]) -> list[Line]:
    lines: list[Line] = []
    pending = b""
    for at, chunk in chunks:
        pending += chunk
        while b"\n" in pending:
            raw, pending = pending.split(b"\n", 1)
            lines.append(Line(at, raw.rstrip(b"\r")))
    if pending:
        lines.append(Line(chunks[-1][0], pending))
    return lines


def split_events(chunks: list[tuple[float, bytes]]) -> list[Event]:
    events: list[Event] = []
    fields: list[str] = []
    for line in split_lines(chunks):
        text = line.raw.decode()
        if text:
            fields.append(text)
            continue
        if not fields:
            continue
        kind = data = ident = None
        datas = []
        for f in fields:
            if f.startswith(":"):
                continue
            name, _, value = f.partition(":")
            value = value.removeprefix(" ")
            if name == "event":
                kind = value
            elif name == "data":
                datas.append(value)
            elif name == "id":
                ident = value
        data = "\n".join(datas) if datas else None
        events.append(Event(line.at, kind, data, ident, all(f.startswith(":") for f in fields)))
        fields = []
    return events


def is_tweet(obj: Any) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("data"), dict) and "author_id" in obj["data"]


def is_moat_error_item(obj: Any) -> bool:
    return isinstance(obj, dict) and "moat" in obj and "errors" in obj


@dataclass
class StreamReader:
    """A streaming GET read to its end in a background thread (or until `stop()`)."""

    url: str
    headers: dict[str, str]
    chunks: list[tuple[float, bytes]] = field(default_factory=list)
    status: int | None = None
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    started: float = 0.0
    first_byte: float | None = None
    ended: float | None = None  # the server ended the body (cleanly or not)
    clean_end: bool = False  # ... with a complete HTTP message (final chunk)
    error: str | None = None
    body: bytes = b""  # for a non-200 answer
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> StreamReader:
        self._thread = threading.Thread(target=self.run, daemon=True)
        self._thread.start()
        return self

    def run(self) -> None:
        """Read the stream in the calling thread (start() runs this in a thread of its own)."""
        self.started = time.time()
        try:
            with httpx.Client(timeout=STREAM_TIMEOUT) as client, \
                    client.stream("GET", self.url, headers=self.headers) as response:
                self.status = response.status_code
                self.response_headers = [(k.decode("latin-1").lower(), v.decode("latin-1"))
                                         for k, v in response.headers.raw]
                if response.status_code != 200:
                    self.body = response.read()
                    self.ended, self.clean_end = time.time(), True
                    return
                for chunk in response.iter_raw():
                    now = time.time()
                    with self._lock:
                        if self.first_byte is None:
                            self.first_byte = now
                        self.chunks.append((now, chunk))
                    if self._stop.is_set():
                        return
                self.ended, self.clean_end = time.time(), True
        except httpx.HTTPError as exc:
            if not self._stop.is_set():
                self.ended = time.time()
                self.error = f"{type(exc).__name__}: {exc}"

    def stop(self) -> None:
        """Hang up, as a client that has read enough does."""
        self._stop.set()
        self.join(5)

    def join(self, timeout: float) -> bool:
        assert self._thread is not None
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def snapshot(self) -> list[tuple[float, bytes]]:
        with self._lock:
            return list(self.chunks)

    @property
    def raw(self) -> bytes:
        return b"".join(chunk for _, chunk in self.snapshot())

    def lines(self) -> list[Line]:
        return split_lines(self.snapshot())

    def tweets(self) -> list[Line]:
        return [line for line in self.lines() if not line.blank and is_tweet(line.json())]

    def events(self) -> list[Event]:
        return split_events(self.snapshot())

    def wait_for(self, predicate: Any, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self):
                return True
            if self.ended is not None:
                return bool(predicate(self))
            time.sleep(0.01)
        return False

    def header_values(self, name: str) -> list[str]:
        return [v for k, v in self.response_headers if k == name]


@dataclass
class Attempt:
    started: float
    status: int | None
    headers: list[tuple[str, str]]
    body: bytes  # a refusal's body
    lines: list[Line]
    ended: float
    clean_end: bool
    error: str | None

    @property
    def tweets(self) -> int:
        return sum(1 for line in self.lines if not line.blank and is_tweet(line.json()))

    @property
    def final_item(self) -> Any:
        items = [line for line in self.lines if not line.blank]
        return items[-1].json() if items else None

    def header(self, name: str) -> str | None:
        values = [v for k, v in self.headers if k == name]
        return values[0] if values else None


class ReconnectingConsumer:
    """A firehose consumer that reconnects with exponential back-off and honours Retry-After."""

    def __init__(self, url: str, headers: dict[str, str], *, max_attempts: int, base_delay: float = 0.25,
                 max_delay: float = 8.0, max_retry_after: float = 5.0) -> None:
        self.url, self.headers = url, headers
        self.max_attempts, self.base_delay, self.max_delay = max_attempts, base_delay, max_delay
        self.max_retry_after = max_retry_after
        self.attempts: list[Attempt] = []
        self.stopped_because = ""
        self._thread: threading.Thread | None = None
        self._current: StreamReader | None = None

    def start(self) -> ReconnectingConsumer:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def join(self, timeout: float) -> bool:
        assert self._thread is not None
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def current(self) -> StreamReader | None:
        return self._current

    def _run(self) -> None:
        delay = self.base_delay
        while len(self.attempts) < self.max_attempts:
            reader = StreamReader(self.url, dict(self.headers))
            self._current = reader
            reader.run()
            attempt = Attempt(reader.started, reader.status, reader.response_headers, reader.body, reader.lines(),
                              reader.ended or time.time(), reader.clean_end, reader.error)
            self.attempts.append(attempt)
            if attempt.status == 429:
                retry_after = attempt.header("retry-after")
                if retry_after is None or not retry_after.isdigit() or float(retry_after) > self.max_retry_after:
                    self.stopped_because = f"429 with Retry-After {retry_after!r}"
                    return
                wait = float(retry_after)
            elif attempt.status is not None and 400 <= attempt.status < 500:
                self.stopped_because = f"{attempt.status}: not retryable"
                return
            else:  # the stream ended, a 5xx, or a network error: back off exponentially
                wait = delay
                delay = min(delay * 2, self.max_delay)
            time.sleep(wait)
        self.stopped_because = "max attempts"


class CurlStream:
    """`curl --no-buffer -i` on a URL; stdout read line by line as it arrives."""

    def __init__(self, url: str, headers: dict[str, str], *extra: str) -> None:
        args = ["curl", "-sS", "--no-buffer", "-i", "--max-time", "20", *extra]
        for name, value in headers.items():
            args += ["-H", f"{name}: {value}"]
        self.started = time.time()
        self.proc = subprocess.Popen([*args, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
        self.lines: list[Line] = []

    def read(self) -> Iterator[Line]:
        assert self.proc.stdout is not None
        for raw in iter(self.proc.stdout.readline, b""):
            line = Line(time.time(), raw.rstrip(b"\r\n"))
            self.lines.append(line)
            yield line

    def finish(self) -> tuple[int, bytes]:
        for _ in self.read():
            pass
        stderr = self.proc.stderr.read() if self.proc.stderr else b""
        return self.proc.wait(20), stderr

    def head_and_body(self) -> tuple[list[str], list[Line]]:
        """The status line and headers, and the body's lines (curl -i prints them before the body)."""
        for index, line in enumerate(self.lines):
            if line.blank:
                return [x.raw.decode("latin-1") for x in self.lines[:index]], self.lines[index + 1:]
        return [x.raw.decode("latin-1") for x in self.lines], []


def assert_streams_share_one_cap(readers: list[StreamReader], per_minute: int) -> list[StreamReader]:
    """Streams opened at once under one items-per-minute cap (one key of two accounts, or one key on
    two replicas): each is cut, each was served or refused 429, and together they got the cap's
    worth, give or take what the cap lets through while they ran and one item of rounding per
    stream. Returns the streams that were served."""
    for reader in readers:
        assert reader.join(10), "a stream was not cut"
    served = [r for r in readers if r.status == 200]
    assert served and all(r.status in (200, 429) for r in readers), [(r.status, r.body) for r in readers]
    total = sum(len(r.tweets()) for r in served)
    elapsed = max(r.ended or 0 for r in readers) - min(r.started for r in readers)
    assert per_minute * 0.9 <= total <= per_minute + elapsed * per_minute / 60 + len(served), (
        [len(r.tweets()) for r in served], elapsed)
    return served
