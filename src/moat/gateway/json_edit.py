"""Remove one member of a JSON object's bytes and change nothing else.

Moat asks OpenAI-style upstreams for usage in streams (`stream_options.include_usage`) to meter them;
a client that did not ask must receive the bytes the upstream would have sent it (issue 12 item 2).
With the option on, the upstream adds `"usage":null` to every chunk; re-serialising each chunk to
drop it would reorder nothing but could still change bytes (number formats, escapes, spacing), so
the member is cut out of the original bytes instead, with the one comma that joined it, and the
result is checked by parsing it: if it is not exactly the object without that member, the caller
re-serialises (never forwards something it has not checked).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

import orjson

_DECODER = json.JSONDecoder()


@lru_cache(maxsize=16)
def _key_pattern(key: str) -> re.Pattern[str]:
    return re.compile(r'"' + re.escape(key) + r'"\s*:\s*')


def without_member(data: bytes, key: str, expected: dict[str, Any]) -> bytes | None:
    """`data` without its top-level member `key`, if the cut yields exactly `expected` (the parsed
    object without that member); else None."""
    last = b',"%s":null}' % key.encode()
    if data.endswith(last) and data.count(b'"%s"' % key.encode()) == 1:
        # OpenAI's own layout, every chunk of every stream: the member is the object's last (nothing
        # but the closing brace follows, so it is top-level) and the only one of its name.
        return data[:-len(last)] + b"}"
    text = data.decode("utf-8")
    for match in _key_pattern(key).finditer(text):
        start = match.start()
        if start and text[start - 1] == "\\":  # inside a string: its quotes are escaped
            continue
        try:
            _, end = _DECODER.raw_decode(text, match.end())
        except ValueError:
            continue
        before = text[:start].rstrip()
        if before.endswith(","):  # `,"key":value` — the usual place, after other members
            candidate = text[:len(before) - 1] + text[end:]
        else:  # the first member: take the comma after it, if any
            after = text[end:].lstrip()
            candidate = text[:start] + (after[1:].lstrip() if after.startswith(",") else text[end:])
        try:
            if orjson.loads(candidate) == expected:
                return candidate.encode()
        except orjson.JSONDecodeError:
            continue
    return None


def replace_data(event: bytes, data: bytes, new: bytes) -> bytes | None:
    """The SSE `event` with its (single-line) data replaced, its framing untouched; None if the data
    spans lines (the caller then rebuilds the event)."""
    at = event.find(data)
    if at < 0 or b"\n" in data:
        return None
    return event[:at] + new + event[at + len(data):]
