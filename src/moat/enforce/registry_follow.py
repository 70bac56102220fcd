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

from collections.abc import Callable

from moat.config import PlatformSettings, Settings, WebhookSettings
from moat.enforce import registry_store
from moat.enforce.change_feed import Change, ChangeFollower
from moat.enforce.registry import merged_platforms, merged_webhooks
from moat.enforce.storage import EnforceStore

PlatformListener = Callable[[list[PlatformSettings]], None]
WebhookListener = Callable[[tuple[WebhookSettings, ...]], None]


class RegistryFollower(ChangeFollower):
    """The merged platforms and webhooks in force on this replica; see the module docstring."""

    what = "platforms and webhooks: the change feed"

    def __init__(self, es: EnforceStore, settings: Settings, *, poll_interval: float = 0.3) -> None:
        super().__init__(es, poll_interval)
        self._settings = settings
        self.platforms: list[PlatformSettings] = list(settings.platforms)
        self.webhooks: tuple[WebhookSettings, ...] = tuple(settings.webhooks)
        self._on_platforms: list[PlatformListener] = []
        self._on_webhooks: list[WebhookListener] = []

    def on_platforms(self, listener: PlatformListener) -> None:
        self._on_platforms.append(listener)

    def on_webhooks(self, listener: WebhookListener) -> None:
        self._on_webhooks.append(listener)

    async def load_all(self) -> None:
        await self._load({"platform", "webhook"})

    async def apply(self, changes: list[Change]) -> None:
        await self._load({kind for _, kind, _ in changes})

    async def _load(self, kinds: set[str]) -> None:
        if "platform" in kinds:
            self.platforms = merged_platforms(self._settings, await registry_store.platforms(self._es))
            for platform_listener in self._on_platforms:
                platform_listener(self.platforms)
        if "webhook" in kinds:
            self.webhooks = merged_webhooks(self._settings.webhooks, await registry_store.webhooks(self._es))
            for webhook_listener in self._on_webhooks:
                webhook_listener(self.webhooks)
