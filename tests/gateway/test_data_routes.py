"""Data routes end to end (docs/data-apis.md, issue 15 items 1-3): a real `moat serve` in front of a
real fake data API, called with httpx and curl; records read back from the store."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from tests.gateway.conftest import (
    ALICE_KEY,
    BOB_KEY,
    DAVE_KEY,
    FRANK_KEY,
    GINA_KEY,
    GatewayProcess,
    postgres_schema,
    wait_for_record,
)
from tests.gateway.data_gateway import UPSTREAM_TOKEN, make_data_gateway, records
from tests.gateway.fake_firehose import FakeFirehose
from tests.gateway.fake_upstream import FakeUpstream

STREAM = "/2/tweets/search/stream"


def auth(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


@pytest.fixture(scope="module")
def firehose() -> FakeFirehose:
    return FakeFirehose().start()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def gw(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, fake_upstream: FakeUpstream,
       firehose: FakeFirehose) -> Iterator[GatewayProcess]:
    """One gateway with data routes for the module, over SQLite and again over PostgreSQL."""
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(postgres_schema()) if request.param == "postgres" else ""
        gateway = make_data_gateway(tmp_path_factory.mktemp("data"), fake_upstream.base, firehose.base, url).start()
        stack.callback(gateway.stop)
        yield gateway


def record_of(gw: GatewayProcess, request_id: str, timeout: float = 10.0) -> dict[str, object]:
    return asyncio.run(wait_for_record(gw.store_url, request_id, timeout))


def test_a_request_and_its_response_pass_unchanged(gw: GatewayProcess, firehose: FakeFirehose) -> None:
    response = httpx.post(gw.url + "/echo/things?y=1&z=two", content=b"hello data",
                          headers={**auth(ALICE_KEY), "content-type": "text/plain", "x-custom": "kept",
                                   "x-api-key": ALICE_KEY})
    assert response.status_code == 200
    echo = response.json()
    assert (echo["method"], echo["path"], echo["query"], echo["body"]) == ("POST", "/echo/things", "y=1&z=two",
                                                                          "hello data")
    sent = dict(echo["headers"])
    assert sent["authorization"] == f"Bearer {UPSTREAM_TOKEN}"  # the upstream's credential, not the caller's
    assert "x-api-key" not in sent
    assert sent["x-custom"] == "kept" and sent["content-type"] == "text/plain"
    assert response.headers["x-upstream-own"] == "yes"
    rid = response.headers["moat-request-id"]
    record = record_of(gw, rid)
    assert record["kind"] == "data" and record["method"] == "POST" and record["path"] == "/echo/things"
    assert record["endpoint"] == "/echo" and record["query"] == "y=1&z=two" and record["prompt"] == "y=1&z=two"
    assert record["items"] == 1 and record["bytes"] == len(response.content) and record["model"] == ""
    assert record["status"] == 200 and record["decision"] == "allow" and record["stream"] is False


def test_head_is_relayed_without_a_body(gw: GatewayProcess) -> None:
    response = httpx.head(gw.url + "/echo/things", headers=auth(ALICE_KEY), timeout=10)
    assert response.status_code == 200 and response.content == b"" and response.headers["x-upstream-own"] == "yes"
    # Recorded as it ends: at once, not after the upstream's idle timeout (5 s) spent waiting for a body.
    record = record_of(gw, response.headers["moat-request-id"], timeout=3)
    assert record["status"] == 200 and record["method"] == "HEAD" and record["bytes"] == 0
    again = httpx.get(gw.url + "/echo/again", headers=auth(ALICE_KEY))  # the upstream pool still serves
    assert again.status_code == 200 and again.json()["method"] == "GET"


def test_missing_and_unknown_keys_are_401_in_the_routes_shape(gw: GatewayProcess) -> None:
    missing = httpx.get(gw.url + STREAM)
    assert missing.status_code == 401 and missing.headers["content-type"] == "application/json"
    body = missing.json()
    assert body["errors"][0]["title"] == "missing_api_key" and body["errors"][0]["type"] == "about:blank"
    assert body["moat"]["reason"] == "missing_api_key" and body["moat"]["decision_id"].startswith("dec_")
    problem = httpx.get(gw.url + "/2/users/1/tweets", headers=auth("sk-not-a-key-000000000000000000"))
    assert problem.status_code == 401 and problem.headers["content-type"] == "application/problem+json"
    doc = problem.json()
    assert doc["type"] == "https://moat.dev/problems/invalid_api_key" and doc["status"] == 401
    assert doc["reason"] == "invalid_api_key" and doc["decision_id"] == problem.headers["moat-decision-id"]


def test_another_method_is_405_with_allow(gw: GatewayProcess) -> None:
    response = httpx.post(gw.url + STREAM, headers=auth(ALICE_KEY), content=b"{}")
    assert response.status_code == 405 and response.headers["allow"] == "GET"
    assert response.json()["moat"]["reason"] == "method_not_allowed"


def test_upstream_errors_reach_the_client_byte_for_byte(gw: GatewayProcess) -> None:
    response = httpx.get(gw.url + "/fail/503", headers=auth(ALICE_KEY))
    assert response.status_code == 503 and response.headers["x-upstream-own"] == "yes"
    assert response.json()["errors"][0]["title"] == "Upstream says no"
    record = record_of(gw, response.headers["moat-request-id"])
    assert record["status"] == 503 and record["items"] == 0


def test_policies_read_the_path_method_and_resource(gw: GatewayProcess) -> None:
    lookup = httpx.get(gw.url + "/2/users/42/tweets", headers=auth(ALICE_KEY))
    assert lookup.status_code == 200
    record = record_of(gw, lookup.headers["moat-request-id"])
    assert record["resource"] == "42" and record["items"] == 3
    assert record["resources"] == ["420", "421", "422"]
    forbidden = httpx.get(gw.url + "/2/users/666/tweets", headers=auth(ALICE_KEY))
    assert forbidden.status_code == 403 and forbidden.headers["content-type"] == "application/problem+json"
    assert forbidden.json()["reason"] == "resource_forbidden"
    deleted = httpx.delete(gw.url + "/echo/1", headers=auth(ALICE_KEY))
    assert deleted.status_code == 403 and deleted.json()["moat"]["reason"] == "method_not_permitted"
    refused = httpx.get(gw.url + STREAM + "?count=1", headers=auth(BOB_KEY))  # the rival's man
    assert refused.status_code == 403 and refused.json()["moat"]["reason"] == "competitive_use_restricted"


def test_usage_this_month_is_in_the_policy_context(gw: GatewayProcess) -> None:
    statuses = [httpx.get(gw.url + f"/2/users/{n}/tweets", headers=auth(DAVE_KEY)).status_code for n in range(4)]
    assert statuses == [200, 200, 403, 403]  # 3 items each: the third starts at 6 items this month


def test_a_stream_is_relayed_item_by_item_and_metered(gw: GatewayProcess) -> None:
    started = time.monotonic()
    lines: list[bytes] = []
    first_at = 0.0
    with httpx.stream("GET", gw.url + STREAM + "?count=30&every=0.05&query=cats", headers=auth(ALICE_KEY),
                      timeout=10) as response:
        assert response.status_code == 200 and response.headers["content-type"] == "application/x-ndjson"
        for line in response.iter_lines():
            if line.strip():
                if not lines:
                    first_at = time.monotonic() - started
                lines.append(line.encode())
        rid = response.headers["moat-request-id"]
    assert first_at < 0.8  # the upstream takes 1.5 s in all: nothing waits for its end
    assert [orjson.loads(line)["data"]["id"] for line in lines] == [str(n) for n in range(30)]
    record = record_of(gw, rid)
    assert record["items"] == 30 and record["stream"] is True and record["cut_reason"] is None
    assert record["resource"] == "cats" and sorted(record["resources"]) == [f"u{n}" for n in range(7)]


def test_server_sent_events_count_events_with_data(gw: GatewayProcess) -> None:
    with httpx.stream("GET", gw.url + STREAM + "?count=8&every=0&format=sse", headers=auth(ALICE_KEY)) as response:
        body = response.read()
        rid = response.headers["moat-request-id"]
    assert body.count(b"data: ") == 8 and body.count(b": ka") == 8
    assert record_of(gw, rid)["items"] == 8


def test_items_per_minute_end_a_stream_mid_way(gw: GatewayProcess) -> None:
    with httpx.stream("GET", gw.url + STREAM + "?count=0&every=0.005", headers=auth(GINA_KEY), timeout=10) as r:
        lines = [line for line in r.iter_lines() if line.strip()]
        rid = r.headers["moat-request-id"]
    items, final = lines[:-1], orjson.loads(lines[-1])
    assert len(items) == 25  # items_per_minute: 25, not one more
    assert final["errors"][0]["title"] == "rate_limited" and final["moat"]["reason"] == "rate_limited"
    record = record_of(gw, rid)
    assert record["items"] == 25 and record["cut_reason"] == "rate_limited"
    again = httpx.get(gw.url + STREAM + "?count=1", headers=auth(GINA_KEY))
    assert again.status_code == 429 and int(again.headers["retry-after"]) >= 1
    assert again.json()["moat"]["reason"] == "rate_limited"
    metrics = httpx.get(gw.url + "/metrics").text
    assert 'moat_data_stream_cuts_total{reason="rate_limited"}' in metrics
    assert f'moat_data_items_total{{route="{STREAM}"}}' in metrics and "moat_data_open_streams" in metrics


def test_items_per_month_end_a_stream_then_refuse(gw: GatewayProcess) -> None:
    with httpx.stream("GET", gw.url + STREAM + "?count=20&every=0", headers=auth(FRANK_KEY)) as r:
        assert len([line for line in r.iter_lines() if line.strip()]) == 20
    with httpx.stream("GET", gw.url + STREAM + "?count=0&every=0.002", headers=auth(FRANK_KEY), timeout=10) as r:
        lines = [line for line in r.iter_lines() if line.strip()]
    assert len(lines) == 11 and orjson.loads(lines[-1])["moat"]["reason"] == "quota_exhausted"
    refused = httpx.get(gw.url + STREAM + "?count=1", headers=auth(FRANK_KEY))
    assert refused.status_code == 429 and refused.json()["moat"]["reason"] == "quota_exhausted"


def _create_caller(gw: GatewayProcess, name: str) -> str:
    admin = {"authorization": "Bearer admin-test-token"}
    assert httpx.post(gw.url + "/admin/orgs", json={"org_id": name, "name": name}, headers=admin).status_code == 201
    assert httpx.post(gw.url + "/admin/accounts", json={"account_id": f"{name}-dev", "email": f"dev@{name}.example",
                                                        "plan": "api", "org": name}, headers=admin).status_code == 201
    key = httpx.post(gw.url + "/admin/keys", json={"account": f"{name}-dev"}, headers=admin)
    assert key.status_code == 201
    return str(key.json()["key"])


ADMIN = {"authorization": "Bearer admin-test-token"}


def _restrict_by_entity_list(gw: GatewayProcess, org: str) -> None:
    update = httpx.post(gw.url + "/admin/entities", headers=ADMIN,
                        content=orjson.dumps({"org_id": org, "name": org, "restricted": True}))
    assert update.status_code == 200 and update.json()["imported"] == 1


def _suspend_by_action(gw: GatewayProcess, org: str) -> None:
    action = httpx.post(gw.url + "/admin/actions", headers=ADMIN,
                        json={"kind": "suspend", "subject": f"account:{org}-dev", "reason": "bulk harvesting"})
    assert action.status_code == 201


@pytest.mark.parametrize(("org", "change", "reason"), [
    ("newrival", _restrict_by_entity_list, "competitive_use_restricted"),
    ("harvester", _suspend_by_action, "account_suspended"),
])
def test_a_caller_refused_while_streaming_is_cut_within_a_second(
        gw: GatewayProcess, org: str, change: Callable[[GatewayProcess, str], None], reason: str,
        tmp_path: Path) -> None:
    secret = _create_caller(gw, org)
    deadline = time.monotonic() + 10
    while httpx.get(gw.url + "/2/users/1/tweets", headers=auth(secret)).status_code == 401:  # the key propagates
        assert time.monotonic() < deadline
        time.sleep(0.1)
    changed_at = 0.0
    with httpx.stream("GET", gw.url + STREAM + "?count=0&every=0.02", headers=auth(secret), timeout=10) as r:
        assert r.status_code == 200
        lines = []
        for line in r.iter_lines():
            if not line.strip():
                continue
            lines.append(line)
            if len(lines) == 5:
                change(gw, org)
                changed_at = time.monotonic()
        cut_after = time.monotonic() - changed_at
        rid = r.headers["moat-request-id"]
    final = orjson.loads(lines[-1])
    assert final["moat"]["reason"] == reason and final["moat"]["decision_id"].startswith("dec_")
    assert final["errors"][0]["title"] == reason
    assert cut_after < 1.0
    record = record_of(gw, rid)
    assert record["cut_reason"] == reason and record["items"] == len(lines) - 1
    # The record names the decision that cut the stream (not the one that opened it), in the store
    # (SQLite and PostgreSQL: the module runs on both) and in every export of it.
    cut = final["moat"]["decision_id"]
    assert record["cut_decision_id"] == cut and record["decision_id"] != cut
    exported = _exported(gw, tmp_path)[rid]
    assert exported["cut_decision_id"] == cut and exported["cut_reason"] == reason
    assert exported["decision_id"] == record["decision_id"]
    refused = httpx.get(gw.url + STREAM + "?count=1", headers=auth(secret))
    assert refused.status_code == 403 and refused.json()["moat"]["reason"] == reason


def _exported(gw: GatewayProcess, out: Path) -> dict[str, dict[str, object]]:
    """`moat export` of the gateway's store: requests.jsonl by request id."""
    run = subprocess.run([sys.executable, "-m", "moat", "--config", str(gw.home / "moat.toml"), "export",
                          str(out / "export")], capture_output=True, cwd=gw.home, timeout=60,
                         env={**os.environ, "MOAT_HOME": str(gw.home), "MOAT_DATABASE_URL": gw.store_url})
    assert run.returncode == 0, run.stderr
    lines = (out / "export" / "requests.jsonl").read_bytes().splitlines()
    return {str(r["request_id"]): r for r in map(orjson.loads, lines)}


