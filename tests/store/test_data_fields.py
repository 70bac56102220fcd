"""Data APIs' request fields (docs/data-apis.md; store migration 7) round-trip on both backends."""

from __future__ import annotations

from moat.store import Store
from moat.store.base import RecordBatchItem


def _record(request_id: str, **fields: object) -> RecordBatchItem:
    traffic = {"ts": 1.0, "request_id": request_id, "account_id": "a", "endpoint": "/2/tweets", "model": "",
               "status": 200, "decision": "allow", **fields}
    return RecordBatchItem(traffic=traffic, decision={"decision_id": "dec_" + request_id, "request_id": request_id})


async def test_data_fields_round_trip_and_model_records_gain_none(store: Store) -> None:
    data = _record("req_data", kind="data", method="GET", path="/2/tweets/search/stream", query="q=cats",
                   resource="cats", items=3_000_000_000, bytes=5 * 2**40, resources=["u1", "u2"], key_use=None,
                   cut_reason="rate_limited", cut_decision_id="dec_cut", recovered=True)
    model = _record("req_model", input_tokens=5, output_tokens=7)
    assert await store.append_records([data, model]) == 2
    stored = {r["request_id"]: r async for r in store.iter_requests()}
    got = stored["req_data"]
    assert {k: got[k] for k in ("kind", "method", "path", "query", "resource", "items", "bytes", "resources",
                                "key_use", "cut_reason", "cut_decision_id", "recovered")} == {
        "kind": "data", "method": "GET", "path": "/2/tweets/search/stream", "query": "q=cats", "resource": "cats",
        "items": 3_000_000_000, "bytes": 5 * 2**40, "resources": ["u1", "u2"], "key_use": None,
        "cut_reason": "rate_limited", "cut_decision_id": "dec_cut", "recovered": True}
    assert not {"kind", "items", "bytes", "cut_reason", "key_use"} & set(stored["req_model"])
