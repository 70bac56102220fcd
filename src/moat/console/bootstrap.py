"""Creating console users outside a running gateway: the CLI and `moat demo` call these.

    username, password = await ensure_admin(settings.store_url)   # demo: first admin, printed once

Each opens the store (so its schema exists), then the console's tables on its connection, and closes it.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import TypeVar

from moat.console.schema import open_tables
from moat.console.users import UserBook
from moat.store import open_store

T = TypeVar("T")


async def with_users(store_url: str, fn: Callable[[UserBook], Awaitable[T]]) -> T:
    store = open_store(store_url)
    await store.open()
    try:
        await open_tables(store.db)
        return await fn(UserBook(store.db, store))
    finally:
        await store.close()


def new_password() -> str:
    """A random password a person can type: 20 characters, about 119 bits."""
    return secrets.token_urlsafe(15)


async def ensure_admin(store_url: str, username: str = "admin", *, actor: str = "moat-demo"
                       ) -> tuple[str, str | None]:
    """Create `username` as an admin with a random password unless it exists.

    Returns (username, password): the password only when the user was created now (it is stored
    hashed; nobody can read it back later).
    """
    async def run(book: UserBook) -> tuple[str, str | None]:
        if await book.get(username) is not None:
            return username, None
        password = new_password()
        await book.add(username, "admin", password, actor=actor)
        return username, password

    return await with_users(store_url, run)
