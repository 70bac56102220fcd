"""The Responses stream meter on its own (moat.gateway.responses_api.StreamMeter): counting when no
usage comes, redaction's renumbering, the status a failure stands for."""

from __future__ import annotations

import orjson

from moat.gateway.responses_api import StreamMeter, parse_responses
from moat.gateway.sse import event_fields
from tests.gateway import fake_responses

FACTS = {"model": "ok-1", "input": "hi", "stream": True}


def _run(events: list[bytes], redact: bool) -> tuple[StreamMeter, list[dict[str, object]]]:
    meter = StreamMeter(parse_responses(dict(FACTS)), redact)
    out = [e for e in map(meter.event, events) if e is not None]
    return meter, [orjson.loads(event_fields(e)[1] or b"{}") for e in out]


def test_counts_output_when_no_usage_comes() -> None:
    events = [e.replace(orjson.dumps(fake_responses.USAGE), b"null") for e in fake_responses.events("ok-1")]
    meter, _ = _run(events, redact=False)
    usage = meter.final_usage()
    assert not usage.reported and usage.output_tokens == (len("fake answer") + 3) // 4


def test_usage_from_the_final_event() -> None:
    meter, _ = _run(fake_responses.events("think-1"), redact=False)
    usage = meter.final_usage()
    assert usage.reported and (usage.input_tokens, usage.cache_read_tokens, usage.output_tokens,
                               usage.reasoning_tokens) == (10, 30, 12, 5)
    assert meter.response_id == "resp_fake" and meter.failed_status is None


def test_redaction_drops_reasoning_and_renumbers() -> None:
    meter, out = _run(fake_responses.events("think-1"), redact=True)
    assert meter.redacted
    assert not any("reasoning" in str(o.get("type")) for o in out)
    assert {o["output_index"] for o in out if "output_index" in o} == {0}
    final = out[-1]["response"]
    assert isinstance(final, dict) and [i["type"] for i in final["output"]] == ["message"]
    assert b"secret plan" not in b"".join(orjson.dumps(o) for o in out)


def test_failures_stand_for_their_status() -> None:
    assert _run(fake_responses.events("failed-1"), redact=False)[0].failed_status == 500
    assert _run(fake_responses.events("errorev-1"), redact=False)[0].failed_status == 429
