"""The record stage: one traffic-format record and one decision-log entry per call.

Traffic records carry the fields of shared/spec/traffic-format.md plus Moat's extras (decision id,
policy revision, latency, the resolved entity), so `moat export` can write the spec format and the
console can show more.

Free text that comes from the client (user agent, model and end-user names, ...) is cut at
`recording.max_field_chars`; a record with a cut field says so in `truncated` ({field: original
length}), so a 8 MB user agent costs a kilobyte in the write-ahead log and the store, not 8 MB.
Prompts follow `recording.prompts` instead (moat.audit.prompts).

The record is typed (moat.traffic.TrafficRecord) until it leaves the gateway: `build_record` turns
it into the one dict that the write-ahead log, the store and the detectors read (issue 14 item 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from moat.audit.prompts import kept_text
from moat.context import Decision, RequestContext
from moat.limits.base import Usage
from moat.store.base import RecordBatchItem
from moat.traffic import TrafficRecord

if TYPE_CHECKING:
    from moat.config import RecordingSettings
    from moat.gateway.facts import CallFacts


NO_USAGE = Usage()  # a call refused, or failed before its answer was metered (shared: never mutated)


class FinishedCall(Protocol):
    """What the record stage reads of a call (`moat.gateway.pipeline.Call` is one): the record stage
    depends on this shape, not on the pipeline."""

    ctx: RequestContext
    facts: CallFacts | None
    decision: Decision | None
    status: int
    redacted: bool
    upstream_name: str
    upstream_seconds: float




def _outcome_fields(decision: Decision | None) -> dict[str, Any]:
    """What the decision did besides allow or refuse (moat.traffic.TrafficRecord.outcome); only
    what applied is written, so an ordinary request's record grows by the effect alone."""
    if decision is None:
        return {}
    return traffic_record(_Finished(decision), Usage(), 0.0, 0).outcome()


def traffic_record(call: FinishedCall, usage: Usage, now: float, max_field_chars: int) -> TrafficRecord:
    """The call's typed traffic record, client text cut at `max_field_chars` (0: never).

    Latencies are milliseconds to the microsecond as `round(ms, 3)` gave them, computed as
    `round(µs) / 1000`: the same values (checked over a million random latencies) in a fifth of the time."""
    ctx = call.ctx
    decision = call.decision
    user_agent, model, end_user_id, end_user_org, client_ip = (
        ctx.user_agent, ctx.model, ctx.end_user_id, ctx.end_user_org, ctx.client_ip)
    cut: dict[str, int] | None = None
    limit = max_field_chars
    # The fields whose text the client controls (directly, or through a token or the body), checked
    # inline (a few hundred ns on every call); platform, reason codes and rule ids come from the
    # operator's settings and bundle.
    if limit > 0 and ((user_agent is not None and len(user_agent) > limit) or len(model) > limit
                      or (end_user_id is not None and len(end_user_id) > limit)
                      or (end_user_org is not None and len(end_user_org) > limit)
                      or (client_ip is not None and len(client_ip) > limit)):
        cut = {}
        user_agent = _cut(user_agent, limit, "user_agent", cut)
        model = _cut(model, limit, "model", cut) or ""
        end_user_id = _cut(end_user_id, limit, "end_user_id", cut)
        end_user_org = _cut(end_user_org, limit, "end_user_org", cut)
        client_ip = _cut(client_ip, limit, "client_ip", cut)
    if decision is None:  # refused before decide could run (a refusal decision is made for those)
        label = decision_id = reason_code = revision = effect = None
        redact_reasoning = flagged = False
        max_tokens_cap = allowed_models = warnings = shadow = None
    else:
        label, decision_id, reason_code, revision = (decision.label, decision.decision_id, decision.reason_code,
                                                     decision.policy_revision)
        effect, redact_reasoning, max_tokens_cap, flagged = (decision.effect, decision.redact_reasoning,
                                                             decision.max_tokens_cap, decision.flag)
        allowed_models = None if decision.allowed_models is None else list(decision.allowed_models)
        warnings = list(decision.warnings) if decision.warnings else None
        shadow = list(decision.shadow) if decision.shadow else None
    return TrafficRecord(
        ctx.started, ctx.request_id, ctx.account.account_id if ctx.account else None,
        ctx.key.key_id if ctx.key else None, ctx.channel, ctx.platform, end_user_id, end_user_org, client_ip,
        user_agent, ctx.endpoint, model, ctx.conversation_id, ctx.turn, ctx.system, ctx.prompt,
        usage.input_tokens, usage.output_tokens, usage.cache_read_tokens, usage.cache_write_tokens,
        usage.reasoning_tokens, ctx.reasoning, ctx.stream, call.status, label, decision_id, reason_code, revision,
        ctx.org.org_id if ctx.org else None, ctx.entity.org_id, ctx.entity.confidence, ctx.attribution_trust,
        call.upstream_name or None, round((now - ctx.started) * 1e6) / 1000,
        round(call.upstream_seconds * 1e6) / 1000, usage.reported, call.redacted, effect, redact_reasoning,
        max_tokens_cap, allowed_models, flagged, warnings, shadow, ctx.inputs, cut)


