"""Serving while the database is away: the start-up decision, the snapshot keeper, the readiness answer.

A replica whose database does not answer within `database.connect_timeout` at start starts
*degraded* from its directory snapshot (`moat.identity.snapshot`) when it has a usable one, and
refuses to start, with one line naming both reasons, when it has none. While degraded it
authenticates from the snapshot, records into the write-ahead log (the recorder retries the store
with back-off), answers /readyz with 200 and `"status": "degraded"` (which dependency, since when,
the snapshot's age) and sets `moat_degraded{dependency="database"}` to 1. When the database
answers again the runtime reloads the directory fresh, starts what needed the database, and the
recorder drains the write-ahead log.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from pathlib import Path

from moat.config import Settings
from moat.identity.snapshot import (
    DirectorySnapshot,
    RestrictionRow,
    SnapshotError,
    read,
    snapshot_path,
    take,
    write,
)
from moat.store.base import Store
from moat.store.link import StoreLink, describe
from moat.tasks import poll

log = logging.getLogger("moat.gateway")


class StartRefused(Exception):
    """The replica cannot start; the message is the one line to print (no traceback)."""


def usable_snapshot(settings: Settings, reason: str) -> DirectorySnapshot:
    """The snapshot to start degraded from, or StartRefused naming `reason` (the database's error)."""
    db = settings.database
    where = settings.database_url or settings.store_url
    if not db.snapshot:
        raise StartRefused(f"cannot start: the database is unreachable ({reason}) and directory snapshots "
                           f"are off (database.snapshot = false); database: {_safe(where)}")
    try:
        return read(snapshot_path(settings.home), max_age=db.snapshot_max_age)
    except SnapshotError as exc:
        raise StartRefused(f"cannot start: the database is unreachable ({reason}) and {exc}; "
                           f"database: {_safe(where)}") from None


async def start_check(settings: Settings, store: Store) -> str | None:
    """Before `moat serve` starts its workers: None when a replica can start (the database answers,
    or there is a usable snapshot), else the one line saying why not."""
    db = settings.database
    if db.snapshot:
        with contextlib.suppress(SnapshotError):
            read(snapshot_path(settings.home), max_age=db.snapshot_max_age)
            return None
    try:
        await asyncio.wait_for(store.open(), db.connect_timeout)
    except Exception as exc:
        try:
            usable_snapshot(settings, describe(exc))
        except StartRefused as refused:
            return str(refused)
    finally:
        with contextlib.suppress(Exception):  # closing a store that may never have opened
            await store.close()
    return None


def _safe(url: str) -> str:
    """The URL without its password."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        host = parts.hostname or ""
        netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


class SnapshotKeeper:
    """Rewrites the snapshot when the directory (or the restrictions) moved, at most every
    `database.snapshot_interval` seconds, and never while the database is away."""

    def __init__(self, store: Store, home: Path, link: StoreLink, position: Callable[[], int],
                 restrictions: Callable[[], list[RestrictionRow]], interval: float) -> None:
        self._store = store
        self.path = snapshot_path(home)
        self._link = link
        self._position = position
        self._restrictions = restrictions
        self._interval = interval
        self._written: tuple[int, int] | None = None
        self.written_at: float | None = None

    async def run(self) -> None:
        await poll(self._save, self._interval, log, f"directory snapshot {self.path}")

    async def save(self) -> bool:
        """Write a fresh snapshot if the directory moved since the last one; True when written."""
        try:
            return await self._save()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning("directory snapshot: could not write %s", self.path, exc_info=True)
            return False

    async def _save(self) -> bool:
        if not (self._link.up and self._link.opened and self._link.caught_up):
            return False
        # The store's change feed, not this replica's view of it: a change not yet polled counts.
        position = (await self._store.last_change(), self._position())
        if position == self._written:
            return False
        snapshot = await take(self._store, self._restrictions())
        await asyncio.to_thread(write, self.path, snapshot)
        self._written = position
        self.written_at = snapshot.written_at
        return True


def readiness(link: StoreLink, snapshot_at: float | None) -> tuple[str, dict[str, object] | None]:
    """The database's line in /readyz and, when degraded, what to say about it."""
    if link.up:
        return "ok", None
    since = link.down_since or time.time()
    detail: dict[str, object] = {
        "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(since)), "since_unix": round(since, 3),
        "error": link.reason, "serving": "directory snapshot" if snapshot_at is not None else "directory cache",
        "recording": "write-ahead log"}
    if snapshot_at is not None:
        detail["snapshot_age_seconds"] = round(time.time() - snapshot_at, 1)
    return f"down since {detail['since']}: {link.reason}", detail
