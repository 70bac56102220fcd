"""Input hygiene of the admin API, on every route it serves (SQLite and PostgreSQL): NUL, invalid
UTF-8, lone surrogates and control characters in names are refused with a 400 in the API's own
error shape, before anything is written; writes that name something missing get a 4xx naming it;
every response carries its request id, and no header twice."""

from __future__ import annotations

import re
from collections import Counter

import httpx
import pytest

from moat.gateway.admin_api import ADMIN_ROUTES
from tests.gateway.conftest import ADMIN_TOKEN, GatewayProcess, admin_log

ADMIN = {"authorization": f"Bearer {ADMIN_TOKEN}", "moat-actor": "hygiene"}


def concrete(pattern: re.Pattern[str], value: str = "x") -> str:
    """A path the route matches: each captured part replaced by `value` (already URL-encoded)."""
    text = pattern.pattern.removeprefix("^").removesuffix("$")
    return text.replace("([^/]+)", value)


ROUTES = [(verb, concrete(pattern), pattern) for verb, pattern, _ in ADMIN_ROUTES]
IDS = [f"{verb} {path}" for verb, path, _ in ROUTES]


def assert_refused(response: httpx.Response, *words: str) -> None:
    assert response.status_code == 400, (response.status_code, response.text)
    error = response.json()["error"]  # the OpenAI error shape, as every admin error
    assert error["type"] == "invalid_request_error" and error["code"] in ("invalid_text", "invalid_json"), error
    for word in words:
        assert word in error["message"], error["message"]
    assert_headers_once(response)


def assert_headers_once(response: httpx.Response) -> None:
    names = Counter(name.lower() for name, _ in response.headers.multi_items())
    assert names["x-request-id"] == 1 and names["request-id"] == 1, names
    assert response.headers["x-request-id"] == response.headers["request-id"]
    assert [n for n, k in names.items() if k > 1 and n != "set-cookie"] == [], names


def send(gateway: GatewayProcess, verb: str, path: str, *, body: bytes | None = None, query: str = "",
         headers: dict[str, str] | None = None) -> httpx.Response:
    url = f"{gateway.url}{path}{'?' + query if query else ''}"
    return httpx.request(verb, url, content=body, headers={**ADMIN, **(headers or {})}, timeout=10)


def test_nul_and_invalid_text_in_bodies_on_every_write_route(gateway: GatewayProcess) -> None:
    before = len(admin_log(gateway.store_url))
    for verb, path, _ in ROUTES:
        if verb != "POST":
            continue
        if path.endswith("/entities"):
            bodies = [(b'{"org_id": "ok", "name": "a\\u0000b"}\n', "NUL"),
                      (b'{"org_id": "ok", "name": "caf\xe9"}\n', "UTF-8"),
                      (b'{"org_id": "ok\\u0007", "name": "Bell"}\n', "control character")]
        else:
            bodies = [(b'{"subject": "account:alice", "text": "a\\u0000b"}', "NUL"),
                      (b'{"subject": "account:a\\u0000"}', "NUL"),
                      (b'{"text": "fine", "nested": {"deep": ["x\\u0000"]}}', "NUL"),
                      (b'{"subject": "account:\\ud800"}', ""),  # a lone surrogate: not valid JSON text
                      (b'{"subject": "account:caf\xe9"}', ""),  # Latin-1, not UTF-8
                      (b'{"subject": "account:a\\u0001b", "reason": "r"}', "control character"),
                      (b'{"subject": "account:alice\\nx", "reason": "r"}', "control character"),
                      (b'{"subject": "account:alice", "reason": "r\\u001b[31m"}', "control character"),
                      (b'{"te\\u0000xt": "key with a NUL"}', "NUL")]
        for body, word in bodies:
            response = send(gateway, verb, path, body=body)
            assert_refused(response, word)
    assert len(admin_log(gateway.store_url)) == before  # nothing was written