def _cut(value: str | None, limit: int, name: str, cut: dict[str, int]) -> str | None:
    if value is not None and len(value) > limit:
        cut[name] = len(value)
        return value[:limit]
    return value


def decision_entry(call: FinishedCall, record: TrafficRecord, now: float, max_field_chars: int) -> dict[str, Any]:
    """The call's decision-log entry, its client text as cut in `record`."""
    decision = call.decision
    entry: dict[str, Any] = {
        "decision_id": record.decision_id,
        "ts": now,
        "request_id": record.request_id,
        "account_id": record.account_id,
        "key_id": record.key_id,
        "org_id": record.org_id,
        "entity_org": record.entity_org,
        "platform": record.platform,
        "end_user_org": record.end_user_org,
        "endpoint": record.endpoint,
        "model": record.model,
        "effect": decision.effect if decision else None,
        "reason_code": record.reason_code,
        "rules": list(decision.rules) if decision else [],
        "explanation": list(decision.explanation) if decision else [],
        "shadow": list(decision.shadow) if decision else [],
        "policy_revision": record.policy_revision,
        "status": call.status,
        "redacted": call.redacted,
    }
    if decision is not None:
        entry.update(record.outcome())  # its effect and shadow are the ones above
    limit = max_field_chars
    if limit > 0:
        cut = {name: n for name, n in record.truncated.items() if name in entry} if record.truncated else None
        explanation = entry["explanation"]  # may quote evaluation errors, hence request values
        for line in explanation:
            if len(line) > limit:
                entry["explanation"] = [line[:limit] for line in explanation]
                cut = {**(cut or {}), "explanation": max(map(len, explanation))}
                break
        if cut:
            entry["truncated"] = cut
    return entry


def build_record(call: FinishedCall, usage: Usage, now: float, max_field_chars: int,
                 recording: RecordingSettings | None = None) -> RecordBatchItem:
    """The call's traffic record (as the dict it leaves the gateway as) and decision-log entry, with
    what the relay returned as its usage, client text cut at `max_field_chars` (0: never), prompts
    kept by `recording` when given."""
    record = traffic_record(call, usage, now, max_field_chars)
    if recording is not None and recording.prompts != "full":
        keep_prompts(record, recording)
    return RecordBatchItem(traffic=record.as_dict(), decision=decision_entry(call, record, now, max_field_chars))


def prepare_record(call: FinishedCall, max_field_chars: int, recording: RecordingSettings | None = None
                   ) -> RecordBatchItem:
    """The call's record with everything but what its relay returns, built while the upstream works
    on the call (issue 12, latency: the CPU is idle then, and is not once the answer is in), for
    `finish_record` to complete. Only the relay's outcome may change after it: the status, the usage,
    the latencies and `redacted`; the context, decision and upstream are settled before the relay."""
    return build_record(call, NO_USAGE, call.ctx.started, max_field_chars, recording)


def finish_record(item: RecordBatchItem, call: FinishedCall, usage: Usage, now: float) -> RecordBatchItem:
    """`item` from `prepare_record`, completed: the same dicts `build_record` makes at `now` (the
    fields written here are the ones it computes from the relay's outcome, in place, so their order
    in the record is the same)."""
    traffic = item.traffic
    traffic["input_tokens"] = usage.input_tokens
    traffic["output_tokens"] = usage.output_tokens
    traffic["cache_read_tokens"] = usage.cache_read_tokens
    traffic["cache_write_tokens"] = usage.cache_write_tokens
    traffic["reasoning_tokens"] = usage.reasoning_tokens
    traffic["status"] = call.status
    traffic["latency_ms"] = round((now - call.ctx.started) * 1e6) / 1000
    traffic["upstream_ms"] = round(call.upstream_seconds * 1e6) / 1000
    traffic["usage_reported"] = usage.reported
    traffic["redacted"] = call.redacted
    decision = item.decision
    decision["ts"] = now
    decision["status"] = call.status
    decision["redacted"] = call.redacted
    return item


def keep_prompts(record: TrafficRecord, recording: RecordingSettings) -> None:
    """`recording.prompts` applied to the record's prompt and system (moat.audit.prompts)."""
    if record.prompt is not None:
        record.prompt = kept_text(record.prompt, recording)
    if record.system is not None:
        record.system = kept_text(record.system, recording)


@dataclass(slots=True)
class _Finished:
    """A call with nothing but a decision: what `_outcome_fields` reads the outcome from."""

    decision: Decision | None
    ctx: RequestContext = field(default_factory=lambda: RequestContext("", 0.0, "", ""))
    facts: CallFacts | None = None
    status: int = 0
    redacted: bool = False
    upstream_name: str = ""
    upstream_seconds: float = 0.0