def test_an_upstream_gone_silent_ends_the_stream_with_a_final_item(gw: GatewayProcess) -> None:
    with httpx.stream("GET", gw.url + STREAM + "/hasty?count=0&every=3", headers=auth(ALICE_KEY), timeout=10) as r:
        lines = [line for line in r.iter_lines() if line.strip()]
        rid = r.headers["moat-request-id"]
    assert len(lines) == 2 and orjson.loads(lines[0])["data"]["id"] == "0"
    final = orjson.loads(lines[1])
    assert final["moat"]["reason"] == "timeout_error" and "idle timeout" in final["errors"][0]["detail"]
    record = record_of(gw, rid)
    assert record["status"] == 504 and record["items"] == 1 and record["cut_reason"] is None
    assert record["endpoint"] == STREAM + "/hasty"  # the longest prefix won


def test_curl_reads_the_stream(gw: GatewayProcess) -> None:
    curl = shutil.which("curl")
    if curl is None:
        pytest.skip("curl is not installed")
    out = subprocess.run([curl, "-sN", "--max-time", "10", "-H", f"Authorization: Bearer {ALICE_KEY}",
                          gw.url + STREAM + "?count=6&every=0.01"], capture_output=True, check=True).stdout
    assert [orjson.loads(line)["data"]["id"] for line in out.splitlines() if line.strip()] == [str(n) for n in range(6)]


