"""Pass-through (docs/data-apis.md, "What a client sees"): the same call made through Moat and direct.

The upstream must receive the method, path, query string, headers and body unchanged, except the
hop-by-hop headers and the client's credentials, with the upstream's own credential added; the client
must get the upstream's status, headers and body byte for byte, plus `moat-request-id` once.
"""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.data_conformance.clients import assert_relayed_headers
from tests.data_conformance.conftest import READER_KEY, Gateway
from tests.data_conformance.fake_data_api import LABS_TOKEN, UPSTREAM_TOKEN, FakeDataAPI, Received

# What a client may send that must never reach the upstream (hop-by-hop and the client's credentials).
HOP_AND_CREDENTIALS = [
    ("connection", "keep-alive, x-hop-secret"),
    ("x-hop-secret", "named-by-connection-so-hop-by-hop"),
    ("keep-alive", "timeout=5"),
    ("proxy-authorization", "Basic cHJveHk6c2VjcmV0"),
    ("cookie", "session=client-session-cookie"),
]
END_TO_END = [
    ("user-agent", "v2RecentSearchPython/1.4 (+conformance)"),
    ("accept", "application/json"),
    ("accept-language", "en-GB, en;q=0.8"),
    ("x-client-trace", "trace-7f3a91"),
    ("if-none-match", '"v2-etag-42"'),
]


def tag() -> str:
    return f"pass-{uuid.uuid4().hex[:12]}"


def call(base: str, method: str, target: str, headers: list[tuple[str, str]],
         body: bytes | None = None) -> httpx.Response:
    with httpx.Client(timeout=10) as client:
        return client.request(method, base + target, headers=headers, content=body)


def through_moat_and_direct(gateway: Gateway, fake: FakeDataAPI, method: str, target: str,
                            headers: list[tuple[str, str]], body: bytes | None = None,
                            credential: tuple[str, str] = ("authorization", f"Bearer {READER_KEY}"),
                            upstream: tuple[str, str, str] = ("", "authorization", f"Bearer {UPSTREAM_TOKEN}"),
                            ) -> tuple[httpx.Response, Received, httpx.Response, Received]:
    """The call through Moat (with the client's Moat key) and direct (upstream: base path, its credential)."""
    t_moat, t_direct = tag(), tag()
    base_path, auth_name, auth_value = upstream
    via = call(gateway.url, method, target, [*headers, *HOP_AND_CREDENTIALS, ("x-conformance-id", t_moat),
                                             credential], body)
    direct = call(fake.url + base_path, method, target, [*headers, ("x-conformance-id", t_direct),
                                                         (auth_name, auth_value)], body)
    return via, fake.one(t_moat), direct, fake.one(t_direct)


def raw_headers(response: httpx.Response) -> list[tuple[str, str]]:
    return [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in response.headers.raw]


def assert_same_answer(via: httpx.Response, direct: httpx.Response) -> None:
    """Status, body bytes and every end-to-end header of the upstream's answer, once; moat-request-id once."""
    assert via.status_code == direct.status_code, via.content
    assert via.content == direct.content
    assert_relayed_headers(raw_headers(via), raw_headers(direct))
    lengths = [v for k, v in raw_headers(via) if k == "content-length"]
    assert lengths in ([], [str(len(via.content))])


def assert_request_relayed(received: Received, direct: Received, headers: list[tuple[str, str]],
                           credential: tuple[str, str] = ("authorization", f"Bearer {UPSTREAM_TOKEN}")) -> None:
    assert (received.method, received.path, received.query) == (direct.method, direct.path, direct.query)
    assert received.body == direct.body
    assert received.header_list(credential[0]) == [credential[1]], "the upstream's credential, once"
    for name, value in headers:
        assert received.header_list(name) == [value], f"request header {name}"
    names = {name for name, _ in received.headers}
    for gone in ("x-hop-secret", "keep-alive", "proxy-authorization", "cookie", "x-api-key", "authorization"):
        assert gone == credential[0] or gone not in names, f"{gone} reached the upstream"
    assert not [name for name in names if name.startswith("moat-")]
    assert "x-hop-secret" not in (received.header("connection") or "").lower()
    assert not [value for _, value in received.headers if READER_KEY in value], "the client's Moat key leaked"


def test_search_query_headers_and_answer_pass_through(gateway: Gateway, fake: FakeDataAPI) -> None:
    # A repeated parameter, percent-escapes and an operator query, as search clients send them.
    target = ("/2/tweets/search/recent?query=from%3Atwitterdev%20-is%3Aretweet%20%23data+lang:en%2Bfr~&max_results=10"
              "&tweet.fields=author_id,created_at&expansions=author_id&tweet.fields=lang&empty=")
    via, received, direct, received_direct = through_moat_and_direct(gateway, fake, "GET", target, END_TO_END)
    assert direct.status_code == 200 and len(direct.json()["data"]) == 10
    assert received.query == target.split("?", 1)[1]
    assert_request_relayed(received, received_direct, END_TO_END)
    assert_same_answer(via, direct)


