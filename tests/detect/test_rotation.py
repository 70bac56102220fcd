"""Trial credit burned account after account, told from a cohort on trial credit."""

from __future__ import annotations

import random
from pathlib import Path

import orjson
import pytest

from moat.detect import networks, rotation
from moat.detect.communities import Group, Tie
from moat.detect.engine import score_dataset
from moat.detect.rotation import DROPPED, trial_rotation
from moat.detect.sim import SimParams, simulate
from moat.detect.state import AccountState

from .helpers import T0, request, state

HOUR = 3600.0
QUESTIONS = ["write a product description for a winter coat", "fix this null reference in my React app",
             "translate: your order ships tomorrow", "plan a month of exam preparation", "what is a VNZh permit"]


def burned(i: int, start: float, rng: random.Random, *, requests: int = 180, hours: float = 5.0,
           client_ip: str = "81.2.3.4", **account: object) -> AccountState:
    """One relay account: diverse end users' questions through several SDKs, `requests` of them
    over `hours`, then never again."""
    reqs = [request(f"r{i}", start + k * hours * HOUR / requests * rng.uniform(0.8, 1.2),
                    f"{rng.choice(QUESTIONS)} #{rng.randrange(10**6)}",
                    user_agent=rng.choice(["OpenAI/JS 5.23", "Go-http-client/1.1", "AsyncOpenAI/Python 2.14"]),
                    input_tokens=rng.randint(3000, 5000), output_tokens=rng.randint(500, 800), client_ip=client_ip)
            for k in range(requests)]
    return state(reqs, **{"account_id": f"r{i}", "payment_fingerprint": None, **account})


def relay(n: int, seed: int = 1, every: float = 7.0, **kw: object) -> list[AccountState]:
    """`n` trial accounts opened one after another, one every `every` hours (about one live at a
    time at 7 h, two or three at 3 h)."""
    rng = random.Random(seed)
    return [burned(i, T0 + i * every * HOUR + rng.uniform(0, 2 * HOUR), rng, **kw) for i in range(n)]


def now_after(members: list[AccountState], hours: float = 48.0) -> float:
    return max(s.last_ts for s in members) + hours * HOUR


def test_trial_accounts_drained_one_after_another_read_as_a_rotation() -> None:
    members = relay(9)
    found = trial_rotation(members, now_after(members))
    assert found.value >= 0.9
    assert "without a payment instrument" in found.evidence[0] and "in rotation" in found.evidence[0]


def test_the_relays_live_accounts_do_not_hide_the_dropped_ones() -> None:
    """The newest two accounts are still in use at the end of the data: seven dropped of nine."""
    members = relay(9)
    now = members[-3].last_ts + 25 * HOUR
    assert members[-1].last_ts > now - 24 * HOUR
    assert trial_rotation(members, now).value >= 0.9


def test_a_relay_keeping_several_accounts_in_use_at_once_still_rotates() -> None:
    """A careful relay drains several accounts side by side, opening one every hour (each lives
    about five): the middle half of its first uses spans under one life."""
    members = relay(9, every=1.0)
    assert trial_rotation(members, now_after(members)).value >= 0.5


def test_a_hackathon_cohort_on_trial_credit_is_no_rotation() -> None:
    """Twelve participants start within the hour, each used for the day of the event, then
    dropped, spending about the same: side by side, not one after another."""
    rng = random.Random(2)
    members = [burned(i, T0 + rng.uniform(0, HOUR), rng, requests=200, hours=24) for i in range(12)]
    assert trial_rotation(members, now_after(members)).value == 0.0


def test_accounts_with_a_card_or_on_a_consumer_plan_spend_no_trial_credit() -> None:
    carded = relay(9, payment_fingerprint="pf_team")
    assert trial_rotation(carded, now_after(carded)).value == 0.0
    consumer = relay(9, plan="free")
    assert trial_rotation(consumer, now_after(consumer)).value == 0.0


def test_accounts_still_in_use_are_not_dropped() -> None:
    """Five accounts opened over the last day, the newest two hours ago: none is dropped yet."""
    members = relay(5, every=3.0)
    assert trial_rotation(members, now_after(members, hours=2)).value == 0.0
    assert trial_rotation(members, now_after(members, hours=30)).value >= 0.9


def test_uneven_spend_is_people_not_a_credit() -> None:
    rng = random.Random(4)
    members = [burned(i, T0 + i * 7 * HOUR, rng, requests=rng.choice([20, 60, 180, 400])) for i in range(9)]
    assert trial_rotation(members, now_after(members)).value == 0.0


