"""The resolve stage: the entity behind a request from account, attribution, IP and known links."""

from __future__ import annotations

import pytest

from moat.context import RequestContext, ResolvedEntity
from moat.identity.attribution import Attribution
from moat.identity.linking import Linker
from moat.identity.models import Account, Organization, Ownership
from moat.identity.resolve import Resolver

RIVAL = Organization("rival-labs", name="Rival Labs", domains=("rivallabs.com",), ip_ranges=("203.0.113.0/24",),
                     payment_fingerprints=("pf_rival",), sso_tenants=("rival.okta.com",), aliases=("RL",),
                     restricted=True)
SUB = Organization("rival-sub", name="Rival Sub", domains=("rivalsub.ai",), owners=(Ownership("rival-labs", 0.7),))
IDE = Organization("ide-co", name="IDE Co", domains=("ide.dev",))
ACME = Organization("acme", name="Acme", domains=("acme.com",), ip_ranges=("198.51.100.0/24",))
ORGS = [RIVAL, SUB, IDE, ACME]


def signed(org: str | None = None, domain: str | None = None, platform: str = "ide") -> Attribution:
    return Attribution("signed", "moat-attribution", "u1", platform, org, domain, 0.0, 60.0, "n")


def test_account_organization_and_email_domain() -> None:
    r = Resolver(ORGS)
    e = r.resolve(account=Account("a1", email="x@acme.com", org_id="acme"), org=ACME)
    assert (e.org_id, e.restricted, e.confidence) == ("acme", False, 0.98)
    e = r.resolve(account=Account("a2", email="x@eng.rivalsub.ai", verified=True))
    assert (e.org_id, e.restricted, e.confidence) == ("rival-sub", True, 0.9)
    e = r.resolve(account=Account("a3", email="x@eng.rivalsub.ai"))
    assert (e.org_id, e.confidence) == ("rival-sub", 0.6)
    assert e.evidence[0] == "account unverified email domain eng.rivalsub.ai belongs to rival-sub"
    assert any("owned > 50%" in x for x in e.evidence)


def test_rival_on_personal_account_paid_with_rival_card() -> None:
    e = Resolver(ORGS).resolve(account=Account("p1", email="me@gmail.com", payment_fingerprint="pf_rival"))
    assert (e.org_id, e.restricted) == ("rival-labs", True)
    assert "payment instrument pf_rival" in e.evidence[0]


def test_personal_account_linked_through_a_shared_card() -> None:
    linker = Linker(ORGS)
    linker.add_account({"account_id": "emp", "email": "x@rivallabs.com", "payment_fingerprint": "pf9"})
    r = Resolver(ORGS)
    alt = Account("alt", email="me@gmail.com", payment_fingerprint="pf9")
    assert r.resolve(account=alt).org_id is None
    linker.add_account({"account_id": "alt", "email": "me@gmail.com", "payment_fingerprint": "pf9"})
    assert set(r.learn(linker, "alt")) == {"emp", "alt"}
    e = r.resolve(account=alt)  # the first request after the link exists
    assert (e.org_id, e.restricted) == ("rival-labs", True)
    assert "shares payment instrument pf9 with emp" in e.evidence[0]


def test_rival_through_a_platform_token() -> None:
    r = Resolver(ORGS)
    ide_account, ide_org = Account("acct_ide", email="ops@ide.dev", org_id="ide-co"), IDE
    e = r.resolve(account=ide_account, org=ide_org, attribution=signed(domain="rivallabs.com"))
    assert (e.org_id, e.restricted) == ("rival-labs", True)
    assert e.evidence == ["platform ide attests end-user email domain rivallabs.com"]
    e = r.resolve(account=ide_account, org=ide_org, attribution=signed(org="Rival Labs"))
    assert e.org_id == "rival-labs"
    e = r.resolve(account=ide_account, org=ide_org, attribution=signed(org="acme"))
    assert (e.org_id, e.restricted) == ("acme", False)  # the end user's org, not the platform's
    e = r.resolve(account=ide_account, org=ide_org, attribution=signed(domain="unknown.example"))
    assert e.org_id == "ide-co"


def test_platform_egress_ip_is_ignored_for_signed_end_users() -> None:
    r = Resolver(ORGS)
    e = r.resolve(account=Account("acct_ide", org_id="ide-co"), org=IDE, attribution=signed(org="acme"),
                  client_ip="203.0.113.5")
    assert e.org_id == "acme" and not e.restricted


def test_client_ip_only_corroborates() -> None:
    r = Resolver(ORGS)
    e = r.resolve(account=Account("c1", email="me@gmail.com"), client_ip="203.0.113.5")
    assert e.org_id is None and e.confidence == pytest.approx(0.35)
    low = Attribution("low", "user", "sha256:x", None, None, "rivallabs.com")
    e = r.resolve(account=Account("c1", email="me@gmail.com"), attribution=low, client_ip="203.0.113.5")
    assert (e.org_id, e.restricted) == ("rival-labs", True)
    assert e.confidence == pytest.approx(1 - 0.6 * 0.65, abs=1e-3)
    e = r.resolve(account=Account("c1", email="me@gmail.com"), attribution=low)
    assert e.org_id is None  # unsigned alone never restricts


