"""The `enforce_platforms` and `enforce_webhooks` tables (schema v6), over the enforcement store.

Each row keeps the settings dataclass's fields as JSON (`PlatformSettings`, `WebhookSettings`), so a
stored entry and a settings-file entry are the same thing once loaded. Every write goes through
`EnforceStore.transaction` with an `enforce_changes` row (kind `platform` or `webhook`), which is what
each replica's follower (moat.enforce.registry_follow) polls for. Validation and referential checks
are the caller's (moat.enforce.registry); an insert that meets an existing name (or, for a webhook,
URL) changes nothing and returns False.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from moat.config import PlatformSettings, WebhookSettings
from moat.enforce.storage import EnforceStore, dumps, loads
from moat.store.database import Stmt

E = TypeVar("E", PlatformSettings, WebhookSettings)


@dataclass(frozen=True, slots=True)
class Stored(Generic[E]):
    """A registered platform or webhook with who registered it and when."""

    entry: E
    created_by: str
    created_at: float


def _build(cls: type[Any], data: Any) -> Any:
    known = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in (loads(data) or {}).items() if k in known})


async def platforms(es: EnforceStore) -> list[Stored[PlatformSettings]]:
    rows = await es.db.fetch("SELECT data, created_by, created_at FROM enforce_platforms ORDER BY platform_id")
    return [Stored(_build(PlatformSettings, r[0]), r[1], r[2]) for r in rows]


async def webhooks(es: EnforceStore) -> list[Stored[WebhookSettings]]:
    rows = await es.db.fetch("SELECT data, created_by, created_at FROM enforce_webhooks ORDER BY name")
    return [Stored(_build(WebhookSettings, r[0]), r[1], r[2]) for r in rows]


async def insert_platform(es: EnforceStore, platform: PlatformSettings, actor: str) -> bool:
    counts = await es.transaction([
        Stmt("INSERT INTO enforce_platforms (platform_id, account_id, data, created_by, created_at) "
             "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
             (platform.platform_id, platform.account_id, dumps(dataclasses.asdict(platform)), actor, time.time()),
             stop_if_none=True),
        es.change_stmt("platform", platform.platform_id)])
    return counts[0] == 1


async def insert_webhook(es: EnforceStore, hook: WebhookSettings, actor: str) -> bool:
    counts = await es.transaction([
        Stmt("INSERT INTO enforce_webhooks (name, url, data, created_by, created_at) VALUES (?, ?, ?, ?, ?) "
             "ON CONFLICT DO NOTHING", (hook.name, hook.url, dumps(dataclasses.asdict(hook)), actor, time.time()),
             stop_if_none=True),
        es.change_stmt("webhook", hook.name)])
    return counts[0] == 1


async def delete(es: EnforceStore, kind: str, name: str) -> bool:
    """Remove a platform (`kind` "platform", by id) or a webhook ("webhook", by name); False: none."""
    table, column = ("enforce_platforms", "platform_id") if kind == "platform" else ("enforce_webhooks", "name")
    counts = await es.transaction([
        Stmt(f"DELETE FROM {table} WHERE {column} = ?", (name,), stop_if_none=True),
        es.change_stmt(kind, name)])
    return counts[0] == 1