def test_a_group_burning_trial_credit_is_judged_a_network_that_abuses_the_tier() -> None:
    """Six accounts on one operator's exits: read one at a time, each is a new developer."""
    members = relay(6)
    ids = [str(s.account["account_id"]) for s in members]  # type: ignore[index]
    tie = Tie(0.0, 0.0, ("ip_range",), 0.8, 0.5)
    pairs = {(a, b): tie for i, a in enumerate(ids) for b in ids[i + 1:]}
    group = Group("net-relay", ids, {a: [tie] * (len(ids) - 1) for a in ids}, pairs)
    later = state([request("x", now_after(members), "hello")], account_id="x")  # the population's now
    own = {aid: networks.detectors.score(s) for aid, s in zip(ids, members, strict=True)}
    assert all(s["tier_abuse"].value < 0.4 for s in own.values())
    verdict = networks.judge([group], {**dict(zip(ids, members, strict=True)), "x": later})
    assert set(verdict.cluster_of) == set(ids)
    for aid in ids:
        assert verdict.inherited[aid]["tier_abuse"].value >= 0.5
        assert "in rotation" in verdict.inherited[aid]["tier_abuse"].evidence[0]


@pytest.mark.parametrize("careful", [0.1, 0.9])
def test_the_simulators_credit_relays_are_found_and_its_trial_credit_cohorts_left_alone(
        tmp_path: Path, careful: float) -> None:
    """`moat simulate`'s credit relays (sloppy: one address, one after another; careful: aged
    accounts, two or three at a time, stopped short of the credit) beside hackathon cohorts on a
    sponsor's trial credit and ordinary developers, through `score_dataset`."""
    mixture = {"developer": 0.5, "hackathon": 0.3, "credit_relay": 0.2}
    simulate(SimParams(accounts=150, days=5, seed=7, volume=0.3, mixture=mixture, carefulness=careful), tmp_path)
    lines = (tmp_path / "labels.jsonl").read_bytes().splitlines()
    labels = {lab["account_id"]: lab for lab in map(orjson.loads, lines)}
    engine, _ = score_dataset(tmp_path)
    found = {f["account_id"]: f for f in engine.findings()}
    end = max(s.last_ts for s in engine.states.values() if s.n)
    relay = [a for a, lab in labels.items()  # those dropped a day before the end: the live ones are not yet
             if lab["persona"] == "credit_relay" and engine.states[a].last_ts <= end - DROPPED]
    cohort = [a for a, lab in labels.items() if lab["persona"] == "hackathon"]
    assert len(relay) >= 6 and len(cohort) >= 15
    assert sum(1 for a in cohort if engine.states[a].account and engine.states[a].account.get("plan") == "api") >= 2
    caught = [a for a in relay if found[a]["scores"]["tier_abuse"] >= 0.5 and found[a]["cluster_id"]]
    assert len(caught) >= 0.8 * len(relay)
    assert all(found[a]["risk"] < 0.5 and found[a]["cluster_id"] is None for a in cohort)


def test_accounts_the_cross_account_pass_left_alone_are_read_at_the_places_they_share() -> None:
    """A relay on one rented address: its customers' prompts tie no two accounts, yet the
    accounts opened and used there, one after another, are one rotation; the same accounts on a
    campus NAT where most accounts are ordinary people are not joined by it."""
    members = relay(8, client_ip="65.108.12.9")
    ids = [str(s.account["account_id"]) for s in members]  # type: ignore[index]
    later = state([request("x", now_after(members), "hello")], account_id="x")
    states = {**dict(zip(ids, members, strict=True)), "x": later}
    verdict = networks.Verdict()
    rotation.judge(states, verdict)
    assert {verdict.cluster_of[a] for a in ids} == {verdict.cluster_of[ids[0]]}
    assert all(verdict.inherited[a]["tier_abuse"].value >= 0.5 for a in ids)
    assert "opened and dropped at the same places" in verdict.coordination[ids[0]].evidence[0]

    campus = relay(8, client_ip="81.9.9.9")
    people = [state([request(f"p{i}", T0 + i * HOUR + k * 600, f"hello {k}", client_ip="81.9.9.9")
                     for k in range(30)], account_id=f"p{i}", payment_fingerprint=f"pf_{i}") for i in range(12)]
    crowd = {**{str(s.account["account_id"]): s for s in campus + people}, "x": later}  # type: ignore[index]
    verdict = networks.Verdict()
    rotation.judge(crowd, verdict)
    assert not verdict.cluster_of


def cycled(i: int, start: float, hours: float, rng: random.Random, *, plan: str = "pro",
           requests: int = 60) -> AccountState:
    """One subscription of a trial cycler: `requests` chapters of one novel over `hours`, then never
    again (a card of its own, as careful cyclers use)."""
    asks = ["Continue chapter {c} of 'Rain over Hoi An' from the last scene, 1500 words",
            "Rewrite the dialogue in chapter {c} so Linh sounds angrier", "Summarise chapters 1-{c} for continuity",
            "Give me three ways chapter {c} could end", "Fix the pacing of the market scene in chapter {c}"]
    times = [start, *(start + rng.uniform(0, hours * HOUR) for _ in range(requests - 2)), start + hours * HOUR]
    reqs = [request(f"c{i}", t, rng.choice(asks).format(c=3 + i) + f" ({k})", client_ip="14.160.2.9",
                    user_agent="Mozilla/5.0 (Windows NT 10.0)")
            for k, t in enumerate(sorted(times))]
    return state(reqs, account_id=f"c{i}", plan=plan, payment_fingerprint=f"pf_{i}")


