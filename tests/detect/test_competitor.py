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


def test_a_contractor_several_of_whose_accounts_the_rival_pays_for_carries_a_weak_tie() -> None:
    """Eight accounts on a contractor's own domain, two paid with the rival's card: the other six
    rank as weakly tied (named evidence, never flagged or linked on it). One tied account of a
    firm, or one in twenty of a webmail domain nobody listed, passes nothing on."""
    firm = [{"account_id": f"c{i}", "email": f"dev{i}@bluefin-devs.example", "declared_company": "Bluefin Devs",
             "payment_fingerprint": "pf_rival" if i < 2 else f"pf_c{i}"} for i in range(8)]
    solo = [{"account_id": f"s{i}", "email": f"eng{i}@tandem.example",
             "payment_fingerprint": "pf_rival" if i == 0 else f"pf_s{i}"} for i in range(4)]
    mail = [{"account_id": f"w{i}", "email": f"user{i}@webmail.example",
             "payment_fingerprint": "pf_rival" if i < 2 else f"pf_w{i}"} for i in range(20)]
    f = findings(firm + solo + mail, [])
    assert f["c0"]["linked_org"] == "rival-labs"
    for i in range(2, 8):
        got = f[f"c{i}"]
        assert 0.25 <= got["scores"]["competitor"] < 0.5, got
        assert got["linked_org"] is None and got["risk"] < 0.5
        assert any("bluefin-devs.example" in e and "2 of them tied to restricted organization rival-labs" in e
                   for e in got["evidence"]), got["evidence"]
    assert all(f[f"s{i}"]["scores"]["competitor"] == 0.0 for i in range(1, 4))
    assert all(f[f"w{i}"]["scores"]["competitor"] == 0.0 for i in range(2, 20))
