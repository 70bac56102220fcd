"""The console's Detectors page against a real `moat serve`: a finding imported through the admin
API flags alice, a reviewer closes her case as cleared in the console, and the page shows exact
precision, the benign flag rate and the false positive with its links. Viewers read it and cannot
give verdicts. On SQLite and on PostgreSQL."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.console.helpers import ConsoleClient, console_gateway
from tests.gateway.conftest import ADMIN_TOKEN, BOB_KEY, GatewayProcess, postgres_schema
from tests.gateway.fake_upstream import FakeUpstream


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def gw(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, fake_upstream: FakeUpstream
       ) -> Iterator[GatewayProcess]:
    """This module's own gateway, on SQLite and again on PostgreSQL."""
    home = tmp_path_factory.mktemp(f"detectors-{request.param}")
    if request.param == "sqlite":
        gateway = console_gateway(home, fake_upstream.base)
        yield gateway
        gateway.stop()
        return
    with postgres_schema() as url:
        gateway = console_gateway(home, fake_upstream.base, url)
        yield gateway
        gateway.stop()


def admin_api(gw: GatewayProcess, method: str, path: str, body: Any = None) -> Any:
    response = httpx.request(method, f"{gw.url}/admin{path}", json=body, timeout=10,
                             headers={"authorization": f"Bearer {ADMIN_TOKEN}", "moat-actor": "test"})
    assert response.status_code < 300, response.text
    return response.json()


def cells(html: str, table_id: str) -> list[list[str]]:
    """The text of each body row's cells of the table with that id."""
    table = re.search(rf'<table id="{table_id}">(.*?)</table>', html, re.S)
    assert table, f"no table {table_id!r}"
    body = table.group(1).split("<tbody>", 1)[1]
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def test_detectors_page(gw: GatewayProcess, reviewer: ConsoleClient, viewer: ConsoleClient) -> None:
    findings = [{"account_id": "alice", "risk": 0.9, "scores": {"distillation": 0.9, "scraping": 0.2},
                 "cluster_id": None, "linked_org": None, "evidence": ["templated prompts"]},
                {"account_id": "carol", "risk": 0.85, "scores": {"scraping": 0.85}, "cluster_id": None,
                 "linked_org": None, "evidence": ["systematic paging"]}]
    report = admin_api(gw, "POST", "/cases/import-findings", {"threshold": 0.8, "findings": findings})
    assert len(report["opened"]) == 2
    cases = {c["subject"]: c["case_id"] for c in admin_api(gw, "GET", "/cases?status=open")["data"]}
    alice_case, carol_case = cases["account:alice"], cases["account:carol"]
    # bob makes a request (refused as a rival): one more active account, never flagged
    httpx.post(f"{gw.url}/v1/chat/completions", headers={"authorization": f"Bearer {BOB_KEY}"}, timeout=10,
               json={"model": "moat-demo", "messages": [{"role": "user", "content": "hi"}]})

    # a viewer may not give a verdict
    denied = viewer.post(f"/console/cases/{alice_case}", {"what": "status", "status": "closed", "outcome": "cleared"})
    assert denied.status_code == 403
    bad = reviewer.post(f"/console/cases/{alice_case}", {"what": "status", "status": "closed", "outcome": "maybe"})
    assert bad.status_code == 422 and "unknown outcome" in bad.text
    closed = reviewer.post(f"/console/cases/{alice_case}", {"what": "status", "status": "closed",
                                                            "outcome": "cleared", "text": "a researcher"})
    assert closed.status_code == 303
    page = reviewer.get(f"/console/cases/{alice_case}").text
    assert 'id="verdict">cleared<' in page and "verdict: cleared" in page
    admin_api(gw, "POST", f"/cases/{carol_case}/close", {"outcome": "confirmed", "text": "a scraper"})
    label = admin_api(gw, "GET", f"/labels/case:{carol_case}")
    assert (label["outcome"], label["categories"], label["accounts"]) == ("confirmed", ["scraping"], ["carol"])

    deadline = time.monotonic() + 10  # bob's request is recorded a moment after its response
    while 'data-outcome="denied"' not in viewer.get("/console/accounts/bob").text:
        assert time.monotonic() < deadline, "bob's request was never recorded"
        time.sleep(0.2)
    response = viewer.get("/console/detectors")
    assert response.status_code == 200
    html = response.text
    precision = {row[0]: row[1:5] for row in cells(html, "precision")}
    assert precision["distillation"] == ["1", "0", "1", "0.0%"]
    assert precision["scraping"] == ["1", "1", "0", "100.0%"]
    assert precision["competitor"] == ["0", "0", "0", "—"]
    today = cells(html, "flag-rate")[0]  # newest first
    assert today[0] == time.strftime("%Y-%m-%d", time.gmtime())
    # active: alice and carol (flagged), bob (a request); alice later cleared, carol confirmed
    assert today[1:] == ["3", "2", "66.7%", "1", "1", "0", "33.3%"]
    cleared = cells(html, "cleared")
    assert len(cleared) == 1 and cleared[0][1] == "account:alice" and cleared[0][2] == "distillation"
    assert f'href="/console/cases/{alice_case}"' in html and 'href="/console/accounts/alice"' in html
    assert "<svg" in html and 'href="/console/detectors"' in html  # the chart, and the page in the navigation
    assert viewer.get("/console/detectors", window="7d", bucket="week").status_code == 200
    assert viewer.get("/console/detectors", window="<script>", bucket="x").status_code == 200
