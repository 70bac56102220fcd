"""Moat's own refusals on data routes, in the route's error shape (docs/data-apis.md, "Refusals").

- upstream shape: {"errors": [{"title": <reason>, "detail": ..., "type": "about:blank"}],
                   "moat": {"reason": <reason>, "decision_id": ...}}, content-type JSON;
- problem shape (RFC 9457): application/problem+json, {"type": "https://moat.dev/problems/<reason>",
  "title", "status", "detail", "reason", "decision_id"}.

Reason codes for a missing / unknown key and a wrong method are the ones Moat's model API uses
(`missing_api_key`, `invalid_api_key`, `method_not_allowed`): one gateway, one vocabulary. A refusal
never reaches the upstream, carries `moat-decision-id` equal to the body's decision id, and a 405
names the allowed methods in `Allow` (RFC 9110 15.5.6).
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.data_conformance.clients import CurlStream
from tests.data_conformance.conftest import READER_KEY, Gateway, headers_for
from tests.data_conformance.fake_data_api import FakeDataAPI


def upstream_shape(response: httpx.Response, status: int, reason: str) -> dict[str, Any]:
    """Check the upstream-like refusal body; return it."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].split(";")[0].strip() == "application/json"
    body = response.json()
    assert isinstance(body["errors"], list) and len(body["errors"]) == 1
    error = body["errors"][0]
    assert error["title"] == reason
    assert error["type"] == "about:blank"
    assert isinstance(error["detail"], str) and error["detail"]
    assert body["moat"]["reason"] == reason
    assert body["moat"]["decision_id"] and body["moat"]["decision_id"] == response.headers.get("moat-decision-id")
    assert len(response.headers.get_list("moat-request-id")) == 1
    return dict(body)


def problem_shape(response: httpx.Response, status: int, reason: str) -> dict[str, Any]:
    """Check the RFC 9457 refusal body; return it."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].split(";")[0].strip() == "application/problem+json"
    body = response.json()
    assert body["type"] == f"https://moat.dev/problems/{reason}"
    assert isinstance(body["title"], str) and body["title"]
    assert body["status"] == status
    assert isinstance(body["detail"], str) and body["detail"]
    assert body["reason"] == reason
    assert body["decision_id"] and body["decision_id"] == response.headers.get("moat-decision-id")
    assert len(response.headers.get_list("moat-request-id")) == 1
    return dict(body)


def refused(gateway: Gateway, fake: FakeDataAPI, method: str, target: str, key: str | None,
            credential: str = "authorization") -> httpx.Response:
    tag = f"refuse-{uuid.uuid4().hex[:12]}"
    headers = headers_for(None, tag)
    if key is not None:
        headers[credential] = f"Bearer {key}" if credential == "authorization" else key
    with httpx.Client(timeout=10) as client:
        response = client.request(method, gateway.url + target, headers=headers)
    assert fake.tagged(tag) == [], "a refused request reached the upstream"
    return response


STREAM = "/2/tweets/search/stream?fake_count=3&fake_rate=50"
KEYS = [(None, "missing_api_key"), ("sk-nobody-knows-this-key-000000", "invalid_api_key")]


@pytest.mark.parametrize("key, reason", KEYS)
def test_missing_or_unknown_key_is_401_in_the_upstream_shape(gateway: Gateway, fake: FakeDataAPI, key: str | None,
                                                              reason: str) -> None:
    upstream_shape(refused(gateway, fake, "GET", STREAM, key), 401, reason)


@pytest.mark.parametrize("key, reason", KEYS)
def test_missing_or_unknown_key_is_401_as_problem_json(gateway: Gateway, fake: FakeDataAPI, key: str | None,
                                                      reason: str) -> None:
    problem_shape(refused(gateway, fake, "GET", "/2/users/2244994945", key), 401, reason)


def test_unknown_key_in_x_api_key_is_401(gateway: Gateway, fake: FakeDataAPI) -> None:
    response = refused(gateway, fake, "GET", "/2/users/2244994945", "sk-nobody-knows-this-key-000000", "x-api-key")
    problem_shape(response, 401, "invalid_api_key")


def test_method_not_allowed_is_405_with_allow(gateway: Gateway, fake: FakeDataAPI) -> None:
    response = refused(gateway, fake, "GET", "/2/tweets", READER_KEY)
    upstream_shape(response, 405, "method_not_allowed")
    assert {m.strip() for m in response.headers["allow"].split(",")} == {"POST", "DELETE"}


def test_method_not_allowed_as_problem_json(gateway: Gateway, fake: FakeDataAPI) -> None:
    response = refused(gateway, fake, "POST", "/2/tweets/firehose/sse", READER_KEY)
    problem_shape(response, 405, "method_not_allowed")
    assert {m.strip() for m in response.headers["allow"].split(",")} == {"GET"}


def test_the_longest_prefix_decides_the_methods(gateway: Gateway, fake: FakeDataAPI) -> None:
    # /2/tweets allows POST, but /2/tweets/search/stream (longer, GET only) is the route that matches.
    response = refused(gateway, fake, "POST", "/2/tweets/search/stream", READER_KEY)
    upstream_shape(response, 405, "method_not_allowed")
    assert {m.strip() for m in response.headers["allow"].split(",")} == {"GET"}


def test_curl_sees_problem_json(gateway: Gateway, fake: FakeDataAPI) -> None:
    curl = CurlStream(gateway.url + "/2/users/2244994945", {"x-conformance-id": "curl-401"})
    code, stderr = curl.finish()
    assert code == 0, stderr
    head, body = curl.head_and_body()
    assert head[0].startswith("HTTP/1.1 401"), head
    content_types = [h.split(":", 1)[1].strip() for h in head if h.lower().startswith("content-type:")]
    assert [c.split(";")[0] for c in content_types] == ["application/problem+json"]
    document = b"".join(line.raw for line in body).decode()
    assert '"reason":"missing_api_key"' in document.replace(" ", "")
    assert fake.tagged("curl-401") == []
