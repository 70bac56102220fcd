"""Console sessions: random 256-bit ids, kept only as SHA-256 in the store, with idle and absolute
expiry. A new id is issued at every sign-in (a cookie set before sign-in is never adopted: session
fixation), and the id is deleted at sign-out.

CSRF (synchronizer pattern without extra storage): a session's token is HMAC-SHA256 of a fixed
label keyed by the raw session id. Only the holder of the cookie can compute it, the server
recomputes it from the cookie on each POST, and it is compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from moat.store.database import Database

COOKIE = "moat_console"
_TOUCH_EVERY = 30.0  # seconds: last_seen is written at most this often per session


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def csrf_token(raw_session_id: str) -> str:
    return hmac.new(raw_session_id.encode(), b"moat-console-csrf-v1", hashlib.sha256).hexdigest()


def csrf_ok(raw_session_id: str, presented: str | None) -> bool:
    return bool(presented) and hmac.compare_digest(csrf_token(raw_session_id), str(presented))


@dataclass(frozen=True, slots=True)
class Session:
    raw_id: str
    username: str
    role: str
    created_at: float

    @property
    def csrf(self) -> str:
        return csrf_token(self.raw_id)


class Sessions:
    def __init__(self, db: Database, *, idle: float, absolute: float,
                 clock: Callable[[], float] = time.time) -> None:
        self._db = db
        self._idle = idle
        self._absolute = absolute
        self._clock = clock

    async def create(self, username: str) -> str:
        """A fresh session for `username`; returns the raw id (the cookie value)."""
        raw = secrets.token_urlsafe(32)
        now = self._clock()
        await self._db.execute(
            "INSERT INTO console_sessions (id_hash, username, created_at, last_seen) VALUES (?, ?, ?, ?)",
            _hash(raw), username, now, now)
        return raw

    async def lookup(self, raw: str | None) -> Session | None:
        """The live session for a cookie value, with its user's current role; None when unknown,
        expired (deleted then) or its user is disabled."""
        if not raw or len(raw) > 128:
            return None
        digest = _hash(raw)
        rows = await self._db.fetch(
            "SELECT s.username, s.created_at, s.last_seen, u.role, u.disabled FROM console_sessions s "
            "JOIN console_users u ON u.username = s.username WHERE s.id_hash = ?", digest)
        if not rows:
            return None
        username, created, last_seen, role, disabled = rows[0]
        now = self._clock()
        if disabled or now - float(last_seen) > self._idle or now - float(created) > self._absolute:
            await self._db.execute("DELETE FROM console_sessions WHERE id_hash = ?", digest)
            return None
        if now - float(last_seen) > _TOUCH_EVERY:
            await self._db.execute("UPDATE console_sessions SET last_seen = ? WHERE id_hash = ?", now, digest)
        return Session(raw, username, role, float(created))

    async def end(self, raw: str) -> None:
        await self._db.execute("DELETE FROM console_sessions WHERE id_hash = ?", _hash(raw))

    async def end_all(self, username: str) -> None:
        await self._db.execute("DELETE FROM console_sessions WHERE username = ?", username)

    async def prune(self) -> None:
        """Drop expired sessions (called at sign-in, so the table never grows without bound)."""
        now = self._clock()
        await self._db.execute("DELETE FROM console_sessions WHERE last_seen < ? OR created_at < ?",
                               now - self._idle, now - self._absolute)
