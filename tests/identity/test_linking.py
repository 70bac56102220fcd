"""Linking: evidence kinds, guards against false links, clusters, incremental updates."""

from __future__ import annotations

import pytest

from moat.identity.linking import Linker, LinkingConfig
from moat.identity.linking_index import (
    CidrIndex,
    OrgIndex,
    is_personal_domain,
    parse_ip,
    restricted_by_ownership,
)

RIVAL = {"org_id": "rival-labs", "name": "Rival Labs", "restricted": True, "domains": ["rivallabs.com"],
         "ip_ranges": ["203.0.113.0/24", "2001:db8:77::/48"], "payment_fingerprints": ["pf_rival"],
         "sso_tenants": ["rival.okta.com"], "aliases": ["RL"]}
ACME = {"org_id": "acme", "name": "Acme Inc", "domains": ["acme.com", "gmail.com"],
        "ip_ranges": ["198.51.100.0/24"]}


def linker(*extra: dict, config: LinkingConfig | None = None) -> Linker:
    return Linker([RIVAL, ACME, *extra], config)


def test_cidr_index_longest_prefix_v4_v6_and_mapped() -> None:
    index: CidrIndex[str] = CidrIndex()
    index.add("10.0.0.0/8", "big")
    index.add("10.1.0.0/16", "mid")
    index.add("10.1.2.3/32", "host")
    index.add("2001:db8::/32", "v6")
    index.add("10.1.0.0/16", "also-mid")
    assert index.lookup("10.9.9.9") == ("10.0.0.0/8", ("big",))
    assert index.lookup("10.1.9.9") == ("10.1.0.0/16", ("mid", "also-mid"))
    assert index.lookup("10.1.2.3") == ("10.1.2.3/32", ("host",))
    assert index.lookup("::ffff:10.1.9.9") == ("10.1.0.0/16", ("mid", "also-mid"))
    assert index.lookup("2001:db8:1::5") == ("2001:db8::/32", ("v6",))
    assert index.lookup("11.0.0.1") is None
    assert index.lookup("2001:db9::1") is None
    assert index.lookup("not-an-ip") is None
    assert index.lookup("1.2.3") is None
    with pytest.raises(ValueError):
        index.add("10.0.0.0/33", "x")


def test_cidr_index_matches_ipaddress_on_random_blocks() -> None:
    import ipaddress
    import random

    rnd = random.Random(3)
    nets = [ipaddress.ip_network(f"{rnd.randrange(1, 255)}.{rnd.randrange(256)}.0.0/{rnd.randrange(8, 25)}",
                                 strict=False) for _ in range(200)]
    index: CidrIndex[int] = CidrIndex()
    for i, net in enumerate(nets):
        index.add(str(net), i)
    for _ in range(2000):
        ip = ipaddress.ip_address(rnd.getrandbits(32))
        containing = [n for n in nets if ip in n]
        hit = index.lookup(str(ip))
        if not containing:
            assert hit is None
        else:
            best = max(n.prefixlen for n in containing)
            assert hit is not None and hit[0] == str(next(n for n in containing if n.prefixlen == best))


def test_parse_ip() -> None:
    assert parse_ip("1.2.3.4") == (4, 0x01020304)
    assert parse_ip("::1") == (6, 1)
    assert parse_ip("") is None and parse_ip("999.1.1.1") is None


def test_personal_domains_never_link() -> None:
    assert is_personal_domain("gmail.com") and is_personal_domain("mail.yahoo.co.jp")
    assert is_personal_domain("QQ.com") and is_personal_domain("proton.me")
    assert not is_personal_domain("rivallabs.com")
    link = linker()
    link.add_account({"account_id": "a", "email": "someone@gmail.com"})  # acme lists gmail.com: ignored
    assert link.link_for("a").org_id is None  # type: ignore[union-attr]


