"""How a group is read as one: its plan, and abuse spread over its members."""

from __future__ import annotations

import random

from moat.detect import networks
from moat.detect.state import AccountState

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
    assert networks._joint(group)["tier_abuse"].value < 0.4
