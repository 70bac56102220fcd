"""The record stage's typed traffic record (issue 14 item 2): the dict it leaves the gateway as.

A model call's record has the spec's fields and the extensions, the decision's outcome only where it
applied, the decide stage's inputs flat; no data field. Client text is cut and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import orjson

from moat.config import RecordingSettings
from moat.context import Decision, RequestContext
from moat.gateway.facts import CallFacts
from moat.gateway.record import build_record, finish_record, prepare_record, traffic_record
from moat.limits.base import Usage
from moat.traffic import DATA_FIELDS, REQUEST_FIELDS, USAGE_FIELDS, DatasetWriter

BASE_EXTENSIONS = ("decision_id", "reason_code", "policy_revision", "org_id", "entity_org", "entity_confidence",
                   "attribution_trust", "upstream", "latency_ms", "upstream_ms", "usage_reported", "redacted")


USAGE = Usage(12, 34)  # what the relay returned


@dataclass(slots=True)
class Finished:
    ctx: RequestContext
    decision: Decision | None = None
    facts: CallFacts | None = None
    status: int = 200
    redacted: bool = False
    upstream_name: str = "demo"
    upstream_seconds: float = 0.0125


def context(**values: object) -> RequestContext:
    ctx = RequestContext(request_id="req_1", started=1000.0, endpoint="/v1/chat/completions", api="openai",
                         client_ip="10.0.0.1", user_agent="sdk/1", model="moat-demo", prompt="hello")
    for name, value in values.items():
        setattr(ctx, name, value)
    return ctx


def test_an_allowed_call_is_the_spec_the_extensions_and_its_effect() -> None:
    ctx = context()
    ctx.inputs = {"plan": "api", "scores": {"risk": 0.5}}
    item = build_record(Finished(ctx, Decision("dec_1")), USAGE, 1000.5, 1024)
    traffic = item.traffic
    assert list(traffic) == [*REQUEST_FIELDS[:16], "input_tokens", "output_tokens", *USAGE_FIELDS,
                             "reasoning", "stream", "status", "decision", *BASE_EXTENSIONS, "effect", "plan",
                             "scores"]
    assert not set(DATA_FIELDS) & set(traffic)
    assert traffic["decision"] == "allow" and traffic["effect"] == "allow" and traffic["plan"] == "api"
    assert traffic["latency_ms"] == 500.0 and traffic["upstream_ms"] == 12.5
    assert (traffic["input_tokens"], traffic["output_tokens"]) == (12, 34)
    assert item.decision["decision_id"] == "dec_1" and item.decision["effect"] == "allow"


def test_the_outcome_is_written_where_it_applied_in_both_logs() -> None:
    decision = Decision("dec_2", redact_reasoning=True, max_tokens_cap=64, allowed_models=["a"], flag=True,
                        warnings=["w"], shadow=["r:deny"])
    item = build_record(Finished(context(), decision), USAGE, 1001.0, 0)
    outcome = {"effect": "allow", "redact_reasoning": True, "max_tokens_cap": 64, "allowed_models": ["a"],
               "flagged": True, "warnings": ["w"], "shadow": ["r:deny"]}
    assert {k: item.traffic[k] for k in outcome} == outcome
    assert {k: item.decision[k] for k in outcome} == outcome
    decision.allowed_models.append("b")  # the record keeps what the decision was, not what it becomes
    assert item.traffic["allowed_models"] == ["a"]


def test_a_call_refused_before_decide_has_no_outcome() -> None:
    traffic = build_record(Finished(context(), None, status=401), USAGE, 1001.0, 0).traffic
    assert traffic["decision"] is None and traffic["status"] == 401
    assert "effect" not in traffic


def test_client_text_is_cut_and_says_so_in_both_logs() -> None:
    ctx = context(user_agent="u" * 50, end_user_org="o" * 40, model="m" * 5)
    item = build_record(Finished(ctx, Decision("dec_3", explanation=["e" * 30])), USAGE, 1001.0, 20)
    assert item.traffic["user_agent"] == "u" * 20 and item.traffic["end_user_org"] == "o" * 20
    assert item.traffic["truncated"] == {"user_agent": 50, "end_user_org": 40}
    assert item.decision["end_user_org"] == "o" * 20 and item.decision["explanation"] == ["e" * 20]
    assert item.decision["truncated"] == {"end_user_org": 40, "explanation": 30}


def test_prompts_are_kept_by_the_recording_policy() -> None:
    ctx = context(system="be brief", prompt="a long prompt")
    traffic = build_record(Finished(ctx, Decision("dec_4")), USAGE, 1001.0, 0,
                           RecordingSettings(prompts="truncate", truncate_chars=4)).traffic
    assert (traffic["prompt"], traffic["system"]) == ("a lo", "be b")


def test_a_data_record_adds_the_data_fields() -> None:
    record = traffic_record(Finished(context(), Decision("dec_5")), USAGE, 1001.0, 0)
    record.kind, record.method, record.path, record.items = "data", "GET", "/2/tweets", 3
    out = record.as_dict()
    assert {k: out[k] for k in DATA_FIELDS} == {
        "kind": "data", "method": "GET", "path": "/2/tweets", "query": None, "resource": None, "items": 3,
        "bytes": 0, "key_use": None, "cut_reason": None}
    assert "cut_decision_id" not in out



def test_the_dataset_writer_keeps_a_cut_streams_decision_and_recovery(tmp_path: Path) -> None:
    """`cut_decision_id` and `recovered` survive the traffic-format writer (`moat export`), and a
    record without them gains neither (docs/traffic-format-extensions.md)."""
    cut = traffic_record(Finished(context(), Decision("dec_open")), USAGE, 1001.0, 0)
    cut.kind, cut.cut_reason, cut.cut_decision_id = "data", "account_suspended", "dec_cut"
    plain = traffic_record(Finished(context(), Decision("dec_plain")), USAGE, 1002.0, 0)
    plain.kind = "data"
    with DatasetWriter(tmp_path) as writer:
        writer.request(cut.as_dict())
        writer.request({**plain.as_dict(), "request_id": "req_recovered", "recovered": True})
        writer.request({**plain.as_dict(), "request_id": "req_plain"})
    rows = [orjson.loads(line) for line in (tmp_path / "requests.jsonl").read_bytes().splitlines()]
    by_id = {r["request_id"]: r for r in rows}
    first = by_id[cut.request_id]
    assert (first["decision_id"], first["cut_decision_id"], first["cut_reason"]) == ("dec_open", "dec_cut",
                                                                                      "account_suspended")
    assert by_id["req_recovered"]["recovered"] is True and "cut_decision_id" not in by_id["req_recovered"]
    assert "cut_decision_id" not in by_id["req_plain"] and "recovered" not in by_id["req_plain"]


def test_a_record_prepared_before_the_answer_is_the_one_built_after_it() -> None:
    """prepare_record runs while the upstream works; finished with the relay's outcome it must be the
    record build_record makes then, byte for byte (key order included), for every kind of call."""
    recording = RecordingSettings(prompts="truncate", truncate_chars=4)
    cases = [
        (Finished(context(), Decision("dec_6")), Usage(12, 34, reported=True), 0, None),
        (Finished(context(user_agent="u" * 50), Decision("dec_7", redact_reasoning=True, max_tokens_cap=64,
                                                         warnings=["w"], explanation=["e" * 30])),
         Usage(5, 6, cache_read_tokens=2, cache_write_tokens=1, reasoning_tokens=3, reported=False), 20, None),
        (Finished(context(system="be brief", prompt="a long prompt"), Decision("dec_8", flag=True)), Usage(),
         0, recording),
    ]
    for call, usage, cut, kept in cases:
        prepared = prepare_record(call, cut, kept)
        call.status, call.redacted, call.upstream_seconds = 429, True, 0.0375  # the relay's outcome
        finished = finish_record(prepared, call, usage, 1002.25)
        built = build_record(call, usage, 1002.25, cut, kept)
        assert orjson.dumps(finished.traffic) == orjson.dumps(built.traffic)
        assert orjson.dumps(finished.decision) == orjson.dumps(built.decision)

