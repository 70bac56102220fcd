"""The record stage: one traffic-format record and one decision-log entry per call.

Traffic records carry the fields of shared/spec/traffic-format.md plus Moat's extras (decision id,
policy revision, latency, the resolved entity), so `moat export` can write the spec format and the
console can show more.

Free text that comes from the client (user agent, model and end-user names, ...) is cut at
`recording.max_field_chars`; a record with a cut field says so in `truncated` ({field: original
length}), so a 8 MB user agent costs a kilobyte in the write-ahead log and the store, not 8 MB.
Prompts follow `recording.prompts` instead (moat.audit.prompts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from moat.store.base import RecordBatchItem

if TYPE_CHECKING:
    from moat.context import Decision, RequestContext
    from moat.gateway.facts import CallFacts
    from moat.limits.base import Usage


class FinishedCall(Protocol):
    """What the record stage reads of a call (`moat.gateway.pipeline.Call` is one): the record stage
    depends on this shape, not on the pipeline."""

    ctx: RequestContext
    facts: CallFacts | None
    decision: Decision | None
    usage: Usage
    status: int
    redacted: bool
    upstream_name: str
    upstream_seconds: float


# Fields whose text the client controls (directly, or through a token or the body), capped in each part.
# (platform, reason codes and rule ids come from the operator's settings and bundle.)
_TRAFFIC_TEXT = ("user_agent", "model", "end_user_id", "end_user_org", "client_ip")


def _cap(record: dict[str, Any], names: tuple[str, ...], limit: int) -> dict[str, int] | None:
    cut: dict[str, int] | None = None
    for name in names:
        value = record[name]
        if value.__class__ is str and len(value) > limit:
            record[name] = value[:limit]
            if cut is None:
                cut = {}
            cut[name] = len(value)
    return cut


def _outcome_fields(decision: Decision | None) -> dict[str, Any]:
    """What the decision did besides allow or refuse, for the traffic record and the decision log
    alike (issue 13 item 4: the console labels each request by these, moat.console.outcome). Only
    what applied is written, so an ordinary request's record grows by the effect alone."""
    if decision is None:
        return {}
    out: dict[str, Any] = {"effect": decision.effect}
    if decision.redact_reasoning:
        out["redact_reasoning"] = True
    if decision.max_tokens_cap is not None:
        out["max_tokens_cap"] = decision.max_tokens_cap
    if decision.allowed_models is not None:
        out["allowed_models"] = list(decision.allowed_models)
    if decision.flag:
        out["flagged"] = True
    if decision.warnings:
        out["warnings"] = list(decision.warnings)
    if decision.shadow:
        out["shadow"] = list(decision.shadow)
    return out


def build_record(call: FinishedCall, now: float, max_field_chars: int) -> RecordBatchItem:
    """The call's traffic record and decision-log entry, client text cut at `max_field_chars` (0: never)."""
    ctx = call.ctx
    decision = call.decision
    account_id = ctx.account.account_id if ctx.account else None
    key_id = ctx.key.key_id if ctx.key else None
    label = decision.label if decision is not None else None
    traffic: dict[str, Any] = {
        "ts": ctx.started,
        "request_id": ctx.request_id,
        "account_id": account_id,
        "key_id": key_id,
        "channel": ctx.channel,
        "platform": ctx.platform,
        "end_user_id": ctx.end_user_id,
        "end_user_org": ctx.end_user_org,
        "client_ip": ctx.client_ip,
        "user_agent": ctx.user_agent,
        "endpoint": ctx.endpoint,
        "model": ctx.model,
        "conversation_id": ctx.conversation_id,
        "turn": ctx.turn,
        "system": ctx.system,
        "prompt": ctx.prompt,
        "input_tokens": call.usage.input_tokens,
        "output_tokens": call.usage.output_tokens,
        # docs/traffic-format-extensions.md: optional fields beyond the spec (issue 12 item 3)
        "cache_read_tokens": call.usage.cache_read_tokens,
        "cache_write_tokens": call.usage.cache_write_tokens,
        "reasoning_tokens": call.usage.reasoning_tokens,
        "reasoning": ctx.reasoning,
        "stream": ctx.stream,
        "status": call.status,
        "decision": label,
        # extras beyond the spec
        "decision_id": decision.decision_id if decision else None,
        "reason_code": decision.reason_code if decision else None,
        "policy_revision": decision.policy_revision if decision else None,
        "org_id": ctx.org.org_id if ctx.org else None,
        "entity_org": ctx.entity.org_id,
        "entity_confidence": ctx.entity.confidence,
        "attribution_trust": ctx.attribution_trust,
        "upstream": call.upstream_name or None,
        "latency_ms": round((now - ctx.started) * 1000, 3),
        "upstream_ms": round(call.upstream_seconds * 1000, 3),
        "usage_reported": call.usage.reported,
        "redacted": call.redacted,
    }
    outcome = _outcome_fields(decision)
    traffic.update(outcome)
    inputs = ctx.extra.get("inputs")
    if inputs:  # what the decide stage read (moat.policy.inputs), absent for a refusal before it
        traffic.update(inputs)
    entry: dict[str, Any] = {
        "decision_id": decision.decision_id if decision else None,
        "ts": now,
        "request_id": ctx.request_id,
        "account_id": account_id,
        "key_id": key_id,
        "org_id": traffic["org_id"],
        "entity_org": ctx.entity.org_id,
        "platform": ctx.platform,
        "end_user_org": ctx.end_user_org,
        "endpoint": ctx.endpoint,
        "model": ctx.model,
        "effect": decision.effect if decision else None,
        "reason_code": traffic["reason_code"],
        "rules": list(decision.rules) if decision else [],
        "explanation": list(decision.explanation) if decision else [],
        "shadow": list(decision.shadow) if decision else [],
        "policy_revision": traffic["policy_revision"],
        "status": call.status,
        "redacted": call.redacted,
    }
    entry.update(outcome)  # its effect and shadow are the ones above
    limit = max_field_chars
    if limit > 0:
        cut = _cap(traffic, _TRAFFIC_TEXT, limit)
        if cut:
            traffic["truncated"] = cut
            cut = {name: n for name, n in cut.items() if name in entry}
            for name in cut:
                entry[name] = traffic[name]
        explanation = entry["explanation"]  # may quote evaluation errors, hence request values
        for line in explanation:
            if len(line) > limit:
                entry["explanation"] = [line[:limit] for line in explanation]
                cut = {**(cut or {}), "explanation": max(map(len, explanation))}
                break
        if cut:
            entry["truncated"] = cut
    return RecordBatchItem(traffic=traffic, decision=entry)
