"""Sign-in throttling for the console: atomic, shared by every replica, audited, and built so that
nobody can lock another user out.

Each attempt, before its password is looked at:

1. takes one unit of its client address's counter (`ip:<address>`; for IPv6 the address's /64)
   and reads the new count in the same step: one `INSERT … ON CONFLICT DO UPDATE … RETURNING` on
   the store (SQLite or PostgreSQL) or one Lua script on Redis when `redis_url` is set. Over
   `per_address` in the window: 429.
2. unless the address is one the user signed in from successfully before (a *known address*),
   takes one unit of the user name's counter (`user:<name>`) the same way. Over `per_user`: 429.
   From a known address only the address's own counter applies, so an attacker spraying a user's
   name from elsewhere slows down the attacker, never the user at their usual desk.

Because the count is taken and checked in one step, N parallel attempts can never all see "not
blocked": exactly `per_address` of them (at most) get their password checked. A throttled attempt
never reaches the password check. A successful sign-in gives its address unit back (an office
behind one address is not throttled by its own successes) and, when it passed through the user
counter, resets that counter; it records the address as known.

Windows are anchored at their first attempt and last `window` seconds; the back-off: when a
window was used up and attempts go on (within `window` seconds of its end), the next one is twice
as long, up to a day, so an attacker who keeps trying gets ever fewer guesses (5 per 5 minutes,
then per 10, 20, … minutes: about 45 a day instead of 1,440), while the user's known address
passes. A window that was not used up brings the length back to `window`; a successful sign-in
through the user's counter resets it. Retry-After is the time left in the window that refused.
Counters in Redis expire by themselves; in the store, stale rows are deleted now and then.

Fail mode: when Redis is unreachable the counters live in the store until it answers again (the
replica logs it); when the store is unreachable too, the sign-in fails (500) rather than going
unthrottled.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from moat.store.database import Database, Row, Tx

log = logging.getLogger("moat.console")

# One statement: a new window when the last one has ended, one unit more otherwise. A new window
# is `base` seconds long times 2**level, where the level rises by one (up to max_level) when the
# window before was used up (`limit` reached) and ended less than `base` seconds ago, and is 0
# otherwise. Arguments, in order: see StoreCounter.hit.
_C = "console_signin_counters"
_NEXT_LEVEL = (f"(CASE WHEN {_C}.n >= ? AND {_C}.window_end > ? "
               f"THEN (CASE WHEN {_C}.level >= ? THEN ? ELSE {_C}.level + 1 END) ELSE 0 END)")
_UPSERT = (
    f"INSERT INTO {_C} (subject, window_end, n, level) VALUES (?, ?, 1, 0) "
    f"ON CONFLICT (subject) DO UPDATE SET "
    f"n = CASE WHEN {_C}.window_end <= ? THEN 1 ELSE {_C}.n + 1 END, "
    f"level = CASE WHEN {_C}.window_end <= ? THEN {_NEXT_LEVEL} ELSE {_C}.level END, "
    f"window_end = CASE WHEN {_C}.window_end <= ? "
    f"THEN ? + CAST(? AS DOUBLE PRECISION) * (1 << {_NEXT_LEVEL}) ELSE {_C}.window_end END "
    f"RETURNING n, window_end")

# KEYS[1] counter (a hash: n, end, level); ARGV: now, base, limit, max level. Returns {count, ms left}.
_HIT_LUA = """
local now, base = tonumber(ARGV[1]), tonumber(ARGV[2])
local limit, maxlevel = tonumber(ARGV[3]), tonumber(ARGV[4])
local h = redis.call('HMGET', KEYS[1], 'n', 'end', 'level')
local n, e, level = tonumber(h[1]), tonumber(h[2]), tonumber(h[3]) or 0
if n == nil or e == nil or e <= now then
  local next = 0
  if n ~= nil and e ~= nil and n >= limit and now - e < base then next = math.min(level + 1, maxlevel) end
  n, e, level = 1, now + base * (2 ^ next), next
