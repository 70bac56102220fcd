"""Exceptions in the console (issue 13 item 1): the appeal page shows the exception that would unblock
a caller refused by linking and which of its refusals it lifts, before the reviewer confirms;
accepting grants it and the caller is allowed; the account page lists and revokes it; the org page
grants a purpose-scoped one, which its accounts' pages show; the decision view names it; viewers may
not grant."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import httpx

from tests.console.helpers import ConsoleClient
from tests.gateway.conftest import BOB_KEY, GatewayProcess

DEADLINE = 5.0


def chat(gw: GatewayProcess, key: str) -> httpx.Response:
    return httpx.post(f"{gw.url}/v1/chat/completions", headers={"authorization": f"Bearer {key}"},
                      json={"model": "moat-demo", "messages": [{"role": "user", "content": "hi"}]}, timeout=10)


def until(check: Callable[[], httpx.Response], accept: Callable[[httpx.Response], bool]) -> httpx.Response:
    deadline = time.monotonic() + DEADLINE
    while True:
        response = check()
        if accept(response) or time.monotonic() > deadline:
            return response
        time.sleep(0.05)


def test_appeal_page_proposes_the_exception_and_accepting_grants_it(gw: GatewayProcess, reviewer: ConsoleClient,
                                                                    viewer: ConsoleClient) -> None:
    refused = chat(gw, BOB_KEY)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "competitive_use_restricted"
    body = {"decision_id": refused.json()["error"]["decision_id"], "message": "I left Rival Labs in May"}
    created = until(lambda: httpx.post(f"{gw.url}/v1/appeals", headers={"authorization": f"Bearer {BOB_KEY}"},
                                       json=body, timeout=10), lambda r: r.status_code != 404)
    appeal_id = created.json()["id"]
    page = reviewer.get(f"/console/appeals/{appeal_id}").text
    assert "What accepting will lift" in page and "reason:competitive_use_restricted" in page
    assert body["decision_id"] in page and "still refused" not in page
    assert 'name="grant_exception" value="yes" checked' in page
    wider = reviewer.get(f"/console/appeals/{appeal_id}", lifts="rule:no-such-rule").text
    assert "still refused" in wider  # another scope: the reviewer sees it would not lift the refusal
    done = reviewer.post(f"/console/appeals/{appeal_id}/decision", {
        "verdict": "accept", "note": "unblocking", "grant_exception": "yes",
        "lifts": "reason:competitive_use_restricted", "until": "30d"})
    assert done.status_code == 303, done.text
    allowed = until(lambda: chat(gw, BOB_KEY), lambda r: r.status_code == 200)
    assert allowed.status_code == 200, allowed.text
    decided = reviewer.get(f"/console/appeals/{appeal_id}").text
    exception_id = re.search(r"(exc_[0-9a-f]+)", decided)
    assert exception_id and "Exception granted on acceptance" in decided
    exc = exception_id.group(1)
    # the decision view names it
    decision_id = allowed.headers["moat-decision-id"]
    audit = until(lambda: reviewer.get("/console/audit", entry_id=decision_id),
                  lambda r: f"allowed by exception {exc}" in r.text)
    assert f"allowed by exception {exc} granted by console:reviewer until" in audit.text
    # the account page lists it; revoking refuses the caller again
    account = reviewer.get("/console/accounts/bob").text
    assert exc in account and "in force" in account
    assert viewer.post(f"/console/exceptions/{exc}/revoke", {"reason": "no"}).status_code == 403
    revoked = reviewer.post(f"/console/exceptions/{exc}/revoke", {"reason": "left the lab? no", "back":
                                                                  "/console/accounts/bob"})
    assert revoked.status_code == 303 and "notice=" in revoked.headers["location"]
    assert until(lambda: chat(gw, BOB_KEY), lambda r: r.status_code == 403).status_code == 403


def test_org_page_grants_a_purpose_scoped_exception(reviewer: ConsoleClient, viewer: ConsoleClient) -> None:
    form = {"subject": "org:rival", "lifts": "reason:competitive_use_restricted", "purpose": "safety_evaluation",
            "key_purpose": "safety_evaluation", "until": "7d", "note": "safety evaluation agreement",
            "back": "/console/orgs/rival"}
    assert viewer.post("/console/exceptions", form).status_code == 403
    granted = reviewer.post("/console/exceptions", form)
    assert granted.status_code == 303 and "notice=Exception" in granted.headers["location"]
    page = reviewer.get("/console/orgs/rival").text
    assert "keys: safety_evaluation" in page and "in force" in page
    # an account's page shows its organization's exceptions too (they reach it)
    sub = reviewer.post("/console/exceptions", {**form, "subject": "org:rival-sub", "back": "/console/orgs/rival-sub"})
    sub_id = re.search(r"(exc_[0-9a-f]+)", sub.headers["location"])
    assert sub_id and sub_id.group(1) in reviewer.get("/console/accounts/carol").text
    bad = reviewer.post("/console/exceptions", {**form, "subject": "org:nobody"})
    assert "error=" in bad.headers["location"]