@pytest.mark.parametrize(("account", "expected", "fragment"), [
    ({"email": "x@rivallabs.com"}, "rival-labs", "verified email domain rivallabs.com"),
    ({"email": "x@ml.eng.rivallabs.com"}, "rival-labs", "subdomain of rivallabs.com"),
    ({"email": "x@gmail.com", "sso_tenant": "Rival.Okta.com"}, "rival-labs", "SSO tenant"),
    ({"email": "x@gmail.com", "payment_fingerprint": "pf_rival"}, "rival-labs", "payment instrument pf_rival"),
    ({"email": "x@gmail.com", "org_id": "acme"}, "acme", "declares organization acme"),
    ({"email": "x@rivallabs.com", "verified": False}, "rival-labs", "unverified email domain"),
    ({"email": "x@gmail.com", "declared_company": "Rival Labs, Inc."}, None, "declared company"),
])
def test_account_to_org_evidence(account: dict, expected: str | None, fragment: str) -> None:
    link = linker()
    link.add_account({"account_id": "a", **account})
    result = link.link_for("a")
    assert result is not None
    assert result.org_id == expected
    assert any(fragment in e for e in result.evidence), result.evidence
    if expected == "rival-labs":
        assert result.restricted and result.restricted_score >= 0.5


def test_declared_company_corroborates() -> None:
    link = linker()
    link.add_account({"account_id": "a", "email": "x@gmail.com", "declared_company": "RL",
                      "signup_ip": "203.0.113.9"})
    result = link.link_for("a")
    assert result is not None and result.org_id == "rival-labs"
    assert result.confidence == pytest.approx(1 - (1 - 0.4) * (1 - 0.55), abs=1e-3)


def test_addresses_alone_are_a_weak_tie_never_a_link() -> None:
    link = linker()
    link.add_request({"account_id": "one", "ts": 1, "client_ip": "203.0.113.8"})
    one = link.link_for("one")
    passing = one.restricted_score if one is not None else 0.0
    assert one is not None and one.org_id is None and 0 < passing < 0.45
    for day in range(1, 4):  # based there, not passing through: more weight, still below the cap
        link.add_request({"account_id": "one", "ts": day * 86400 + 1, "client_ip": "203.0.113.8"})
    one = link.link_for("one")
    assert one is not None and passing < one.restricted_score < 0.45
    link.add_account({"account_id": "one", "email": "x@gmail.com", "signup_ip": "203.0.113.7"})
    one = link.link_for("one")  # signed up and calls from inside: still only addresses
    assert one is not None and one.org_id is None and not one.restricted
    assert 0.3 < one.confidence <= 0.45 and one.candidate_org == "rival-labs"
    assert any("addresses alone never link" in e for e in one.evidence)
    assert one.evidence[0].startswith("weak tie")
    # With corroboration of another kind, the same address counts in full.
    link.add_account({"account_id": "two", "email": "y@gmail.com", "signup_ip": "203.0.113.9",
                      "declared_company": "Rival Labs"})
    two = link.link_for("two")
    assert two is not None and two.org_id == "rival-labs" and two.restricted


def test_address_evidence_weighs_by_how_exclusive_the_range_is() -> None:
    link = linker()
    link.add_account({"account_id": "one", "email": "x@gmail.com", "signup_ip": "203.0.113.7"})
    alone = link.link_for("one").restricted_score  # type: ignore[union-attr]
    # The range turns out to be shared with 50 unrelated accounts (a cloud egress, a VPN exit).
    for i in range(50):
        link.add_account({"account_id": f"n{i}", "email": f"n{i}@gmail.com", "signup_ip": "203.0.113.200"})
        link.add_request({"account_id": f"n{i}", "ts": 1, "client_ip": f"203.0.113.{i + 1}"})
    crowd = link.link_for("n0")
    assert crowd is not None and crowd.org_id is None
    assert crowd.restricted_score < 0.15 < alone
    assert any("a range shared by 51 accounts of which 0 are otherwise tied to rival-labs: weak" in e
               for e in crowd.evidence), crowd.evidence
    # Platform relays egress for their users: their addresses say nothing about the user.
    link.add_request({"account_id": "ide", "ts": 1, "client_ip": "203.0.113.4", "channel": "platform"})
    ide = link.link_for("ide")
    assert ide is None or ide.restricted_score == 0.0


