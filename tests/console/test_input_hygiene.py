"""Input hygiene of the console, on every form and page it serves: NUL, invalid UTF-8 (raw or
percent-encoded), lone surrogates and control characters in names are refused with a 400 error page
(the console's own error shape) before any handler runs or anything is written; every response
carries its request id, and no header twice (Set-Cookie once per cookie)."""

from __future__ import annotations

import re
from collections import Counter

import httpx

from moat.console.pages import all_routes
from tests.console.helpers import USERS, ConsoleClient
from tests.gateway.conftest import GatewayProcess, admin_log


def concrete(pattern: str, value: str = "x") -> str:
    return "/console" + re.sub(r"\(\[[^)]*\]\{?[0-9,]*\}?[+*]?\)", value, pattern)


POST_ROUTES = [concrete(r.pattern) for r in all_routes() if r.method == "POST"]
GET_ROUTES = [r.pattern for r in all_routes() if r.method == "GET"]
NAME_FIELDS = ["username", "role", "subject", "kind", "case_id", "verdict", "log", "file", "what", "assignee"]


def assert_refused(response: httpx.Response, *words: str) -> None:
    assert response.status_code == 400, (response.request.url, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    assert '<div class="card narrow error">' in response.text  # the console's error page
    for word in words:
        assert word in response.text, response.text[:2000]
    assert_headers_once(response)


def assert_headers_once(response: httpx.Response) -> None:
    names = Counter(name.lower() for name, _ in response.headers.multi_items())
    assert names["x-request-id"] == 1 and names["request-id"] == 1, names
    assert [n for n, k in names.items() if k > 1 and n != "set-cookie"] == [], names
    cookies = Counter(v.split("=", 1)[0] for v in response.headers.get_list("set-cookie"))
    assert all(k == 1 for k in cookies.values()), cookies


def raw_post(c: ConsoleClient, path: str, body: bytes) -> httpx.Response:
    return c.http.post(path, content=body, headers={"origin": c.base,
                                                    "content-type": "application/x-www-form-urlencoded"})


def test_nul_and_invalid_utf8_on_every_form(admin: ConsoleClient, gw: GatewayProcess) -> None:
    csrf = admin.csrf()
    before = len(admin_log(gw.store_url))
    for path in POST_ROUTES:
        for body, word in ((b"note=a%00b", "NUL"),  # NUL even in free text
                           (b"username=a%00b", "NUL"),
                           (b"text=caf%E9", "UTF-8"),  # percent-encoded Latin-1
                           (b"text=caf\xe9", "UTF-8"),  # raw Latin-1 bytes
                           (b"subject=%ED%A0%80", "UTF-8"),  # an encoded lone surrogate
                           (b"note=bell%07", "control character"),  # a control character, even in free text
                           (b"na%00me=x", "NUL")):
            assert_refused(raw_post(admin, path, body + b"&csrf=" + csrf.encode()), word)
    assert len(admin_log(gw.store_url)) == before  # nothing was written, nobody signed in


def test_control_characters_in_names(admin: ConsoleClient) -> None:
    for path in POST_ROUTES:
        for field in NAME_FIELDS:
            for bad in ("a\tb", "a\nb", "a\x1bb", "a\x7fb"):
                assert_refused(admin.post(path, {field: bad}), "control character")


def test_free_text_keeps_line_breaks(admin: ConsoleClient) -> None:
    opened = admin.post("/console/cases", {"subject": "account:alice", "title": "Title\twith a tab",
                                           "note": "line one\r\nline two"})
    assert opened.status_code == 303, opened.text[:500]
    assert_headers_once(opened)


def test_paths_and_queries(admin: ConsoleClient) -> None:
    for pattern in GET_ROUTES:
        if "(" in pattern:
            for bad in ("%00", "%FF", "a%0Ab", "%ED%A0%80"):
                assert_refused(admin.http.get(concrete(pattern, bad)))
        path = concrete(pattern)
        for query in ("q=%00", "q=%FF", "q=a%01b", "%00=1"):
            assert_refused(admin.http.get(f"{path}?{query}"))


def test_signin_refuses_bad_text_without_using_the_throttle(gw: GatewayProcess) -> None:
    c = ConsoleClient(gw.url)
    name, password = USERS["viewer"]
    for _ in range(10):  # twice the throttle's limit: none of these is counted
        assert_refused(c.http.post("/console/signin", headers={"origin": gw.url, "cookie": "moat_console_pre=t"},
                                   content=f"pre=t&username={name}%00&password=x".encode()), "NUL")
    signed_in = c.signin(name, password)
    assert signed_in.status_code == 303
    assert_headers_once(signed_in)
    c.close()


def test_every_response_has_one_request_id(admin: ConsoleClient, client: ConsoleClient) -> None:
    for response in (admin.get("/console/"), admin.get("/console/accounts"), admin.get("/console/nope"),
                     client.get("/console/"), client.get("/console/signin"), client.http.get("/console"),
                     client.get("/console/static/console.css"), admin.post("/console/signout", {})):
        assert_headers_once(response)
