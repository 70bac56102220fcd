"""The platform and webhook registry over a real store (SQLite and PostgreSQL): what a replica's
follower serves, the settings file winning on a name clash, the webhooks a CLI command notifies,
and `moat platforms` / `moat webhooks` add, list and remove (issue 13 item 5)."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from moat.config import PlatformSettings, Settings, WebhookSettings
from moat.enforce import registry, registry_store
from moat.enforce.registry_follow import RegistryFollower
from moat.enforce.services import EnforceContext
from moat.platform.ed25519 import public_key_b64
from moat.store import Store
from tests.enforce.conftest import admin_entries, cli

PUBLIC = public_key_b64(Ed25519PrivateKey.generate())


async def test_the_follower_serves_registered_entries_and_the_settings_file_wins(
        cx: EnforceContext, store: Store) -> None:
    settings = Settings(platforms=[PlatformSettings("filed", "a4", hs256_secret="s")],
                        webhooks=[WebhookSettings(url="https://hooks.example/filed")])
    follower = RegistryFollower(cx.es, settings, poll_interval=3600)  # refreshed by the test alone
    seen: list[list[str]] = []
    follower.on_platforms(lambda platforms: seen.append([p.platform_id for p in platforms]))
    await follower.start()
    try:
        assert seen == [["filed"]]
        await registry.add_platform(cx, settings, {"platform_id": "ide", "account_id": "a1", "public_key": PUBLIC},
                                    actor="ann")
        # a stored entry the settings file defines too (the file changed after it was registered)
        await registry_store.insert_platform(cx.es, PlatformSettings("filed", "a2", hs256_secret="x"), "bob")
        await registry.add_webhook(cx, settings, {"name": "soc", "url": "https://hooks.example/soc"}, actor="ann")
        assert await follower.refresh() == 3
        assert [(p.platform_id, p.account_id) for p in follower.platforms] == [("filed", "a4"), ("ide", "a1")]
        assert [h.url for h in follower.webhooks] == ["https://hooks.example/filed", "https://hooks.example/soc"]
        listed = {(p["platform_id"], p["source"]): p for p in await registry.list_platforms(cx, settings)}
        assert listed[("filed", "store")]["in_force"] is False and "settings file" in listed[("filed", "store")]["note"]
        assert listed[("filed", "settings")]["in_force"] is True
        await registry.remove(cx, settings, "platform", "ide", actor="dee")
        await follower.refresh()
        assert [p.platform_id for p in follower.platforms] == ["filed"]
    finally:
        await follower.stop()
    entries = [(e["action"], e["target"], e["actor"]) for e in await admin_entries(store)
               if str(e["action"]).startswith(("platform.", "webhook."))]
    assert entries == [("platform.add", "ide", "ann"), ("webhook.add", "soc", "ann"), ("platform.remove", "ide", "dee")]


async def test_a_cli_context_notifies_registered_webhooks(cx: EnforceContext, store: Store) -> None:
    await registry.add_webhook(cx, Settings(), {"name": "soc", "url": "https://hooks.example/soc",
                                                "events": ["case.opened"]}, actor="ann")
    opened = await EnforceContext.open(store, [WebhookSettings(url="https://hooks.example/filed")])
    assert [h.url for h in opened.hooks] == ["https://hooks.example/filed", "https://hooks.example/soc"]


def test_platforms_and_webhooks_from_the_command_line(tmp_path: Path, store_url: str, store: Store) -> None:
    moat = cli(tmp_path, store_url)
    added = moat("platforms", "add", "relay", "--account", "a1", "--public-key", PUBLIC, "--name", "Relay", "--json")
    assert added["platform_id"] == "relay" and added["source"] == "store"
    assert "relay  [store]  account=a1 key=ed25519" in moat("platforms", "list")
    assert "public_key = \"zz\"" in moat("platforms", "add", "bad", "--account", "a2", "--public-key", "zz", code=2)
    assert "already relays platform 'relay'" in moat("platforms", "add", "again", "--account", "a1",
                                                     "--hs256-secret", "s", code=1)
    moat("platforms", "remove", "relay")
    assert moat("platforms", "list", "--json")["data"] == []
    moat("platforms", "remove", "relay", code=1)
    moat("webhooks", "add", "soc", "--url", "https://hooks.example/soc", "--secret", "k", "--event", "case.opened")
    rows = moat("webhooks", "list", "--json")["data"]
    assert [(r["name"], r["events"], r["signed"]) for r in rows] == [("soc", ["case.opened"], True)]
    assert "events = \"case.nope\"" in moat("webhooks", "add", "x", "--url", "https://h.example/x",
                                            "--event", "case.nope", code=2)
    moat("webhooks", "remove", "soc")
    assert moat("webhooks", "list", "--json")["data"] == []
