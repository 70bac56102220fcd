"""Coordination: shared templates corroborated by an independent tie make a group; abuse makes it a network."""

from __future__ import annotations

import random

from moat.detect import communities, coordination, detectors, networks
from moat.detect.scoring import Score
from moat.detect.state import AccountState

from .helpers import T0, request

TEMPLATES = ("Consider the following question about {s} from first principles and give a complete answer.",
             "Provide a detailed expert explanation of {s} with worked examples and a final summary.",
             "Teach a graduate student about {s}; list every assumption you make along the way.")
SUBJECTS = ("eigenvalues", "photosynthesis", "tort law", "bond duration", "plate tectonics", "jazz harmony",
            "protein folding", "tcp congestion", "kant ethics", "galaxy formation")


def templated(aid: str, rng: random.Random, start: float, step: float = 120.0, harvest: bool = True) -> list[dict]:
    return [request(aid, start + step * i + rng.uniform(0, 30),
                    rng.choice(TEMPLATES).format(s=rng.choice(SUBJECTS)) + f" Seed {rng.random():.6f}.",
                    client_ip=f"{rng.randint(20, 99)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.7",
                    reasoning=harvest, output_tokens=900 if harvest else 120)
            for i in range(80)]


def clusters(st: dict[str, AccountState]) -> tuple[dict[str, Score], dict[str, str]]:
    verdict = networks.judge(coordination.groups(st), st)
    return verdict.coordination, verdict.cluster_of


def freeform(aid: str, rng: random.Random, start: float) -> list[dict]:
    words = [f"w{rng.randint(0, 5000)}" for _ in range(400)]
    return [request(aid, start + 300 * i, " ".join(rng.choices(words, k=12)), client_ip="64.1.1.9")
            for i in range(80)]


def states(groups: dict[str, tuple[dict, list[dict]]]) -> dict[str, AccountState]:
    out = {}
    for aid, (account, reqs) in groups.items():
        s = AccountState({"account_id": aid, **account})
        for r in reqs:
            s.add(r)
        out[aid] = s
    return out


def test_accounts_sharing_templates_and_a_card_form_one_cluster_with_evidence() -> None:
    rng = random.Random(0)
    groups = {f"n{i}": ({"payment_fingerprint": "pf_shared" if i % 2 else f"pf_{i}", "created_at": T0 - 86400 * i},
                        templated(f"n{i}", rng, T0 + 1000 * i)) for i in range(6)}
    groups["n1"][0]["created_at"] = T0  # odd ones share the card; even ones must connect another way
    for i in (0, 2, 4):
        groups[f"n{i}"][0]["payment_fingerprint"] = "pf_shared"
    scores, cluster_of = clusters(states(groups))
    assert set(cluster_of) == set(groups)
    assert len(set(cluster_of.values())) == 1
    assert all(s.value >= 0.5 for s in scores.values())
    assert any("the same payment instrument" in e for e in scores["n0"].evidence)


def test_shared_templates_without_any_corroborating_tie_are_not_a_network() -> None:
    # Two labs running the same public prompt set: different cards, addresses, signup months, hours.
    rng = random.Random(1)
    groups = {f"lab{i}": ({"payment_fingerprint": f"pf_{i}", "created_at": T0 - 86400 * 40 * i},
                          templated(f"lab{i}", rng, T0 + 86400 * i + 7 * 3600 * i, step=97.0 + i))
              for i in range(4)}
    _, cluster_of = clusters(states(groups))
    assert cluster_of == {}


def test_a_startup_sharing_a_card_and_an_office_but_not_templates_is_not_a_network() -> None:
    rng = random.Random(2)
    groups = {f"s{i}": ({"payment_fingerprint": "pf_team", "created_at": T0 + 60 * i}, freeform(f"s{i}", rng, T0))
              for i in range(5)}
    _, cluster_of = clusters(states(groups))
    assert cluster_of == {}


def test_accounts_that_declare_the_same_organization_are_one_customer_not_a_hidden_network() -> None:
    rng = random.Random(3)
    groups = {f"e{i}": ({"payment_fingerprint": "pf_corp", "org_id": "acme", "created_at": T0},
                        templated(f"e{i}", rng, T0 + 500 * i)) for i in range(5)}
    _, cluster_of = clusters(states(groups))
    assert cluster_of == {}