def test_post_body_reaches_upstream_byte_for_byte(gateway: Gateway, fake: FakeDataAPI) -> None:
    body = '{"text": "Hello  from the conformance suite — ünïcode ✓",\n "reply_settings":"following"}'.encode()
    headers = [*END_TO_END[:4], ("content-type", "application/json; charset=utf-8")]
    via, received, direct, received_direct = through_moat_and_direct(gateway, fake, "POST", "/2/tweets", headers, body)
    assert direct.status_code == 201
    assert received.body == body
    assert_request_relayed(received, received_direct, headers)
    assert_same_answer(via, direct)


def test_a_chunked_request_body_reaches_upstream_whole(gateway: Gateway, fake: FakeDataAPI) -> None:
    """A client streaming its upload (Transfer-Encoding: chunked, no Content-Length)."""
    parts = [b'{"text": "sent in ', b"three chunk", 'ś, ünïcode \u2713"}'.encode()]
    t_moat = tag()
    with httpx.Client(timeout=10) as client:
        via = client.post(gateway.url + "/2/tweets", content=iter(parts),
                          headers={"authorization": f"Bearer {READER_KEY}", "content-type": "application/json",
                                   "x-conformance-id": t_moat})
        direct = client.post(fake.url + "/2/tweets", content=b"".join(parts),
                             headers={"authorization": f"Bearer {UPSTREAM_TOKEN}", "content-type": "application/json"})
    assert fake.one(t_moat).body == b"".join(parts)
    assert via.status_code == 201 and via.content == direct.content


def test_delete_passes_through(gateway: Gateway, fake: FakeDataAPI) -> None:
    via, received, direct, received_direct = through_moat_and_direct(
        gateway, fake, "DELETE", "/2/tweets/1460323737035677698", END_TO_END[:2])
    assert direct.status_code == 200
    assert_request_relayed(received, received_direct, END_TO_END[:2])
    assert_same_answer(via, direct)


def test_x_api_key_is_a_credential_too(gateway: Gateway, fake: FakeDataAPI) -> None:
    via, received, direct, received_direct = through_moat_and_direct(
        gateway, fake, "GET", "/2/users/2244994945?user.fields=created_at,description", END_TO_END[:2],
        credential=("x-api-key", READER_KEY))
    assert direct.status_code == 200
    assert_request_relayed(received, received_direct, END_TO_END[:2])
    assert_same_answer(via, direct)


def test_head_passes_through(gateway: Gateway, fake: FakeDataAPI) -> None:
    via, received, direct, received_direct = through_moat_and_direct(gateway, fake, "HEAD", "/2/users/2244994945",
                                                                      END_TO_END[:2])
    assert direct.status_code == 200 and direct.content == b""
    assert_request_relayed(received, received_direct, END_TO_END[:2])
    assert via.status_code == 200 and via.content == b""
    assert_relayed_headers(raw_headers(via), raw_headers(direct))


@pytest.mark.parametrize("target, status", [
    ("/2/errors/429", 429),
    ("/2/errors/503", 503),
    ("/2/tweets/search/recent?query=conformance&max_results=5", 400),
    ("/2/users/not-a-number", 400),
])
def test_upstream_errors_pass_through_with_their_status_headers_and_body(gateway: Gateway, fake: FakeDataAPI,
                                                                         target: str, status: int) -> None:
    via, received, direct, received_direct = through_moat_and_direct(gateway, fake, "GET", target, END_TO_END[:2])
    assert direct.status_code == status
    assert_request_relayed(received, received_direct, END_TO_END[:2])
    assert_same_answer(via, direct)


@pytest.mark.parametrize("credential", [("authorization", f"Bearer {READER_KEY}"), ("x-api-key", READER_KEY)])
def test_an_upstream_with_a_base_path_and_a_bare_key_header(gateway: Gateway, fake: FakeDataAPI,
                                                             credential: tuple[str, str]) -> None:
    """base_url ".../labs" + the request's path; auth_header = "x-api-key" carries the bare upstream key,
    replacing the client's own x-api-key (its Moat key) rather than joining it."""
    headers = [*END_TO_END[:2], ("x-dataset-tenant", "acme-research")]
    via, received, direct, received_direct = through_moat_and_direct(
        gateway, fake, "GET", "/datasets/public-posts/rows?limit=3", headers, credential=credential,
        upstream=("/labs", "x-api-key", LABS_TOKEN))
    assert direct.status_code == 200 and received.path == "/labs/datasets/public-posts/rows"
    assert_request_relayed(received, received_direct, headers, credential=("x-api-key", LABS_TOKEN))
    assert_same_answer(via, direct)
