"""What every enforcement operation needs, passed explicitly: the store, the enforcement tables and
the configured webhook endpoints. Built by the CLI per invocation and by `Enforcement` per replica.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from moat.config import WebhookSettings
from moat.enforce import webhooks
from moat.enforce.storage import EnforceStore
from moat.errors import BadRequest
from moat.store import Store
from moat.store.base import AdminAction

__all__ = ["EnforceContext", "check_id", "check_text"]
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}$")


@dataclass(slots=True)
class EnforceContext:
    store: Store
    es: EnforceStore
    hooks: Sequence[WebhookSettings] = field(default_factory=tuple)

    @classmethod
    async def open(cls, store: Store, hooks: Sequence[WebhookSettings] = ()) -> EnforceContext:
        """Over an open store: creates or migrates the enforcement tables. The webhooks are `hooks`
        (the settings file's) and those registered in the store (moat.enforce.registry), so a CLI
        command notifies the same endpoints a replica does."""
        from moat.enforce import registry, registry_store

        es = EnforceStore(store)
        await es.open()
        return cls(store, es, registry.merged_webhooks(tuple(hooks), await registry_store.webhooks(es)))

    async def notify(self, event: str, data: dict[str, Any]) -> None:
        """Queue a webhook event in the outbox (a worker delivers it later)."""
        await webhooks.emit(self.es, self.hooks, event, data)

    async def log(self, actor: str, action: str, target: str, details: dict[str, Any]) -> None:
        """One admin-log entry, hash-chained, with the actor (issue 7 item 2)."""
        await self.store.append_admin(AdminAction(actor, action, target, details))


def check_id(value: str, what: str) -> str:
    value = (value or "").strip()
    if not _ID.match(value):
        raise BadRequest(f"invalid {what} {value!r}")
    return value


def check_text(value: Any, what: str, *, required: bool = True, limit: int = 4000) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BadRequest(f"{what} must be a string")
    value = value.strip()
    if "\x00" in value:
        raise BadRequest(f"{what} must not contain NUL characters")
    if required and not value:
        raise BadRequest(f"{what} is required")
    if len(value) > limit:
        raise BadRequest(f"{what} is longer than {limit} characters")
    return value
