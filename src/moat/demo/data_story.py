"""The data API's part of the demo's summary: every number from this run's traffic, records and findings.

- the rival engineers' streams: items each received, how long after the restriction the gateway
  ended them, the final error item the client read, and the record the gateway wrote (read back
  from the exported dataset, as `moat export` writes it);
- the research key: what its searches and its firehose attempts were answered;
- the split crawl: what it was answered, and the network batch detection found in it, with its
  coordination and scraping evidence and the case opened for it (also in the console).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from moat.demo.cast import CRAWLERS
from moat.demo.data_traffic import DataOutcomes
from moat.enforce.models import Case

ROLE_WIDTH = 38


def _say(text: str = "") -> None:
    print(text, flush=True)


def _records(dataset: Path, request_ids: set[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with (dataset / "requests.jsonl").open("rb") as f:
        for line in f:
            if any(rid.encode() in line for rid in request_ids):
                record = orjson.loads(line)
                if record.get("request_id") in request_ids:
                    out[record["request_id"]] = record
    return out


def _streams(data: DataOutcomes, dataset: Path) -> None:
    records = _records(dataset, {s.request_id for s in data.streams if s.request_id})
    for i, stream in enumerate(data.streams):
        role = "a rival lab's engineers, firehose" if i == 0 else ""
        if stream.final is None:
            _say(f"  {role:<{ROLE_WIDTH}} {stream.account_id}: {stream.items} items, not ended by the gateway")
            continue
        when = f"{stream.cut_after:.2f} s after" if stream.cut_after is not None else "before"
        _say(f"  {role:<{ROLE_WIDTH}} {stream.account_id}: {stream.items} items, then cut mid-stream {when} "
             f"the demo restricted its organization")
        _say(f"      final item  {orjson.dumps(stream.final).decode()}")
        record = records.get(stream.request_id)
        if record is not None:
            _say(f"      record      {record['request_id']}: status {record.get('status')}, "
                 f"items {record.get('items')}, bytes {record.get('bytes')}, "
                 f"cut_reason {record.get('cut_reason')}")


def _crawl(findings: list[dict[str, Any]], cases: list[Case]) -> None:
    crawl = [f for f in findings if f["account_id"] in CRAWLERS]
    clusters = {f.get("cluster_id") for f in crawl}
    if len(crawl) != len(CRAWLERS) or len(clusters) != 1 or None in clusters:
        found = ", ".join(f"{f['account_id']} {f.get('cluster_id')}" for f in crawl) or "nothing"
        _say(f"      not found as one harvest: {found}")
        return
    cluster = str(clusters.pop())
    risk = max(f["risk"] for f in crawl)
    scores = crawl[0]["scores"]
    _say(f"      found as one harvest: network {cluster} of {len(crawl)} accounts "
         f"({', '.join(f['account_id'] for f in crawl)}), risk {risk:.2f}, "
         f"coordination {scores.get('coordination', 0):.2f}, scraping {scores.get('scraping', 0):.2f}")
    evidence = crawl[0]["evidence"]
    for what in ("split one crawl", "as network"):
        line = next((e for e in evidence if what in e), None)
        if line is not None:
            _say(f"      evidence    {line}")
    case = next((c for c in cases if c.subject_kind == "cluster" and c.subject_id == cluster), None)
    if case is not None:
        _say(f"      case        {case.case_id} (the console's Cases page shows the network and its evidence)")


def data_summary(data: DataOutcomes, dataset: Path, findings: list[dict[str, Any]], cases: list[Case]) -> None:
    _say("\nThe data API (a firehose and a search), through the same gateway's data routes:")
    _streams(data, dataset)
    for role, counts in data.by_role.items():
        parts = ", ".join(f"{n} {what}" for what, n in counts.most_common())
        _say(f"  {role:<{ROLE_WIDTH}} {parts}")
        if role.startswith("a research key") and data.refusal is not None:
            error = data.refusal["errors"][0]
            _say(f"      refused     {error['title']}: {error['detail']}")
        if role.startswith("a crawler"):
            _crawl(findings, cases)
