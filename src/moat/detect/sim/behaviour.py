"""How one simulated account sends requests: timing, conversations, network identity.

A `Behaviour` is plain configuration; `requests()` turns it into that account's requests in time
order, one day at a time, so the world can merge all accounts lazily (memory grows with accounts).
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

DAY = 86400.0
# (system, prompt, extra input tokens, output tokens mean); i = the account's request counter
PromptFn = Callable[[random.Random, int], tuple[str | None, str, int, int]]


@dataclass(slots=True)
class Behaviour:
    account_id: str
    rate: float  # requests per active day
    prompt: PromptFn
    timing: str = "human"  # human | regular | batch | diurnal | sync | runs
    tz: float = 0.0  # local offset from UTC in hours (human timing)
    peak_hour: float | None = None  # local hour of peak activity, wrapping midnight (night shifts)
    member_tz: bool = True  # other members live in other time zones (False: one household)
    active_days: float = 0.7  # probability that a given day is active
    session_len: float = 4.0  # mean requests per human session
    gap_s: float = 60.0  # mean gap inside a session (human, batch)
    continue_p: float = 0.5  # probability the next request continues the conversation
    reasoning_p: float = 0.05
    jitter: float = 0.05  # relative jitter of regular timing
    workers: int = 1  # parallel workers (regular timing)
    batch_hour: float = 2.0  # UTC start of the nightly batch window
    schedule: list[tuple[float, float]] = field(default_factory=list)  # sync/runs: (start, seconds)
    sync_jitter: float = 0.0
    sync_p: float = 0.85  # probability that the account joins a given window (sync timing)
    extra_times: list[float] = field(default_factory=list)  # one-off requests (a visit, a test)
    ips: list[str] = field(default_factory=list)
    ip_picker: Callable[[random.Random, float], str] | None = None  # (rng, ts) -> ip; overrides `ips`
    uas: list[str] = field(default_factory=list)
    members: int = 1  # people sharing the account (each with own ip/ua/tz)
    models: tuple[str, ...] = ("model-large",)
    channel: str = "direct"
    platform: str | None = None
    end_user_org: str | None = None
    end_users: list[tuple[str, str | None]] = field(default_factory=list)  # platform (id, org) per member
    endpoint: str = "/v1/messages"
    active_from: float = 0.0  # no requests before this time (the account's signup)
    # A data-API client (moat.detect.sim.data) writes its own records: (rng, start, days) -> records
    # in time order. None: a model client, as configured above.
    records: Callable[[random.Random, float, int], Iterator[dict[str, Any]]] | None = None


def _human_times(b: Behaviour, rng: random.Random, day0: float, tz: float, rate: float) -> list[float]:
    out: list[float] = []
    expected = rate / b.session_len * rng.uniform(0.6, 1.4)
    sessions = int(expected) + (rng.random() < expected % 1)  # light users still show up some days
    for _ in range(sessions):
        peak = b.peak_hour
        hour = min(23.5, max(7.0, rng.gauss(14.5, 3.5))) if peak is None else rng.gauss(peak, 2.5) % 24
        t = day0 + (hour - tz) * 3600 + rng.uniform(0, 1800)
        for _ in range(max(1, round(rng.expovariate(1 / b.session_len)))):
            out.append(t)
            t += rng.lognormvariate(math.log(b.gap_s), 0.9)
    return out


def _times(b: Behaviour, rng: random.Random, day: int, day0: float) -> list[tuple[float, int]]:
    """Request start times of one day, each with the member (person or worker) who sends it."""
    rate = b.rate
    if b.timing == "human":
        out: list[tuple[float, int]] = []
        for m in range(b.members):
            if rng.random() > b.active_days:
                continue
            tz = b.tz if m == 0 or not b.member_tz else rng.choice((-8.0, -5.0, 0.0, 1.0, 5.5, 8.0, 9.0))
            out.extend((t, m) for t in _human_times(b, rng, day0, tz, rate / b.members))
        return out
    if b.timing == "regular":
        per_worker = rate / b.workers
        step = DAY / max(per_worker, 1e-9)
        out = []
        t = day0 + rng.uniform(0, step)
        while t < day0 + DAY:
            for w in range(b.workers):
                out.append((t + rng.uniform(0, 0.4), w))
            t += step * (1 + rng.uniform(-b.jitter, b.jitter))
        return out
    if b.timing == "batch":
        if rng.random() > b.active_days:
            return []
        n = max(1, round(rate * rng.uniform(0.8, 1.2)))
        t = day0 + b.batch_hour * 3600 + rng.uniform(0, 600)
        out = []
        for _ in range(n):
            out.append((t, 0))
            t += b.gap_s * rng.uniform(0.5, 1.5)
        return out
    if b.timing == "diurnal":
        out = []
        t = day0
        peak = rate / DAY * 1.6
        while True:
            t += rng.expovariate(peak)
            if t >= day0 + DAY:
                return out
            hour = (t - day0) / 3600 + b.tz
            if rng.random() < 0.5 + 0.45 * math.sin((hour - 9) / 24 * 2 * math.pi):
                out.append((t, 0))
    # sync and runs follow a schedule of (start, seconds) windows
    out = []
    windows = [w for w in b.schedule if day0 <= w[0] < day0 + DAY]
    if not windows:
        return out
    per_window = rate if b.timing == "runs" else rate / len(windows)  # runs: a whole pass each
    for start, seconds in windows:
        if b.timing == "sync" and rng.random() > b.sync_p:
            continue
        s = start + rng.gauss(0, b.sync_jitter)
        n = max(1, round(per_window if b.timing == "runs" else per_window * rng.uniform(0.7, 1.3)))
        gap = seconds / n
        t = s
        for _ in range(n):
            out.append((t, 0))
            t += rng.expovariate(1 / gap)
    return out


def requests(b: Behaviour, rng: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
    """This account's requests in time order."""
    if b.records is not None:
        yield from (r for r in b.records(rng, start, days) if r["ts"] >= b.active_from)
        return
    ips = b.ips or ["0.0.0.0"]
    uas = b.uas or ["moat-sim/1.0"]
    i = 0
    conv: str | None = None
    turn = 0
    member_conv: dict[int, tuple[str, int]] = {}
    aid = b.account_id
    prompt = b.prompt
    # A day's sessions may start before midnight UTC (time zones) or run past it: keep a heap of
    # pending times and emit only those no later day can precede (days generate >= day0 - 1 day).
    pending: list[tuple[float, int, str]] = []
    for day in range(days + 1):
        day0 = start + day * DAY
        if day < days:
            today = ips[0] if rng.random() < 0.7 else rng.choice(ips)  # a person's address for the day
            for t, member in _times(b, rng, day, day0):
                heapq.heappush(pending, (t, member, today))
            for t in b.extra_times:
                if day0 <= t < day0 + DAY:
                    heapq.heappush(pending, (t, 0, today))
        horizon = day0 if day < days else math.inf
        while pending and pending[0][0] < horizon:
            t, member, today = heapq.heappop(pending)
            if t < b.active_from:
                continue
            if b.members > 1:
                conv, turn = member_conv.get(member, (None, 0))
            if conv is None or rng.random() > b.continue_p:
                conv, turn = f"{aid}-c{i}", 1
            else:
                turn += 1
            if b.members > 1:
                member_conv[member] = (conv, turn)
            system, text, extra_in, out_mean = prompt(rng, i)
            ip = b.ip_picker(rng, t) if b.ip_picker is not None else ips[member % len(ips)] if b.members > 1 else today
            ua = uas[member % len(uas)] if b.members > 1 else uas[0 if rng.random() < 0.85 else i % len(uas)]
            eu_id: str | None
            if b.end_users:
                eu_id, eu_org = b.end_users[member % len(b.end_users)]
            else:
                eu_id = f"{aid}-u{member}" if b.channel == "platform" else None
                eu_org = b.end_user_org
            n_in = (len(text) + len(system or "")) // 4 + extra_in + 40 * (turn - 1)
            yield {
                "ts": round(t, 3), "request_id": f"{aid}-r{i}", "account_id": aid,
                "key_id": f"{aid}-k{member % 3}", "channel": b.channel, "platform": b.platform,
                "end_user_id": eu_id, "end_user_org": eu_org, "client_ip": ip, "user_agent": ua,
                "endpoint": b.endpoint, "model": b.models[i % len(b.models)] if len(b.models) > 1
                else b.models[0], "conversation_id": conv, "turn": turn, "system": system,
                "prompt": text, "input_tokens": n_in,
                "output_tokens": max(1, int(rng.expovariate(1 / out_mean))) if out_mean else 0,
                "reasoning": rng.random() < b.reasoning_p, "stream": rng.random() < 0.5,
                "status": 200, "decision": "allow",
            }
            i += 1
