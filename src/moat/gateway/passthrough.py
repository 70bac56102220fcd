"""Non-streamed answers of any size: read small ones whole, pass large ones through (issue 12 item 4).

A chat answer is a few kilobytes: it is read whole, parsed, metered from its `usage` and, when the
decision says so, redacted. An embeddings batch (200 x 1536 floats is ~6 MB of JSON) or a long
document is another matter: holding it whole costs its size in memory per request, and delaying
its first byte until its last arrived costs the client time. So `read_head` reads up to
`WHOLE_BELOW` bytes; a body that ends by then takes the whole path, a longer one is passed through
chunk by chunk while `UsageTail` keeps only its last `TAIL_BYTES`, where every API puts `usage`
(the last member of an OpenAI chat or embeddings answer and of an Anthropic message).

A body that must be rewritten (reasoning redaction) is always read whole: that is what parsing needs.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any

WHOLE_BELOW = 1 << 20  # bytes: a non-streamed body up to this size is read whole
TAIL_BYTES = 64 << 10  # bytes of a passed-through body kept to find its usage

_USAGE = re.compile(r'"usage"\s*:\s*(?=\{)')
_DECODER = json.JSONDecoder()


async def read_head(chunks: AsyncIterator[bytes], limit: int = WHOLE_BELOW) -> tuple[list[bytes], bool]:
    """The body's first pieces, at least `limit` bytes of them unless it ended; and whether it ended."""
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            return parts, False
    return parts, True


class UsageTail:
    """The last TAIL_BYTES of a body going past, and the top-level `usage` object found in them."""

    __slots__ = ("_parts", "_size")

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._size = 0

    def feed(self, chunk: bytes) -> None:
        self._parts.append(chunk)
        self._size += len(chunk)
        while self._size - len(self._parts[0]) >= TAIL_BYTES:
            self._size -= len(self._parts.pop(0))

    def usage(self) -> dict[str, Any] | None:
        """The last `"usage": {...}` member in the tail: at the end of the answer, so top-level.
        A match inside a JSON string would need its quotes escaped, which the pattern excludes."""
        text = b"".join(self._parts)[-TAIL_BYTES:].decode("utf-8", "replace")
        for match in reversed(list(_USAGE.finditer(text))):
            if match.start() > 0 and text[match.start() - 1] == "\\":
                continue
            try:
                value, _ = _DECODER.raw_decode(text, match.end())
            except ValueError:
                continue
            if isinstance(value, dict):
                return value
        return None
