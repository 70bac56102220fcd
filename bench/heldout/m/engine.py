"""The gateway as it records traffic: accounts, keys, requests, metering, plan caps and rate limits,
refusals, upstream errors, streams cut short; and the clock (sessions drawn from local habits).

Personas say what a person or a machine tries to do; this module turns it into what the gateway
writes down.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import deque

import content as C
import world as W


def tokens(text: str | None) -> int:
    """~4 characters a token for English, fewer for Turkish and Cyrillic, ~1-2 for Georgian/Armenian."""
    if not text:
        return 0
    n = len(text)
    a = len(text.encode("ascii", "ignore"))
    return 1 + int(a / 3.7 + (n - a) / 1.9)


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def lognorm(rng: random.Random, median: float, sigma: float, lo: float = 1, hi: float = 1e9) -> float:
    return min(hi, max(lo, median * math.exp(rng.gauss(0, sigma))))


class Account:
    __slots__ = (
        "country",
        "created",
        "cut",
        "deny_all",
        "human",
        "id",
        "keys",
        "label",
        "plan",
        "rec",
        "reqs",
        "rpm",
        "suspended_at",
        "trial",
    )

    def __init__(self, aid: str, rec: dict, label: dict) -> None:
        self.id, self.rec, self.label = aid, rec, label
        self.reqs: list[dict] = []
        self.plan = rec["plan"]
        self.rpm = 0
        self.trial = False
        self.human = True
        self.suspended_at = 0.0
        self.deny_all = False
        self.keys: list[str] = []
        self.country = rec["country"]
        self.created = rec["created_at"]
        self.cut = 0.012


class Net:
    """Where one person connects from: a home line (address reassigned now and then), a phone on a
    mobile operator's CGNAT (a new shared address almost every session), maybe an office."""

    def __init__(self, rng, country: str, mobile: float = 0.4, office: str | None = None, v6: float = 0.15,
                 fixed: str | None = None, mob: str | None = None) -> None:
        fixeds, mobiles = W.HOME_POOLS[country]
        self.fixed = W.POOLS[fixed or rng.choice(fixeds)]
        self.mobile_pool = W.POOLS[mob or rng.choice(mobiles)]
        self.mobile = mobile
        self.office = W.POOLS[office] if office else None
        self.home = self.fixed.addr(rng)
        self.v6 = rng.random() < v6 and self.fixed.v6 is not None
        self.hh = rng.getrandbits(32)
        self.renew = rng.choice([1, 2, 7, 30])  # days between address changes at home

    def ip(self, rng, t: float, work: bool = False) -> str:
        if work and self.office is not None:
            return self.office.addr(rng)
        if rng.random() < self.mobile:
            return self.mobile_pool.addr(rng)
        if self.v6:
            return self.fixed.addr6(rng, self.hh)
        if self.renew < 30 and rng.random() < 1 / (self.renew * 3):
            self.home = self.fixed.addr(rng)
        return self.home


