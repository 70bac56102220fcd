"""The demo data API's posts and users: pure functions of a number, so every run serves the same data.

A post is about 1 KB of JSON (id, author_id, text, created_at), like a social network's firehose
item; a search answers with posts whose times fall inside the asked window, derived from the query
and the window alone. Nothing is stored: the demo data API (moat.demo.data_api) computes each
answer, so it can serve a firehose forever and an archive of any length.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

FIRST_POST_ID = 1_600_000_000_000_000_000
USERS = 5_000_000  # user ids 1..USERS exist
FIREHOSE_EPOCH = 1_780_000_000.0  # created_at of firehose post 0 (2026-05-28), then 20 posts a second
_WORDS = ("model", "data", "launch", "weather", "match", "election", "recipe", "concert", "market", "coffee",
          "train", "garden", "review", "thread", "photo", "city", "research", "update", "news", "music")
POST_BYTES = 1000  # a post's text is padded to about this many characters


def _digest(*parts: object) -> bytes:
    return hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=32).digest()


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _text(seed: bytes, topic: str) -> str:
    words = [_WORDS[b % len(_WORDS)] for b in seed]
    sentence = f"Thoughts on {topic}: " + " ".join(words) + "."
    return (sentence + " ") * (POST_BYTES // (len(sentence) + 1)) + sentence[: POST_BYTES % (len(sentence) + 1)]


def post(n: int, *, created_at: float, topic: str = "") -> dict[str, Any]:
    """Post number n of the demo network (its id is FIRST_POST_ID + n)."""
    seed = _digest("post", n)
    author = 1 + int.from_bytes(seed[:4], "big") % USERS
    return {"id": str(FIRST_POST_ID + n), "author_id": str(author),
            "text": _text(seed, topic or _WORDS[seed[4] % len(_WORDS)]), "created_at": iso(created_at)}


def firehose_post(n: int) -> dict[str, Any]:
    """The n-th post of the firehose, as every connection sees it from its start."""
    return post(n, created_at=FIREHOSE_EPOCH + n / 20)


def search(query: str, start: float, end: float, max_results: int) -> list[dict[str, Any]]:
    """Posts matching `query` in [start, end): as many as asked, newest first, spread over the window."""
    seed = _digest("search", query, start, end)
    count = max_results if end - start >= 3600 else min(max_results, 1 + seed[0] % max_results)
    step = (end - start) / (count + 1)
    base = int.from_bytes(seed[:6], "big")
    return [post(base + i, created_at=end - (i + 1) * step, topic=query) for i in range(count)]


def user(user_id: int) -> dict[str, Any]:
    seed = _digest("user", user_id)
    handle = f"{_WORDS[seed[0] % len(_WORDS)]}_{_WORDS[seed[1] % len(_WORDS)]}{user_id % 1000}"
    return {"id": str(user_id), "username": handle, "name": handle.replace("_", " ").title(),
            "created_at": iso(1_230_000_000 + int.from_bytes(seed[2:6], "big") % 500_000_000),
            "description": f"Posts about {_WORDS[seed[6] % len(_WORDS)]} and {_WORDS[seed[7] % len(_WORDS)]}."}