def test_minhash_estimates_jaccard() -> None:
    a, b = coordination._permutations()
    x = coordination.signature(set(range(0, 2000)), a, b)
    y = coordination.signature(set(range(1000, 3000)), a, b)  # true Jaccard 1/3
    assert abs(float((x == y).mean()) - 1 / 3) < 0.15
    assert (coordination.signature(set(range(50)), a, b) == coordination.signature(set(range(50)), a, b)).all()


def test_accounts_with_the_same_company_email_domain_are_one_customer() -> None:
    rng = random.Random(4)
    groups = {f"c{i}": ({"payment_fingerprint": "pf_corp", "email": f"u{i}@acme-corp.com", "created_at": T0},
                        templated(f"c{i}", rng, T0 + 500 * i)) for i in range(5)}
    assert clusters(states(groups))[1] == {}
    for i in range(5):  # the same people behind gmail addresses are a hidden network
        groups[f"c{i}"][0]["email"] = f"u{i}@gmail.com"
    assert len(clusters(states(groups))[1]) == 5


def test_a_group_that_shares_everything_but_does_not_abuse_is_a_group_not_a_network() -> None:
    # A hackathon team: one starter kit, one card, signups together, but building, not harvesting.
    rng = random.Random(5)
    groups = {f"h{i}": ({"payment_fingerprint": "pf_kit", "created_at": T0 + 60 * i},
                        templated(f"h{i}", rng, T0 + 1000 * i, harvest=False)) for i in range(6)}
    st = states(groups)
    found = coordination.groups(st)
    assert len(found) == 1 and set(found[0].members) == set(groups)
    verdict = networks.judge(found, st)
    assert verdict.cluster_of == {} and verdict.coordination == {}
    assert set(verdict.group_of) == set(groups)
    groups = {f"h{i}": ({"payment_fingerprint": "pf_kit", "created_at": T0 + 60 * i},
                        templated(f"h{i}", rng, T0 + 1000 * i, harvest=True)) for i in range(6)}
    verdict = networks.judge(coordination.groups(states(groups)), states(groups))
    assert set(verdict.cluster_of) == set(groups)  # the same group harvesting reasoning: a network
    assert all("distillation" in verdict.inherited[m] for m in groups)


def test_base_rates_weigh_shared_attributes_by_exclusivity() -> None:
    rng = random.Random(6)
    pop = {f"u{i}": AccountState({"account_id": f"u{i}", "payment_fingerprint": f"pf_{i // 2}",
                                  "created_at": T0 - 86400 * rng.randint(1, 400)}) for i in range(200)}
    for s in pop.values():
        s.add(request(s.account["account_id"], T0, "hello", user_agent="openai-python/1.40"))  # type: ignore[index]
    rates = coordination.BaseRates(pop)
    assert rates.weight("payment:pf_3") > 0.8  # a card two of 200 accounts share
    assert rates.weight("user_agent:openai-python/1.40") < 0.3  # everybody's SDK


def test_an_evenly_knit_large_group_is_not_cut_into_communities() -> None:
    """Louvain finds communities even in a uniform group; parts tied to each other about as densely
    as within are put back together, while two groups joined by one stray tie stay apart."""
    import networkx as nx

    uniform = nx.complete_graph([f"a{i:02d}" for i in range(24)])
    nx.set_edge_attributes(uniform, 0.5, "weight")
    parts = nx.community.louvain_communities(uniform, weight="weight", seed=7)
    assert len(communities._rejoin(uniform, parts)) == 1
    two = nx.union(nx.complete_graph([f"x{i}" for i in range(8)]), nx.complete_graph([f"y{i}" for i in range(8)]))
    nx.set_edge_attributes(two, 0.6, "weight")
    two.add_edge("x0", "y0", weight=0.6)
    parts = nx.community.louvain_communities(two, weight="weight", seed=7)
    assert sorted(len(p) for p in communities._rejoin(two, parts)) == [8, 8]