def test_a_reconnecting_consumer_with_back_off(gw: GatewayProcess) -> None:
    """As firehose clients do: read until the stream ends or fails, wait (doubling), connect again."""
    seen: list[str] = []
    delays: list[float] = []
    delay = 0.05
    attempts = 0
    while len(seen) < 12 and attempts < 10:
        attempts += 1
        try:
            with httpx.stream("GET", gw.url + STREAM + "?count=4&every=0.01", headers=auth(ALICE_KEY), timeout=5) as r:
                if r.status_code != 200:
                    raise httpx.HTTPStatusError("refused", request=r.request, response=r)
                for line in r.iter_lines():
                    if line.strip():
                        seen.append(orjson.loads(line)["data"]["id"])
                delay = 0.05  # a stream that delivered resets the back-off
        except httpx.HTTPError:
            delay = min(delay * 2, 1.0)
        delays.append(delay)
        time.sleep(delay)
    assert seen == ["0", "1", "2", "3"] * 3 and attempts == 3


def test_a_client_that_leaves_closes_the_upstream_stream(gw: GatewayProcess, firehose: FakeFirehose) -> None:
    before = firehose.stats["closed_by_client"]
    with httpx.stream("GET", gw.url + STREAM + "?count=0&every=0.01", headers=auth(ALICE_KEY), timeout=10) as r:
        for n, _line in enumerate(r.iter_lines()):
            if n > 4:
                break
        rid = r.headers["moat-request-id"]
    deadline = time.monotonic() + 5
    while firehose.stats["closed_by_client"] == before:
        assert time.monotonic() < deadline, "the gateway kept reading a stream nobody reads"
        time.sleep(0.05)
    assert record_of(gw, rid)["status"] == 499


