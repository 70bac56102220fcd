"""Injection attempts in every search and form field: SQL metacharacters never reach SQL as code
(every value is a bound parameter), and markup never reaches the page unescaped (autoescaping)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from tests.console.helpers import ConsoleClient
from tests.gateway.conftest import GatewayProcess

SCRIPT = "<script>alert('moat')</script>"
PAYLOADS = [
    "' OR '1'='1",
    "\"; DROP TABLE accounts; --",
    "') UNION SELECT username, password_hash, role, 1, 1, 1, 1, 1 FROM console_users --",
    "%_\\%' ESCAPE '",
    SCRIPT,
    "\"><img src=x onerror=alert(1)>",
    "</textarea><script>alert(2)</script>",
    "{{ 7*7 }}{% raw %}",
    "/console/\r\nSet-Cookie: moat_console=planted",  # header splitting through redirect targets
]

SEARCHES: dict[str, list[str]] = {
    "/console/": ["window"],
    "/console/accounts": ["q", "status", "plan", "after"],
    "/console/orgs": ["q", "restricted", "after"],
    "/console/accounts/alice": ["before", "error", "notice"],
    "/console/cases": ["status", "subject", "cursor"],
    "/console/appeals": ["status", "account", "cursor"],
    "/console/policies": ["file"],
    "/console/audit": ["log", "entry_id", "account_id", "reason_code", "effect", "org_id", "model", "text", "before",
                       "decision"],
    "/console/audit?log=admin": ["actor", "action", "target", "text"],
    "/console/signin": ["next"],
}


@pytest.fixture(scope="module")
def admin(gw: GatewayProcess) -> Iterator[ConsoleClient]:
    c = ConsoleClient(gw.url).signin_as("admin")
    yield c
    c.close()


def assert_safe(response_text: str, status: int, payload: str) -> None:
    assert status < 500, response_text[:2000]
    for raw in ("<script>alert", "<img src=x"):  # the markup only exists unescaped
        assert raw not in response_text


@pytest.mark.parametrize("path", list(SEARCHES))
@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_search_fields(admin: ConsoleClient, path: str, payload: str) -> None:
    base, _, fixed = path.partition("?")
    for field in SEARCHES[path]:
        params = dict(p.split("=", 1) for p in fixed.split("&") if p)
        params[field] = payload
        response = admin.http.get(base, params=params)
        assert_safe(response.text, response.status_code, payload)
        assert "planted" not in " ".join(response.headers.get_list("set-cookie"))
        if payload == SCRIPT and field in ("q", "subject", "account", "text", "actor") and response.status_code == 200:
            assert "&lt;script&gt;" in response.text  # echoed back, escaped


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_path_parameters(admin: ConsoleClient, payload: str) -> None:
    for base in ("/console/accounts/", "/console/orgs/", "/console/cases/", "/console/appeals/", "/console/keys/"):
        response = admin.http.get(base + quote(payload, safe=""))
        assert_safe(response.text, response.status_code, payload)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_form_fields(admin: ConsoleClient, payload: str) -> None:
    forms: list[tuple[str, dict[str, str]]] = [
        ("/console/users", {"username": payload, "role": "viewer", "password": "long-enough-password"}),
        ("/console/users", {"username": "ok-name", "role": payload, "password": "long-enough-password"}),
        ("/console/users/viewer/role", {"role": payload}),
        ("/console/actions", {"subject": payload, "kind": "block", "reason": "r"}),
        ("/console/actions", {"subject": "account:carol", "kind": payload, "reason": "r"}),
        ("/console/actions", {"subject": "account:carol", "kind": "restrict", "reason": payload, "limit": payload,
                              "max_tokens": payload, "models": payload, "back": payload}),
        ("/console/actions", {"subject": "account:carol", "kind": "restrict", "reason": payload,
                              "case_id": payload, "back": "/console/accounts/carol"}),
        ("/console/actions/" + quote(payload, safe="") + "/undo", {"reason": payload}),
        ("/console/cases", {"subject": payload, "title": payload, "note": payload}),
        ("/console/appeals/apl_none/decision", {"verdict": payload, "note": payload}),
        ("/console/policies/dry-run", {"file": payload, "text": payload}),
        ("/console/policies/dry-run", {"file": "restricted.yaml", "text": payload}),
        ("/console/audit/verify", {"log": payload}),
    ]
    for path, data in forms:
        response = admin.post(path, data)
        assert_safe(response.text, response.status_code, payload)
        assert "planted" not in " ".join(response.headers.get_list("set-cookie"))
        if response.status_code == 303:
            assert "\n" not in response.headers["location"] and "\r" not in response.headers["location"]
            follow = admin.http.get(response.headers["location"])
            assert_safe(follow.text, follow.status_code, payload)


def test_stored_values_are_escaped_where_shown(admin: ConsoleClient) -> None:
    opened = admin.post("/console/cases", {"subject": "account:bob", "title": SCRIPT, "note": SCRIPT})
    assert opened.status_code == 303
    page = admin.http.get(opened.headers["location"])
    assert page.status_code == 200 and "&lt;script&gt;alert(&#39;moat&#39;)&lt;/script&gt;" in page.text
    assert "<script>alert" not in page.text
    listing = admin.get("/console/cases", status="all")
    assert "<script>alert" not in listing.text and "&lt;script&gt;" in listing.text
    audit = admin.get("/console/audit", log="admin", text="cases.open")
    assert "<script>alert" not in audit.text


def test_signin_fields(gw: GatewayProcess) -> None:
    c = ConsoleClient(gw.url)
    for payload in (PAYLOADS[0], PAYLOADS[2], SCRIPT):  # three failures: under the rate limit
        response = c.signin(payload, payload)
        assert response.status_code == 401
        assert_safe(response.text, response.status_code, payload)
        assert "&lt;script&gt;" in response.text or payload != SCRIPT  # the name is echoed, escaped
    c.close()


def test_the_database_is_intact_afterwards(admin: ConsoleClient) -> None:
    page = admin.get("/console/accounts").text
    for account in ("alice", "bob", "carol"):
        assert f">{account}</a>" in page
    users = admin.get("/console/users").text
    assert ">admin</td>" in users and ">viewer</td>" in users
    assert admin.get("/console/accounts", q="' OR '1'='1").text.count("/console/accounts/") == 0
