"""Sign-in rate limit: 5 failures in 5 minutes per account name, and per client address, then 429
(even with the right password), counted in the database so every replica agrees."""

from __future__ import annotations

import httpx

from tests.console.helpers import USERS, ConsoleClient
from tests.gateway.conftest import GatewayProcess


def client_from(gw: GatewayProcess, address: str) -> ConsoleClient:
    """A client whose connections come from another loopback address (a different client IP)."""
    c = ConsoleClient(gw.url)
    c.http = httpx.Client(base_url=gw.url, follow_redirects=False, timeout=10,
                          transport=httpx.HTTPTransport(local_address=address))
    return c


def test_five_failures_lock_the_account_name(gw: GatewayProcess) -> None:
    attacker = client_from(gw, "127.0.0.2")
    name, password = USERS["reviewer"]
    for _ in range(5):
        assert attacker.signin(name, "wrong-password").status_code == 401
    locked = attacker.signin(name, password)
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 0 and "Too many failed sign-ins" in locked.text
    elsewhere = client_from(gw, "127.0.0.3")  # the real user, from another address: still locked
    assert elsewhere.signin(name, password).status_code == 429
    assert elsewhere.signin(*USERS["viewer"]).status_code == 303  # other accounts are not
    attacker.close()
    elsewhere.close()


def test_five_failures_lock_the_address(gw: GatewayProcess) -> None:
    sprayer = client_from(gw, "127.0.0.4")
    for i in range(5):
        assert sprayer.signin(f"guess-{i}", "wrong-password").status_code == 401
    assert sprayer.signin(*USERS["admin"]).status_code == 429
    other = client_from(gw, "127.0.0.5")
    assert other.signin(*USERS["admin"]).status_code == 303
    sprayer.close()
    other.close()


def test_success_resets_the_account_count(gw: GatewayProcess) -> None:
    c = client_from(gw, "127.0.0.6")
    name, password = USERS["viewer"]
    for _ in range(3):
        assert c.signin(name, "wrong").status_code == 401
    assert c.signin(name, password).status_code == 303
    c2 = client_from(gw, "127.0.0.7")
    for _ in range(4):
        assert c2.signin(name, "wrong").status_code == 401
    assert c2.signin(name, password).status_code == 303  # 4 since the success: under the limit
    c.close()
    c2.close()
