"""The load-time compiler: our CEL parser, the flat rewrite and index extraction keep CEL's meaning."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import cel
import pytest

from moat.policy import Engine, schema
from moat.policy.analysis import analyse
from moat.policy.celparse import CelSyntaxError, line_col, parse
from moat.policy.variables import LEAF_GETTERS, from_values, getter_for

EXPRESSIONS = [
    'account.plan == "free"',
    'account.plan in ["free", "pro"] && request.model == "big" && scores.risk > 0.5',
    '"big" == request.model || platform.name == "ide"',
    'org.id == "a" && org.id in ["a", "b"] && !org.restricted',
    "has(account.plan) && has(limits.rpm) && limits.rpm.remaining < 1.0",
    'org.owners.exists(o, o.share > 0.5 && o.id.startsWith("par"))',
    "org.owners.all(o, o.share < 0.9) && size(org.owners) >= 1",
    'entity.evidence.exists_one(e, e == "sso") ? entity.confidence > 0.5 : entity.restricted',
    'time.now > timestamp("2024-01-01T00:00:00Z") && time.now.getHours() == time.hour',
    "request.max_tokens + request.input_tokens > 5000",
    'account.email_domain.matches("^(gmail|yahoo)\\\\.com$")',
    "[1, 2, 3].map(x, x * 2)[0] == request.turn",
    '{"a": 1}["a"] == 1 && scores.cluster.distillation >= scores.distillation',
    "int(account.age_days) > 3 || double(request.turn) > 2.5",
    'key.id != "" && key.name == "ci" && key.age_days < 1.0',
    "(account.verified || account.status == 'suspended') && end_user.trust != 'signed'",
]

CONTEXTS: list[dict[str, Any]] = [
    {},
    {"account": {"plan": "free", "email_domain": "gmail.com", "age_days": 5.0, "verified": True}},
    {"account": {"plan": "pro"}, "request": {"model": "big", "max_tokens": 4000, "input_tokens": 2000, "turn": 2},
     "scores": {"risk": 0.7, "distillation": 0.1, "cluster": {"distillation": 0.4}}},
    {"org": {"id": "a", "owners": [{"id": "parent", "share": 0.6}]}, "platform": {"name": "ide"},
     "limits": {"rpm": {"remaining": 0.0, "limit": 10.0}}, "time": {"now": "2025-06-01T03:04:05Z", "hour": 3},
     "entity": {"evidence": ["sso"], "confidence": 0.9}, "key": {"id": "k", "name": "ci", "age_days": 0.5}},
    {"org": {"id": "b", "restricted": True, "owners": [{"id": "x", "share": 0.95}]},
     "account": {"status": "suspended"}, "end_user": {"trust": "low"}},
]


def nested(values: dict[str, Any]) -> dict[str, Any]:
    """The full context as nested values, as CEL would see it without our rewrite."""
    return {name: from_values(values, name) for name in schema.OBJECTS[schema.ROOT]}


def original(expr: str, values: dict[str, Any]) -> bool:
    try:
        return cel.compile(expr).execute(cel.Context(nested(values))) is True
    except Exception:
        return False


@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_engine_matches_exactly_when_cel_does(expr: str, engine_for: Callable[..., Engine]) -> None:
    escaped = expr.replace("'", "''")
    engine = engine_for(f"rules:\n  - {{id: r, effect: flag, when: '{escaped}'}}\n")
    for values in CONTEXTS:
        d = engine.decide_values(values)
        assert ("r" in d.rules) == original(expr, values), (expr, values)


def test_index_terms_are_taken_out_of_the_condition() -> None:
    a = analyse('account.plan in ["free", "pro"] && request.model == "big" && scores.risk > 0.5')
    assert a.index == {"plan": frozenset({"free", "pro"}), "model": frozenset({"big"})}
    assert a.residual == "scores__risk > 0.5" and a.variables == ["scores.risk"]
    assert analyse('account.plan == "free" || scores.risk > 0.5').index == {}  # not a conjunct
    assert analyse('account.plan != "free"').index == {}


def test_every_schema_field_has_a_getter() -> None:
    for path, f in schema.leaf_paths():
        if "[]" not in path:
            assert getter_for(path) is not None, path
            if f.type not in schema.OBJECTS:
                assert path in LEAF_GETTERS, path
    assert "scores.cluster.distillation" in schema.render()


def test_parser_literals_and_positions() -> None:
    lit = parse(r'"a\x41\u0042\n"').value
    assert lit == cel.evaluate(r'"a\x41\u0042\n"') == "aAB\n"
    assert parse(r"r'\d+'").value == r"\d+"
    assert parse("'''multi\nline'''").value == "multi\nline"
    assert parse("0x1F").value == 31 and parse("7u").lit_type == "uint"
    assert parse("1.5e3").value == 1500.0 and parse("2").lit_type == "int"
    with pytest.raises(CelSyntaxError) as info:
        parse("account.plan ==\n  == 3")
    assert line_col("account.plan ==\n  == 3", info.value.pos) == (2, 3)
    with pytest.raises(CelSyntaxError):
        parse("if == 1")
