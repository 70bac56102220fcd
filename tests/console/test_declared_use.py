"""The console shows a key's declared use (docs/data-apis.md, issue 15 item 5) on the account page
and the key's own page, escaped, for every role that can read accounts."""

from __future__ import annotations

import httpx
import pytest

from tests.console.helpers import ConsoleClient
from tests.gateway.conftest import ADMIN_TOKEN, GatewayProcess

SENTENCE = "academic research on <b>public</b> discourse"


def make_key(gw: GatewayProcess, account: str, **body: str) -> str:
    made = httpx.post(gw.url + "/admin/keys", json={"account": account, **body},
                      headers={"authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=10)
    assert made.status_code == 201, made.text
    return str(made.json()["key_id"])


@pytest.mark.parametrize("role", ["viewer", "reviewer", "admin"])
def test_account_and_key_pages_show_the_declared_use(gw: GatewayProcess, role: str) -> None:
    declared = make_key(gw, "carol", use="research", use_description=SENTENCE)
    plain = make_key(gw, "carol")
    client = ConsoleClient(gw.url).signin_as(role)
    try:
        page = client.get("/console/accounts/carol")
        assert page.status_code == 200
        html = page.text
        assert f'href="/console/keys/{declared}"' in html and f'href="/console/keys/{plain}"' in html
        assert 'data-use="research"' in html
        assert "academic research on &lt;b&gt;public&lt;/b&gt; discourse" in html and "<b>public</b>" not in html
        assert "declared no use" in html  # the plain key's cell says so rather than staying blank

        key_page = client.get(f"/console/keys/{declared}")
        assert key_page.status_code == 200
        assert 'data-use="research"' in key_page.text and "&lt;b&gt;public&lt;/b&gt;" in key_page.text
        assert 'href="/console/accounts/carol"' in key_page.text
        plain_page = client.get(f"/console/keys/{plain}").text
        assert "data-use=" not in plain_page and "declared no use" in plain_page
        assert client.get("/console/keys/no-such-key").status_code == 404
    finally:
        client.close()


def test_a_revoked_keys_use_is_not_the_accounts_declared_use(gw: GatewayProcess, admin: ConsoleClient) -> None:
    """The profile's `Declared use` lists the active keys' uses; a revoked key keeps its own in its row."""
    gone = make_key(gw, "dave", use="resale", use_description="reselling access")
    kept = make_key(gw, "dave", use="internal")
    revoked = httpx.post(gw.url + f"/admin/keys/{gone}/revoke",
                         headers={"authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=10)
    assert revoked.status_code == 200
    html = admin.get("/console/accounts/dave").text
    profile, _, keys_table = html.partition("<h2>API keys</h2>")
    assert 'data-use="internal"' in profile and kept in profile
    assert 'data-use="resale"' not in profile and 'data-use="resale"' in keys_table
