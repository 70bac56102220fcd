"""A network's case page groups its evidence per signal (issue 13 item 3): one row per thing said,
with how many items and accounts say it and the full list behind a toggle, instead of a line per
member per statement. Against a real `moat serve`, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

from moat.ids import cluster_id
from tests.console.helpers import ConsoleClient
from tests.console.test_detectors import admin_api
from tests.console.test_detectors import gw as gw  # this module's gateway, on SQLite then PostgreSQL
from tests.gateway.conftest import GatewayProcess

MEMBERS = [f"harvest-{i:02d}" for i in range(8)]
NETWORK = cluster_id(MEMBERS)


def test_a_network_case_page_groups_evidence_per_signal(gw: GatewayProcess, reviewer: ConsoleClient) -> None:
    findings = [{"account_id": m, "risk": 0.9 + i / 100, "scores": {"distillation": 0.9}, "cluster_id": NETWORK,
                 "linked_org": None, "evidence": [
                     f"as network {NETWORK} (8 accounts): 100% of {1200 + 7 * i} requests ask for reasoning",
                     f"{40 + i} topics in {300 + i} requests, no follow-up turns"]}
                for i, m in enumerate(MEMBERS)]
    report = admin_api(gw, "POST", "/cases/import-findings", {"threshold": 0.8, "findings": findings})
    assert len(report["opened"]) == 1
    (case,) = [c for c in admin_api(gw, "GET", "/cases?status=open")["data"] if c["subject"] == f"cluster:{NETWORK}"]

    page = reviewer.get(f"/console/cases/{case['case_id']}").text
    assert f"cluster:{NETWORK}" in page and "8 account(s)" in page
    signals = re.findall(r'<li class="signal">(.*?)</li>\s*(?=<li class="signal">|</ul>\s*</section>)', page, re.S)
    texts = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", s)) for s in signals]
    network_rows = [t for t in texts if f"as network {NETWORK}" in t.split("item(s)")[0]]
    assert len(network_rows) == 2  # the finding's line and the same line quoted by the link evidence
    assert all("8 account(s)" in t and "all 8" in t for t in network_rows)
    assert len(signals) <= 6  # two statements, each as finding and link (+ "linked" lines); not 32 rows
    assert page.count("<details>") == len(signals)
