"""The console shows decisions as they were (issue 13 item 4), in headless Chromium against a real
gateway: a redacted request reads as redacted on the overview, the account page and the audit log;
an ordinary allowed request is never shown as throttled; every link on the overview lands on a page
filtered as the link says; no table cell is blank (a "—" says why in its title); an organization
lists its declared and linked accounts with evidence; and no page scrolls sideways at 390 px.
Screenshots go to tests/artifacts/screenshots/."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from tests.console.helpers import USERS
from tests.e2e.conftest import NETWORK, shot, signed_in
from tests.gateway.conftest import (
    ADMIN_TOKEN,
    BOB_KEY,
    DAVE_KEY,
    ERIN_KEY,
    FRANK_KEY,
    GINA_KEY,
    GatewayProcess,
)

# Added to the running gateway's bundle (hot reload): a capped and a shadowed kind of request.
EXTRA_POLICY = """
rules:
  - {id: e2e-cap, when: 'account.id == "gina"', effect: cap, max_tokens: 50, reason: short_answers,
     message: "Answers are capped."}
  - {id: e2e-shadow, when: 'account.id == "dist-c"', effect: deny, mode: shadow, reason: would_pause,
     message: "Would be paused."}
"""
FINDINGS = [{"account_id": "dave", "risk": 0.91, "scores": {"distillation": 0.91}, "cluster_id": None,
             "linked_org": None, "evidence": ["reasoning requested on every call"]}]
# Cells with no text are refused unless they hold a control; a lone "—" must say why (a title).
BLANK_CELLS = """() => Array.from(document.querySelectorAll('td')).filter(td => {
  const text = td.innerText.trim();
  const control = td.querySelector('input:not([type=hidden]), select, button, textarea, svg, img');
  if (!text) return !control;
  return text === '—' && !td.title && !td.querySelector('[title]');
}).map(td => (td.closest('tr') || td).innerText.slice(0, 160))"""
# Is the filter `name=value` applied on this page: a field holding it, or the current tab naming it?
APPLIED = """([name, value]) => {
  for (const el of document.querySelectorAll(`[name="${name}"]`)) if (el.value === value) return true;
  for (const a of document.querySelectorAll('a[aria-current], a.active')) {
    const href = a.getAttribute('href') || '';
    if (new URL(href, location.href).searchParams.get(name) === value) return true;
  }
  return false;
}"""
WIDE = "() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"


def _post_chat(gw: GatewayProcess, key: str, **extra: Any) -> httpx.Response:
    return httpx.post(f"{gw.url}/v1/chat/completions", headers={"authorization": f"Bearer {key}"}, timeout=10,
                      json={"model": "moat-demo", "messages": [{"role": "user", "content": "Explain B-trees."}],
                            **extra})


@pytest.fixture(scope="module")
def traffic(gw: GatewayProcess) -> Iterator[dict[str, Any]]:
    """A request of every kind, recorded, plus a case and an appeal so their pages have rows."""
    (gw.home / "policies" / "zz-e2e.yaml").write_text(EXTRA_POLICY)
    time.sleep(2.5)  # the gateway's hot reload puts it in force within about a second
    assert _post_chat(gw, GINA_KEY).status_code == 200  # capped
    assert _post_chat(gw, NETWORK["dist-c"]).status_code == 200  # shadowed
    redacted = _post_chat(gw, DAVE_KEY, reasoning_effort="high")
    assert redacted.status_code == 200 and "reasoning_content" not in redacted.text
    assert _post_chat(gw, "sk-test-alice-000000000000000000").status_code == 200
    erin = [_post_chat(gw, ERIN_KEY).status_code for _ in range(5)]
    assert 429 in erin and 200 in erin
    assert _post_chat(gw, FRANK_KEY).status_code == 200  # warned
    assert _post_chat(gw, "sk-test-nobody-00000000000000000").status_code == 401  # rejected
    denied = _post_chat(gw, BOB_KEY)
    assert denied.status_code == 403
    decision_id = denied.headers["moat-decision-id"]
    deadline = time.monotonic() + 10
    while True:  # the decision is recorded a moment after the refusal
        r = httpx.post(f"{gw.url}/v1/appeals", headers={"authorization": f"Bearer {BOB_KEY}"}, timeout=10,
                       json={"decision_id": decision_id, "message": "I left Rival Labs in May."})
        if r.status_code == 201:
            break
        assert time.monotonic() < deadline, r.text
        time.sleep(0.2)
    imported = httpx.post(f"{gw.url}/admin/cases/import-findings", timeout=10,
                          headers={"authorization": f"Bearer {ADMIN_TOKEN}"},
                          json={"threshold": 0.8, "findings": FINDINGS})
    assert imported.status_code == 200, imported.text
    yield {"case": imported.json()["opened"][0], "appeal": r.json()["id"]}


@pytest.fixture(scope="module")
def page(browser: Any, gw: GatewayProcess, traffic: dict[str, Any]) -> Iterator[Any]:
    p = signed_in(browser, gw, *USERS["admin"])
    deadline = time.monotonic() + 10
    while True:  # every record is in the store (the write-ahead log drains every 50 ms)
        p.goto(f"{gw.url}/console/accounts/dave")
        if p.locator("[data-outcome=redacted]").count():
            break
        assert time.monotonic() < deadline, "dave's redacted request was never recorded"
        time.sleep(0.2)
    yield p
    p.context.close()


def _outcomes(page: Any) -> list[str]:
    return [str(x) for x in page.locator("table [data-outcome]").evaluate_all(
        "els => els.map(e => e.dataset.outcome)")]


def test_redacted_request_shows_as_redacted(page: Any, gw: GatewayProcess) -> None:
    page.goto(f"{gw.url}/console/?window=1h")
    bars = page.locator("svg").evaluate_all("els => els.map(e => e.textContent).join(' ')")
    assert "redacted:distillation_risk" in bars
    assert page.locator("a[href^='/console/audit?log=decisions&since='][href$='&outcome=redacted%3Adistillation_risk']"
                        ).count() == 1
    page.goto(f"{gw.url}/console/accounts/dave")
    assert "redacted" in _outcomes(page)
    shot(page, "30-account-redacted")
    page.goto(f"{gw.url}/console/audit?account_id=dave")
    assert "redacted" in _outcomes(page)
    page.goto(f"{gw.url}/console/audit?outcome=redacted")
    kinds = _outcomes(page)
    assert kinds and set(kinds) == {"redacted"}
    assert "dave" in page.locator("table").inner_text()
    shot(page, "31-audit-redacted")


def test_allowed_request_is_not_shown_as_throttled(page: Any, gw: GatewayProcess) -> None:
    for path in ("/console/accounts/alice", "/console/audit?account_id=alice"):
        page.goto(gw.url + path)
        kinds = _outcomes(page)
        assert kinds and set(kinds) == {"allowed"}, (path, kinds)
        assert "throttle" not in page.locator("table").last.inner_text(), path
    page.goto(f"{gw.url}/console/accounts/erin")  # a request refused by its limit is throttled
    kinds = _outcomes(page)
    assert "throttled" in kinds and "allowed" in kinds



def test_capped_warned_and_shadowed_requests_say_so(page: Any, gw: GatewayProcess) -> None:
    for account, kind, reason in (("gina", "capped", "short_answers"), ("frank", "warned", "heads_up"),
                                  ("dist-c", "shadowed", "e2e-shadow:deny")):
        for path in (f"/console/accounts/{account}", f"/console/audit?account_id={account}"):
            page.goto(gw.url + path)
            assert kind in _outcomes(page), (path, _outcomes(page))
            assert reason in page.locator("table").last.inner_text(), path


def test_every_overview_link_lands_filtered(page: Any, gw: GatewayProcess) -> None:
    page.goto(f"{gw.url}/console/?window=1h")
    hrefs = sorted(set(page.locator("a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")))
    outcome_links = [h for h in hrefs if "outcome=" in h]
    assert outcome_links and any(h.startswith("/console/accounts/") for h in hrefs)  # bars and top-risk rows
    for href in hrefs:
        response = page.goto(gw.url + href)
        assert response is not None and response.status == 200, href
        url = urlsplit(href)
        for name, value in parse_qsl(url.query):
            assert page.evaluate(APPLIED, [name, value]), f"{href}: filter {name}={value} not applied"
        params = dict(parse_qsl(url.query))
        if "outcome" in params:
            kind, _, reason = params["outcome"].partition(":")
            rows = page.locator("table tbody tr:has([data-outcome])")
            assert rows.count() > 0, f"{href}: the overview counted requests the audit log does not show"
            for row in rows.all():
                assert row.locator("[data-outcome]").get_attribute("data-outcome") == kind, href
                if reason:
                    assert reason in row.inner_text(), href
        if url.path.startswith("/console/accounts/"):
            assert url.path.rsplit("/", 1)[-1] in page.locator("h1").inner_text(), href


def _pages(traffic: dict[str, Any]) -> list[str]:
    return ["/console/", "/console/?window=30d", "/console/accounts", "/console/accounts/dave",
            "/console/accounts/alice", "/console/accounts/bob", "/console/accounts/erin", "/console/accounts/dist-a",
            "/console/orgs", "/console/orgs/acme", "/console/orgs/rival", "/console/orgs/rival-sub",
            "/console/cases?status=all", f"/console/cases/{traffic['case']}", "/console/appeals?status=all",
            f"/console/appeals/{traffic['appeal']}", "/console/detectors", "/console/policies", "/console/audit",
            "/console/audit?log=admin", "/console/audit?outcome=throttled", "/console/feed", "/console/users",
            "/console/no-such-page"]


def test_no_table_cell_is_blank(page: Any, gw: GatewayProcess, traffic: dict[str, Any]) -> None:
    for path in _pages(traffic):
        page.goto(gw.url + path)
        blank = page.evaluate(BLANK_CELLS)
        assert not blank, f"{path}: cells without a value or a reason: {blank}"


def test_organization_lists_declared_and_linked_accounts(page: Any, gw: GatewayProcess) -> None:
    page.goto(f"{gw.url}/console/orgs/acme")
    declared = page.locator("#members tr[data-how=declared]").all_inner_texts()
    assert {"alice", "dave", "erin", "frank"} <= {row.split()[0] for row in declared}
    page.goto(f"{gw.url}/console/orgs/rival")
    linked = page.locator("#members tr[data-how=linked], #members tr[data-how=candidate]")
    assert linked.count() >= 1
    rows = {r.split()[0]: r for r in linked.all_inner_texts()}
    assert "mallory" in rows and "card-rival-corp" in rows["mallory"], rows  # its evidence, not just a name
    shot(page, "32-org-linked")


def test_no_page_scrolls_sideways_at_phone_width(browser: Any, gw: GatewayProcess, traffic: dict[str, Any],
                                                 page: Any) -> None:
    phone = browser.new_context(viewport={"width": 390, "height": 844}, storage_state=page.context.storage_state())
    tab = phone.new_page()
    wide = []
    for path in [*_pages(traffic), "/console/policies?file=restricted.yaml"]:
        tab.goto(gw.url + path)
        if not tab.evaluate(WIDE):
            wide.append((path, tab.evaluate("() => document.scrollingElement.scrollWidth")))
    shot(tab, "33-phone-last")
    tab.goto(f"{gw.url}/console/accounts/dave")
    shot(tab, "34-phone-account")
    signed_out = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    signed_out.goto(f"{gw.url}/console/signin")
    if not signed_out.evaluate(WIDE):
        wide.append(("/console/signin", 0))
    signed_out.context.close()
    phone.close()
    assert not wide, f"pages wider than 390 px: {wide}"


def test_policies_page_names_an_unreadable_file(page: Any, gw: GatewayProcess) -> None:
    bad = gw.home / "policies" / "zz-latin1.yaml"
    bad.write_bytes(b"rules:\n  - id: caf\xe9\n")
    try:
        response = page.goto(f"{gw.url}/console/policies")
        assert response is not None and response.status == 200
        alert = page.locator(".alert.bad").inner_text()
        assert "zz-latin1.yaml" in alert and "not UTF-8" in alert, alert
        assert page.locator("table").count() >= 1  # the bundle in force is still shown
    finally:
        bad.unlink()

