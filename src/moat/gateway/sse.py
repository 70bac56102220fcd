"""Server-sent events: split an upstream byte stream into whole events, without buffering more.

Events are forwarded whole (never half an event), so a transformer may drop or rewrite one. An
event is handed on exactly as its bytes arrived, line endings included (LF, CRLF or CR, RFC 8895
§9.2.6's grammar): a relayed stream reaches the client byte for byte unless Moat rewrote an event.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

# A blank line: two line ends in a row. A lone CR counts only when no LF follows it.
_BOUNDARY = re.compile(rb"(?:\r\n|\r(?!\n)|\n)(?:\r\n|\r(?!\n)|\n)")
_LINE_END = re.compile(rb"\r\n|\r|\n")


class EventSplitter:
    """Feed bytes; get back complete events (each ending with a blank line)."""

    __slots__ = ("_buf",)

    def __init__(self) -> None:
        self._buf = b""

    def feed(self, chunk: bytes) -> list[bytes]:
        buf = self._buf + chunk if self._buf else chunk
        events: list[bytes] = []
        start = 0
        if b"\r" not in buf:  # the common case: LF line ends
            while True:
                end = buf.find(b"\n\n", start)
                if end < 0:
                    break
                events.append(buf[start:end + 2])
                start = end + 2
        else:
            for match in _BOUNDARY.finditer(buf):
                if match.end() == len(buf) and buf.endswith(b"\r") and match.group() != b"\r\r":
                    break  # the CR may be the first half of a CRLF still on its way
                events.append(buf[start:match.end()])
                start = match.end()
        self._buf = buf[start:]
        return events

    def rest(self) -> bytes:
        """Whatever trailing bytes never formed a complete event."""
        rest, self._buf = self._buf, b""
        return rest


def event_fields(event: bytes) -> tuple[bytes | None, bytes | None]:
    """(event name, data) of one event; data lines are joined with newlines."""
    name: bytes | None = None
    data: list[bytes] = []
    for line in event.split(b"\n") if b"\r" not in event else _LINE_END.split(event):
        if line.startswith(b"data:"):
            data.append(line[6:] if line[5:6] == b" " else line[5:])
        elif line.startswith(b"event:"):
            name = line[6:].strip()
    return name, (b"\n".join(data) if data else None)


def data_event(data: bytes, name: bytes | None = None) -> bytes:
    if name is None:
        return b"data: " + data + b"\n\n"
    return b"event: " + name + b"\ndata: " + data + b"\n\n"


class CutItems:
    """The items of a stream cut by redaction (reasoning blocks), by their position.

    Anthropic's content blocks (`index`) and the Responses API's output items (`output_index`) are
    numbered; a client (the SDKs) expects the numbers it sees to be contiguous, so every later item
    moves down by the number of cut items before it.
    """

    __slots__ = ("_cut", "_key")

    def __init__(self, key: str) -> None:
        self._key = key  # the field holding the position: "index" or "output_index"
        self._cut: set[int] = set()

    def pass_on(self, event: bytes, name: bytes | None, obj: dict[str, Any], starts_cut: bool) -> bytes | None:
        """`event` as the client gets it: unchanged, renumbered, or None when it belongs to a cut
        item. `starts_cut`: this event opens an item that is to be cut."""
        index = obj.get(self._key)
        if not isinstance(index, int):
            return event
        cut = self._cut
        if starts_cut:
            cut.add(index)
        if index in cut:
            return None
        shift = sum(1 for d in cut if d < index)
        if not shift:
            return event
        obj[self._key] = index - shift
        return data_event(orjson.dumps(obj), name)