def test_a_range_where_most_accounts_are_tied_otherwise_is_exclusive() -> None:
    link = linker()
    for i in range(20):  # the rival's engineers, tied by their mailbox, all calling from the office
        link.add_account({"account_id": f"e{i}", "email": f"e{i}@rivallabs.com"})
        link.add_request({"account_id": f"e{i}", "ts": 1, "client_ip": f"203.0.113.{i + 1}"})
    for day in range(3):  # based there
        link.add_request({"account_id": "quiet", "ts": day * 86400 + 1, "client_ip": "203.0.113.77"})
    quiet = link.link_for("quiet")
    assert quiet is not None and quiet.org_id is None  # still addresses only: weak, not linked
    # but not diluted by the 20 colleagues: the range's purity is 21/22 with the prior
    cfg = link.config
    expected = cfg.address_only_cap * cfg.w_request_ip * (21 / 22) / cfg.ip_weight_cap
    assert quiet.restricted_score == pytest.approx(expected, abs=1e-3)


def test_ipv6_request_ips() -> None:
    link = linker()
    link.add_account({"account_id": "a", "email": "x@gmail.com", "signup_ip": "2001:db8:77::1",
                      "declared_company": "RL"})
    link.add_request({"account_id": "a", "ts": 1, "client_ip": "2001:db8:77::2"})
    a = link.link_for("a")
    assert a is not None and a.org_id == "rival-labs"
    assert any("2001:db8:77::2" in e for e in a.evidence)


def test_end_user_org_links_only_when_dominant() -> None:
    link = linker()
    for _ in range(5):
        link.add_request({"account_id": "direct", "ts": 1, "end_user_org": "rivallabs.com"})
    for i in range(20):
        link.add_request({"account_id": "ide", "ts": 1, "channel": "platform",
                          "end_user_org": "rivallabs.com" if i < 3 else f"org{i}.example"})
    assert link.link_for("direct").org_id == "rival-labs"  # type: ignore[union-attr]
    ide = link.link_for("ide")
    assert ide is not None and ide.org_id is None  # a platform relaying for many orgs is none of them
    link.add_request({"account_id": "eu", "ts": 1, "channel": "platform", "end_user_org": "Rival Labs"})
    eu = link.link_for("eu")  # one end user's own account, seen through a platform
    assert eu is not None and (eu.org_id, eu.confidence) == ("rival-labs", 0.6)
    assert eu.evidence == ["attested end-user organization rival-labs on 1 of 1 requests"]


def test_shared_payment_links_accounts_and_inherits_org_transitively() -> None:
    link = linker()
    link.add_account({"account_id": "emp", "email": "x@rivallabs.com", "payment_fingerprint": "pf1"})
    link.add_account({"account_id": "alt", "email": "y@gmail.com", "payment_fingerprint": "pf1"})
    link.add_account({"account_id": "alt2", "email": "z@gmail.com", "device_fingerprint": "d9"})
    assert link.link_for("alt2").org_id is None  # type: ignore[union-attr]
    link.add_request({"account_id": "alt", "ts": 1, "device_fingerprint": "d9"})  # incremental
    alt2 = link.link_for("alt2")
    assert alt2 is not None and alt2.org_id == "rival-labs" and alt2.restricted
    assert alt2.confidence == pytest.approx(0.9 * 0.9 * 0.8, abs=1e-3)
    assert "shares device fingerprint d9 with alt" in alt2.evidence[0]
    assert link.cluster_account_ids("alt2") == ["emp", "alt", "alt2"]  # in order of arrival
    result = link.result()
    cluster = result.clusters[result.accounts["emp"].cluster_id]  # type: ignore[index]
    assert cluster.account_ids == ["emp", "alt", "alt2"] and cluster.org_id == "rival-labs"
    assert {(x.kind, x.value) for x in cluster.links} == {("payment", "pf1"), ("device", "d9")}
    assert cluster.restricted


