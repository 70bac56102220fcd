"""Accounts, labels and request records: conversations, token accounting, caching, plan caps and rate
limits, background errors, streams cut short, and re-recorded duplicates."""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Callable
from typing import Any

from content import tokens
from world import DAY, PROFILES, START, WEEKEND_FACTOR, World, day_kind, h, local_ts, pick_hour

CONSUMER_PLANS = {"free", "pro", "max"}
# requests per window (seconds), the window opening at the first message after the last one closed
CAPS = {"free": (20, 3 * 3600, "throttle:free_window_cap"), "pro": (80, 5 * 3600, "throttle:plan_window_cap"),
        "max": (400, 5 * 3600, "throttle:plan_window_cap"), "team": (150, 5 * 3600, "throttle:plan_window_cap")}
SPEED = {"alcor-3": 75.0, "alcor-3-flash": 160.0, "alcor-3-deep": 62.0, "alcor-2.5": 90.0}
ANTHROPIC = "/v1/messages"
CHAT = "/v1/chat/completions"
RESPONSES = "/v1/responses"


def lognorm(rng: random.Random, median: float, sigma: float = 0.6, lo: int = 1, hi: int = 10**9) -> int:
    return int(min(hi, max(lo, median * math.exp(rng.gauss(0, sigma)))))


def lognormf(rng: random.Random, median: float, sigma: float = 0.6) -> float:
    return median * math.exp(rng.gauss(0, sigma))


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, int(rng.gauss(lam, math.sqrt(lam)) + .5))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


class Conv:
    __slots__ = ("cached", "hist", "id", "last", "turn")

    def __init__(self, cid: str):
        self.id, self.turn, self.hist, self.last, self.cached = cid, 0, 0, -1e18, 0


class Account:
    def __init__(self, **kw: Any):
        self.__dict__.update(kw)
        self.reqs: list[dict] = []
        self.warm: dict[str, float] = {}
        self.keys: list[str] = []


