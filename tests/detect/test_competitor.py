"""Competitor affiliation comes from linking (moat.identity.linking), through the engine."""

from __future__ import annotations

from moat.detect.engine import Engine

from .helpers import T0, request

RIVAL = {"org_id": "rival-labs", "name": "Rival Labs", "restricted": True, "domains": ["rival-labs.ai"],
         "ip_ranges": ["203.0.113.0/24"], "payment_fingerprints": ["pf_rival"], "sso_tenants": ["rival.okta.com"]}
ACME = {"org_id": "acme", "name": "Acme", "restricted": False, "domains": ["acme.com"], "ip_ranges": [],
        "payment_fingerprints": [], "sso_tenants": []}


def findings(accounts: list[dict], reqs: list[dict]) -> dict[str, dict]:
    engine = Engine([RIVAL, ACME])
    for a in accounts:
        engine.add_account(a)
    for r in reqs:
        engine.add_request(r)
    return {f["account_id"]: f for f in engine.findings()}


def test_personal_account_paid_with_the_rivals_card_is_linked_and_scored() -> None:
    f = findings([{"account_id": "p", "email": "joe@gmail.com", "payment_fingerprint": "pf_rival"}], [])
    assert f["p"]["linked_org"] == "rival-labs"
    assert f["p"]["scores"]["competitor"] >= 0.5 and f["p"]["risk"] >= 0.5
    assert any("rival-labs" in e for e in f["p"]["evidence"])


def test_rival_end_users_behind_a_platform_are_linked() -> None:
    reqs = [request("ide", T0 + i, "refactor this", channel="platform", platform="ide",
                    end_user_org="rival-labs.ai", end_user_id="u1") for i in range(10)]
    f = findings([{"account_id": "ide", "email": "dev@gmail.com"}], reqs)
    assert f["ide"]["linked_org"] == "rival-labs"
    assert f["ide"]["scores"]["competitor"] >= 0.5


def test_gmail_and_a_benign_company_are_not_competitors() -> None:
    f = findings([{"account_id": "g", "email": "ann@gmail.com"}, {"account_id": "c", "email": "bob@acme.com"}], [])
    assert f["g"]["scores"]["competitor"] == 0.0 and f["g"]["linked_org"] is None
    assert f["c"]["scores"]["competitor"] == 0.0 and f["c"]["linked_org"] == "acme"
