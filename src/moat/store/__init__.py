"""Durable state: the directory, recorded traffic, the decision log and the admin log.

`SQLStore` keeps the store's tables over one `Database` (SQLite, the embedded default, or
PostgreSQL for production; `moat.store.database`). Other components keep their own tables over the
same `Database` (`store.db`) with their own migrations, and read these tables only through the
store's named methods.
"""

from __future__ import annotations

import logging
import time

from moat.store import schema
from moat.store.base import Store
from moat.store.database import Database, open_database
from moat.store.directory import DirectoryTables
from moat.store.logs import LogTables
from moat.store.traffic import TrafficTables

log = logging.getLogger(__name__)


class SQLStore(DirectoryTables, TrafficTables, LogTables):
    """`Store` over a `Database`. Create, then `await open()`; `await close()` when done."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.url = db.url

    async def open(self) -> None:
        await self.db.open()
        await self.db.migrate(schema.COMPONENT, schema.MIGRATIONS, legacy=schema.LEGACY)
        try:
            await self.prepare_traffic_days(time.time())
        except Exception as exc:  # e.g. its lock wait timed out behind a long read: never a reason not to start
            # The recorder's upkeep tries again within a minute, and the default partition holds
            # records until then.
            log.warning("traffic partitions ahead not made at start (the upkeep retries): %s", exc)

    async def close(self) -> None:
        await self.db.close()

    async def ping(self) -> None:
        await self.db.fetch("SELECT 1")


def open_store(url: str) -> SQLStore:
    """The store for a URL: `sqlite:///path` or `postgresql://...` (not yet connected)."""
    return SQLStore(open_database(url))


__all__ = ["SQLStore", "Store", "open_store"]
