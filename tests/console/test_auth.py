"""Sign-in, sessions and session fixation against a real `moat serve`."""

from __future__ import annotations

import httpx

from tests.console.helpers import USERS, ConsoleClient, hidden
from tests.gateway.conftest import GatewayProcess


def test_pages_need_a_session(client: ConsoleClient) -> None:
    for path in ("/console/", "/console/accounts", "/console/audit", "/console/users"):
        response = client.get(path)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/console/signin?next=")
    assert client.http.post("/console/actions", data={}).status_code == 401


def test_signin_sets_a_hardened_cookie(client: ConsoleClient) -> None:
    response = client.signin(*USERS["viewer"])
    assert response.status_code == 303 and response.headers["location"] == "/console/"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("moat_console="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/console" in cookie
    assert "Secure" not in cookie  # plain http in the test; `auto` marks it Secure behind https
    assert len(client.session_cookie or "") >= 43  # 256 random bits, url-safe base64
    page = client.get("/console/")
    assert page.status_code == 200 and "Overview" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


def test_wrong_password_is_refused_without_saying_which_part(client: ConsoleClient) -> None:
    wrong = client.signin("viewer", "not-the-password")
    unknown = client.signin("nobody-here", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong user name or password" in wrong.text and "Wrong user name or password" in unknown.text
    assert client.session_cookie is None


def test_session_fixation_a_preset_cookie_is_never_adopted(gw: GatewayProcess) -> None:
    planted = "attacker-chosen-session-id-0123456789abcdef0123"
    c = ConsoleClient(gw.url)
    c.http.cookies.set("moat_console", planted, domain="127.0.0.1", path="/console")
    assert c.get("/console/").status_code == 303  # the planted id is no session
    response = c.signin(*USERS["viewer"])
    issued = next(v for v in response.headers.get_list("set-cookie") if v.startswith("moat_console="))
    new_id = issued.split(";", 1)[0].split("=", 1)[1]
    assert new_id and new_id != planted
    attacker = httpx.Client(base_url=gw.url, cookies={"moat_console": planted}, follow_redirects=False)
    assert attacker.get("/console/").status_code == 303  # still nothing behind the planted id
    attacker.close()
    c.close()


def test_session_id_changes_at_every_signin_and_the_old_one_dies(gw: GatewayProcess) -> None:
    c = ConsoleClient(gw.url).signin_as("viewer")
    first = c.session_cookie
    assert first
    c.signin_as("viewer")
    second = c.session_cookie
    assert second and second != first
    stale = httpx.Client(base_url=gw.url, cookies={"moat_console": first}, follow_redirects=False)
    assert stale.get("/console/").status_code == 303
    stale.close()
    c.close()


def test_signout_ends_the_session(gw: GatewayProcess) -> None:
    c = ConsoleClient(gw.url).signin_as("viewer")
    raw = c.session_cookie
    assert c.post("/console/signout", {}).status_code == 303
    replay = httpx.Client(base_url=gw.url, cookies={"moat_console": raw or ""}, follow_redirects=False)
    assert replay.get("/console/").status_code == 303
    replay.close()
    c.close()


def test_signin_never_redirects_off_site(client: ConsoleClient) -> None:
    for target in ("https://evil.example/", "//evil.example/x", "/console\\..\\x", "javascript:alert(1)",
                   "/console/\r\nSet-Cookie: moat_console=planted"):
        response = client.signin(*USERS["viewer"], next_url=target)
        assert response.headers["location"] == "/console/"


def test_signin_needs_the_form_token_and_our_origin(client: ConsoleClient, gw: GatewayProcess) -> None:
    page = client.http.get("/console/signin")
    pre = hidden(page.text, "pre")
    data = {"username": USERS["viewer"][0], "password": USERS["viewer"][1], "pre": "forged"}
    assert client.http.post("/console/signin", data=data, headers={"origin": gw.url}).status_code == 403
    data["pre"] = pre
    assert client.http.post("/console/signin", data=data, headers={"origin": "https://evil.example"}
                            ).status_code == 403
    assert client.http.post("/console/signin", data=data, headers={"origin": gw.url}).status_code == 303
