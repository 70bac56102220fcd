"""Tier abuse: consumer-plan credentials used as an automated pipeline or shared by a team.

Only consumer plans (free, pro, max) can abuse their tier; API and enterprise plans are built for
automation, so a round-the-clock support bot on an API plan scores 0 here by construction.
Signals: machine-regular or concurrent timing, or activity in nearly every hour of every day (no
one sleeps), around the clock, or a batch workload (thousands of prompts of one template, however
human its pacing) (a pipeline); or sharing beyond a household: more devices than a
family has, or a person in two places at once around the clock (a resold account). A family
sharing its plan (a few devices, networks switching all day, but asleep at night) is not abuse.

Automation counts only against a plan's model traffic: a data API's tiers (its free one included)
are developer tiers, sold for programs to call, so a bot polling a data API round the clock is
what the tier is for. An account that mostly calls data routes is read for sharing only here (its
resale is `moat.detect.data.resale`).
"""

from __future__ import annotations

import math

from moat.detect import keyspace
from moat.detect.scoring import Score, noisy_and, num, pct, ramp
from moat.detect.state import MAX_IPS, AccountState, network
from moat.identity.models import CONSUMER_PLANS

MIN_REQUESTS = 30
BATCH_SHARE = (0.85, 0.97)  # share of sampled prompts in one template family: a chat .. a batch
BATCH_VOLUME = (math.log10(200), math.log10(1000))  # requests: a busy person's week .. a workload
GROUP_BATCH_SHARE = (0.5, 0.8)  # the same, for a farm of free accounts read as one
SHARED_SEAT_HOURS = 10  # a paid group's typical seat in use this many hours a day is shared, not one person's
SUSTAINED_DAYS = 4  # a group whose typical member works this many days is an operation, not an event


def applies(s: AccountState) -> bool:
    return s.plan in CONSUMER_PLANS


def score(s: AccountState) -> Score:
    if s.n < MIN_REQUESTS or s.plan not in CONSUMER_PLANS:
        return Score()
    if s.is_group and s.plan != "free" and s.member_hours < SHARED_SEAT_HOURS:
        # Paid seats read as one are many paying people (a team's coding agents, a class on pro):
        # between them awake around the clock. Only seats each in use most of the day (a reseller's,
        # passed from buyer to buyer) say something jointly; each seat's own use is read on its own.
        return Score()
    cv = s.gap_cv()
    regular = ramp(cv, 0.8, 0.3) if math.isfinite(cv) else 0.0
    close = s.n_close / s.n
    hours = s.active_hours()
    round_clock = ramp(hours, 14, 21)
    per_day_hours = s.hours_per_day()
    # No sleep: most hours of each day, or days that never pause for five hours.
    restless = s.restless_share()
    sleepless = max(ramp(per_day_hours, 14, 20), ramp(restless, 0.5, 0.9))
    automation = max(regular, ramp(close, 0.05, 0.3), sleepless) * (0.3 + 0.7 * round_clock)
    # A batch job: nearly every prompt one template with a slot, by the thousand. Office-hour
    # pacing and a browser's user agent hide a pipeline's timing, not its workload; a person
    # chatting, coding with an agent or translating by hand varies far more. A group read as one
    # (moat.detect.networks) is many people: only a farm of free accounts, below.
    # "By the thousand", or as much as the plan lets through day after day: a free account
    # refused at its daily cap on most days it works, with one template, is a workload at the
    # plan's ceiling (a farm spreads its job over many such accounts, each below a thousand).
    # A farm of free accounts (a network's members read as one) works one template when most of
    # its sampled prompts are of it, day after day: many workers' paraphrases leave a lower share
    # than one script's, and a hackathon cohort's members are there a day or two, a farm's all week.
    # Paid seats sharing a tool (a team's coding agents on max plans) are not a free farm.
    # A farm whose accounts are refused at the cap on most days they work may run several jobs at
    # once: what it does is templated, whichever template (a group of people chatting is not).
    operation = not s.is_group or (s.plan == "free" and s.member_days >= SUSTAINED_DAYS)
    walk = keyspace.walk_of(s) if operation else None
    capped = ramp(s.capped_share(), 0.3, 0.7)
    templated = walk.share if walk is not None else 0.0
    if operation and s.is_group and capped > 0.0:
        templated = max(templated, capped * keyspace.templated_share(s.samples))
    share = GROUP_BATCH_SHARE if s.is_group else BATCH_SHARE
    batch = ramp(templated, *share) * max(ramp(math.log10(s.n), *BATCH_VOLUME), capped)
    automation = max(automation, batch)
    if s.d_n * 2 >= s.n:  # mostly data-API traffic: automation is what its tier is for
        automation = 0.0
    switch = s.n_switch / s.n
    # Sharing beyond a household: more devices than a family has, or two places at once around
    # the clock (customers in other time zones). A family on phones and laptops switches networks
    # all day, but sleeps; a phone on a carrier NAT collects address ranges, not user agents.
    people = min(ramp(len(s.uas), 4, 10), ramp(len(s.prefixes), 3, 8))  # devices in many places
    awake = max(ramp(per_day_hours, 10, 16), ramp(restless, 0.4, 0.8))
    # One client behind a rotating proxy pool: a new address on most requests, or another network
    # within minutes on most of them across many networks (a household's devices interleave, but
    # a household has several user agents). A phone moving between its carrier's NAT pools and a
    # home line switches within minutes all day too, but among a handful of /16s.
    networks = len(set(map(network, s.prefixes)))
    rotating = max(ramp(len(s.ips) / min(s.n, MAX_IPS), 0.5, 0.8),
                   ramp(switch, 0.35, 0.6) * ramp(networks, 4, 10)) if len(s.uas) <= 2 else 0.0
    sharing = max(people, ramp(switch, 0.03, 0.15) * max(awake, people, rotating))
    per_day = s.n / s.active_days
    value = noisy_and((max(automation, sharing), 1.0), (ramp(per_day, 10, 60), 0.6))
    out = Score(round(value, 4))
    if value >= 0.25:
        out.evidence.append(f"{s.plan} (consumer) plan with {num(s.n)} requests, {per_day:.0f} per active day")
        if automation >= sharing:
            if batch > 0 and walk is not None and templated > walk.share:
                out.evidence.append(f"a batch workload at the plan's cap: {pct(templated)} of sampled prompts "
                                    f"follow templates (e.g. \"{walk.example[:120]}\"), its accounts refused at "
                                    f"the cap on {pct(s.capped_share())} of their active days")
            elif batch > 0 and walk is not None:
                out.evidence.append(f"a batch workload: {pct(walk.share)} of sampled prompts follow one template "
                                    f"(e.g. \"{walk.example[:120]}\")")
            if regular > 0:
                out.evidence.append(f"machine-regular timing (gap variation {cv:.2f})")
            if close > 0.05:
                out.evidence.append(f"{pct(close)} of requests start within 2 s of the previous one")
            out.evidence.append(f"active in {hours} of 24 hours of the day, "
                                f"{per_day_hours:.1f} distinct hours per active day; "
                                f"{pct(restless)} of days without a 5-hour pause")
        else:
            out.evidence.append(f"{len(s.prefixes)} network ranges and {len(s.uas)} user agents")
            if switch > 0.03:
                out.evidence.append(f"{pct(switch)} of requests switch network within 5 minutes")
    return out