def test_accounts_splitting_one_keyspace_are_tied_without_shared_infrastructure() -> None:
    """Three accounts with nothing in common (addresses, agents, cards, signup) each walk their own
    stretch of one numbered catalogue with one template: disjoint keys of one space tie them.
    Three accounts running the same fixed question set (an evaluation harness) are not tied."""
    rng = random.Random(11)
    frame = ("Give the full reference entry for catalogue item number {k}: its name, its history, how it is "
             "made, what it is used for today, and three facts that most people do not know about it")

    def walker(aid: str, keys: range, start: float) -> list[dict]:
        return [request(aid, start + 700 * i + rng.uniform(0, 300), frame.format(k=k),
                        client_ip=f"{rng.randint(20, 99)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.9",
                        user_agent=f"agent/{aid}") for i, k in enumerate(keys)]

    split = states({f"s{j}": ({"created_at": T0 - 86400 * 30 * j}, walker(f"s{j}", range(1000 + 80 * j, 1080 + 80 * j),
                                                                          T0 + 17 * j)) for j in range(3)})
    xs, ys = split["s0"], split["s1"]
    assert coordination._split_keyspace(xs, ys)
    groups = coordination.groups(split)
    assert len(groups) == 1 and sorted(groups[0].members) == ["s0", "s1", "s2"]
    assert any("disjoint parts of one keyspace" in e for e in groups[0].evidence("s0"))
    same = states({f"e{j}": ({"created_at": T0 - 86400 * 30 * j}, walker(f"e{j}", range(1000, 1080), T0 + 17 * j))
                   for j in range(3)})
    assert not coordination._split_keyspace(same["e0"], same["e1"])
    assert coordination.groups(same) == []


def _footprint(aid: str, prefixes: list[str], start: float, rng: random.Random) -> AccountState:
    s = AccountState({"account_id": aid, "created_at": T0 - 86400 * rng.randint(30, 400)})
    for i, p in enumerate(prefixes):
        ip = f"{p}.{rng.randint(1, 254)}"
        s.add(request(aid, start + 3600 * i + rng.uniform(0, 600), f"hello {i}", client_ip=ip))
    return s


def test_a_public_proxy_pool_is_no_tie_but_an_operators_own_exits_are() -> None:
    """Accounts rotating through one public residential pool share a few of its /24s by chance
    (each /24 carries a different mix of customers); an operator's own exits carry the same
    accounts on every /24. A rotator passing once through a lab's /24 shares half the lab's
    footprint but almost none of its own."""
    rng = random.Random(21)
    pool = [f"58.{a}.{b}" for a in range(100, 110) for b in range(100)]  # 1,000 public /24s
    pop = {f"r{i}": _footprint(f"r{i}", rng.sample(pool, 40), T0 + 600 * i, rng) for i in range(40)}
    own = [f"91.64.{b}" for b in range(6)]
    for i in range(8):  # an operator's eight accounts: its six exits, plus their own residential noise
        pop[f"op{i}"] = _footprint(f"op{i}", own + rng.sample(pool, 30), T0 + 900 * i, rng)
    pop["lab"] = _footprint("lab", ["141.20.7", "141.20.7", "88.1.2"], T0, rng)
    pop["lab"].prefixes.add(next(iter(pop["r0"].prefixes)))
    rates = coordination.BaseRates(pop)
    public = [coordination._ties(pop[f"r{i}"], pop[f"r{j}"], rates) for i in range(10) for j in range(i + 1, 10)]
    assert all("ip_range" not in kinds for kinds, _ in public)
    kinds, weight = coordination._ties(pop["op0"], pop["op1"], rates)
    assert "ip_range" in kinds and weight >= 0.5
    assert "ip_range" not in coordination._ties(pop["lab"], pop["r0"], rates)[0]


def test_numbered_sign_ups_of_one_series_are_a_tie_and_common_names_weigh_little() -> None:
    assert coordination.email_series("dataops_04@outlook.com") == "dataops#@outlook.com"
    assert coordination.email_series("mika.bot17@10minmail.cc") == "mika.bot#@10minmail.cc"
    assert coordination.email_series("jane.doe@example.com") is None  # no number: no series
    assert coordination.email_series("ab1@example.com") is None  # too short a stem to mean anything
    rng = random.Random(22)
    pop = {f"u{i}": AccountState({"account_id": f"u{i}", "email": f"emily{rng.randint(10, 9999)}@gmail.com"})
           for i in range(300)}
    for i in range(5):
        pop[f"s{i}"] = AccountState({"account_id": f"s{i}", "email": f"dataops_{i:02d}@outlook.com"})
    rates = coordination.BaseRates(pop)
    assert rates.weight("email_series:dataops#@outlook.com") > 3 * rates.weight("email_series:emily#@gmail.com")
    kinds, weight = coordination._ties(pop["s0"], pop["s1"], rates)
    assert kinds == ("email_series",) and weight >= 0.4