def test_kill_9_with_open_streams_keeps_the_delivered_items(tmp_path: Path, fake_upstream: FakeUpstream,
                                                            firehose: FakeFirehose) -> None:
    gateway = make_data_gateway(tmp_path / "home", fake_upstream.base, firehose.base)
    gateway.env = {"MOAT_RECORDING__FLUSH_INTERVAL": "60", "MOAT_RECORDING__BATCH_SIZE": "100000"}
    gateway.start()
    delivered: dict[str, int] = {}
    streams = []
    readers: list[Iterator[str]] = []
    try:
        client = httpx.Client(timeout=10)
        for _ in range(3):
            request = client.build_request("GET", gateway.url + STREAM + "?count=0&every=0.01",
                                           headers=auth(ALICE_KEY))
            response = client.send(request, stream=True)
            streams.append(response)
            count = 0
            lines = response.iter_lines()
            readers.append(lines)  # a reader dropped would close its response: the client must stay
            for line in lines:
                count += bool(line.strip())
                if count == 10:
                    break
            delivered[response.headers["moat-request-id"]] = count
    finally:
        gateway.kill9()
    for response in streams:
        response.close()
    gateway.env = {}
    gateway.start()
    try:
        deadline = time.monotonic() + 10
        while not set(delivered) <= set(records(gateway.store_url)):
            assert time.monotonic() < deadline, "the streams open at the kill were never recorded"
            time.sleep(0.1)
        export = tmp_path / "export"
        run = subprocess.run([sys.executable, "-m", "moat", "--config", str(gateway.home / "moat.toml"), "export",
                              str(export)], capture_output=True, cwd=gateway.home, timeout=60,
                             env={**os.environ, "MOAT_HOME": str(gateway.home), "MOAT_DATABASE_URL": gateway.store_url})
        assert run.returncode == 0, run.stderr
        lines = (export / "requests.jsonl").read_bytes().splitlines()
        exported = {r["request_id"]: r for r in map(orjson.loads, lines)}
        for rid, count in delivered.items():
            assert count == 10
            assert exported[rid]["items"] >= count and exported[rid]["kind"] == "data"
            assert exported[rid]["recovered"] is True and exported[rid]["status"] == 200
    finally:
        gateway.stop()