def test_generic_device_fingerprint_stops_linking() -> None:
    link = linker(config=LinkingConfig(max_group=(200, 0, 5)))
    link.add_account({"account_id": "emp", "email": "x@rivallabs.com"})
    for i in range(3):
        link.add_request({"account_id": f"u{i}", "ts": 1, "device": "chrome"})
    link.add_request({"account_id": "emp", "ts": 1, "device": "chrome"})
    assert link.link_for("u0").org_id == "rival-labs"  # type: ignore[union-attr]
    for i in range(3, 10):
        link.add_request({"account_id": f"u{i}", "ts": 1, "device": "chrome"})
    assert link.link_for("u0").org_id is None  # type: ignore[union-attr]
    result = link.result()  # the union-find was rebuilt without the generic identifier
    assert result.accounts["u0"].cluster_id is None and not result.clusters


def test_threshold_is_configurable() -> None:
    strict = linker(config=LinkingConfig(threshold=0.95))
    strict.add_account({"account_id": "a", "email": "x@rivallabs.com"})
    assert strict.link_for("a").org_id is None  # type: ignore[union-attr]
    assert strict.link_for("a").candidate_org == "rival-labs"  # type: ignore[union-attr]


def test_ownership_propagation() -> None:
    entities = [
        RIVAL,
        {"org_id": "sub", "owners": [{"owner_id": "rival-labs", "share": 0.6}], "domains": ["sub.ai"]},
        {"org_id": "subsub", "owners": [["sub", 0.51]], "domains": ["subsub.ai"]},
        {"org_id": "half", "owners": {"rival-labs": 0.5}, "domains": ["half.ai"]},
        {"org_id": "x", "restricted": True},
        {"org_id": "joint", "owners": [{"owner_id": "rival-labs", "share": 30}, {"owner_id": "x", "share": 30}]},
        {"org_id": "cyc1", "owners": [{"owner_id": "cyc2", "share": 0.9}]},
        {"org_id": "cyc2", "owners": [{"owner_id": "cyc1", "share": 0.9}]},
    ]
    index = OrgIndex.build(entities)
    assert {o for o, i in index.orgs.items() if i.restricted} == {"rival-labs", "sub", "subsub", "x", "joint"}
    assert "sub 51%" in index.orgs["subsub"].restricted_reason
    link = Linker(index)
    link.add_account({"account_id": "a", "email": "dev@subsub.ai"})
    result = link.link_for("a")
    assert result is not None and result.restricted and result.org_id == "subsub"
    assert any("owned > 50%" in e for e in result.evidence)
    link.add_account({"account_id": "b", "email": "dev@half.ai"})
    assert not link.link_for("b").restricted  # type: ignore[union-attr]


def test_ownership_agrees_with_directory() -> None:
    directory = pytest.importorskip("moat.identity.directory")
    from moat.identity.models import Organization, Ownership

    orgs = [Organization("r", restricted=True), Organization("a", owners=(Ownership("r", 0.6),)),
            Organization("b", owners=(Ownership("a", 0.3), Ownership("r", 0.25))),
            Organization("c", owners=(Ownership("r", 0.5),))]
    ours = {o for o, info in OrgIndex.build(orgs).orgs.items() if info.restricted}
    assert ours == set(directory.effective_restrictions(orgs))


def test_restricted_by_ownership_exact_half_does_not_restrict() -> None:
    reasons = restricted_by_ownership({"r": True, "c": False}, {"c": [("r", 0.5)]})
    assert "c" not in reasons


