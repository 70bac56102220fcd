"""The console on PostgreSQL: the same pages, searches and actions against a real `moat serve`
whose store is a fresh PostgreSQL schema (needs MOAT_TEST_POSTGRES_URL; fails under
MOAT_REQUIRE_SERVICES=1 without it)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.console.helpers import ConsoleClient, console_gateway
from tests.console.test_injection import PAYLOADS, SCRIPT
from tests.console.test_roles import READ_PAGES
from tests.gateway.conftest import ALICE_KEY, BOB_KEY, GatewayProcess, postgres_schema
from tests.gateway.fake_upstream import FakeUpstream

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def gw(tmp_path_factory: pytest.TempPathFactory, fake_upstream: FakeUpstream) -> Iterator[GatewayProcess]:
    with postgres_schema() as url:
        gateway = console_gateway(tmp_path_factory.mktemp("console-pg"), fake_upstream.base, url)
        yield gateway
        gateway.stop()


def test_pages_searches_and_actions_on_postgres(gw: GatewayProcess) -> None:
    import httpx

    for key in (ALICE_KEY, ALICE_KEY, BOB_KEY):
        httpx.post(f"{gw.url}/v1/chat/completions", headers={"authorization": f"Bearer {key}"}, timeout=10,
                   json={"model": "moat-demo", "messages": [{"role": "user", "content": "hi"}]})
    admin = ConsoleClient(gw.url).signin_as("admin")
    for path in [*READ_PAGES, "/console/users"]:
        assert admin.http.get(path).status_code == 200, path
    deadline = time.monotonic() + 5
    while '<span class="mono small">competitive_use_restricted</span>' not in admin.get("/console/accounts/bob").text:
        assert time.monotonic() < deadline, "the refused request never showed on the account page"
        time.sleep(0.2)
    for payload in PAYLOADS:
        for path, field in (("/console/accounts", "q"), ("/console/orgs", "q"), ("/console/audit", "text"),
                            ("/console/audit", "account_id"), ("/console/cases", "subject")):
            response = admin.http.get(path, params={field: payload})
            assert response.status_code < 500 and "<script>alert" not in response.text, (path, payload)
    opened = admin.post("/console/cases", {"subject": "account:alice", "title": SCRIPT})
    assert opened.status_code == 303
    assert "&lt;script&gt;" in admin.http.get(opened.headers["location"]).text
    applied = admin.post("/console/actions", {"subject": "account:alice", "kind": "restrict", "reason": "pg",
                                              "redact": "1", "back": "/console/accounts/alice"})
    assert applied.status_code == 303 and "notice=" in applied.headers["location"]
    assert admin.post("/console/users", {"username": "pg-user", "role": "viewer",
                                         "password": "long-enough-password"}).status_code == 200
    overview = admin.get("/console/", window="1h").text
    assert "denied:competitive_use_restri" in overview  # the outcome's bar label (cut at 30 characters)
    admin.close()