def test_a_stopping_gateway_records_its_open_streams(tmp_path: Path, fake_upstream: FakeUpstream,
                                                      firehose: FakeFirehose) -> None:
    gateway = make_data_gateway(tmp_path / "home", fake_upstream.base, firehose.base)
    gateway.env = {"MOAT_SERVER__GRACEFUL_TIMEOUT": "1"}
    gateway.start()
    with httpx.stream("GET", gateway.url + STREAM + "?count=0&every=0.01", headers=auth(ALICE_KEY), timeout=10) as r:
        lines = r.iter_lines()
        received = 0
        for line in lines:
            received += bool(line.strip())
            if received == 5:
                break
        rid = r.headers["moat-request-id"]
        gateway.stop()  # SIGTERM while the stream is open: it never ends by itself
    gateway.env = {}
    gateway.start()
    try:
        deadline = time.monotonic() + 30
        while rid not in (found := records(gateway.store_url)):
            assert time.monotonic() < deadline, "the open stream was never recorded"
            time.sleep(0.1)
        record = found[rid]
        assert record["cut_reason"] == "gateway_stopping", record
        assert int(record["items"]) >= received  # type: ignore[call-overload]
    finally:
        gateway.stop()


def test_two_replicas_share_a_monthly_cap_through_redis(tmp_path: Path, fake_upstream: FakeUpstream,
                                                         firehose: FakeFirehose, redis_url: str,
                                                         redis_prefix: str) -> None:
    first = make_data_gateway(tmp_path / "a", fake_upstream.base, firehose.base)
    (tmp_path / "b").mkdir()
    shutil.copy(first.home / "moat.toml", tmp_path / "b" / "moat.toml")
    second = GatewayProcess(tmp_path / "b", first.store_url)
    shared = {"MOAT_REDIS_URL": redis_url, "MOAT_REDIS_PREFIX": redis_prefix}
    first.env = second.env = shared
    first.start()
    try:
        second.start()
        try:
            with httpx.stream("GET", first.url + STREAM + "?count=20&every=0", headers=auth(FRANK_KEY)) as r:
                assert len([line for line in r.iter_lines() if line.strip()]) == 20
            time.sleep(0.3)  # a sync round (0.1 s) has shared the 20
            with httpx.stream("GET", second.url + STREAM + "?count=0&every=0.002", headers=auth(FRANK_KEY),
                              timeout=10) as r:
                lines = [line for line in r.iter_lines() if line.strip()]
            assert len(lines) == 11 and orjson.loads(lines[-1])["moat"]["reason"] == "quota_exhausted"
            time.sleep(0.3)
            refused = httpx.get(first.url + STREAM + "?count=1", headers=auth(FRANK_KEY))
            assert refused.status_code == 429 and refused.json()["moat"]["reason"] == "quota_exhausted"
        finally:
            second.stop()
    finally:
        first.stop()
        import redis

        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=f"{redis_prefix}*", count=1000))
        if keys:
            client.delete(*keys)
        client.close()
