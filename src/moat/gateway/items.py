"""Splitting a relayed response body into items, to meter and cut a data stream (issue 15 item 2).

A firehose is one response that never ends: newline-delimited JSON (one item a line; a blank line
is a keep-alive, not an item) or server-sent events (one item an event with data; a comment line
such as `: keep-alive` is not an item). The relay forwards only whole items (the unfinished tail of
a chunk waits for the next one), so a stream Moat ends always ends between two items and its final
error item is never glued to half of one.

`feed(chunk)` returns the whole items that chunk completed as one bytes object plus the offset
where each item ends in it (keep-alives pass through without an offset), so a volume limit can
forward exactly the first n items (`data[:ends[n - 1]]`) and meter without copying each item.

A body of any other type (`none`) is not split: it passes as it comes and counts once at its end
(`count_whole`): 1 item, or len(data) when it is a JSON object with a `data` list (the shape of
search and lookup answers of the data APIs this serves).
"""

from __future__ import annotations

import re
from typing import Any, Literal

import orjson

ItemFormat = Literal["ndjson", "sse", "none"]
_NDJSON_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-seq", "application/ndjson",
                 "application/stream+json")


def format_for(configured: str, content_type: str) -> ItemFormat:
    """The route's `items` when set, else what the response's content type says."""
    if configured in ("ndjson", "sse", "none"):
        return configured  # type: ignore[return-value]
    media = content_type.partition(";")[0].strip().lower()
    if media in _NDJSON_TYPES:
        return "ndjson"
    if media == "text/event-stream":
        return "sse"
    return "none"


# An event ends at an empty line: two line ends in a row, each CRLF, LF or CR (the SSE grammar).
_EVENT_END = re.compile(rb"(?:\r\n|\r(?!\n)|\n)(?:\r\n|\r(?!\n)|\n)")
_SPACE = frozenset(b" \t\r")


class LineItems:
    """ndjson: an item is a non-blank line."""

    __slots__ = ("_rest",)

    def __init__(self) -> None:
        self._rest = b""

    def feed(self, chunk: bytes) -> tuple[bytes, list[int]]:
        buf = self._rest + chunk if self._rest else chunk
        cut = buf.rfind(b"\n") + 1
        if cut == 0:
            self._rest = buf
            return b"", []
        data, self._rest = (buf, b"") if cut == len(buf) else (buf[:cut], buf[cut:])
        ends: list[int] = []
        start = 0
        find = data.find
        while start < cut:
            nl = find(b"\n", start)
            # A JSON line starts with its value, never with white space: slice only to tell a
            # keep-alive ("\n", "\r\n", spaces) from an indented item.
            if nl > start and (data[start] not in _SPACE or data[start:nl].strip()):
                ends.append(nl + 1)
            start = nl + 1
        return data, ends

    def rest(self) -> bytes:
        return self._rest

    @staticmethod
    def payload(item: bytes) -> bytes:
        return item


class EventItems:
    """sse: an item is an event with at least one `data` field; events end at a blank line."""

    __slots__ = ("_rest",)

    def __init__(self) -> None:
        self._rest = b""

    def feed(self, chunk: bytes) -> tuple[bytes, list[int]]:
        buf = self._rest + chunk if self._rest else chunk
        ends: list[int] = []
        start = cut = 0
        for match in _EVENT_END.finditer(buf):
            end = match.end()
            block = buf[start:end]
            if block.startswith(b"data") or b"\ndata" in block or b"\rdata" in block:
                ends.append(end)
            start = cut = end
        if cut == 0:
            self._rest = buf
            return b"", []
        data, self._rest = (buf, b"") if cut == len(buf) else (buf[:cut], buf[cut:])
        return data, ends

    def rest(self) -> bytes:
        return self._rest

    @staticmethod
    def payload(item: bytes) -> bytes:
        """The event's data, its `data` lines joined (what item_resource reads)."""
        lines = item.replace(b"\r\n", b"\n").split(b"\n")
        return b"\n".join(line[5:].removeprefix(b" ") for line in lines if line.startswith(b"data"))


Splitter = LineItems | EventItems


def splitter_for(fmt: ItemFormat) -> Splitter | None:
    if fmt == "ndjson":
        return LineItems()
    if fmt == "sse":
        return EventItems()
    return None


def count_whole(body: bytes) -> int:
    """Items in a body that is not a stream: len(data) for a JSON object with a `data` list, else 1
    (an empty body: 0)."""
    if not body.strip():
        return 0
    try:
        value: Any = orjson.loads(body)
    except orjson.JSONDecodeError:
        return 1
    if isinstance(value, dict) and isinstance(value.get("data"), list):
        return len(value["data"])
    return 1


def whole_items(body: bytes) -> list[Any]:
    """The parsed items of a body that is not a stream (for item_resource): its `data` list or itself."""
    try:
        value: Any = orjson.loads(body)
    except orjson.JSONDecodeError:
        return []
    if isinstance(value, dict) and isinstance(value.get("data"), list):
        return list(value["data"])
    return [value]
