"""How a group is read as one: its plan, and abuse spread over its members."""

from __future__ import annotations

import random

from moat.detect import networks
from moat.detect.communities import Group, Tie
from moat.detect.engine import Engine
from moat.detect.networks import Verdict, _affiliate
from moat.detect.state import AccountState
from moat.identity.linking import AccountLink

from .helpers import T0, request, state

HOUR = 3600.0


def people(n: int, plan: str, seed: int, per_person: int = 60) -> list[AccountState]:
    """People in several time zones, each awake some hours a day, talking in conversations
    (openers and follow-ups), over three days."""
    rng = random.Random(seed)
    out = []
    for p in range(n):
        reqs, start = [], T0 + (p * 1.5 % 24) * HOUR
        t = start
        for i in range(per_person):
            day, slot = divmod(i, per_person // 3)
            t = start + day * 24 * HOUR if slot == 0 else t + rng.uniform(120, 600)
            opener = i % 3 == 0
            text = f"help me with my project idea {p}-{i}" if opener else f"ok, and part {i} of it?"
            reqs.append(request(f"p{p}", t, text,
                                conversation_id=f"c{p}-{i // 3}", turn=1 if opener else 1 + i % 3,
                                user_agent=f"app/{p}"))
        out.append(state(reqs, plan=plan, account_id=f"p{p}"))
    return out


def test_a_group_reads_as_its_commonest_plan_not_its_first_members() -> None:
    members = [AccountState({"plan": "free"})] + [AccountState({"plan": "api"})] * 9 + \
        [AccountState({"plan": "free"})] * 6
    assert networks._plan(members) == "api"
    assert networks._plan([AccountState({"plan": p}) for p in ("free", "pro", "free", "api")]) == "free"
    half = ["api"] * 10 + ["pro"] * 10 + ["max"] * 7 + ["team"] * 2  # 17 of 29 on consumer plans
    assert networks._plan([AccountState({"plan": p}) for p in half]) == "pro"


def test_one_member_carrying_most_of_a_groups_traffic_is_its_own_abuse_not_the_groups() -> None:
    """Nine people and one resold plan carrying four fifths of their traffic: the joint reading
    without the resold plan is nine people; the resold plan is scored on its own."""
    rng = random.Random(3)
    resold = [request("r", T0 + i * rng.uniform(100, 400), f"question {i}", user_agent=f"ua{i % 40}")
              for i in range(2400)]
    group = [*people(9, "free", 4, per_person=60), state(resold, plan="max", account_id="r")]
    with_all = networks.detectors.score(AccountState.merged(group, "free"))
    assert with_all["tier_abuse"].value >= 0.5  # read whole, the group looks like one abused plan
    assert networks._joint(group, max(s.last_ts for s in group))["tier_abuse"].value < 0.4


def _tie(*kinds: str, weight: float = 0.8) -> Tie:
    return Tie(0.6, 0.0, kinds, weight)


def _rival_link(account: str, org: str = "rival-labs", confidence: float = 0.9) -> AccountLink:
    return AccountLink(account, org, confidence, True, ["paid with the rival's card"], None, org, confidence)


def test_a_network_names_its_insiders_organization_for_the_accounts_their_operator_owns() -> None:
    """One insider of a rival-run network pays with the rival's card. The member paid with the
    same card, or made from the insider's signup address, is the insider's operator's: linked to
    the rival; so is one tied to those by what an operator owns in turn (a chain of one operator's
    card and addresses). Members tied to the insider by exits alone (a rented pool), by prompts, a
    signup hour and a schedule (a cohort), or owned only by such a member, carry the network's
    affiliation as a score, not the link; and insiders naming two rivals link no one through the
    network."""
    members = ["beyond-exits", "card", "cohort", "exits", "ins", "second-hand", "signup"]
    group = Group("net-x", members)
    group.pairs = {("card", "ins"): _tie("payment"), ("ins", "signup"): _tie("signup_ip", "timing"),
                   ("exits", "ins"): _tie("ip_range"), ("cohort", "ins"): _tie("signup", "timing", "user_agent"),
                   ("card", "second-hand"): _tie("email_series"), ("beyond-exits", "exits"): _tie("payment")}
    out = Verdict()
    _affiliate(group, {"ins": _rival_link("ins")}, out)
    assert out.linked == {"card": "rival-labs", "signup": "rival-labs", "second-hand": "rival-labs"}
    assert set(out.affiliation) == set(members) - {"ins"}
    assert all(value >= 0.5 for _, value, _ in out.affiliation.values())
    assert any("linked to rival-labs through network net-x: shares the same payment instrument with ins" in e
               for e in out.affiliation["card"][2])
    assert any("shares numbered addresses of one series with card, which shares the same payment instrument "
               "with ins" in e for e in out.affiliation["second-hand"][2])
    # a weak insider: affiliated below the threshold, linked nowhere
    weak = Verdict()
    _affiliate(group, {"ins": _rival_link("ins", confidence=0.52)}, weak)
    assert not weak.linked and all(value < 0.5 for _, value, _ in weak.affiliation.values())
    # two insiders, two rivals
    split = Verdict()
    _affiliate(group, {"ins": _rival_link("ins"), "exits": _rival_link("exits", "other-rival")}, split)
    assert not split.linked


def test_a_member_running_an_insiders_script_is_the_insiders_operators() -> None:
    """Inside a network that abuses, a prompt template copied word for word (MinHash 1.0), with a
    signup hour and a rare client in common, is one operator's script: the member is linked. The
    same meaning in other words, or a copy with nothing else in common, is not."""
    members = ["bare-copy", "ins", "paraphrase", "script"]
    group = Group("net-y", members)
    group.pairs = {("ins", "script"): Tie(1.0, 1.0, ("signup", "user_agent"), 0.4),
                   ("ins", "paraphrase"): Tie(0.3, 1.0, ("signup", "user_agent"), 0.4),
                   ("bare-copy", "ins"): Tie(1.0, 1.0, (), 0.1)}
    out = Verdict()
    _affiliate(group, {"ins": _rival_link("ins")}, out)
    assert out.linked == {"script": "rival-labs"}
    assert any("shares one prompt template (MinHash Jaccard 1.00) and signups within 6 h and a rare user agent "
               "with ins" in e for e in out.affiliation["script"][2])
    assert set(out.affiliation) == {"bare-copy", "paraphrase", "script"}


def test_a_finding_names_the_organization_the_network_links_it_to() -> None:
    """Through the engine: the card's second account, with no evidence of its own, is linked."""
    rival = {"org_id": "rival-labs", "name": "Rival Labs", "restricted": True, "domains": ["rival-labs.ai"],
             "ip_ranges": [], "payment_fingerprints": ["pf_rival"], "sso_tenants": []}
    engine = Engine([rival])
    engine.add_account({"account_id": "ins", "email": "a@gmail.com", "payment_fingerprint": "pf_rival"})
    engine.add_account({"account_id": "other", "email": "b@gmail.com"})
    result = engine.cross()
    result.verdict.linked["other"] = "rival-labs"
    assert engine.finding("other", result)["linked_org"] == "rival-labs"
    assert engine.finding("ins", result)["linked_org"] == "rival-labs"


def test_harvesters_hidden_in_a_larger_group_are_a_network_of_their_own() -> None:
    """Four harvesters tied to each other share a rented exit pool with twelve people chatting.
    Read as one, the sixteen do not harvest (the chat dilutes it) and are a group; the four, each
    harvesting on its own and tied to each other, are a network inside it."""
    rng = random.Random(9)
    words = [f"w{rng.randint(0, 5000)}" for _ in range(2000)]
    states = {f"p{p}": state([request(f"p{p}", T0 + (p % 12) * HOUR + 400 * i, " ".join(rng.choices(words, k=12)))
                              for i in range(150)], plan="api", account_id=f"p{p}") for p in range(12)}
    for h in range(4):
        aid = f"h{h}"
        reqs = [request(aid, T0 + 600 * i + rng.uniform(0, 300),
                        f"Solve step by step and show all of your reasoning: integrate x^{rng.randint(2, 99)} "
                        f"sin({rng.randint(2, 999)}x) dx", reasoning=True, output_tokens=2400) for i in range(200)]
        states[aid] = state(reqs, plan="api", account_id=aid)
    own = {aid: networks.detectors.score(s) for aid, s in states.items()}
    assert all(own[f"h{h}"]["distillation"].value >= 0.5 for h in range(4))
    members = sorted(states)
    group = Group("net-big", members)
    exits = _tie("ip_range")
    for i, a in enumerate(members):  # everyone on the pool: tied to the next two
        for b in members[i + 1:i + 3]:
            group.pairs[(a, b)] = exits
    for a, b in (("h0", "h1"), ("h1", "h2"), ("h2", "h3"), ("h0", "h3")):
        group.pairs[(a, b)] = _tie("payment")
    for (a, b), tie in group.pairs.items():
        group.ties.setdefault(a, []).append(tie)
        group.ties.setdefault(b, []).append(tie)
    verdict = networks.judge([group], states, own=own)
    assert {m for m in verdict.cluster_of} == {"h0", "h1", "h2", "h3"}
    assert len(set(verdict.cluster_of.values())) == 1 and "net-big" not in verdict.cluster_of.values()
    assert all(verdict.group_of[m] == "net-big" for m in members if not m.startswith("h"))
    assert not any(m in verdict.group_of for m in verdict.cluster_of)
    assert all(verdict.coordination[m].value >= 0.5 for m in verdict.cluster_of)


def _free_account(aid: str, rng: random.Random, capped: bool) -> AccountState:
    """Five days of a bot's users' questions (nothing shared); each day ends at the plan's cap."""
    reqs = []
    for day in range(5):
        for k in range(50):
            words = " ".join(f"w{rng.randrange(5000)}" for _ in range(rng.randint(6, 14)))
            reqs.append(request(aid, T0 + day * 86400 + k * 600, words))
        if capped:
            reqs.append(request(aid, T0 + day * 86400 + 50 * 600, "one more", status=429))
    return state(reqs, plan="free", account_id=aid)


def test_one_operators_free_accounts_each_at_its_cap_multiply_the_free_quota() -> None:
    """Six free accounts of one numbered series opened from one address, each refused at its cap
    every day, carrying a bot's users' questions (no template): a network abusing the tier. The
    same six not at their caps are a group; six students of one dorm NAT at their caps, tied by
    the NAT and a signup hour only, are a group too."""
    rng = random.Random(8)
    ids = [f"f{i}" for i in range(6)]

    def judged(capped: bool, kinds: tuple[str, ...]) -> Verdict:
        members = [_free_account(a, rng, capped) for a in ids]
        tie = Tie(0.0, 0.0, kinds, 0.9, 0.5)
        pairs = {(a, b): tie for i, a in enumerate(ids) for b in ids[i + 1:]}
        group = Group("net-farm", ids, {a: [tie] * 5 for a in ids}, pairs)
        return networks.judge([group], dict(zip(ids, members, strict=True)))

    farm = judged(True, ("email_series", "signup_ip"))
    assert set(farm.cluster_of) == set(ids)
    assert all(farm.inherited[a]["tier_abuse"].value >= 0.5 for a in ids)
    assert "free quota, multiplied" in farm.inherited["f0"]["tier_abuse"].evidence[0]
    assert not judged(False, ("email_series", "signup_ip")).cluster_of
    assert not judged(True, ("ip_range", "signup")).cluster_of
