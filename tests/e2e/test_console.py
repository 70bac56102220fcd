"""The console in headless Chromium: sign-in, every page, a reviewer blocking a cluster and that
cluster's next gateway request refused, and an appeal round trip. Screenshots go to
tests/artifacts/screenshots/."""

from __future__ import annotations

import time
from typing import Any

import httpx
import openai

from tests.console.helpers import USERS
from tests.e2e.conftest import NETWORK, chat, shot, signed_in
from tests.gateway.conftest import GatewayProcess

PAGES = [("overview", "/console/", "Overview"), ("accounts", "/console/accounts", "Accounts"),
         ("account", "/console/accounts/dist-a", "Linked cluster"), ("orgs", "/console/orgs", "Organizations"),
         ("org", "/console/orgs/rival-sub", "Ownership and members"), ("cases", "/console/cases", "Cases"),
         ("appeals", "/console/appeals", "Appeals"), ("policies", "/console/policies", "Rules, in evaluation order"),
         ("audit", "/console/audit", "Chain verification"), ("audit-admin", "/console/audit?log=admin", "Admin log"),
         ("feed", "/console/feed", "Entities in this version"), ("users", "/console/users", "Add a user")]


def test_signin_and_every_page(browser: Any, gw: GatewayProcess) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{gw.url}/console/")
    assert "/console/signin" in page.url
    shot(page, "00-signin")
    page.fill("input[name=username]", USERS["admin"][0])
    page.fill("input[name=password]", "wrong password")
    page.click("button[type=submit]")
    assert page.locator(".alert.bad").inner_text() == "Wrong user name or password."
    page.fill("input[name=password]", USERS["admin"][1])
    page.click("button[type=submit]")
    page.wait_for_url(f"{gw.url}/console/")
    for i, (name, path, text) in enumerate(PAGES, start=1):
        page.goto(gw.url + path)
        assert page.locator("body").inner_text().count(text) >= 1, name
        assert page.locator(".alert.bad").count() == 0 or name == "overview", name
        shot(page, f"{i:02d}-{name}")
    # the sidebar reaches every page
    page.goto(f"{gw.url}/console/")
    page.click("nav >> text=Accounts")
    page.click("text=dist-b")
    assert page.locator("svg.graph").count() == 1
    assert "3 accounts share payment instrument pm_shared_card_77" in page.locator(".evidence").inner_text()
    # a policy dry run of an edit that refuses every pro-plan request
    page.goto(f"{gw.url}/console/policies?file=restricted.yaml")
    text = page.locator("textarea[name=text]").input_value()
    page.fill("textarea[name=text]", text + "\n  - id: no-pro\n    when: account.plan == \"pro\"\n"
                                            "    effect: deny\n    reason: pro_paused\n    priority: 50\n"
                                            "    message: Paused.\n")
    page.click("button:has-text('Dry run')")
    report = page.locator(".report").inner_text()
    assert "What would change" in report and "deny:pro_paused" in report
    shot(page, "13-policy-dry-run")
    page.goto(f"{gw.url}/console/audit")
    page.click("button:has-text('Verify the chain')")
    page.wait_for_selector(".verify .alert")
    for _ in range(20):
        if "Intact" in page.locator(".verify").inner_text():
            break
        time.sleep(0.2)
        page.reload()
    assert "Intact" in page.locator(".verify").inner_text()
    shot(page, "14-audit-verified")
    context.close()


def _refused(gw: GatewayProcess, key: str, timeout: float = 5.0) -> openai.PermissionDeniedError:
    """The next request with `key` refused (the block reaches the gateway within about a second)."""
    client = openai.OpenAI(base_url=f"{gw.url}/v1", api_key=key, max_retries=0)
    deadline = time.monotonic() + timeout
    while True:
        try:
            client.chat.completions.create(model="moat-demo", messages=[{"role": "user", "content": "hello"}])
        except openai.PermissionDeniedError as exc:
            return exc
        if time.monotonic() > deadline:
            raise AssertionError("the blocked cluster's request was still served")
        time.sleep(0.1)


def test_reviewer_blocks_a_cluster(browser: Any, gw: GatewayProcess) -> None:
    for key in NETWORK.values():
        assert chat(gw, key).status_code == 200
    page = signed_in(browser, gw, *USERS["reviewer"])
    page.goto(f"{gw.url}/console/accounts/dist-a")
    form = page.locator("form.action-form", has=page.locator("input[name=subject][value^='cluster:']"))
    assert "3 accounts" in form.inner_text()
    form.locator("select[name=kind]").select_option("block")
    form.locator("input[name=reason]").fill("distillation network paying with one card")
    form.locator("button:has-text('Apply')").click()
    page.wait_for_selector(".alert.ok")
    assert "block applied to cluster:" in page.locator(".alert.ok").inner_text()
    shot(page, "15-cluster-blocked")
    started = time.monotonic()
    for account, key in NETWORK.items():
        refused = _refused(gw, key)
        assert refused.status_code == 403, account
        assert refused.body["code"] == "account_blocked"  # type: ignore[index]
    assert time.monotonic() - started < 5
    assert chat(gw, "sk-test-alice-000000000000000000").status_code == 200  # others unaffected
    page.context.close()


def test_appeal_round_trip(browser: Any, gw: GatewayProcess) -> None:
    """After the cluster block above: one member appeals, a reviewer accepts in the console."""
    key = NETWORK["dist-b"]
    refused = _refused(gw, key)
    decision_id = refused.body["decision_id"]  # type: ignore[index]
    assert decision_id in str(refused)  # the customer sees it in the message too
    appeal: dict[str, Any] = {}
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the decision is recorded a moment after the refusal
        r = httpx.post(f"{gw.url}/v1/appeals", headers={"authorization": f"Bearer {key}"}, timeout=10,
                       json={"decision_id": decision_id, "message": "I am a student; this card is my family's."})
        if r.status_code == 201:
            appeal = r.json()
            break
        assert r.status_code == 404, r.text
        time.sleep(0.2)
    assert appeal.get("status") == "pending", appeal
    page = signed_in(browser, gw, *USERS["reviewer"])
    page.goto(f"{gw.url}/console/appeals")
    page.click(f"text={appeal['id']}")
    assert "I am a student" in page.locator("body").inner_text()
    shot(page, "16-appeal")
    page.fill("textarea[name=note]", "Confirmed a family card; access restored.")
    page.click("button:has-text('Accept appeal')")
    page.wait_for_selector(".badge.st-accepted")
    shot(page, "17-appeal-accepted")
    page.click("dd >> a[href^='/console/cases/']")  # the appeal opened a case: evidence and timeline
    timeline = page.locator("ol.timeline").inner_text()
    assert "appeal" in timeline.lower() and page.locator("h1").inner_text().startswith("Case:")
    shot(page, "18-case")
    page.goto(f"{gw.url}/console/cases?status=all")
    assert "appeal of account_blocked" in page.locator("table").inner_text()
    shot(page, "19-cases-queue")
    seen = httpx.get(f"{gw.url}/v1/appeals/{appeal['id']}", headers={"authorization": f"Bearer {key}"}).json()
    assert seen["status"] == "accepted" and seen["note"] == "Confirmed a family card; access restored."
    deadline = time.monotonic() + 5
    while chat(gw, key).status_code != 200:  # taken out of the cluster's block
        assert time.monotonic() < deadline, "the accepted appeal did not restore access"
        time.sleep(0.1)
    assert chat(gw, NETWORK["dist-a"]).status_code == 403  # the rest of the cluster stays blocked
    page.context.close()
