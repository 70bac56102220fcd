"""Hash chaining for the append-only logs.

Each entry's hash covers the previous entry's hash, its own sequence number, time, id and payload
(canonical JSON, sorted keys), so altering, removing or reordering any entry breaks every hash
after it. Stores call `entry_hash` inside the transaction that appends.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

GENESIS = "0" * 64


def canonical(payload: dict[str, Any]) -> bytes:
    return orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)


def entry_hash(prev_hash: str, seq: int, ts: float, entry_id: str, payload: dict[str, Any]) -> str:
    h = hashlib.sha256()
    h.update(prev_hash.encode())
    h.update(b"|%d|%r|" % (seq, ts))
    h.update(entry_id.encode())
    h.update(b"|")
    h.update(canonical(payload))
    return h.hexdigest()
