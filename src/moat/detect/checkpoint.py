"""Checkpoints of per-account detector state, so a partition changing hands keeps its history.

Without them a worker taking a partition over (or restarting) could rebuild its accounts only from
the stream's retained window (`MAXLEN ~`, minutes at production rates), and a long-running
harvester's score would fall back. The owner writes each partition's states every
`checkpoint_interval` and before it hands a partition over; the next owner loads the checkpoint,
then replays the stream from the checkpoint's id.

The encoding is tagged JSON, not pickle: a checkpoint is read back from Redis, and reading it must
never run code. Slots are written by name, so a checkpoint from an older `AccountState` still
loads (new slots keep their defaults, unknown ones are skipped).

`AccountState` recognises repeated prompts by their CRC-32, the same in every process, so a
checkpoint loaded elsewhere still knows which prompts were asked before it.
"""

from __future__ import annotations

import base64
import math
import zlib
from array import array
from typing import Any

import orjson

from moat.detect.state import SLOTS, AccountState


def _enc(v: Any) -> Any:
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else {"$f": repr(v)}
    if isinstance(v, (set, frozenset)):
        items = list(v)
        if all(type(x) is int for x in items) or all(type(x) is str for x in items):
            return {"$s": items}
        return {"$s": [_enc(x) for x in items]}
    if isinstance(v, dict):
        return {"$d": [[_enc(k), _enc(x)] for k, x in v.items()]}
    if isinstance(v, (list, tuple)):
        return [_enc(x) for x in v]
    if isinstance(v, array):
        return {"$a": v.typecode, "v": v.tolist()}
    if isinstance(v, (bytes, bytearray)):
        return {"$b": base64.b64encode(v).decode()}
    raise TypeError(f"cannot checkpoint a {type(v).__name__}")


def _dec(v: Any) -> Any:
    if isinstance(v, list):
        return [_dec(x) for x in v]
    if not isinstance(v, dict):
        return v
    if "$f" in v:
        return float(v["$f"])
    if "$s" in v:
        return {_dec(x) for x in v["$s"]}
    if "$d" in v:
        return {_dec(k): _dec(x) for k, x in v["$d"]}
    if "$a" in v:
        return array(v["$a"], v["v"])
    if "$b" in v:
        return bytearray(base64.b64decode(v["$b"]))
    raise ValueError(f"unknown checkpoint value {sorted(v)}")


def encode(states: dict[str, AccountState]) -> bytes:
    """Account states -> compressed bytes (call on the thread that owns the states)."""
    slots = SLOTS
    doc = {aid: {name: _enc(getattr(s, name)) for name in slots} for aid, s in states.items()}
    return orjson.dumps(doc)


def compress(raw: bytes) -> bytes:
    return zlib.compress(raw, 1)


def decode(blob: bytes) -> dict[str, AccountState]:
    doc = orjson.loads(zlib.decompress(blob))
    slots = set(SLOTS)
    out: dict[str, AccountState] = {}
    for aid, fields in doc.items():
        state = AccountState(_dec(fields.get("account")))
        for name, value in fields.items():
            if name in slots:
                setattr(state, name, _dec(value))
        out[aid] = state
    return out
