"""Console users: a name, a role and an argon2id password hash.

Hash parameters are OWASP's argon2id recommendation (19 MiB, 2 passes, 1 lane): costly enough
against offline guessing, cheap enough that sign-in stays quick on a small server. Hashes record
their parameters, so raising them later only affects new and re-set passwords.

Roles are ordered: a viewer reads everything, a reviewer also acts on cases and appeals, an admin
also manages policies and users. Every user change is written to the admin log with its actor.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from moat.errors import BadRequest, NotFound
from moat.store.base import AdminAction, Store
from moat.store.database import Database

ROLES: tuple[str, ...] = ("viewer", "reviewer", "admin")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
MIN_PASSWORD = 10
# A hash to verify against when the user does not exist, so an unknown name takes as long as a
# wrong password (no user enumeration by timing). Computed once per UserBook, not at import.
_DUMMY_PASSWORD = "moat-console-no-such-user"


def role_allows(role: str, needed: str) -> bool:
    """True when `role` is at least `needed` in viewer < reviewer < admin."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


@dataclass(frozen=True, slots=True)
class ConsoleUser:
    username: str
    role: str
    created_at: float
    disabled: bool = False


def check_username(name: str) -> str:
    name = (name or "").strip()
    if not _NAME.match(name):
        raise BadRequest("invalid user name: use letters, digits and . _ @ + - (at most 64)")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise BadRequest(f"unknown role {role!r}: expected one of {', '.join(ROLES)}")
    return role


class UserBook:
    """Users in the console's table. Hashing runs in a thread: argon2 is deliberately slow."""

    def __init__(self, db: Database, store: Store, hasher: PasswordHasher | None = None) -> None:
        self._db = db
        self._store = store
        self._hasher = hasher or PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
        self._dummy: str | None = None

    async def add(self, username: str, role: str, password: str, *, actor: str) -> ConsoleUser:
        username, role = check_username(username), check_role(role)
        if len(password) < MIN_PASSWORD:
            raise BadRequest(f"password too short: at least {MIN_PASSWORD} characters")
        if await self.get(username) is not None:
            raise BadRequest(f"user {username!r} exists already")
        digest = await asyncio.to_thread(self._hasher.hash, password)
        now = time.time()
        await self._db.execute(
            "INSERT INTO console_users (username, password_hash, role, created_at, updated_at, disabled) "
            "VALUES (?, ?, ?, ?, ?, 0)", username, digest, role, now, now)
        await self._store.append_admin(AdminAction(actor, "console.users.add", username, {"role": role}))
        return ConsoleUser(username, role, now)

    async def get(self, username: str) -> ConsoleUser | None:
        rows = await self._db.fetch(
            "SELECT username, role, created_at, disabled FROM console_users WHERE username = ?", username)
        return ConsoleUser(rows[0][0], rows[0][1], float(rows[0][2]), bool(rows[0][3])) if rows else None

    async def list(self) -> list[ConsoleUser]:
        rows = await self._db.fetch(
            "SELECT username, role, created_at, disabled FROM console_users ORDER BY username LIMIT 1000")
        return [ConsoleUser(r[0], r[1], float(r[2]), bool(r[3])) for r in rows]

    async def set_role(self, username: str, role: str, *, actor: str) -> ConsoleUser:
        role = check_role(role)
        user = await self.get(username)
        if user is None:
            raise NotFound(f"unknown console user {username!r}")
        await self._db.execute("UPDATE console_users SET role = ?, updated_at = ? WHERE username = ?",
                               role, time.time(), username)
        await self._store.append_admin(AdminAction(actor, "console.users.set_role", username,
                                                   {"from": user.role, "to": role}))
        return ConsoleUser(username, role, user.created_at, user.disabled)

    async def set_password(self, username: str, password: str, *, actor: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise BadRequest(f"password too short: at least {MIN_PASSWORD} characters")
        if await self.get(username) is None:
            raise NotFound(f"unknown console user {username!r}")
        digest = await asyncio.to_thread(self._hasher.hash, password)
        await self._db.execute("UPDATE console_users SET password_hash = ?, updated_at = ? WHERE username = ?",
                               digest, time.time(), username)
        await self._db.execute("DELETE FROM console_sessions WHERE username = ?", username)
        await self._store.append_admin(AdminAction(actor, "console.users.password", username, {}))

    async def set_disabled(self, username: str, disabled: bool, *, actor: str) -> None:
        if await self.get(username) is None:
            raise NotFound(f"unknown console user {username!r}")
        await self._db.execute("UPDATE console_users SET disabled = ?, updated_at = ? WHERE username = ?",
                               1 if disabled else 0, time.time(), username)
        await self._store.append_admin(AdminAction(actor, "console.users.disable" if disabled
                                                   else "console.users.enable", username, {}))

    async def authenticate(self, username: str, password: str) -> ConsoleUser | None:
        """The user when the password matches and the user is enabled; None otherwise."""
        rows = await self._db.fetch(
            "SELECT username, role, created_at, disabled, password_hash FROM console_users WHERE username = ?",
            username)
        if not rows:
            if self._dummy is None:
                self._dummy = await asyncio.to_thread(self._hasher.hash, _DUMMY_PASSWORD)
            await asyncio.to_thread(self._verify, self._dummy, password)
            return None
        name, role, created, disabled, digest = rows[0]
        if not await asyncio.to_thread(self._verify, digest, password) or disabled:
            return None
        return ConsoleUser(name, role, float(created), bool(disabled))

    def _verify(self, digest: str, password: str) -> bool:
        try:
            return bool(self._hasher.verify(digest, password))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
