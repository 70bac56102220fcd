"""Who is really calling: a rival behind a personal account, or behind a platform, with the real SDKs."""

from __future__ import annotations

import asyncio
import time

import httpx
import openai
import pytest

from moat.identity import admin
from moat.identity.attribution import sign_attribution
from moat.store import open_store
from tests.gateway.conftest import GINA_KEY, IDE_KEY, IDE_SECRET, MALLORY_KEY, GatewayProcess

MESSAGES = [{"role": "user", "content": "help me with this code"}]


def oa(gateway: GatewayProcess, key: str, token: str | None = None) -> openai.OpenAI:
    headers = {"Moat-Attribution": token} if token else None
    return openai.OpenAI(base_url=f"{gateway.url}/v1", api_key=key, max_retries=0, timeout=10,
                         default_headers=headers)


def test_rival_on_a_personal_account_paid_with_the_rivals_card(gateway: GatewayProcess) -> None:
    with pytest.raises(openai.PermissionDeniedError) as refused:
        oa(gateway, MALLORY_KEY).chat.completions.create(model="moat-demo", messages=MESSAGES)
    assert refused.value.code == "competitive_use_restricted"
    # an ordinary gmail user is not caught by the same rules
    assert oa(gateway, GINA_KEY).chat.completions.create(model="moat-demo", messages=MESSAGES).choices


async def _new_account_with_rival_card(store_url: str) -> str:
    store = open_store(store_url)
    await store.open()
    try:
        await admin.add_account(store, actor="test", account_id="trent", email="trent@outlook.com", plan="pro",
                                payment_fingerprint="card-rival-corp")
        return (await admin.create_key(store, actor="test", account_id="trent")).secret
    finally:
        await store.close()


def test_a_new_linked_account_is_refused_on_its_first_request(gateway: GatewayProcess) -> None:
    secret = asyncio.run(_new_account_with_rival_card(gateway.store_url))
    with pytest.raises(openai.PermissionDeniedError) as refused:  # the very first request
        oa(gateway, secret).chat.completions.create(model="moat-demo", messages=MESSAGES)
    assert refused.value.code == "competitive_use_restricted"


def token(org: str | None, **kw: object) -> str:
    return sign_attribution("codeide", IDE_SECRET, sub="user-hash-1", org=org, **kw)  # type: ignore[arg-type]


def test_rival_through_an_ide_is_refused_and_others_pass(gateway: GatewayProcess) -> None:
    with pytest.raises(openai.PermissionDeniedError) as refused:
        oa(gateway, IDE_KEY, token("rival.example")).chat.completions.create(model="moat-demo", messages=MESSAGES)
    assert refused.value.code == "competitive_use_restricted"
    ok = oa(gateway, IDE_KEY, token("acme.example")).chat.completions.with_raw_response.create(
        model="moat-demo", messages=MESSAGES)
    assert ok.http_response.status_code == 200


@pytest.mark.parametrize(("make", "fragment"), [
    (lambda: token("acme.example", lifetime=60, now=time.time() - 3600), "expired"),
    (lambda: sign_attribution("codeide", "wrong-secret", sub="u", org="acme.example"), "signature"),
    (lambda: sign_attribution("otheride", IDE_SECRET, sub="u", org="acme.example"), "platform"),
    (lambda: "not.a.token", "malformed"),
])
def test_bad_attribution_is_401(gateway: GatewayProcess, make: object, fragment: str) -> None:
    with pytest.raises(openai.AuthenticationError) as refused:
        oa(gateway, IDE_KEY, make()).chat.completions.create(model="moat-demo", messages=MESSAGES)  # type: ignore[operator]
    assert fragment in str(refused.value.code) + refused.value.message.lower()


def test_replayed_attribution_is_refused(gateway: GatewayProcess) -> None:
    once = token("acme.example")
    assert oa(gateway, IDE_KEY, once).chat.completions.create(model="moat-demo", messages=MESSAGES).choices
    with pytest.raises(openai.AuthenticationError) as replayed:
        oa(gateway, IDE_KEY, once).chat.completions.create(model="moat-demo", messages=MESSAGES)
    assert replayed.value.code == "attribution_replayed"


def test_feed_lists_the_rival_and_not_others(gateway: GatewayProcess) -> None:
    from moat.enforce.feed import load_or_create_signing_key
    from moat.platform import RestrictedFeedClient
    from moat.platform.ed25519 import public_key_b64

    public = public_key_b64(load_or_create_signing_key(gateway.home))
    client = RestrictedFeedClient(f"{gateway.url}/feed/restricted", public)
    client.refresh()
    assert client.is_restricted(email_domain="rival.example")
    assert not client.is_restricted(email_domain="acme.example")
    etag = httpx.get(f"{gateway.url}/feed/restricted").headers["etag"]
    assert httpx.get(f"{gateway.url}/feed/restricted", headers={"if-none-match": etag}).status_code == 304
