"""End to end in a real browser: headless Debian chromium driven by Playwright (never a downloaded
browser), against a real `moat serve` with a seeded directory, console users and some traffic.

Without /usr/bin/chromium (or the browser named by MOAT_TEST_CHROMIUM) these tests skip, except
under MOAT_REQUIRE_SERVICES=1 (CI), where they fail.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from moat.identity import keys
from moat.identity.models import Account, ApiKey
from moat.store import open_store
from tests.conftest import _missing
from tests.console.helpers import console_gateway
from tests.gateway.conftest import ALICE_KEY, BOB_KEY, GatewayProcess, fake_upstream  # noqa: F401
from tests.gateway.fake_upstream import FakeUpstream

CHROMIUM = os.environ.get("MOAT_TEST_CHROMIUM", "/usr/bin/chromium")  # Debian's package; never a download
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
# A distillation-style network: three personal-looking accounts paying with one card.
NETWORK = {"dist-a": "sk-test-dist-a-0000000000000000", "dist-b": "sk-test-dist-b-0000000000000000",
           "dist-c": "sk-test-dist-c-0000000000000000"}


async def seed_network(url: str) -> None:
    store = open_store(url)
    await store.open()
    try:
        for i, (account, secret) in enumerate(NETWORK.items()):
            await store.upsert_account(Account(account, email=f"{account}@mailbox{i}.example", plan="pro",
                                               payment_fingerprint="pm_shared_card_77", country="XX"))
            await store.insert_key(ApiKey(keys.new_key_id(), account, keys.key_prefix(secret),
                                          keys.hash_secret(secret), time.time()))
    finally:
        await store.close()


def chat(gw: GatewayProcess, key: str) -> httpx.Response:
    return httpx.post(f"{gw.url}/v1/chat/completions", headers={"authorization": f"Bearer {key}"}, timeout=10,
                      json={"model": "moat-demo", "messages": [{"role": "user", "content": "Explain B-trees."}]})


@pytest.fixture(scope="module")
def chromium() -> str:
    if not os.access(CHROMIUM, os.X_OK):
        _missing(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="module")
def gw(tmp_path_factory: pytest.TempPathFactory, fake_upstream: FakeUpstream  # noqa: F811
       ) -> Iterator[GatewayProcess]:
    home = tmp_path_factory.mktemp("e2e")
    asyncio.run(seed_network(f"sqlite:///{home / 'moat.db'}"))
    gateway = console_gateway(home, fake_upstream.base)
    for key in (ALICE_KEY, ALICE_KEY, BOB_KEY, *NETWORK.values()):
        chat(gateway, key)
    yield gateway
    gateway.stop()


@pytest.fixture(scope="module")
def browser(chromium: str, gw: GatewayProcess) -> Iterator[Any]:
    """Depends on `gw`: Playwright's sync API runs an event loop, so the gateway (whose seeding uses
    asyncio.run) must be set up first."""
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def signed_in(browser: Any, gw: GatewayProcess, username: str, password: str) -> Any:
    """A fresh browser context signed in through the real form."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: dialog.accept())  # the action forms ask "are you sure?"
    page.goto(f"{gw.url}/console/signin")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{gw.url}/console/")
    return page


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