else
  n = n + 1
end
redis.call('HSET', KEYS[1], 'n', n, 'end', tostring(e), 'level', level)
redis.call('PEXPIRE', KEYS[1], math.ceil((e - now + base) * 1000))
return {n, math.floor((e - now) * 1000)}
"""
_REFUND_LUA = """
local n = tonumber(redis.call('HGET', KEYS[1], 'n'))
if n ~= nil and n > 0 then return redis.call('HINCRBY', KEYS[1], 'n', -1) end
return 0
"""


@dataclass(frozen=True, slots=True)
class Windows:
    """How long a counter's windows are: `base` seconds, doubled each time the window before was
    used up (`limit` attempts) and the next attempt came within `base` seconds of its end, up to
    `longest`; a window that was not used up brings the length back to `base`."""

    base: float
    limit: int
    longest: float = 86400.0

    @property
    def max_level(self) -> int:
        return max(0, int(math.log2(max(self.longest / self.base, 1.0))))


class Counter(Protocol):
    async def hit(self, subject: str, windows: Windows) -> tuple[int, float]:
        """Count one attempt for `subject`; returns the count in its window (this one included) and
        the seconds left in that window."""

    async def refund(self, subject: str) -> None:
        """Give one attempt back (a success), never below zero."""

    async def reset(self, subject: str) -> None: ...
    async def close(self) -> None: ...


class StoreCounter:
    """Counters in the console's table, shared by every replica on the same store."""

    def __init__(self, db: Database, clock: Callable[[], float] = time.time) -> None:
        self._db = db
        self._clock = clock

    async def hit(self, subject: str, windows: Windows) -> tuple[int, float]:
        now, base = self._clock(), windows.base
        level = (windows.limit, now - base, windows.max_level, windows.max_level)
        async def take(tx: Tx) -> list[Row]:  # an upsert that returns: a write transaction, not a read
            return await tx.fetch(_UPSERT, subject, now + base, now, now, *level, now, now, base, *level)

        rows = await self._db.run(take)
        count, end = rows[0]
        if random.random() < 0.01:  # now and then: drop counters that ended long enough ago to be forgotten
            await self._db.execute("DELETE FROM console_signin_counters WHERE window_end < ?", now - base)
        return int(count), max(float(end) - now, 0.0)

    async def refund(self, subject: str) -> None:
        await self._db.execute("UPDATE console_signin_counters SET n = n - 1 WHERE subject = ? AND n > 0", subject)

    async def reset(self, subject: str) -> None:
        await self._db.execute("DELETE FROM console_signin_counters WHERE subject = ?", subject)

    async def close(self) -> None:
        return None


class RedisCounter:
    """Counters in Redis (one script call each), falling back to `fallback` while Redis is away."""

    def __init__(self, url: str, prefix: str, fallback: Counter, clock: Callable[[], float] = time.time) -> None:
        import redis.asyncio as aioredis

        # A blocking pool: a burst waits for one of its connections instead of failing over to the
        # store (which would split the count between the two).
        pool = aioredis.BlockingConnectionPool.from_url(url, max_connections=8, timeout=5.0, socket_timeout=0.5,
                                                        socket_connect_timeout=0.5)
        self._redis: Any = aioredis.Redis(connection_pool=pool)
        self._prefix = f"{prefix}console:signin:"
        self._hit = self._redis.register_script(_HIT_LUA)
        self._refund = self._redis.register_script(_REFUND_LUA)
        self._fallback = fallback
        self._clock = clock

    def _down(self, exc: Exception) -> None:
        log.warning("console sign-in counters: Redis unreachable (%s); counting in the store meanwhile",
                    type(exc).__name__)

    async def hit(self, subject: str, windows: Windows) -> tuple[int, float]:
        from redis.exceptions import RedisError

        try:
            count, ms = await self._hit(keys=[self._prefix + subject], args=[
                repr(self._clock()), repr(windows.base), windows.limit, windows.max_level])
            return int(count), max(int(ms), 0) / 1000.0
        except (RedisError, OSError) as exc:
            self._down(exc)
            return await self._fallback.hit(subject, windows)

    async def refund(self, subject: str) -> None:
        from redis.exceptions import RedisError

        try:
            await self._refund(keys=[self._prefix + subject])
        except (RedisError, OSError) as exc:
            self._down(exc)
            await self._fallback.refund(subject)

    async def reset(self, subject: str) -> None:
        from redis.exceptions import RedisError

        try:
            await self._redis.delete(self._prefix + subject)
        except (RedisError, OSError) as exc:
            self._down(exc)
            await self._fallback.reset(subject)

    async def close(self) -> None:
        await self._redis.aclose()
        await self._redis.connection_pool.disconnect()


