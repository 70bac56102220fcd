"""Durable state: the directory, recorded traffic, the decision log and the admin log.

SQLite is the embedded default; PostgreSQL is for production. Both implement `Store`.
"""

from __future__ import annotations

from moat.store.base import Store


def open_store(url: str) -> Store:
    """The store for a URL: `sqlite:///path` or `postgresql://...` (not yet connected)."""
    if url.startswith("sqlite:"):
        from moat.store.sqlite import SQLiteStore

        return SQLiteStore(url)
    if url.startswith(("postgres://", "postgresql://")):
        from moat.store.postgres import PostgresStore

        return PostgresStore(url)
    raise ValueError(f"unsupported database URL scheme: {url.split(':', 1)[0]!r}")


__all__ = ["Store", "open_store"]