def test_account_seen_only_through_requests() -> None:
    link = linker()
    link.add_request({"account_id": "ghost", "ts": 1, "client_ip": "1.1.1.1"})
    result = link.result()
    assert result.accounts["ghost"].org_id is None


def test_directory_account_records_are_accepted() -> None:
    from moat.identity.models import Account

    link = linker()
    link.add_account(Account("d1", email="x@gmail.com", payment_fingerprint="pf_rival"))
    link.add_account(Account("d2", email="x@rivallabs.com", verified=False))
    assert link.link_for("d1").org_id == "rival-labs"  # type: ignore[union-attr]
    assert link.link_for("d2").confidence == 0.6  # type: ignore[union-attr]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("caps", [(0, 0, 0), (12, 0, 6)])
def test_clusters_agree_with_shared_identifiers(seed: int, caps: tuple[int, int, int]) -> None:
    """Union-find clusters == components of the shared-identifier graph (incremental, and after a
    rebuild when identifiers turn generic)."""
    import random

    rnd = random.Random(seed)
    link = linker(config=LinkingConfig(max_group=caps))
    for i in range(400):
        link.add_account({"account_id": f"a{i}", "email": f"u{i}@gmail.com",
                          "payment_fingerprint": f"pf{rnd.randrange(250)}",
                          "sso_tenant": f"t{rnd.randrange(300)}.okta.com" if rnd.random() < 0.3 else None})
        link.add_request({"account_id": f"a{rnd.randrange(i + 1)}", "ts": 1, "device": f"d{rnd.randrange(120)}"})
    result = link.result()
    for cluster in result.clusters.values():
        members = set(cluster.account_ids)
        for shared in cluster.links:
            assert set(shared.account_ids) <= members, (cluster.cluster_id, shared)
        assert set(link.cluster_account_ids(cluster.account_ids[0])) == members
    for account in result.accounts.values():
        component = link.cluster_account_ids(account.account_id)
        assert (account.cluster_id is None) == (len(component) == 1)


def test_signup_time_evidence_ages_a_former_employee_is_a_weak_tie() -> None:
    """A signup from the rival's office and its name typed in at signup, two years before the
    traffic: people change jobs, so it no longer links (the same evidence on a new account does)."""
    year = 365 * 86400.0
    link = linker()
    for aid, created in (("old", 0.0), ("new", 2 * year - 86400)):
        link.add_account({"account_id": aid, "email": f"{aid}@gmail.com", "declared_company": "Rival Labs",
                          "signup_ip": "203.0.113.9", "created_at": created})
        link.add_request({"account_id": aid, "ts": 2 * year, "client_ip": "192.0.2.1"})
    old, new = link.link_for("old"), link.link_for("new")
    assert new is not None and new.org_id == "rival-labs"
    assert old is not None and old.org_id is None and old.restricted_score < 0.3
    assert any("at signup 2.0 years ago" in e for e in old.evidence), old.evidence


def test_many_addresses_inside_one_shared_range_are_one_piece_of_evidence() -> None:
    """A VPN user seen behind twenty exits of one listed range is as tied as one behind one exit."""
    link = linker()
    for i in range(30):  # the range is shared by unrelated accounts
        link.add_request({"account_id": f"n{i}", "ts": 1, "client_ip": f"203.0.113.{100 + i}"})
    for day in range(3):
        link.add_request({"account_id": "one", "ts": day * 86400 + 5, "client_ip": "203.0.113.1"})
        for i in range(7):
            ip = f"203.0.113.{10 + day * 7 + i}"
            link.add_request({"account_id": "many", "ts": day * 86400 + i, "client_ip": ip})
    one, many = link.link_for("one"), link.link_for("many")
    assert one is not None and many is not None
    assert many.restricted_score == pytest.approx(one.restricted_score, abs=1e-3)
    assert many.restricted_score < 0.1