def test_restricted_candidate_wins_over_harmless_one() -> None:
    r = Resolver(ORGS)
    e = r.resolve(account=Account("x", email="x@acme.com", org_id="acme", sso_tenant="rival.okta.com"), org=ACME)
    assert (e.org_id, e.restricted) == ("rival-labs", True)


def test_nothing_known() -> None:
    r = Resolver(ORGS)
    e = r.resolve(account=Account("n", email="n@gmail.com"), client_ip="8.8.8.8")
    assert (e.org_id, e.confidence, e.restricted, e.evidence) == (None, 0.0, False, [])
    assert r.resolve().org_id is None


def test_account_cache_follows_the_account_record() -> None:
    r = Resolver(ORGS)
    assert r.resolve(account=Account("z", email="z@gmail.com")).org_id is None
    assert r.resolve(account=Account("z", email="z@acme.com")).org_id == "acme"  # new record, new evidence


def test_resolve_context() -> None:
    r = Resolver(ORGS)
    ctx = RequestContext("req", 0.0, "/v1/messages", "anthropic", client_ip="198.51.100.9",
                         account=Account("q", email="q@acme.com"))
    entity = r.resolve_context(ctx)
    assert ctx.entity is entity and entity.org_id == "acme"
    assert any("client IP 198.51.100.9" in x for x in entity.evidence)


def test_entities_jsonl_dicts_are_accepted() -> None:
    r = Resolver([{"org_id": "rival-labs", "restricted": True, "domains": ["rivallabs.com"]}])
    assert r.resolve(account=Account("a", email="a@rivallabs.com")).restricted


def test_resolve_context_reads_the_attribute_stage_fields() -> None:
    r = Resolver(ORGS)
    ctx = RequestContext("req", 0.0, "/v1/messages", "anthropic", account=Account("acct_ide", org_id="ide-co"),
                         org=IDE, channel="platform", platform="ide", end_user_id="u1",
                         end_user_org="rivallabs.com", attribution_trust="signed")
    assert r.resolve_context(ctx).org_id == "rival-labs" and ctx.entity.restricted
    ctx.attribution_trust, ctx.entity = "low", ResolvedEntity()
    assert r.resolve_context(ctx).org_id == "ide-co"  # unsigned claims only corroborate


def test_a_listed_range_many_unrelated_accounts_call_from_renews_no_old_work_email() -> None:
    """At request time as in linking: the rival lists a gateway node that twenty unrelated accounts
    call through. A former employee's account (the rival's email, made two years ago) calling
    through it is a weak tie, not a refusal; on a replica that has seen no one else there yet, the
    range counts as the rival's own and renews it."""
    import time

    old = Account("old", email="x@rivallabs.com", verified=True, created_at=time.time() - 2 * 365 * 86400)
    fresh = Resolver(ORGS)
    assert fresh.resolve(account=old, client_ip="203.0.113.7").restricted
    r = Resolver(ORGS)
    for i in range(20):
        r.resolve(account=Account(f"u{i}", email=f"u{i}@example.org"), client_ip=f"203.0.113.{100 + i}")
    e = r.resolve(account=old, client_ip="203.0.113.7")
    assert e.org_id is None and not e.restricted and e.confidence < 0.5, e
    assert "nothing current renews it" in e.evidence[0]


def test_an_old_work_email_nothing_renews_does_not_refuse() -> None:
    """As the linker weighs it: a rival's email on an account made two years ago, with nothing
    current beside it, is a weak tie at request time; a request from the rival's network, the
    rival's card or a young account resolves to the rival."""
    import time

    r = Resolver(ORGS)
    two_years_ago = time.time() - 2 * 365 * 86400
    old = Account("old", email="x@rivallabs.com", verified=True, created_at=two_years_ago)
    e = r.resolve(account=old, client_ip="192.0.2.7")
    assert e.org_id is None and not e.restricted and e.confidence < 0.5
    assert "nothing current renews it" in e.evidence[0]
    e = r.resolve(account=old, client_ip="203.0.113.7")
    assert (e.org_id, e.restricted) == ("rival-labs", True)
    paid = Account("paid", email="x@rivallabs.com", verified=True, created_at=two_years_ago,
                   payment_fingerprint="pf_rival")
    e = r.resolve(account=paid)
    assert (e.org_id, e.restricted) == ("rival-labs", True) and e.confidence > 0.95
    young = Account("young", email="x@rivallabs.com", verified=True, created_at=time.time() - 30 * 86400)
    e = r.resolve(account=young)
    assert (e.org_id, e.restricted) == ("rival-labs", True) and e.confidence > 0.85
