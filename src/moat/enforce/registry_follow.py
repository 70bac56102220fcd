"""Every replica's view of the registered platforms and webhooks (moat.enforce.registry).

Propagated like restrictions and exceptions: `start()` loads both tables, then a task polls the
enforcement change feed (`enforce_changes`, kinds `platform` and `webhook`) every `poll_interval`
seconds (0.3 by default) and reloads the table that changed (tens of rows: reloading it whole is
simpler than patching and as cheap). The listeners get the merged list, the settings file's
entries first and winning; the attribution verifier and the webhook worker swap it in whole, so
a request never sees half a change. A platform added on any replica is accepted on every replica
within about half a second, and refused as soon after its removal.

While the database is unreachable the last lists stay in force; before the first load (a start
while it is down) only the settings file's entries are.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from moat.config import PlatformSettings, Settings, WebhookSettings
from moat.enforce import registry_store
from moat.enforce.registry import merged_platforms, merged_webhooks
from moat.enforce.storage import EnforceStore
from moat.tasks import cancel, poll

log = logging.getLogger(__name__)

PlatformListener = Callable[[list[PlatformSettings]], None]
WebhookListener = Callable[[tuple[WebhookSettings, ...]], None]


class RegistryFollower:
    """The merged platforms and webhooks in force on this replica; see the module docstring."""

    def __init__(self, es: EnforceStore, settings: Settings, *, poll_interval: float = 0.3) -> None:
        self._es = es
        self._settings = settings
        self._poll_interval = poll_interval
        self.platforms: list[PlatformSettings] = list(settings.platforms)
        self.webhooks: tuple[WebhookSettings, ...] = tuple(settings.webhooks)
        self._on_platforms: list[PlatformListener] = []
        self._on_webhooks: list[WebhookListener] = []
        self._seq = 0
        self._task: asyncio.Task[None] | None = None

    def on_platforms(self, listener: PlatformListener) -> None:
        self._on_platforms.append(listener)

    def on_webhooks(self, listener: WebhookListener) -> None:
        self._on_webhooks.append(listener)

    async def start(self) -> None:
        if self._task is not None:
            return
        self._seq = await self._es.last_change()
        await self._load({"platform", "webhook"})
        self._task = asyncio.create_task(self._poll(), name="moat-registry-poll")

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None

    async def _poll(self) -> None:
        await poll(self.refresh, self._poll_interval, log, "platforms and webhooks: the change feed")

    async def refresh(self) -> int:
        """Apply pending changes now; returns how many were read."""
        applied = 0
        while changes := await self._es.changes_since(self._seq):
            await self._load({kind for _, kind, _ in changes})
            self._seq = changes[-1][0]
            applied += len(changes)
        return applied

    async def _load(self, kinds: set[str]) -> None:
        if "platform" in kinds:
            self.platforms = merged_platforms(self._settings, await registry_store.platforms(self._es))
            for platform_listener in self._on_platforms:
                platform_listener(self.platforms)
        if "webhook" in kinds:
            self.webhooks = merged_webhooks(self._settings.webhooks, await registry_store.webhooks(self._es))
            for webhook_listener in self._on_webhooks:
                webhook_listener(self.webhooks)
