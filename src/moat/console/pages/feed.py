"""The restricted-entity feed's status: the version platforms fetch, its validity window, how many
entities it lists, and the key they pin. Uses the gateway's publisher when it runs one, else a
publisher over the same data directory (same key, salt and version counter)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import orjson

from moat.console.http import Request, Response
from moat.console.routing import Route

if TYPE_CHECKING:
    from moat.console.app import Console


def _publisher(c: Console) -> Any:
    from moat.enforce.feed import FeedPublisher

    found = getattr(c.runtime, "feed", None)
    if isinstance(found, FeedPublisher):
        return found
    hit = c.cache.get("feed")
    if hit is None:
        hit = (0.0, FeedPublisher(c.runtime.settings.home_path))
        c.cache["feed"] = hit
    return hit[1]


async def feed(c: Console, req: Request) -> Response:
    from moat.enforce.feed import FEED_PATH
    from moat.platform.ed25519 import public_key_b64
    from moat.platform.feed import key_id

    publisher = _publisher(c)
    seq = float(c.runtime.directory.seq)
    if getattr(c.runtime, "feed", None) is not publisher and c.cache.get("feed_seq", (None,))[0] != seq:
        publisher.update(c.runtime.directory.orgs())  # only when the directory changed since
        c.cache["feed_seq"] = (seq, None)
    doc = publisher.document()
    envelope = orjson.loads(doc.body)
    entities = envelope.get("feed", {}).get("entities", [])
    now = time.time()
    return await c.render(req, "feed.html", active="feed", doc=doc, entities=entities[:200],
                          total=len(entities), valid=doc.not_after > now, remaining=max(0.0, doc.not_after - now),
                          key_id=key_id(publisher.key.public_key()), public_key=public_key_b64(publisher.key),
                          path=FEED_PATH)


ROUTES = [Route("GET", r"/feed", feed)]
