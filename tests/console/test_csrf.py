"""CSRF: every state-changing form needs the session's token and our own Origin (or Referer)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.console.helpers import ConsoleClient
from tests.gateway.conftest import GatewayProcess


@pytest.fixture(scope="module")
def admin(gw: GatewayProcess) -> Iterator[ConsoleClient]:
    """One signed-in admin for the module: the attacks below must not end its session either."""
    c = ConsoleClient(gw.url).signin_as("admin")
    yield c
    c.close()

# One POST per state-changing route, with otherwise valid fields.
FORMS: list[tuple[str, dict[str, str]]] = [
    ("/console/users", {"username": "csrf-victim", "role": "admin", "password": "long-enough-password"}),
    ("/console/users/viewer/role", {"role": "admin"}),
    ("/console/users/viewer/disabled", {"disabled": "1"}),
    ("/console/actions", {"subject": "account:alice", "kind": "block", "reason": "csrf"}),
    ("/console/actions/act_x/undo", {"reason": "csrf"}),
    ("/console/cases", {"subject": "account:alice", "title": "csrf"}),
    ("/console/cases/case_x", {"what": "note", "text": "csrf"}),
    ("/console/appeals/apl_x/decision", {"verdict": "accept", "note": "csrf"}),
    ("/console/policies/dry-run", {"file": "restricted.yaml", "text": "rules: []"}),
    ("/console/policies/save", {"file": "restricted.yaml", "text": "rules: []"}),
    ("/console/audit/verify", {"log": "decisions"}),
    ("/console/signout", {}),
]
# A refused sign-out must leave the session alive: `_unchanged` reads pages with it afterwards.


def _unchanged(admin: ConsoleClient) -> None:
    users = admin.get("/console/users").text
    assert "csrf-victim" not in users
    assert ">account:alice</td>" not in admin.get("/console/cases", status="all").text


@pytest.mark.parametrize(("path", "data"), FORMS, ids=[p for p, _ in FORMS])
def test_missing_token_is_refused(admin: ConsoleClient, path: str, data: dict[str, str]) -> None:
    response = admin.post(path, data, csrf=False)
    assert response.status_code == 403
    assert "security token" in response.text
    _unchanged(admin)


@pytest.mark.parametrize(("path", "data"), FORMS, ids=[p for p, _ in FORMS])
def test_wrong_token_is_refused(admin: ConsoleClient, path: str, data: dict[str, str]) -> None:
    assert admin.post(path, {**data, "csrf": "0" * 64}).status_code == 403
    _unchanged(admin)


def test_another_sessions_token_is_refused(admin: ConsoleClient, gw: GatewayProcess) -> None:
    other = ConsoleClient(gw.url).signin_as("admin")
    stolen = other.csrf()
    assert stolen != admin.csrf()
    assert admin.post("/console/users", {**FORMS[0][1], "csrf": stolen}).status_code == 403
    other.close()
    _unchanged(admin)


@pytest.mark.parametrize("origin", ["https://evil.example", "http://127.0.0.1:1", "null"])
def test_cross_origin_is_refused_even_with_the_token(admin: ConsoleClient, origin: str) -> None:
    response = admin.post("/console/users", FORMS[0][1], origin=origin)
    assert response.status_code == 403 and "Cross-origin" in response.text
    _unchanged(admin)


def test_no_origin_and_no_referer_is_refused(admin: ConsoleClient) -> None:
    assert admin.post("/console/users", FORMS[0][1], origin=None).status_code == 403
    _unchanged(admin)


def test_same_origin_referer_is_enough(admin: ConsoleClient, gw: GatewayProcess) -> None:
    body = {**FORMS[0][1], "username": "via-referer", "csrf": admin.csrf()}
    response = admin.http.post("/console/users", data=body, headers={"referer": f"{gw.url}/console/users"})
    assert response.status_code == 200 and "Added via-referer" in response.text
    evil = {**body, "username": "via-evil-referer"}
    assert admin.http.post("/console/users", data=evil, headers={"referer": "https://evil.example/console/"}
                           ).status_code == 403


def test_valid_token_and_origin_pass(admin: ConsoleClient) -> None:
    response = admin.post("/console/users", {**FORMS[0][1], "username": "csrf-ok"})
    assert response.status_code == 200 and "Added csrf-ok" in response.text


def test_get_never_changes_state(admin: ConsoleClient) -> None:
    assert admin.get("/console/users", username="x", role="admin", password="long-enough-password").status_code == 200
    assert admin.http.get("/console/signout").status_code == 405
    assert admin.get("/console/").status_code == 200  # still signed in