def test_subscriptions_used_one_after_another_read_as_one_owners_rotation() -> None:
    rng = random.Random(8)
    members = [cycled(i, T0 + i * 17 * HOUR + rng.uniform(0, 2 * HOUR), 15.0, rng) for i in range(8)]
    found = rotation.succession(members, now_after(members))
    assert found.value >= 0.9
    assert "one after another" in found.evidence[0] and "in rotation" in found.evidence[0]
    assert rotation.rotated(members, now_after(members)).value == found.value
    # the latest one still in use hides nothing
    assert rotation.succession(members, members[-1].last_ts + HOUR).value >= 0.9
    # two cyclers on one project read as one group: two chains side by side, five generations
    pairs = [cycled(i, T0 + (i // 2) * 33 * HOUR + rng.uniform(0, 3 * HOUR), 32.0, rng) for i in range(10)]
    assert rotation.succession(pairs, now_after(pairs)).value >= 0.9


def test_accounts_used_side_by_side_or_days_apart_or_all_week_are_no_succession() -> None:
    rng = random.Random(9)
    cohort = [cycled(i, T0 + rng.uniform(0, HOUR), 20.0, rng) for i in range(10)]  # a hackathon: together
    assert rotation.succession(cohort, now_after(cohort)).value == 0.0
    # visitors who each used an account for an hour at one coworking floor, a day or two apart
    visitors = [cycled(i, T0 + i * rng.uniform(24, 48) * HOUR, 1.0, rng) for i in range(6)]
    assert rotation.succession(visitors, now_after(visitors)).value == 0.0
    # a team whose accounts are each in use all week: none is dropped
    team = [cycled(i, T0 + i * HOUR, 7 * 24.0, rng) for i in range(5)]
    assert rotation.succession(team, team[-1].last_ts + HOUR).value == 0.0
    # enterprise seats gain nothing from a rotation
    seats = [cycled(i, T0 + i * 17 * HOUR, 15.0, rng, plan="enterprise") for i in range(8)]
    assert rotation.succession(seats, now_after(seats)).value == 0.0


def test_a_group_of_subscriptions_in_succession_is_judged_a_network_that_abuses_the_tier() -> None:
    rng = random.Random(10)
    members = [cycled(i, T0 + i * 17 * HOUR, 15.0, rng) for i in range(6)]
    ids = [str(s.account["account_id"]) for s in members]  # type: ignore[index]
    tie = Tie(0.7, 0.8, ("ip_range", "user_agent"), 0.6, 0.5)
    pairs = {(a, b): tie for i, a in enumerate(ids) for b in ids[i + 1:]}
    group = Group("net-cycle", ids, {a: [tie] * (len(ids) - 1) for a in ids}, pairs)
    later = state([request("x", now_after(members), "hello")], account_id="x")
    own = {aid: networks.detectors.score(s) for aid, s in zip(ids, members, strict=True)}
    assert all(s["tier_abuse"].value < 0.4 for s in own.values())
    verdict = networks.judge([group], {**dict(zip(ids, members, strict=True)), "x": later})
    assert set(verdict.cluster_of) == set(ids)
    assert all("in rotation" in verdict.inherited[a]["tier_abuse"].evidence[0] for a in ids)


def test_a_cohort_arriving_over_days_is_many_at_once_not_a_rotation() -> None:
    """A multi-day event: 28 participants drift in over three days, each there about a day: nearly
    three generations, but ten at a time."""
    rng = random.Random(12)
    cohort = [cycled(i, T0 + rng.uniform(0, 60) * HOUR, 27.0, rng) for i in range(28)]
    assert rotation.succession(cohort, now_after(cohort)).value == 0.0


@pytest.mark.parametrize("careful", [0.1, 0.9])
def test_the_simulators_subscription_cyclers_are_found_beside_hackathons_and_families(
        tmp_path: Path, careful: float) -> None:
    """`moat simulate`'s trial cyclers (sloppy: one card, one signup address, one browser; careful:
    a new card, a phone signup and another browser each time, still writing from home) beside
    hackathon cohorts and families sharing a plan, through `score_dataset`."""
    mixture = {"developer": 0.45, "hackathon": 0.25, "family_plan": 0.15, "subscription_cycler": 0.15}
    simulate(SimParams(accounts=150, days=6, seed=5, volume=0.5, mixture=mixture, carefulness=careful), tmp_path)
    lines = (tmp_path / "labels.jsonl").read_bytes().splitlines()
    labels = {lab["account_id"]: lab for lab in map(orjson.loads, lines)}
    engine, _ = score_dataset(tmp_path)
    found = {f["account_id"]: f for f in engine.findings()}
    cyclers = [a for a, lab in labels.items() if lab["persona"] == "subscription_cycler" and engine.states[a].n]
    others = [a for a, lab in labels.items() if lab["persona"] in ("hackathon", "family_plan")]
    assert len(cyclers) >= 8 and len(others) >= 20
    caught = [a for a in cyclers if found[a]["scores"]["tier_abuse"] >= 0.5 and found[a]["cluster_id"]]
    assert len(caught) >= 0.8 * len(cyclers)
    assert all(found[a]["risk"] < 0.5 for a in others)
