"""The one outcome label (moat.console.outcome) over traffic records and decision-log payloads, as
the gateway writes them (moat.gateway.record) and as SQL hands their fields back."""

from __future__ import annotations

import pytest

from moat.console.outcome import outcome_of
from moat.context import Decision
from moat.gateway.record import _outcome_fields


def _traffic(decision: Decision, status: int = 200, redacted: bool = False) -> dict[str, object]:
    return {"decision": decision.label, "status": status, "reason_code": decision.reason_code,
            "redacted": redacted, **_outcome_fields(decision)}


def _log(decision: Decision, status: int = 200, redacted: bool = False) -> dict[str, object]:
    return {"effect": decision.effect, "reason_code": decision.reason_code, "status": status,
            "shadow": list(decision.shadow), "redacted": redacted, **_outcome_fields(decision)}


CASES = [
    # an ordinary request counted against its plan's rate limit: allowed, never "throttle / rate_limited"
    (Decision("d", effect="throttle", reason_code="rate_limited", limits={"plan_api": "a"}), 200, False, "allowed"),
    (Decision("d"), 200, False, "allowed"),
    (Decision("d", effect="allow", reason_code="safety_eval"), 200, False, "allowed:safety_eval"),
    (Decision("d", effect="throttle", reason_code="distillation_risk", redact_reasoning=True), 200, True,
     "redacted:distillation_risk"),
    (Decision("d", effect="throttle", reason_code="short_answers", max_tokens_cap=100), 200, False,
     "capped:short_answers"),
    (Decision("d", reason_code="review", flag=True), 200, False, "flagged:review"),
    (Decision("d", effect="throttle", reason_code="rate_limited", warnings=["heads_up: careful"]), 200, False,
     "warned:heads_up"),
    (Decision("d", effect="throttle", reason_code="rate_limited", shadow=["watch:deny"]), 200, False,
     "shadowed:watch:deny"),
    (Decision("d", effect="throttle_refused", reason_code="rate_limited", status=429), 429, False,
     "throttled:rate_limited"),
    (Decision("d", effect="deny", reason_code="competitive_use_restricted", status=403), 403, False,
     "denied:competitive_use_restricted"),
    (Decision("d", effect="deny", reason_code="invalid_api_key", status=401), 401, False,
     "rejected:invalid_api_key"),
    (Decision("d", effect="deny", reason_code="client_closed_request", status=499), 499, False,
     "abandoned:client_closed_request"),
    (Decision("d", effect="throttle", reason_code="rate_limited"), 502, False, "failed:upstream_502"),
]


@pytest.mark.parametrize(("decision", "status", "redacted", "expected"), CASES)
def test_traffic_record_and_decision_log_agree(decision: Decision, status: int, redacted: bool,
                                               expected: str) -> None:
    assert outcome_of(_traffic(decision, status, redacted)).key == expected
    assert outcome_of(_log(decision, status, redacted)).key == expected


def test_several_modifiers_name_the_others() -> None:
    both = Decision("d", effect="throttle", reason_code="distillation_risk", redact_reasoning=True,
                    warnings=["heads_up: careful"], shadow=["watch:deny"])
    o = outcome_of(_traffic(both, redacted=True))
    assert (o.kind, o.also) == ("redacted", ("warned", "shadowed"))
    assert "also warned, shadowed" in o.note


def test_fields_as_sql_returns_them() -> None:
    """SQLite gives booleans back as 1/0 and lists as JSON text; PostgreSQL gives text."""
    assert outcome_of({"decision": "allow", "status": 200, "redacted": 1}).kind == "redacted"
    assert outcome_of({"decision": "allow", "status": "200", "redacted": "false", "warnings": '["x: y"]'}).key \
        == "warned:x"
    assert outcome_of({"decision": "allow", "status": 200, "redacted": "true"}).kind == "redacted"


def test_records_from_earlier_releases() -> None:
    """No effect or cap recorded: the flags they do have still count."""
    assert outcome_of({"decision": "allow", "status": 200, "reason_code": "rate_limited"}).key == "allowed"
    assert outcome_of({"decision": "deny:competitor", "status": 403}).key == "denied:competitor"
    assert outcome_of({"decision": None, "status": None}).key == "undecided"