class Engine:
    def __init__(self, seed: int, days: int, careful: float, world: World):
        self.seed, self.days, self.careful, self.world = seed, days, careful, world
        self.accounts: list[Account] = []
        self.end = START + days * DAY

    # ---------------------------------------------------------------- accounts
    def carefulness(self, rng: random.Random) -> float:
        return min(1.0, max(0.0, rng.gauss(self.careful, 0.15)))

    def account(self, rng: random.Random, persona: str, *, email: str, plan: str, country: str, created_at: float,
                signup_ip: str | None, org_id: str | None = None, declared_company: str | None = None,
                payment: str | None = None, sso: str | None = None, credential: str | None = None,
                verified: bool = True, categories: tuple[str, ...] = (), network_id: str | None = None,
                label_org: str | None = None, human: bool = True, rpm: int = 500, keys: int = 1) -> Account:
        idx = sum(1 for a in self.accounts if a.persona == persona)
        aid = "acct_" + h(self.seed, persona, idx)[:16]
        if credential is None:
            credential = "consumer_subscription" if plan in CONSUMER_PLANS or plan == "team" else "api_key"
        a = Account(id=aid, persona=persona, plan=plan, country=country, created_at=created_at, email=email,
                    signup_ip=signup_ip, org_id=org_id, declared_company=declared_company, payment=payment, sso=sso,
                    credential=credential, verified=verified, categories=tuple(sorted(set(categories))),
                    network_id=network_id, label_org=label_org, human=human, rpm=rpm, status="active")
        a.keys = ["key_" + h(aid, i)[:14] for i in range(keys)] if credential == "api_key" or keys > 1 else []
        self.accounts.append(a)
        return a

    # ---------------------------------------------------------------- time
    def sessions(self, rng: random.Random, country: str, profile: str, per_day: float,
                 days: range | None = None, weekend: float | None = None) -> list[float]:
        out = []
        for day in days if days is not None else range(self.days):
            kind = day_kind(country, day)
            f = 1.0 if kind == "work" else (WEEKEND_FACTOR[profile] if weekend is None else weekend)
            for _ in range(poisson(rng, per_day * f)):
                out.append(local_ts(country, day, pick_hour(rng, profile)))
        return sorted(t for t in out if START <= t < self.end)

    def at(self, country: str, day: int, hour: float) -> float:
        return local_ts(country, day, hour)

    def hour_weight(self, profile: str, hour: float) -> float:
        return PROFILES[profile][int(hour) % 24]

    # ---------------------------------------------------------------- records
    def conv(self, rng: random.Random) -> Conv:
        return Conv("conv_" + f"{rng.getrandbits(96):024x}")

    def emit(self, a: Account, ts: float, prompt: str, out: int, *, model: str, endpoint: str, ua: str | None,
             ip: str | None, lang: str = "en", system: str | None = None, sys_tok: int = 0, conv: Conv | None = None,
             ptok: int | None = None, extra: int = 0, reasoning: bool = False, rtok: int = 0, stream: bool = False,
             max_tokens: int | None = None, key: str | None = "", channel: str = "direct",
             platform: str | None = None, eu: str | None = None, eu_org: str | None = None,
             session: str | None = None, cache: str = "none", background: bool = False,
             rng: random.Random | None = None) -> float:
        """Record one request; returns its duration (seconds)."""
        r = rng or random
        if ts < a.created_at or ts >= self.end:
            return 0.0
        if ptok is None:
            ptok = tokens(prompt, lang)
        ptok += extra
        if system and not sys_tok:
            sys_tok = tokens(system, lang)
        if endpoint == ANTHROPIC and max_tokens is None:
            max_tokens = 4096
        if reasoning:
            out = out + rtok
        if max_tokens is not None and out > max_tokens:
            out = max_tokens
            rtok = min(rtok, out)
        prefix = sys_tok + (conv.hist if conv else 0)
        whole = prefix + ptok
        wkey = conv.id if conv else (system or "")[:80]
        warm_until = a.warm.get(wkey, -1e18)
        read = write = 0
        fresh = whole
        if cache == "auto":
            if prefix >= 1024 and ts < warm_until:
                read = prefix // 128 * 128
                fresh = whole - read
            a.warm[wkey] = ts + 600
        elif cache in ("explicit", "app"):
            hot = ts < warm_until
            if conv:
                if hot and conv.cached:
                    read = conv.cached
                elif cache == "app" or sys_tok >= 1024:
                    read = sys_tok if cache == "app" else 0
                fresh = r.randint(1, 24) if whole - read > 24 else max(1, whole - read)
                write = max(0, whole - read - fresh)
                conv.cached = whole - fresh
            else:
                if hot or cache == "app":
                    read = sys_tok
                else:
                    write = sys_tok
                fresh = whole - read - write
            a.warm[wkey] = ts + 300
        tps = SPEED.get(model, 80.0) * r.uniform(.75, 1.25)
        dur = 0.25 + whole / 25000 + r.uniform(0, .6) + out / tps
        if key == "":
            key = r.choice(a.keys) if a.keys else None
        rec = {
            "ts": round(ts, 3), "request_id": "req_" + f"{r.getrandbits(96):024x}", "account_id": a.id,
            "key_id": key, "channel": channel, "platform": platform, "end_user_id": eu, "end_user_org": eu_org,
            "client_ip": ip, "user_agent": ua, "endpoint": endpoint, "model": model,
            "conversation_id": conv.id if conv else "conv_" + f"{r.getrandbits(96):024x}",
            "turn": (conv.turn + 1) if conv else 1, "system": system[:600] if system else None,
            "prompt": prompt[:2000], "input_tokens": fresh, "output_tokens": out, "reasoning": reasoning,
            "stream": stream, "status": 200, "decision": "allow", "cache_read_tokens": read,
            "cache_write_tokens": write, "reasoning_tokens": rtok if reasoning else 0, "max_tokens": max_tokens,
            "usage_reported": True, "_d": dur, "_s": session,
        }
        if background:
            rec["_bg"] = True
        a.reqs.append(rec)
        if conv:
            conv.turn += 1
            conv.hist += ptok + (out - (rtok if reasoning else 0))
            conv.last = ts + dur
        return dur

    def chat(self, a: Account, rng: random.Random, ts: float, prompts: list[str], outs: list[int], *,
             think: tuple[float, float] = (15, 200), ip: Callable[[float], str | None] | str | None = None,
             **kw: Any) -> float:
        """A conversation: one turn per prompt, the next typed after reading the answer."""
        conv = kw.pop("conv", None) or self.conv(rng)
        for p, o in zip(prompts, outs, strict=False):
            addr = ip(ts) if callable(ip) else ip
            d = self.emit(a, ts, p, o, conv=conv, ip=addr, rng=rng, **kw)
            ts += d + rng.uniform(*think)
        return ts

    # ---------------------------------------------------------------- finishing
    def finalize(self) -> tuple[list[dict], list[dict], list[dict]]:
        world = self.world
        requests: list[dict] = []
        for a in self.accounts:
            rng = random.Random(f"{self.seed}:{a.persona}:post:{a.id}")
            reqs = sorted((r for r in a.reqs if a.created_at <= r["ts"] < self.end), key=lambda r: r["ts"])
            reqs = self._caps(a, reqs, rng)
            reqs = self._noise(a, reqs, rng)
            requests.extend(reqs)
        requests = self._rerecord(requests, random.Random(f"{self.seed}:gateway"), world)
        accounts = []
        for a in sorted(self.accounts, key=lambda x: x.id):
            accounts.append({"account_id": a.id, "created_at": round(a.created_at, 3), "email": a.email,
                             "plan": a.plan, "org_id": a.org_id, "declared_company": a.declared_company,
                             "payment_fingerprint": a.payment, "signup_ip": a.signup_ip, "sso_tenant": a.sso,
                             "country": a.country, "credential": a.credential, "verified": a.verified,
                             "status": a.status})
        labels = [{"account_id": a.id, "persona": a.persona, "categories": list(a.categories),
                   "network_id": a.network_id, "org_id": a.label_org}
                  for a in sorted(self.accounts, key=lambda x: x.id)]
        return accounts, requests, labels

    def _caps(self, a: Account, reqs: list[dict], rng: random.Random) -> list[dict]:
        out: list[dict] = []
        if a.plan in CAPS and a.credential == "consumer_subscription":
            limit, span, decision = CAPS[a.plan]
            if getattr(a, "cap", None):
                limit = a.cap
            w_end, count, dead_sessions = -1.0, 0, set()
            for r in reqs:
                if r["ts"] >= w_end:
                    w_end, count = r["ts"] + span, 0
                    dead_sessions.clear()
                if count < limit:
                    count += 1
                    out.append(r)
                    continue
                if a.human:
                    if r["_s"] in dead_sessions:
                        continue
                    dead_sessions.add(r["_s"])
                self._refuse(r, 429, decision)
                out.append(r)
                if a.human and rng.random() < .4:
                    again = dict(r, ts=round(r["ts"] + rng.uniform(5, 90), 3),
                                 request_id="req_" + f"{rng.getrandbits(96):024x}")
                    out.append(again)
                elif not a.human and rng.random() < .3:
                    again = dict(r, ts=round(r["ts"] + rng.uniform(1, 4), 3),
                                 request_id="req_" + f"{rng.getrandbits(96):024x}")
                    out.append(again)
            return out
        # API keys: requests per minute
        window: deque[float] = deque()
        for r in reqs:
            t = r["ts"]
            while window and window[0] <= t - 60:
                window.popleft()
            if len(window) >= a.rpm:
                retry = dict(r, ts=round(t + rng.uniform(1, 20), 3))
                self._refuse(r, 429, "throttle:rate_limit")
                out.append(r)
                retry["request_id"] = "req_" + f"{rng.getrandbits(96):024x}"
                out.append(retry)
                continue
            window.append(t)
            out.append(r)
        return out

    @staticmethod
    def _refuse(r: dict, status: int, decision: str) -> None:
        r.update(status=status, decision=decision, input_tokens=0, output_tokens=0, cache_read_tokens=0,
                 cache_write_tokens=0, reasoning_tokens=0, _d=0.05)

    def _noise(self, a: Account, reqs: list[dict], rng: random.Random) -> list[dict]:
        out = []
        for r in reqs:
            out.append(r)
            if r["status"] != 200:
                continue
            t = r["ts"]
            share = 0.0015
            for s, e, p in self.world.incidents:
                if s <= t < e:
                    share = p
            overloaded = 529 if r["endpoint"] == ANTHROPIC else 503
            x = rng.random()
            if x < share:
                again = dict(r, ts=round(t + rng.uniform(.5, 8), 3), request_id="req_" + f"{rng.getrandbits(96):024x}")
                self._refuse(r, overloaded, "allow")
                if not a.human or rng.random() < .5:   # SDK retries, or the user presses retry
                    out.append(again)
                continue
            if x < share + .001:
                self._refuse(r, 500, "allow")
                continue
            if x < share + .0025:
                self._refuse(r, 400, "allow")
                continue
            if r.pop("_bg", False):
                y = rng.random()
                if y < .01:
                    r.update(status=rng.choice([502, 504]), usage_reported=False,
                             output_tokens=int(r["output_tokens"] * rng.random()))
                    r["reasoning_tokens"] = min(r["reasoning_tokens"], r["output_tokens"])
                else:
                    st = "completed" if y < .95 else rng.choice(["incomplete", "cancelled", "failed"])
                    r["background_status"] = st
                    if st != "completed":
                        r["output_tokens"] = int(r["output_tokens"] * rng.uniform(0, .9))
                        r["reasoning_tokens"] = min(r["reasoning_tokens"], r["output_tokens"])
                continue
            if r["stream"] and a.human and rng.random() < .015:
                r["usage_reported"] = False
                r["output_tokens"] = int(r["output_tokens"] * rng.uniform(.05, .8))
                r["reasoning_tokens"] = min(r["reasoning_tokens"], r["output_tokens"])
            elif r["output_tokens"] > 12000 and rng.random() < .004:
                r.update(status=504, usage_reported=False, output_tokens=int(r["output_tokens"] * rng.random()))
                r["reasoning_tokens"] = min(r["reasoning_tokens"], r["output_tokens"])
        return out

    def _rerecord(self, requests: list[dict], rng: random.Random, world: World) -> list[dict]:
        """A replica dies once: what it had written in its last 90 s is written again from its write-ahead log
        at restart, and streams open at that moment are recorded from the open-streams journal. A few other
        records are exported twice."""
        crash = world.crash
        restart = crash + rng.uniform(20, 60)
        rows: list[tuple[float, dict]] = []
        for r in requests:
            d = r.pop("_d")
            r.pop("_s", None)
            r.pop("_bg", None)
            end = r["ts"] + d
            replica = int(r["request_id"][-2:], 16) % 4 == 0
            if replica and r["ts"] < crash < end and r["status"] == 200:
                r["recovered"] = True
                r["usage_reported"] = False
                r["output_tokens"] = int(r["output_tokens"] * (crash - r["ts"]) / max(d, 1e-3))
                r["reasoning_tokens"] = min(r["reasoning_tokens"], r["output_tokens"])
                rows.append((restart, r))
                continue
            rows.append((end, r))
            if replica and crash - 90 <= end < crash:
                rows.append((restart + rng.uniform(0, 3), r))
            elif rng.random() < .0004:
                rows.append((end + rng.uniform(60, 6 * 3600), r))
        rows.sort(key=lambda x: x[0])
        return [r for _, r in rows]