def test_office_hours_are_not_synchronised_activity_but_a_shared_schedule_is() -> None:
    """Two people at work in one time zone share the same hours every day: not synchronised.
    Two accounts driven by one scheduler fire in the same 5-minute slots on irregular days and
    hours: synchronised."""
    rng = random.Random(23)
    day = 86400

    def bins(times: list[float]) -> coordination.Rhythm:
        return coordination.Rhythm.of({int(t) // 300 for t in times})

    office_a = bins([T0 + d * day + 9 * 3600 + rng.uniform(0, 8 * 3600) for d in range(10) for _ in range(30)])
    office_b = bins([T0 + d * day + 9 * 3600 + rng.uniform(0, 8 * 3600) for d in range(10) for _ in range(30)])
    assert not coordination._synchronised(office_a, office_b, T0, T0 + 10 * day)
    assert not coordination._synchronised_hours(office_a, office_b, T0, T0 + 10 * day)
    runs = [T0 + rng.uniform(0, 10 * day) for _ in range(40)]
    sched_a = bins([t + rng.uniform(0, 60) for t in runs])
    sched_b = bins([t + rng.uniform(0, 60) for t in runs])
    assert coordination._synchronised(sched_a, sched_b, T0, T0 + 10 * day)


def test_two_quiet_accounts_meeting_in_a_few_slots_are_not_synchronised() -> None:
    """Two quiet accounts, eight requests each in a week, four of them in the same 5-minute slots:
    against each one's own hours that is many times chance, but among the thousands of pairs a
    population is read for, a few common slots happen. An hour of common slots is a schedule."""
    day = 86400

    def bins(times: list[float]) -> coordination.Rhythm:
        return coordination.Rhythm.of({int(t) // 300 for t in times})

    common = [T0 + d * day + 20 * 3600 + 600 * d for d in range(4)]
    a = bins(common + [T0 + d * day + 9 * 3600 for d in range(4, 8)])
    b = bins(common + [T0 + d * day + 13 * 3600 for d in range(4, 8)])
    assert not coordination._synchronised(a, b, T0, T0 + 8 * day)
    rng = random.Random(4)
    runs = [T0 + rng.uniform(0, 8 * day) for _ in range(coordination.SYNC_BINS + 2)]
    assert coordination._synchronised(bins([*runs, T0 + 9 * 3600]), bins([*runs, T0 + 13 * 3600]), T0, T0 + 8 * day)


def test_accounts_refused_at_their_plans_cap_on_most_days_corroborate_each_other() -> None:
    """Two free accounts each asking for all their plan gives, day after day (a farm's members),
    are tied by it, weighed by how common that is here; one such account and a light user are
    not, nor is a day or two of refusals."""
    def week(aid: str, capped_days: int) -> AccountState:
        s = AccountState({"account_id": aid, "plan": "free"})
        for day in range(5):
            for i in range(40):
                refused = day < capped_days and i >= 35
                s.add(request(aid, T0 + day * 86400 + 600 * i, f"job {day}-{i}", status=429 if refused else 200))
        return s

    pop = {f"u{i}": week(f"u{i}", 0) for i in range(200)}
    pop.update(f1=week("f1", 5), f2=week("f2", 4), light=week("light", 1))
    rates = coordination.BaseRates(pop)
    kinds, weight = coordination._ties(pop["f1"], pop["f2"], rates)
    assert "capped" in kinds and weight >= 0.3
    assert "capped" not in coordination._ties(pop["f1"], pop["light"], rates)[0]
    assert "capped" not in coordination._ties(pop["f1"], pop["u3"], rates)[0]


def _farm(prefix: str, card: str, hour: int, rng: random.Random, agent: str | None = None) -> dict[str, AccountState]:
    """Six free accounts of one operator: one card, one public template set, refused at the plan's
    cap every day, each with its own client build unless `agent` is the operator's own."""
    out = {}
    for i in range(6):
        aid = f"{prefix}{i}"
        s = AccountState({"account_id": aid, "plan": "free", "payment_fingerprint": card,
                          "created_at": T0 - 86400 * (40 + 17 * i) - 3600 * hour})
        for day in range(4):
            start = T0 + day * 86400 + hour * 3600 + 900 * i
            for k in range(30):
                prompt = TEMPLATES[0].format(s=rng.choice(SUBJECTS)) + f" Seed {rng.random():.6f}."
                s.add(request(aid, start + 150 * k + rng.uniform(0, 40), prompt, reasoning=True, output_tokens=900,
                              client_ip=f"{rng.randint(20, 99)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.7",
                              user_agent=agent or f"client-{aid}", status=429 if k >= 25 else 200))
        out[aid] = s
    return out


def test_two_operators_running_one_playbook_are_two_networks() -> None:
    """Two farms built from one public template set, each on its own card, both asking for all their
    plan gives: their prompts and the cap tie them, their cards keep them apart. One operator paying
    with two cards but running one client build of its own is one network."""
    rng = random.Random(12)
    st = {**_farm("a", "pf_farm_a", 1, rng), **_farm("b", "pf_farm_b", 13, rng)}
    found = {frozenset(g.members) for g in coordination.groups(st)}
    assert found == {frozenset(f"a{i}" for i in range(6)), frozenset(f"b{i}" for i in range(6))}
    st = {**_farm("a", "pf_farm_a", 1, rng, agent="farmbot/0.3.1"),
          **_farm("b", "pf_farm_b", 13, rng, agent="farmbot/0.3.1")}
    found = {frozenset(g.members) for g in coordination.groups(st)}
    assert found == {frozenset(st)}


HARVESTS = (
    ("Solve step by step and show all of your reasoning: find the eigenvalues of the matrix [[{a}, 1], [1, {b}]].",
     "en"),
    ("단계별로 추론 과정을 모두 보여 주면서 풀어라: 질량 {a} kg인 물체가 높이 {b} m에서 떨어질 때 바닥에서의 속력은?",
     "ko"),
    ("Resuelve paso a paso mostrando todo tu razonamiento: ¿cuántos gramos de NaCl hay en {a} mL de una disolución "
     "{b} M?", "es"),
)


def _harvester(aid: str, template: str, rng: random.Random, start: float = T0,
               **account: object) -> tuple[dict, list[dict]]:
    reqs = [request(aid, start + 600 * i + rng.uniform(0, 300),
                    template.format(a=rng.randint(2, 999), b=rng.randint(2, 999)),
                    client_ip=f"{rng.randint(20, 99)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.7",
                    user_agent=f"harvest/{aid}", reasoning=True, output_tokens=2400) for i in range(200)]
    return account, reqs


def test_accounts_each_harvesting_in_their_own_words_on_one_card_are_one_operator() -> None:
    """A careful network's members paraphrase in different languages: nothing in their prompts is
    shared. Each harvests on its own, and they pay with one card: one operator. Without the
    harvest (a lab on its grant card) the card ties nobody here, nor does the harvest with only a
    signup hour in common (every distiller who signed up that morning)."""
    rng = random.Random(4)
    carded = states({f"h{i}": _harvester(f"h{i}", t, rng, payment_fingerprint="pf_op", created_at=T0 - 86400 * i)
                     for i, (t, _) in enumerate(HARVESTS)})
    own = {aid: detectors.score(s) for aid, s in carded.items()}
    assert all(own[aid]["distillation"].value >= coordination.SAME_ABUSE for aid in carded)
    assert coordination.groups(carded) == []  # without the accounts' own scores: nothing in common
    found = coordination.groups(carded, own)
    assert len(found) == 1 and set(found[0].members) == set(carded)
    signup_only = states({f"s{i}": _harvester(f"s{i}", t, rng, T0 + 3 * 86400 * i, payment_fingerprint=f"pf_{i}",
                                              created_at=T0 + 600 * i) for i, (t, _) in enumerate(HARVESTS)})
    own = {aid: detectors.score(s) for aid, s in signup_only.items()}
    assert coordination.groups(signup_only, own) == []


def test_numbered_accounts_opened_from_one_address_are_one_operator_whatever_they_ask() -> None:
    """A bot behind a farm of free accounts passes its users' questions on: nothing in the
    prompts is shared. Addresses of one numbered series, all opened from one signup address, are
    two things one operator owns: one group. One of them alone (a team's card; one signup
    address, a dorm's) ties no one without shared content."""
    rng = random.Random(6)
    farm = states({f"f{i}": ({"email": f"uyga.vazifa{i:02d}@mail.ru", "signup_ip": "164.92.164.55",
                              "payment_fingerprint": None, "created_at": T0 - 86400 * i},
                             freeform(f"f{i}", rng, T0)) for i in range(6)})
    found = coordination.groups(farm)
    assert len(found) == 1 and set(found[0].members) == set(farm)
    dorm = states({f"d{i}": ({"email": f"{rng.choice(['ali', 'zeynep', 'can', 'ece'])}{rng.randrange(10**6)}@mail.ru",
                              "signup_ip": "164.92.164.55", "payment_fingerprint": None,
                              "created_at": T0 - 86400 * i}, freeform(f"d{i}", rng, T0)) for i in range(6)})
    assert coordination.groups(dorm) == []
