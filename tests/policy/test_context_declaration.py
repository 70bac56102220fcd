"""The policy context is declared once (moat.context_fields); the schema, the CEL variables and the
limit keys are derived from it and agree with it (issue 14 item 4)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from moat.cli import main
from moat.context import RequestContext, ResolvedEntity
from moat.context_fields import OBJECTS, Field, field_at
from moat.limits.keys import NAMED_KEYS, NamedKey, key_value
from moat.policy import Engine, schema
from moat.policy.variables import LEAF_GETTERS, from_values, getter_for
from tests.policy.conftest import make_ctx


def declared(type_name: str = "Context", prefix: str = "") -> list[str]:
    """Every path of the declaration, walked here independently of moat.policy.schema."""
    out = []
    for name, f in OBJECTS[type_name].items():
        out.append(prefix + name)
        inner = f.type[5:-1] if f.type.startswith("list<") else f.type.partition(", ")[2][:-1] or f.type
        if inner in OBJECTS:
            out += declared(inner, prefix + name + ("[]." if inner != f.type else "."))
    return out


def test_the_documented_schema_is_the_declaration() -> None:
    result = CliRunner().invoke(main, ["policy", "schema", "--json"])
    assert result.exit_code == 0, result.output
    documented = json.loads(result.output)
    assert list(documented) == declared()
    for path, entry in documented.items():
        if "[]" not in path:
            assert entry == {"type": field_at(path).type, "doc": field_at(path).doc}, path
    text = CliRunner().invoke(main, ["policy", "schema"]).output
    assert all(f"\n{path} " in text for path in declared())


def test_every_variable_reads_its_declared_getter() -> None:
    ctx = make_ctx(org="acme", platform="ide", end_user_id="u7", channel="platform", client_ip="10.0.0.9")
    for path in declared():
        if "[]" in path:
            continue
        f = field_at(path)
        if f.get is not None:
            assert getter_for(path) is f.get and LEAF_GETTERS[path] is f.get, path
        else:  # an object: the dict of its fields' declared values
            assert getter_for(path)(ctx, None) == {name: getter_for(f"{path}.{name}")(ctx, None)
                                                   for name in OBJECTS[f.type]}, path
        assert from_values({}, path) == schema.zero(f.type) or path == "time.now", path
    assert set(LEAF_GETTERS) == {p for p in declared() if "[]" not in p and field_at(p).get is not None}


CONTEXTS: list[Callable[[], RequestContext]] = [
    lambda: make_ctx(),  # direct, no organization
    lambda: make_ctx(org="acme", client_ip="10.0.0.1"),
    lambda: make_ctx(channel="platform", platform="ide", end_user_id="u7"),
    lambda: make_ctx(channel="platform", platform="ide"),  # no end user: end_user does not apply
    lambda: make_ctx(model="", entity=ResolvedEntity(org_id="rival")),
    lambda: make_ctx(org="acme", entity=ResolvedEntity(org_id="rival"), account_id="acct_9"),
]


@pytest.mark.parametrize("fast", [True, False])
def test_named_limit_keys_count_the_same_counter_in_the_engine_and_the_limiter(
        fast: bool, engine_for: Callable[..., Engine]) -> None:
    limits = "\n".join(f"  - {{name: by_{n}, key: {n}, requests_per_minute: 5}}" for n in NAMED_KEYS)
    rule = f"  - {{id: t, effect: throttle, limit: [{', '.join(f'by_{n}' for n in NAMED_KEYS)}]}}"
    engine = engine_for(f"limits:\n{limits}\nrules:\n{rule}\n", fast=fast)
    seen = set()
    for make in CONTEXTS:
        ctx = make()
        d = engine.decide(ctx)
        for name in NAMED_KEYS:
            assert d.limits.get(f"by_{name}") == key_value(name, ctx), (name, ctx)
            seen.add((name, key_value(name, ctx) is None))
    assert ("end_user", True) in seen and ("end_user", False) in seen and ("organization", True) in seen


def test_named_keys_read_only_declared_string_fields() -> None:
    for name, key in NAMED_KEYS.items():
        assert key.paths or key.constant is not None, name
        for path in key.paths:
            assert field_at(path).type == "string" and field_at(path).get is not None, (name, path)


def test_a_field_added_to_the_declaration_appears_in_the_schema_the_variables_and_the_limit_keys(
        monkeypatch: pytest.MonkeyPatch, engine_for: Callable[..., Engine]) -> None:
    monkeypatch.setitem(OBJECTS["Request"], "region", Field(
        "string", "where the caller's traffic is served from", lambda c, d: str(c.extra.get("region", ""))))
    ctx = make_ctx(org="acme")
    ctx.extra["region"] = "eu"
    # the schema
    assert ("request.region", OBJECTS["Request"]["region"]) in schema.leaf_paths()
    assert "where the caller's traffic is served from" in schema.render()
    # the CEL variables: the hot path, plain-JSON contexts, and conditions checked at load
    assert getter_for("request.region")(ctx, None) == "eu"
    assert getter_for("request")(ctx, None)["region"] == "eu"
    assert from_values({"request": {"region": "eu"}}, "request.region") == "eu"
    assert from_values({}, "request.region") == ""
    engine = engine_for("""
        limits:
          - {name: per_region, key: request.region, requests_per_minute: 5}
        rules:
          - {id: eu, effect: throttle, limit: per_region, when: 'request.region == "eu"'}
        """)
    assert engine.decide(ctx).limits == {"per_region": "expr=eu"}
    ctx.extra["region"] = "us"
    assert engine.decide(ctx).limits == {}
    assert engine.decide_values({"request": {"region": "eu"}}).limits == {"per_region": "expr=eu"}
    # the limit keys: a named key over it, the same value in Python and in CEL
    by_region = NamedKey(("request.region", "org.id"))  # the serving region, else the organization
    monkeypatch.setitem(NAMED_KEYS, "region", by_region)
    assert by_region.cel == 'request.region != "" ? request.region : org.id'
    keyed = engine_for("""
        limits:
          - {name: r, key: region, requests_per_minute: 5}
        rules:
          - {id: t, effect: throttle, limit: r}
        """)
    for region, expected in (("us", "region=us"), ("", "region=acme")):
        ctx.extra["region"] = region
        assert keyed.decide(ctx).limits == {"r": expected} and key_value("region", ctx) == expected


def test_an_undeclared_path_has_no_getter() -> None:
    with pytest.raises(KeyError):
        getter_for("request.colour")
    with pytest.raises(KeyError):
        field_at("account.plan.tier")


def test_the_data_api_fields_read_their_defaults_on_a_model_call() -> None:
    model_call = make_ctx()
    assert [getter_for(p)(model_call, None) for p in ("request.kind", "request.path", "request.method",
                                                       "request.resource", "key.use", "usage")] == [
        "model", "/v1/chat/completions", "POST", "", "",
        {"items_this_month": 0, "bytes_this_month": 0, "resources_this_month": 0}]
    data_call = make_ctx()
    data_call.kind, data_call.path, data_call.method = "data", "/2/tweets/search/stream", "GET"
    data_call.resource, data_call.usage_this_month = "t1", (10, 2048, 3)
    assert [getter_for(p)(data_call, None) for p in ("request.kind", "request.path", "request.method",
                                                      "request.resource", "usage.bytes_this_month")] == [
        "data", "/2/tweets/search/stream", "GET", "t1", 2048]
