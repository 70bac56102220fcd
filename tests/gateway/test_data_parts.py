"""The data relay's parts in isolation: item splitting, volume counters, limit definitions, the
resource rules and the policy context's data fields (docs/data-apis.md)."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from moat.config import SettingsError, load_settings
from moat.errors import RateLimited
from moat.gateway.data_errors import error_response, final_item
from moat.gateway.data_rules import item_field, resource_rule, resource_rule_problem
from moat.gateway.items import EventItems, LineItems, count_whole, format_for
from moat.limits.data import DataCap, DataCheck, DataCounters, window_left
from moat.policy import BundleError, Engine, load_bundle
from tests.policy.conftest import make_ctx, write_files


def test_ndjson_items_are_whole_lines_and_keep_alives_are_not_items() -> None:
    lines = LineItems()
    data, ends = lines.feed(b'{"a":1}\n\r\n  \n{"b"')
    assert data == b'{"a":1}\n\r\n  \n' and ends == [8]
    data, ends = lines.feed(b':2}\n {"c":3}\n')
    assert ends == [8, 17] and data[:ends[0]] == b'{"b":2}\n' and data[ends[0]:ends[1]] == b' {"c":3}\n'
    assert lines.feed(b'{"d"') == (b"", []) and lines.rest() == b'{"d"'


def test_sse_items_are_events_with_data_in_any_line_ending() -> None:
    events = EventItems()
    data, ends = events.feed(b': ka\n\ndata: {"x":1}\n\nevent: e\r\ndata: 2\r\n\r\nid: 3\n\ndata: par')
    assert data.endswith(b"id: 3\n\n") and len(ends) == 2
    assert data[ends[0]:ends[1]] == b"event: e\r\ndata: 2\r\n\r\n"
    assert events.rest() == b"data: par"
    data, ends = events.feed(b"tial\n\n")
    assert data == b"data: partial\n\n" and ends == [15]
    assert EventItems.payload(b"event: e\r\ndata: 2\r\ndata:3\r\n\r\n") == b"2\n3"


def test_the_format_comes_from_the_route_or_the_content_type() -> None:
    assert format_for("", "application/x-ndjson; charset=utf-8") == "ndjson"
    assert format_for("", "application/jsonl") == "ndjson"
    assert format_for("", "text/event-stream") == "sse"
    assert format_for("", "application/json") == "none"
    assert format_for("sse", "application/json") == "sse"
    assert count_whole(b'{"data": [1, 2, 3], "meta": {}}') == 3
    assert count_whole(b'{"id": 1}') == 1 and count_whole(b"<html>") == 1 and count_whole(b"  ") == 0


def test_counters_count_in_calendar_windows() -> None:
    now = [calendar.timegm((2026, 1, 31, 23, 59, 30))]
    counters = DataCounters(clock=lambda: now[0])
    per_minute = DataCheck(DataCap("d/items_per_minute", "items", "minute", 10), "account=a")
    per_month = DataCheck(DataCap("d/items_per_month", "items", "month", 25), "account=a")
    counters.add(["account=a", "key=k"], 8, 800, [1, 2, 2])
    assert counters.allowance([per_minute, per_month]) == (2, per_minute)
    assert counters.usage("account=a") == (8, 800, 2) and counters.usage("key=k") == (8, 800, 2)
    counters.add(["account=a"], 2, 200)
    assert counters.refusal([per_month, per_minute]) is per_minute
    now[0] += 40  # a new minute, a new day and a new month
    assert counters.refusal([per_minute, per_month]) is None and counters.usage("account=a") == (0, 0, 0)
    assert window_left("month", calendar.timegm((2026, 12, 31, 23, 0, 0))) == 3600
    assert window_left("minute", 120.5) == 59.5


@pytest.fixture
def bundle_dir(tmp_path: Path) -> Callable[..., Path]:
    names = iter(range(100))
    return lambda files: write_files(tmp_path / f"bundle{next(names)}", files)


def test_data_caps_in_a_bundle(bundle_dir: Callable[..., Path]) -> None:
    bundle = load_bundle(bundle_dir({"a.yaml": """
        limits:
          - {name: research, key: account, requests_per_minute: 60, items_per_minute: 3000,
             items_per_month: 1000000, bytes_per_month: 2000000000, resources_per_month: 50000}
          - {name: only_items, key: organization, items_per_day: 10}
        """}))
    research = bundle.limits["research"].definition
    assert [s.name for s in research.specs] == ["research"]  # the one request rate, for the limiter
    assert [(c.name, c.kind, c.window, c.limit) for c in research.data] == [
        ("research/items_per_minute", "items", "minute", 3000), ("research/items_per_month", "items", "month", 10**6),
        ("research/bytes_per_month", "bytes", "month", 2 * 10**9),
        ("research/resources_per_month", "resources", "month", 50000)]
    only = bundle.limits["only_items"].definition
    assert only.specs == () and only.data[0].reason == "quota_exhausted"
    assert research.data[0].reason == "rate_limited"
    with pytest.raises(BundleError) as refused:
        load_bundle(bundle_dir({"b.yaml": "limits:\n  - {name: bad, items_per_month: 0}\n"}))
    assert "items_per_month must be a positive integer" in str(refused.value)


def test_the_policy_context_has_the_data_fields(bundle_dir: Callable[..., Path]) -> None:
    engine = Engine(load_bundle(bundle_dir({"a.yaml": """
        rules:
          - {id: no-stream, when: 'request.kind == "data" && request.path.startsWith("/2/tweets/search/stream")
              && request.method == "GET" && request.resource == "cats" && usage.items_this_month > 5
              && key.use == ""', effect: deny, reason: declared_use_mismatch}
        """})))
    ctx = make_ctx()
    assert engine.decide(ctx).allowed  # a model call: kind "model", no usage
    ctx.kind, ctx.path, ctx.method, ctx.resource = "data", "/2/tweets/search/stream", "GET", "cats"
    ctx.usage_this_month = (6, 10, 1)
    decision = engine.decide(ctx)
    assert not decision.allowed and decision.reason_code == "declared_use_mismatch"


def test_resource_rules() -> None:
    headers = [(b"accept", b"*/*"), (b"x-user", b"u7")]  # the raw pairs, as the ASGI scope has them
    assert resource_rule("query:q")("/s", b"a=1&q=cats%20dogs", headers) == "cats dogs"
    assert resource_rule("path:2")("/2/users/123/tweets", b"", headers) == "123"
    assert resource_rule("path:9")("/2/users", b"", headers) == ""
    assert resource_rule("header:X-User")("/", b"", headers) == "u7"
    assert resource_rule("")("/", b"q=1", headers) == ""
    assert resource_rule_problem("path:x") and resource_rule_problem("cookie:a")
    assert resource_rule_problem("query:q") is None
    read = item_field("data.author_id")
    assert read({"data": {"author_id": 42}}) == "42" and read({"data": {}}) is None and read([1]) is None


def test_a_data_route_is_checked_when_settings_load(tmp_path: Path) -> None:
    config = tmp_path / "moat.toml"
    config.write_text("""
[[upstreams]]
name = "social"
kind = "http"
base_url = "http://127.0.0.1:9"

[[routes]]
path = "no-slash"
upstream = "social"
resource = "cookie:a"
methods = ["get"]

[[routes]]
model = "gpt-*"
upstream = "social"
""")
    with pytest.raises(SettingsError) as refused:
        load_settings(config, env={})
    text = str(refused.value)
    assert "routes[0].path" in text and "routes[0].resource" in text and "routes[0].methods" in text
    assert "routes[1].upstream" in text


def test_refusals_in_both_shapes_and_as_a_final_item() -> None:
    error = RateLimited("Too many items.", retry_after=30, code="rate_limited", decision_id="dec_1")
    body, headers = error_response("problem", error)
    doc = orjson.loads(body)
    assert doc == {"type": "https://moat.dev/problems/rate_limited", "title": "Too Many Requests", "status": 429,
                   "detail": "Too many items.", "reason": "rate_limited", "decision_id": "dec_1"}
    assert (b"content-type", b"application/problem+json") in headers and (b"retry-after", b"30") in headers
    line = final_item("ndjson", error)
    assert line.endswith(b"\n") and orjson.loads(line)["moat"] == {"reason": "rate_limited", "decision_id": "dec_1"}
    event = final_item("sse", error)
    assert event.startswith(b"event: error\ndata: {") and event.endswith(b"\n\n")


def test_a_read_is_fitted_to_the_byte_and_item_caps_and_never_passes_them() -> None:
    from moat.limits.data import DataCap, DataCheck, DataCounters

    clock = [1_700_000_000.0]
    counters = DataCounters(clock=lambda: clock[0])
    per_month = DataCheck(DataCap("b/bytes_per_month", "bytes", "month", 1000), "account=a")
    items = DataCheck(DataCap("b/items_per_minute", "items", "minute", 10), "account=a")
    ends = [300, 600, 900, 1200]  # four items of 300 bytes in one read
    assert counters.fit([per_month, items], ends) == (3, per_month)  # the fourth would pass 1,000 bytes
    counters.add(["account=a"], 3, 900)
    assert counters.fit([per_month, items], [50, 100]) == (2, None)  # 100 more bytes: exactly the cap
    counters.add(["account=a"], 2, 100)
    assert counters.fit([per_month, items], [1]) == (0, per_month)
    assert counters.refusal([per_month]) == per_month


def test_a_cap_on_distinct_resources_refuses_only_a_new_one() -> None:
    from moat.limits.data import DataCap, DataCheck, DataCounters, resource_hash

    counters = DataCounters(clock=lambda: 1_700_000_000.0)
    cap = DataCheck(DataCap("r/resources_per_month", "resources", "month", 2), "account=a")
    counters.add(["account=a"], 0, 0, (resource_hash("u1"), resource_hash("u2")))
    assert counters.refusal([cap], resource=resource_hash("u1")) is None  # counted already: nothing new
    assert counters.refusal([cap], resource=resource_hash("u3")) == cap
    assert counters.refusal([cap]) == cap  # a request without a resource: the cap is reached


def test_a_minute_cap_slides_so_a_boundary_does_not_double_it() -> None:
    from moat.limits.data import DataCap, DataCheck, DataCounters

    clock = [1_700_000_020.0]
    assert clock[0] % 60 == 40  # 40 s into a minute
    counters = DataCounters(clock=lambda: clock[0])
    cap = DataCheck(DataCap("m/items_per_minute", "items", "minute", 40), "account=a")
    counters.add(["account=a"], 40, 0)
    assert counters.refusal([cap]) == cap
    clock[0] += 25  # 5 s into the next minute: 55/60 of the 40 still lie within the last 60 s
    assert counters.used(cap, clock[0]) == int(40 * 55 / 60)
    assert counters.allowance([cap]) == (40 - int(40 * 55 / 60), cap)
    clock[0] += 60  # a whole minute later: the 40 have left the window
    assert counters.used(cap, clock[0]) == 0
