"""Which account created each stored response, so no other caller can read or continue it.

The Responses API stores answers upstream (`store` defaults to true) under the *gateway's* one
upstream credential, so without this any Moat caller who learnt a `resp_...` id could read another
account's answer (`GET /v1/responses/{id}`, its `input_items`), delete it, or continue its
conversation (`previous_response_id`). For every response it relays, Moat remembers the account,
the upstream and whether reasoning was redacted: in process memory (bounded, oldest forgotten
first) and, when `redis_url` is set, in Redis for `TTL` (the upstream keeps responses 30 days), so
every worker and replica knows it. Writes to Redis run after the response, off the request path,
and never hold it up; a lost write only makes a later read of that response answer 404.

- Reading, deleting or cancelling a response needs the caller to own it; an id nobody here knows
  (no Redis and another worker made it, or Redis does not answer) gets 404, as if it did not
  exist: fail closed, a stored answer is model output.
- `previous_response_id` naming another account's response is refused as OpenAI refuses an
  unknown one (400 `previous_response_not_found`); one nobody here knows is let through (fail
  open): ids are unguessable, and a conversation must not break because Redis is away.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from moat.context import RequestContext
from moat.errors import BadRequest, NotFound
from moat.gateway.facts import CallFacts

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger("moat.gateway")

CAPACITY = 200_000  # ids remembered per process (~100 bytes each)
TTL = 30 * 86400  # seconds Redis keeps an owner: as long as the upstream keeps the response
TIMEOUT = 0.25  # seconds for one Redis call
MAX_PENDING = 1000  # Redis writes in flight; beyond it new ones are dropped (and counted)


@dataclass(frozen=True, slots=True)
class StoredResponse:
    account_id: str
    upstream: str
    redact_reasoning: bool  # the decision that made it redacted reasoning: so does every read of it

    def encode(self) -> bytes:
        return f"{int(self.redact_reasoning)}\x1f{self.upstream}\x1f{self.account_id}".encode()

    @classmethod
    def decode(cls, raw: bytes | str) -> StoredResponse | None:
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        parts = text.split("\x1f", 2)
        return cls(parts[2], parts[1], parts[0] == "1") if len(parts) == 3 else None


class ResponseNotFound(NotFound):
    """OpenAI's own answer for a response id it does not know: 404, `invalid_request_error`, no
    code. A response that is not the caller's gets exactly this, so it cannot tell the two apart."""

    type = "invalid_request_error"


def not_found(response_id: str) -> NotFound:
    return ResponseNotFound(f"Response with id '{response_id}' not found.")


class PreviousResponseNotFound(BadRequest):
    """OpenAI's own answer for a `previous_response_id` it does not know: 400,
    `invalid_request_error`, param `previous_response_id`, code `previous_response_not_found`
    (what agent frameworks and Codex-style clients look for to start the conversation afresh)."""

    param = "previous_response_id"
    code = "previous_response_not_found"


def not_continuable(response_id: str) -> BadRequest:
    """A model call's `previous_response_id` that is another account's: refused with OpenAI's status,
    type, code and message for an unknown one (recorded with this code). Like every refusal of a
    model call it carries Moat's decision id (in the message and the body), which the upstream's own
    answer for an unknown id does not."""
    return PreviousResponseNotFound(f"Previous response with id '{response_id}' not found.")


class ResponseOwners:
    def __init__(self, redis: Redis | None = None, prefix: str = "moat:", capacity: int = CAPACITY) -> None:
        self._capacity = capacity
        self._owners: OrderedDict[str, StoredResponse] = OrderedDict()
        self._redis = redis
        self._prefix = prefix + "resp-owner:"
        self._pending: set[asyncio.Task[None]] = set()
        self.dropped = 0  # Redis writes not made (too many in flight, or Redis failed)

    @classmethod
    def from_url(cls, redis_url: str, prefix: str) -> ResponseOwners:
        if not redis_url:
            return cls()
        import redis.asyncio as aioredis

        return cls(aioredis.from_url(redis_url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT,
                                     max_connections=4), prefix)

    async def aclose(self) -> None:
        if self._pending:
            await asyncio.wait(set(self._pending), timeout=1.0)
        if self._redis is not None:
            await self._redis.aclose()

    def remember(self, response_id: str, stored: StoredResponse) -> None:
        self._remember_here(response_id, stored)
        if self._redis is None:
            return
        if len(self._pending) >= MAX_PENDING:
            self.dropped += 1
            return
        task = asyncio.get_running_loop().create_task(self._share(response_id, stored))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    def _remember_here(self, response_id: str, stored: StoredResponse) -> None:
        self._owners[response_id] = stored
        self._owners.move_to_end(response_id)
        if len(self._owners) > self._capacity:
            self._owners.popitem(last=False)

    async def _share(self, response_id: str, stored: StoredResponse) -> None:
        assert self._redis is not None
        try:
            await asyncio.wait_for(self._redis.set(self._prefix + response_id, stored.encode(), ex=TTL), TIMEOUT)
        except Exception as exc:
            self.dropped += 1
            log.warning("response owners: could not share %s in Redis (%s); other workers will answer 404 "
                        "for it", response_id, type(exc).__name__)

    async def get(self, response_id: str) -> StoredResponse | None:
        """Who made it: this process's memory, else Redis; None when nobody here knows."""
        stored = self._owners.get(response_id)
        if stored is not None or self._redis is None:
            return stored
        try:
            raw = await asyncio.wait_for(self._redis.get(self._prefix + response_id), TIMEOUT)
        except Exception as exc:
            log.warning("response owners: Redis did not answer for %s (%s)", response_id, type(exc).__name__)
            return None
        stored = StoredResponse.decode(raw) if raw else None
        if stored is not None:
            self._remember_here(response_id, stored)
        return stored

    async def forget(self, response_id: str) -> None:
        self._owners.pop(response_id, None)
        if self._redis is not None:
            try:
                await asyncio.wait_for(self._redis.delete(self._prefix + response_id), TIMEOUT)
            except Exception as exc:
                log.warning("response owners: could not forget %s in Redis (%s)", response_id, type(exc).__name__)

    async def owned(self, response_id: str, account_id: str) -> StoredResponse:
        """The stored response if `account_id` created it; else NotFound."""
        stored = await self.get(response_id)
        if stored is None or stored.account_id != account_id:
            raise not_found(response_id)
        return stored

    async def check_continuation(self, ctx: RequestContext, facts: CallFacts) -> None:
        """Refuse a `previous_response_id` that another account's call created."""
        previous = facts.extra.get("previous_response_id")
        if previous is None or ctx.account is None:
            return
        stored = await self.get(previous)
        if stored is not None and stored.account_id != ctx.account.account_id:
            raise not_continuable(previous)