class Ctx:
    def __init__(self, seed: int, days: int, careful: float, n_accounts: int) -> None:
        self.seed, self.days, self.careful, self.n = seed, days, careful, n_accounts
        self.t0, self.t1 = W.T0, W.T0 + days * W.DAY
        self.accounts: list[Account] = []
        self.requests: list[dict] = []

    def rng(self, name: str) -> random.Random:
        return random.Random(f"m:{self.seed}:{name}")

    def care(self, rng: random.Random) -> float:
        """This instance's carefulness: the run's knob, spread a little so a run spans a range."""
        return min(1.0, max(0.0, self.careful + rng.uniform(-0.2, 0.2)))

    # ------------------------------------------------------------------ accounts
    def account(self, rng: random.Random, persona: str, *, country: str, plan: str, email: str, created: float,
                signup_ip: str | None, org_id: str | None = None, company: str | None = None,
                payment: str | None = None, sso: str | None = None, verified: bool = False,
                credential: str | None = None, categories: tuple[str, ...] = (), network: str | None = None,
                rival: str | None = None, status: str = "active", keys: int = 1) -> Account:
        aid = f"acct_{rng.getrandbits(72):018x}"
        if plan == "free":
            payment = None  # no instrument on file for a free account
        if credential is None:
            credential = "consumer_subscription" if plan in ("free", "pro", "max") else "api_key"
        rec = {"account_id": aid, "created_at": round(created, 3), "email": email, "plan": plan, "org_id": org_id,
               "declared_company": company, "payment_fingerprint": payment, "signup_ip": signup_ip,
               "sso_tenant": sso, "country": country, "credential": credential, "verified": verified,
               "status": status}
        label = {"account_id": aid, "persona": persona, "categories": sorted(set(categories)),
                 "network_id": network, "org_id": rival}
        a = Account(aid, rec, label)
        a.keys = [f"key_{rng.getrandbits(48):012x}" for _ in range(max(1, keys))]
        domain = email.rsplit("@", 1)[-1]
        if (org_id in W.RIVALS) or (verified and domain in W.ENFORCED_DOMAINS) or (sso in W.ENFORCED_TENANTS):
            a.deny_all = True
        self.accounts.append(a)
        return a

    def created_before(self, rng: random.Random, days_min: float = 3, days_max: float = 700) -> float:
        """A signup time before the window, skewed to recent months (the product grew fast)."""
        d = days_min + (days_max - days_min) * rng.random() ** 1.8
        return self.t0 - d * W.DAY - rng.random() * W.DAY

    # ------------------------------------------------------------------ clock
    def sessions(self, rng: random.Random, country: str, shape: str, per_day: float, *, off: float = 0.6,
                 specials: dict[str, float] | None = None, start: float | None = None,
                 days: list[int] | None = None) -> list[float]:
        """Session start times over the window, in local habits of `country`."""
        out: list[float] = []
        cdf_plain = W.hour_cdf(shape)
        prayer = W.COUNTRIES[country].prayer_dip
        cdf_fri = W.hour_cdf(shape, prayer) if prayer else cdf_plain
        for day in days if days is not None else range(self.days):
            mean = per_day * (off if W.is_day_off(country, day) else 1.0)
            sp = W.special(country, day)
            if specials and sp in specials:
                mean *= specials[sp]
            n = poisson(rng, mean)
            if not n:
                continue
            base = W.local_midnight(country, day)
            cdf = cdf_fri if W.local_date(day).weekday() == 4 else cdf_plain
            for _ in range(n):
                u = rng.random()
                h = 0
                while cdf[h] < u:
                    h += 1
                t = base + (h + rng.random()) * 3600
                if (start is None or t >= start) and self.t0 <= t < self.t1:
                    out.append(t)
        out.sort()
        return out

    # ------------------------------------------------------------------ requests
    def req(self, a: Account, rng: random.Random, ts: float, prompt: str, *, model: str, endpoint: str, ua: str,
            ip: str, system: str | None = None, conv: str | None = None, turn: int = 1, out: float = 300,
            reasoning: bool = False, think: float = 0.0, stream: bool = False, channel: str = "direct",
            platform: str | None = None, eu: str | None = None, euo: str | None = None, key: str | None = None,
            history: int = 0, extra_in: int = 0, cache_read: int = 0, cache_write: int = 0,
            deny: bool = False, retry: bool = False, cut: float | None = None) -> dict | None:
        if not (self.t0 <= ts < self.t1) or ts < a.created:
            return None
        out_t = max(1, int(out))
        r_t = 0
        if reasoning:
            r_t = int(think) if think else int(out_t * rng.uniform(0.45, 0.85))
            out_t += r_t
        fresh = tokens(prompt) + extra_in + history + (tokens(system) if not (cache_read or cache_write) else 0)
        cut_p = a.cut if cut is None else cut
        rec = {
            "ts": round(ts, 3), "request_id": f"req_{rng.getrandbits(96):024x}", "account_id": a.id,
            "key_id": key or a.keys[0], "channel": channel, "platform": platform, "end_user_id": eu,
            "end_user_org": euo, "client_ip": ip, "user_agent": ua, "endpoint": endpoint, "model": model,
            "conversation_id": conv, "turn": turn, "system": system, "prompt": prompt[:4000],
            "input_tokens": fresh, "output_tokens": out_t, "cache_read_tokens": cache_read,
            "cache_write_tokens": cache_write, "reasoning_tokens": r_t, "reasoning": reasoning,
            "stream": stream, "status": 200, "decision": "allow",
        }
        if deny:
            rec["_deny"] = True
        if retry:
            rec["_retry"] = 2
        if stream and rng.random() < cut_p:
            rec["_cut"] = True
        a.reqs.append(rec)
        return rec

    # ------------------------------------------------------------------ the gateway's verdicts
    def finalize(self, a: Account, rng: random.Random) -> None:
        plan = W.PLANS[a.plan]
        window, daily = plan["window"], plan["daily"]
        rpm = a.rpm or plan["rpm"]
        heap = [(r["ts"], i, r) for i, r in enumerate(a.reqs)]
        heapq.heapify(heap)
        seq = len(heap)
        win: deque[float] = deque()
        minute: deque[float] = deque()
        per_day: dict[int, int] = {}
        spent = 0.0
        gave_up_until = 0.0
        out = self.requests
        inc0, inc1 = W.INCIDENT
        while heap:
            ts, _, r = heapq.heappop(heap)
            if ts >= self.t1:
                continue  # a retry that fell past the end of the export
            status, decision = 200, "allow"
            day = int((ts - self.t0) // W.DAY)
            while win and win[0] <= ts - 5 * 3600:
                win.popleft()
            while minute and minute[0] <= ts - 60:
                minute.popleft()
            if a.human and ts < gave_up_until and rng.random() < 0.8:
                continue  # the person saw "limit reached" and left
            if a.suspended_at and ts >= a.suspended_at:
                status, decision = 403, "deny:account_suspended"
            elif a.deny_all or r.get("_deny"):
                status, decision = 403, "deny:competitor"
            elif a.plan == "free" and r["model"].startswith("poyraz"):
                status, decision = 403, "deny:model_not_in_plan"
            elif a.trial and spent >= W.TRIAL_CREDIT_USD:
                status, decision = 402, "deny:insufficient_credit"
            elif (window and len(win) >= window) or (daily and per_day.get(day, 0) >= daily):
                status, decision = 429, "throttle_refused:plan_quota"
                if a.human:
                    gave_up_until = (win[0] + 5 * 3600) if win else ts + 3600
            elif len(minute) >= rpm:
                status, decision = 429, "throttle_refused:rate_limit"
                n = r.get("_retry", 0)
                if n:
                    back = rng.uniform(0.4, 1.0) * (2 ** (2 - n)) + rng.random()
                    again = dict(r, ts=round(ts + back, 3), request_id=f"req_{rng.getrandbits(96):024x}",
                                 _retry=n - 1)
                    heapq.heappush(heap, (again["ts"], seq, again))
                    seq += 1
            if status == 200:
                win.append(ts)
                minute.append(ts)
                per_day[day] = per_day.get(day, 0) + 1
                if inc0 <= ts < inc1 and rng.random() < 0.35:
                    status = 529
                elif rng.random() < 0.0015:
                    status = rng.choice([500, 502, 503])
                elif r["input_tokens"] + r["cache_read_tokens"] + r["cache_write_tokens"] > 262_000:
                    status = 400
            r.pop("_retry", None)
            r.pop("_deny", None)
            cut = r.pop("_cut", False)
            r["status"], r["decision"] = status, decision
            if status != 200:
                r["input_tokens"] = r["output_tokens"] = r["reasoning_tokens"] = 0
                r["cache_read_tokens"] = r["cache_write_tokens"] = 0
            else:
                if cut:
                    keep = rng.uniform(0.03, 0.7)
                    r["output_tokens"] = max(1, int(r["output_tokens"] * keep))
                    r["reasoning_tokens"] = min(r["reasoning_tokens"], r["output_tokens"])
                    r["usage_reported"] = False
                if a.trial:
                    pin, pout, _ = W.MODELS.get(r["model"], (3.0, 15.0, ""))
                    spent += (r["input_tokens"] * pin + r["cache_read_tokens"] * pin * 0.1
                              + r["output_tokens"] * pout) / 1e6
            out.append(r)
        a.reqs = []


# ---------------------------------------------------------------------------------------------
# a human conversation, as the consumer app or a chat UI sends it
# ---------------------------------------------------------------------------------------------


def new_conv(rng: random.Random) -> str:
    """A conversation id as the apps mint them (UUID v4)."""
    return (f"{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}-4{rng.getrandbits(12):03x}-"
            f"{8 + rng.getrandbits(2):x}{rng.getrandbits(12):03x}-{rng.getrandbits(48):012x}")


def conversation(ctx: Ctx, a: Account, rng: random.Random, t: float, lang: str, *, ua: str, ip: str,
                 model: str, endpoint: str = "/v1/messages", first: str | None = None, turns: int | None = None,
                 system: str | None = None, out_median: float = 380, reasoning: float = 0.0, stream: bool = True,
                 no_diacritics: bool = False, gap_median: float = 75, channel: str = "direct",
                 platform: str | None = None, eu: str | None = None, euo: str | None = None,
                 deny: bool = False, extra_in: int = 0) -> float:
    """One conversation; returns the time of its last turn."""
    n = turns if turns is not None else min(14, 1 + int(lognorm(rng, 1.6, 0.8)))
    conv = new_conv(rng)
    history = 0
    prompt = first or C.chat(rng, lang, no_diacritics)
    think = rng.random() < reasoning
    for turn in range(1, n + 1):
        o = lognorm(rng, out_median, 0.7, 8, 6000)
        ei = extra_in if turn == 1 else 0
        r = ctx.req(a, rng, t, prompt, model=model, endpoint=endpoint, ua=ua, ip=ip, system=system, conv=conv,
                    turn=turn, out=o, reasoning=think, stream=stream, history=history, extra_in=ei,
                    channel=channel, platform=platform, eu=eu, euo=euo, deny=deny)
        history += tokens(prompt) + int(o) + ei
        if r is None and t >= ctx.t1:
            break
        t += lognorm(rng, gap_median, 0.9, 6, 3600) + o / 40
        if rng.random() < 0.6:
            prompt = rng.choice(C.FOLLOWUPS.get(lang, C.FOLLOWUPS["en"]))
        else:
            prompt = C.chat(rng, lang, no_diacritics)
    return t