def test_a_contractor_paid_with_the_rivals_card_is_linked_to_the_rival_and_names_its_employer() -> None:
    """The account's own company (its verified email domain) and the rival (its own card) both
    pass the threshold: the restricted organization is who is behind the account."""
    vendor = {"org_id": "vendor", "name": "Vendor Dev", "domains": ["vendordev.co"]}
    link = linker(vendor)
    link.add_account({"account_id": "c1", "email": "dev@vendordev.co", "payment_fingerprint": "pf_rival"})
    link.add_account({"account_id": "c2", "email": "dev2@vendordev.co"})
    c1, c2 = link.link_for("c1"), link.link_for("c2")
    assert c1 is not None and c1.org_id == "rival-labs" and c1.restricted
    assert any("is rival-labs's own" in e for e in c1.evidence)
    assert any(e.startswith("also tied to vendor") for e in c1.evidence)
    assert c2 is not None and c2.org_id == "vendor" and not c2.restricted  # the vendor's own staff


@pytest.mark.parametrize(("company", "weak_tie"), [
    ("Rival", True), ("Rival Research", True), ("rival labs gmbh", True), ("Rival AI Labs", True),
    ("Rival Travel", False),  # a namesake: "travel" says which Rival
    ("ex-Rival Labs", False), ("Labs", False), ("Arrival Labs", False),
])
def test_a_declared_company_matches_by_its_distinctive_name(company: str, weak_tie: bool) -> None:
    """"Rival Research" and "Rival" name Rival Labs (words that only say what kind of firm it is
    drop out); a declared name alone is a weak tie, never a link; a namesake matches nothing."""
    link = linker()
    link.add_account({"account_id": "a", "email": "x@gmail.com", "declared_company": company})
    result = link.link_for("a")
    assert result is not None and result.org_id is None
    if weak_tie:
        assert result.candidate_org == "rival-labs" and result.restricted_score == pytest.approx(0.4)
        assert any("declared company" in e for e in result.evidence)
    else:
        assert result.restricted_score == 0.0


def test_a_declared_company_by_its_distinctive_name_corroborates_the_office_range() -> None:
    link = linker()
    link.add_account({"account_id": "a", "email": "x@gmail.com", "declared_company": "Rival Research",
                      "signup_ip": "203.0.113.9"})
    result = link.link_for("a")
    assert result is not None and result.org_id == "rival-labs" and result.restricted
    assert any("by its distinctive name" in e for e in result.evidence), result.evidence


def test_a_work_email_nothing_renews_ages_with_the_account() -> None:
    """A former employee keeps the account made with the rival's email, from its office, naming it:
    a year and more on, from home and on its own card, all of that is one fact about signup, aged
    once. Anything current (a request from the rival's network, its SSO tenant) renews the tie, and
    a young account with the same email links at full weight."""
    year = 365 * 86400.0
    now = 1.4 * year
    link = linker()
    accounts = {
        "former": {"created_at": 0.0, "signup_ip": "203.0.113.9", "declared_company": "Rival Labs"},
        "email-only": {"created_at": 0.0},
        "from-office": {"created_at": 0.0},
        "sso": {"created_at": 0.0, "sso_tenant": "rival.okta.com"},
        "young": {"created_at": now - 60 * 86400},
    }
    for aid, extra in accounts.items():
        link.add_account({"account_id": aid, "email": f"{aid}@rivallabs.com", **extra})
        link.add_request({"account_id": aid, "ts": now, "client_ip": "192.0.2.1"})
    link.add_request({"account_id": "from-office", "ts": now - 3600, "client_ip": "203.0.113.40"})
    got = {aid: link.link_for(aid) for aid in accounts}
    former = got["former"]
    assert former is not None and former.org_id is None
    assert 0.25 < former.restricted_score < 0.5  # a weak tie, still ranked above no tie
    assert any("dates from signup and nothing current renews it" in e for e in former.evidence), former.evidence
    assert any("email domain rivallabs.com" in e and "1.4 years ago" in e for e in former.evidence)
    email_only = got["email-only"]
    assert email_only is not None and email_only.org_id is None and email_only.restricted_score < 0.5
    for aid in ("from-office", "sso", "young"):
        current = got[aid]
        assert current is not None and current.org_id == "rival-labs" and current.restricted, (aid, current)


