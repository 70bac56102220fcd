"""The record stage for data routes: the model record (moat.gateway.record) plus the data fields.

docs/data-apis.md, "What is recorded": kind, method, path, query, resource, items, bytes,
resources (distinct item resources, at most `MAX_RESOURCES_KEPT`), key_use and cut_reason. A data
record has model "", zero tokens, `prompt` = the query string (what detectors read as a prompt)
and `stream` true for ndjson / sse responses. Written once, when the request ends, however it
ends; the open-streams journal covers a process killed before that (moat.gateway.data_journal).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from moat.errors import RecordingUnavailable
from moat.gateway.record import NO_USAGE, decision_entry, keep_prompts, traffic_record
from moat.store.base import RecordBatchItem
from moat.traffic import TrafficRecord

if TYPE_CHECKING:
    from moat.gateway.data_relay import DataCall

log = logging.getLogger("moat.gateway")

MAX_RESOURCES_KEPT = 100


def data_record(call: DataCall, now: float) -> TrafficRecord:
    """The model record's fields (moat.gateway.record.traffic_record) with the data fields set."""
    limit = call.rt.settings.recording.max_field_chars
    record = traffic_record(call, NO_USAGE, now, limit)  # zero tokens: a data record counts items, bytes
    query = call.query.decode("latin-1") if call.query else None
    record.kind = "data"
    record.method = call.method
    record.path = call.path[:limit]
    record.query = query[:limit] if query is not None else None
    record.resource = call.resource[:limit] if call.resource else None
    record.items = call.items
    record.bytes = call.bytes
    record.resources = list(call.resources) if call.resources else None
    record.key_use = getattr(call.ctx.key, "use", "") or None if call.ctx.key is not None else None
    record.cut_reason = call.cut_reason
    record.cut_decision_id = call.cut_decision_id
    return record


def build_data_record(call: DataCall, now: float) -> RecordBatchItem:
    recording = call.rt.settings.recording
    record = data_record(call, now)
    if recording.prompts != "full":
        keep_prompts(record, recording)
    decision = decision_entry(call, record, now, recording.max_field_chars)
    if call.cut_decision_id is not None:
        decision["cut_decision_id"] = call.cut_decision_id
        decision["cut_reason"] = call.cut_reason
    return RecordBatchItem(traffic=record.as_dict(), decision=decision)


def record_data(call: DataCall) -> None:
    """Record a data request (before its response completes: the audit guarantee)."""
    rt = call.rt
    item = build_data_record(call, rt.clock())
    try:
        rt.recorder.record(item)
    except OSError as exc:
        log.error("cannot write the write-ahead log: %s", exc, extra={"request_id": call.ctx.request_id})
        raise RecordingUnavailable("The gateway cannot record requests right now; try again shortly") from exc
    call.journal_done()
    rt.online.publish(item.traffic)
    decision = "none" if call.decision is None else ("allow" if call.decision.allowed else call.decision.reason_code)
    rt.metrics.count_call(call.ctx.endpoint, decision, call.status)