@dataclass(frozen=True, slots=True)
class Admission:
    """What the throttle said about one attempt."""

    allowed: bool
    limit: str = ""  # "address" or "user" when refused
    retry_after: int = 0  # whole seconds, at least 1 when refused
    lockout: bool = False  # this refusal is the first of its window (the lockout begins)
    known: bool = False  # the address is one the user signed in from before
    count: int = 0  # the refusing counter's count (this attempt included)


class SigninThrottle:
    def __init__(self, db: Database, counter: Counter, *, per_address: int, per_user: int, window: float,
                 known_for: float, longest: float = 86400.0, clock: Callable[[], float] = time.time) -> None:
        self._db = db
        self.counter = counter
        self.per_address = per_address
        self.per_user = per_user
        self.window = window
        self.known_for = known_for
        self._clock = clock
        self._address_windows = Windows(window, per_address, longest)
        self._user_windows = Windows(window, per_user, longest)

    async def admit(self, username: str, address: str) -> Admission:
        """Take this attempt's units and say whether its password may be checked."""
        count, left = await self.counter.hit(address_subject(address), self._address_windows)
        if count > self.per_address:
            return Admission(False, "address", _seconds(left), count == self.per_address + 1, count=count)
        if await self.is_known(username, address):
            return Admission(True, known=True)
        count, left = await self.counter.hit(f"user:{username.lower()}", self._user_windows)
        if count > self.per_user:
            return Admission(False, "user", _seconds(left), count == self.per_user + 1, count=count)
        return Admission(True)

    async def succeeded(self, admission: Admission, username: str, address: str) -> None:
        await self.counter.refund(address_subject(address))
        if not admission.known:
            await self.counter.reset(f"user:{username.lower()}")
        now = self._clock()
        await self._db.execute(
            "INSERT INTO console_known_addresses (username, address, last_seen) VALUES (?, ?, ?) "
            "ON CONFLICT (username, address) DO UPDATE SET last_seen = excluded.last_seen", username, address, now)

    async def is_known(self, username: str, address: str) -> bool:
        rows = await self._db.fetch(
            "SELECT 1 FROM console_known_addresses WHERE username = ? AND address = ? AND last_seen >= ?",
            username, address, self._clock() - self.known_for)
        return bool(rows)

    async def close(self) -> None:
        await self.counter.close()


def address_subject(address: str) -> str:
    """The counter of a client address: an IPv4 address itself, an IPv6 address's /64 (one host
    usually holds a whole /64, so counting single IPv6 addresses would count nothing)."""
    if ":" in address:
        try:
            return f"ip:{ipaddress.ip_network(f'{address}/64', strict=False)}"
        except ValueError:
            pass
    return f"ip:{address}"


def _seconds(left: float) -> int:
    return max(1, math.ceil(left))


def build_throttle(db: Database, *, redis_url: str, redis_prefix: str, per_address: int, per_user: int,
                   window: float, known_for: float) -> SigninThrottle:
    store = StoreCounter(db)
    counter: Counter = RedisCounter(redis_url, redis_prefix, store) if redis_url else store
    return SigninThrottle(db, counter, per_address=per_address, per_user=per_user, window=window,
                          known_for=known_for)