def test_passing_through_a_shared_range_a_rival_lists_renews_no_old_work_email() -> None:
    """A rival lists a secure web gateway's node that twenty unrelated accounts egress through. A
    former employee's account, made three years ago with the rival's email, now comes through that
    node: where many unrelated accounts come from is not the rival's network, so the old email is
    still one aged fact, a weak tie. From a range only the rival's people use it is renewed."""
    year = 365 * 86400.0
    now = 3.1 * year
    link = linker()
    link.add_account({"account_id": "former", "email": "former@rivallabs.com", "created_at": 0.0, "verified": True})
    link.add_account({"account_id": "current", "email": "current@rivallabs.com", "created_at": 0.0, "verified": True})
    for day in range(3):
        link.add_request({"account_id": "former", "ts": now - day * 86400, "client_ip": f"203.0.113.{10 + day}"})
        link.add_request({"account_id": "current", "ts": now - day * 86400, "client_ip": "2001:db8:77::5"})
    for i in range(20):  # the gateway's other customers
        link.add_account({"account_id": f"other{i}", "email": f"u{i}@example.org"})
        link.add_request({"account_id": f"other{i}", "ts": now - i * 600, "client_ip": f"203.0.113.{100 + i}"})
    former, current = link.link_for("former"), link.link_for("current")
    assert former is not None and former.org_id is None and former.restricted_score < 0.5, former
    assert any("nothing current renews it" in e for e in former.evidence), former.evidence
    assert current is not None and current.org_id == "rival-labs" and current.restricted, current


def test_signup_only_addresses_stay_address_evidence() -> None:
    """An old account whose only tie is the address it signed up from: aging it does not turn the
    address into corroboration (addresses alone never link)."""
    year = 365 * 86400.0
    link = linker()
    link.add_account({"account_id": "a", "email": "a@gmail.com", "signup_ip": "203.0.113.9", "created_at": 0.0})
    link.add_request({"account_id": "a", "ts": 1.5 * year, "client_ip": "192.0.2.1"})
    got = link.link_for("a")
    assert got is not None and got.org_id is None
    assert any("addresses alone never link" in e for e in got.evidence)


def test_a_card_paying_for_five_accounts_is_one_payer_a_lab_card_for_twelve_is_not() -> None:
    """An operator's card pays for five accounts, one of them relaying as the rival's attested end
    user: the card is one payer's and the rival is behind all five. A lab's grant card shared by
    twelve, one of them a rival engineer by their own email, passes on five twelfths: a weak tie."""
    link = linker()
    link.add_account({"account_id": "op0", "email": "qa.team06@inbox.lv", "payment_fingerprint": "pf_op"})
    for i in range(1, 5):
        link.add_account({"account_id": f"op{i}", "email": f"qa.team0{i}@inbox.lv", "payment_fingerprint": "pf_op"})
    for t in range(5):
        link.add_request({"account_id": "op0", "ts": t, "end_user_org": "Rival Labs", "client_ip": "192.0.2.9"})
    for i in range(1, 5):
        got = link.link_for(f"op{i}")
        assert got is not None and got.org_id == "rival-labs" and got.restricted, got
        assert got.confidence == pytest.approx(0.8 * 0.9, abs=1e-3)
    link.add_account({"account_id": "lab0", "email": "x@rivallabs.com", "payment_fingerprint": "pf_grant"})
    for i in range(1, 12):
        link.add_account({"account_id": f"lab{i}", "email": f"r{i}@uni.example", "payment_fingerprint": "pf_grant"})
    member = link.link_for("lab5")
    assert member is not None and member.org_id is None
    assert member.restricted_score == pytest.approx(0.9 * 0.9 * 5 / 12, abs=1e-3)