def test_invalid_text_in_paths_queries_and_the_actor(gateway: GatewayProcess) -> None:
    for verb, path, pattern in ROUTES:
        if "([^/]+)" in pattern.pattern:
            for bad in ("%00", "%FF", "a%0Ab", "%ED%A0%80"):  # NUL, not UTF-8, line feed, an encoded surrogate
                assert_refused(send(gateway, verb, concrete(pattern, bad), body=b"{}"))
        if verb == "GET":
            for query in ("status=%00", "status=%FF", "cursor=a%01b", "%00=x"):
                assert_refused(send(gateway, verb, path, query=query))
    assert_refused(httpx.get(f"{gateway.url}/admin/orgs", timeout=10, headers={
        "authorization": f"Bearer {ADMIN_TOKEN}", "moat-actor": b"caf\xe9"}), "UTF-8")  # Latin-1 bytes


def test_text_that_is_fine_passes(gateway: GatewayProcess) -> None:
    """Free text keeps its line breaks and tabs; names and notes may use any printable script."""
    with httpx.Client(base_url=gateway.url, headers=ADMIN, timeout=10) as api:
        org = api.post("/admin/orgs", json={"org_id": "zurich-labs", "name": "Zürich Labs 東京"})
        assert org.status_code == 201, org.text
        case = api.post("/admin/cases", json={"subject": "account:alice", "title": "Two\tparts",
                                              "note": "line one\nline two\r\n"})
        assert case.status_code in (200, 201), case.text
        note = api.post(f"/admin/cases/{case.json()['case_id']}/notes", json={"text": "ok\n\tindented"})
        assert note.status_code == 201, note.text
        assert_headers_once(note)


def test_writes_that_name_something_missing_say_what(gateway: GatewayProcess) -> None:
    with httpx.Client(base_url=gateway.url, headers=ADMIN, timeout=10) as api:
        checks = [
            ("/admin/accounts", {"account_id": "newbie", "email": "n@x.example", "plan": "api", "org": "no-such-org"},
             "no-such-org"),
            ("/admin/orgs", {"org_id": "child", "owner": "no-such-parent", "share": 0.5}, "no-such-parent"),
            ("/admin/keys", {"account": "no-such-account"}, "no-such-account"),
            ("/admin/keys/import", {"account": "no-such-account", "secret": "sk-imported-0000000000000000"},
             "no-such-account"),
            ("/admin/cases", {"subject": "account:no-such-account", "title": "t"}, "no-such-account"),
            ("/admin/cases", {"subject": "org:no-such-org", "title": "t"}, "no-such-org"),
            ("/admin/cases", {"subject": "cluster:no-such-cluster", "title": "t"}, "no-such-cluster"),
            ("/admin/actions", {"kind": "suspend", "subject": "account:no-such-account", "reason": "r"},
             "no-such-account"),
            ("/admin/actions", {"kind": "suspend", "subject": "account:alice", "reason": "r", "case_id": "case_nope"},
             "case_nope"),
            ("/admin/actions/clear", {"subject": "account:no-such-account", "reason": "r"}, "no-such-account"),
            ("/admin/appeals/apl_nope/decide", {"accept": True, "note": "n"}, "apl_nope"),
            ("/admin/cases/case_nope/notes", {"text": "n"}, "case_nope"),
        ]
        for path, body, name in checks:
            response = api.post(path, json=body)
            assert 400 <= response.status_code < 500, (path, response.status_code, response.text)
            assert name in response.json()["error"]["message"], (path, response.text)
            assert_headers_once(response)
        assert api.get("/admin/accounts/newbie").status_code == 404  # nothing half-written
        cases = api.get("/admin/cases", params={"subject": "account:no-such-account"}).json()["data"]
        assert cases == []


@pytest.mark.parametrize("path", ["/admin/orgs", "/admin/nope", "/admin/cases"])
def test_every_response_has_one_request_id(gateway: GatewayProcess, path: str) -> None:
    for headers in (ADMIN, {}):
        response = httpx.get(gateway.url + path, headers=headers, timeout=10)
        assert_headers_once(response)
