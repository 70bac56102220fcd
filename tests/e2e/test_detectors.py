"""In headless Chromium: a reviewer clears a flagged network's case with a verdict, and the Detectors
page shows the false positive, the detector's precision and the benign flag rate, linked back to the
case. Screenshots go to tests/artifacts/screenshots/."""

from __future__ import annotations

import time
from typing import Any

import httpx

from tests.console.helpers import USERS
from tests.e2e.conftest import shot, signed_in
from tests.gateway.conftest import ADMIN_TOKEN, GatewayProcess

FINDINGS = [{"account_id": a, "risk": r, "scores": {"distillation": r}, "cluster_id": "net-e2e", "linked_org": None,
             "evidence": ["shares payment instrument pm_shared_card_77"]} for a, r in (("dist-a", 0.92),
                                                                                   ("dist-b", 0.9))]


def test_clearing_a_case_shows_on_the_detectors_page(browser: Any, gw: GatewayProcess) -> None:
    imported = httpx.post(f"{gw.url}/admin/cases/import-findings", timeout=10,
                          headers={"authorization": f"Bearer {ADMIN_TOKEN}"},
                          json={"threshold": 0.8, "findings": FINDINGS})
    assert imported.status_code == 200 and len(imported.json()["opened"]) == 1, imported.text
    case_id = imported.json()["opened"][0]
    page = signed_in(browser, gw, *USERS["reviewer"])
    page.goto(f"{gw.url}/console/cases")
    page.click(f"a[href='/console/cases/{case_id}']")
    page.select_option("select[name=outcome]", "cleared")
    page.fill("form:has(input[name=what][value=status]) input[name=text]", "A family sharing one card.")
    page.click("button:has-text('Close case')")
    page.wait_for_selector("#verdict")
    assert page.locator("#verdict").inner_text() == "cleared"
    assert "verdict: cleared" in page.locator("ol.timeline").inner_text()
    shot(page, "20-case-cleared")

    page.click("nav >> text=Detectors")
    page.wait_for_selector("table#precision")
    row = page.locator("table#precision tr[data-category=distillation] td").all_inner_texts()
    assert row[:5] == ["distillation", "1", "0", "1", "0.0%"]
    today = page.locator("table#flag-rate tbody tr").first.locator("td").all_inner_texts()
    assert today[0] == time.strftime("%Y-%m-%d", time.gmtime())
    assert today[2] == "2" and today[4] == "2"  # both flagged members of the network, both later cleared
    cleared = page.locator("table#cleared tbody tr").first
    assert "cluster:net-e2e" in cleared.inner_text() and "A family sharing one card." in cleared.inner_text()
    shot(page, "21-detectors")
    cleared.locator("a:has-text('case')").click()
    page.wait_for_url(f"{gw.url}/console/cases/{case_id}")
    assert page.locator("h1").inner_text().startswith("Case:")
    page.context.close()
