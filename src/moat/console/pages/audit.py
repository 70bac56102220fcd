"""Audit: search the decision log and the admin log (exact fields, free text; newest first, keyset
pages over `seq`), and verify either hash chain in the background (`moat.audit.verify`).

The decision log also filters by outcome (`outcome=redacted` or `outcome=redacted:distillation_risk`,
moat.console.outcome) and by time (`since`, epoch seconds), the overview's links: an outcome is read
from several fields, so it is matched here, over batches of the log read newest first, at most
OUTCOME_SCAN entries per page, stopping at the first entry older than `since`.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

import orjson

from moat.audit.verify import VerifyResult, verify_log
from moat.console.http import Request, Response
from moat.console.outcome import KINDS, outcome_of
from moat.console.pages.directory import page_url
from moat.console.routing import Route

if TYPE_CHECKING:
    from moat.console.app import Console

LOGS = {"decisions": ("decision_log", ("entry_id", "account_id", "reason_code", "effect", "org_id", "model")),
        "admin": ("admin_log", ("entry_id", "actor", "action", "target"))}
OUTCOME_SCAN = 20_000  # decision-log entries one outcome-filtered page reads at most
_BATCH = 500


async def audit(c: Console, req: Request) -> Response:
    log = req.q("log", "decisions")
    if log not in LOGS:
        log = "decisions"
    table, fields = LOGS[log]
    terms = {name: req.q(name) for name in fields}
    want = req.q("outcome") if log == "decisions" else ""
    if want.partition(":")[0] not in KINDS:
        want = ""
    text = req.q("text")
    before = req.qint("before", 0)
    since = max(0, req.qint("since", 0)) if log == "decisions" else 0
    if want or since:
        rows, floor, head = await _by_outcome(c, table, terms, text, before, want, since)
    else:
        rows, floor, head = await c.store.search_log(table, dict(terms), text, before, c.settings.page_size)
    entries = [{"seq": r[0], "ts": r[1], "entry_id": r[2], "payload": _payload(r[3]), "hash": r[4]} for r in rows]
    for e in entries:
        e["outcome"] = outcome_of(e["payload"]) if log == "decisions" else None
    params = {k: v for k, v in terms.items() if v}
    if want:
        params["outcome"] = want
    if since:
        params["since"] = str(since)
    nxt = None
    if len(entries) == c.settings.page_size:
        nxt = page_url("/console/audit", log=log, text=text, before=str(entries[-1]["seq"]), **params)
    elif floor > 0 and not terms.get("entry_id"):
        nxt = page_url("/console/audit", log=log, text=text, before=str(floor), **params)
    return await c.render(req, "audit.html", active="audit", log=log, fields=fields, terms=terms, text=text,
                          outcome=want, since=since, kinds=KINDS, entries=entries, next_url=nxt, head=head, floor=floor,
                          scanned=bool(floor), verify=c.cache.get(f"verify:{log}"))


async def _by_outcome(c: Console, table: str, terms: dict[str, str], text: str, before: int,
                      want: str, since: int) -> tuple[list[Any], int, int]:
    """A page of entries whose outcome is `want` (a kind, or kind:reason; "" for any) recorded at
    `since` or later, newest first; the same (entries, lowest seq searched, head seq) as
    `search_log`, reading at most OUTCOME_SCAN entries."""
    found: list[Any] = []
    scanned, floor, head, top = 0, 0, 0, before
    while scanned < OUTCOME_SCAN:
        rows, floor, head = await c.store.search_log(table, dict(terms), text, top, _BATCH)
        scanned += len(rows)
        for r in rows:
            if since and float(r[1]) < since:
                return found, 0, head  # the log is in time order: the rest is older still
            got = outcome_of(_payload(r[3]))
            if not want or want in (got.key, got.kind):
                found.append(r)
                if len(found) == c.settings.page_size:
                    return found, 0, head
        if len(rows) < _BATCH:
            return found, floor, head
        top = int(rows[-1][0])
    return found, top, head


def _payload(raw: Any) -> dict[str, Any]:
    value = orjson.loads(raw) if isinstance(raw, (str, bytes)) else raw
    return value if isinstance(value, dict) else {"value": value}


async def verify(c: Console, req: Request) -> Response:
    log = req.f("log", "decisions")
    if log not in LOGS:
        log = "decisions"
    key = f"verify:{log}"
    state = c.cache.get(key)
    if state is None or state[1].get("status") != "running":
        info: dict[str, Any] = {"status": "running", "started": time.time(), "by": req.session.username
                                if req.session else ""}
        c.cache[key] = (time.time(), info)
        task = asyncio.get_running_loop().create_task(_verify(c, log, info))
        info["task"] = task  # keep a reference so the task is not collected mid-run
        await asyncio.sleep(0.3)  # short logs finish here, so the page shows the answer at once
    return Response.redirect(f"/console/audit?log={log}")


async def _verify(c: Console, log: str, info: dict[str, Any]) -> None:
    store = c.runtime.store
    entries = store.iter_decisions() if log == "decisions" else store.iter_admin()
    try:
        result: VerifyResult = await verify_log(entries, log=log)
        info.update(status="ok" if result.ok else "broken", entries=result.entries, head_seq=result.head_seq,
                    head_hash=result.head_hash, problem=str(result.problem) if result.problem else None)
    except Exception as exc:  # the store failed mid-walk: say so, do not claim the chain is intact
        info.update(status="error", problem=f"{type(exc).__name__}: {exc}")
    info["finished"] = time.time()


ROUTES = [
    Route("GET", r"/audit", audit),
    Route("POST", r"/audit/verify", verify, "viewer"),
]
