"""Accounts, labels and request records: token accounting, prompt caching, plan caps, background noise."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from content import tok
from world import DAY, KST, START, TZ, Home, Net, card, directory, in_window, lang_of

PROMPT_MAX = 2000
SYSTEM_MAX = 1000

# consumer plan caps (Dalbit counts messages, not tokens)
FREE_DAILY = 40            # per KST calendar day (the counter resets at midnight Seoul time for everyone)
WINDOW = 5 * 3600          # pro / max / team: a 5-hour window opened by the first message
WINDOW_CAP = {"pro": 100, "max": 500, "team": 250}
RPM = {"trial": 50, "api": 1000, "team": 300, "enterprise": 4000}
TRIAL_CREDIT_USD = 10.0
PRICE = {"dalbit-4": (3.0, 15.0), "dalbit-4-lite": (0.8, 4.0), "dalbit-4-think": (5.0, 25.0), "dalbit-3.5": (3.0, 15.0)}


def cost(rec: dict) -> float:
    pin, pout = PRICE.get(rec["model"], (3.0, 15.0))
    return (rec["input_tokens"] * pin + rec["cache_write_tokens"] * pin * 1.25 + rec["cache_read_tokens"] * pin * .1
            + rec["output_tokens"] * pout) / 1e6


@dataclass
class Acct:
    id: str
    persona: str
    plan: str
    country: str
    tz: int
    rec: dict
    label: dict
    keys: list[str] = field(default_factory=list)
    human: bool = True          # a person stops soon after being capped; a script keeps hammering
    trial: bool = False
    recs: list[dict] = field(default_factory=list)
    lang: str = "en"


class World:
    def __init__(self, seed: int, accounts: int = 1000, days: int = 7, careful: float = .5):
        self.seed, self.days, self.careful = seed, days, careful
        self.scale = accounts / 1000
        self.net = Net(seed)
        self.entities, self.orgs = directory(seed)
        self.accts: list[Acct] = []
        self._cache: dict = {}
        self._emails: set[str] = set()
        self.end = START + days * DAY

    # ------------------------------------------------------------- helpers
    def rng(self, name: str) -> random.Random:
        return random.Random(f"{self.seed}:{name}")

    def n(self, weight: float) -> int:
        return max(1, round(weight * self.scale))

    def careful_of(self, rng: random.Random) -> float:
        return min(1.0, max(0.0, rng.gauss(self.careful, .15)))

    @staticmethod
    def hexid(rng: random.Random, n: int = 12) -> str:
        return f"{rng.getrandbits(4 * n):0{n}x}"

    def conv_id(self, rng: random.Random) -> str:
        return "conv_" + self.hexid(rng, 16)

    # ------------------------------------------------------------- accounts
    def account(self, rng: random.Random, persona: str, *, country: str, plan: str, email: str,
                created_at: float, signup_ip: str | None, payment: str | None = "new", org_id: str | None = None,
                declared_company: str | None = None, sso: str | None = None, verified: bool | None = None,
                categories=(), network_id: str | None = None, label_org: str | None = None, human: bool = True,
                trial: bool = False, keys: int = 1, lang: str | None = None, status: str = "active",
                credential: str | None = None) -> Acct:
        aid = "acct_" + self.hexid(rng, 14)
        if credential is None:
            credential = "consumer_subscription" if plan in ("free", "pro", "max", "team") else "api_key"
        local, _, domain = email.partition("@")
        k = 1
        while email in self._emails:   # the provider keeps e-mails unique: a person picks another
            k += 1
            email = f"{local}{k}@{domain}"
        self._emails.add(email)
        if payment == "new":
            payment = None if plan == "free" or trial else card(rng)
        if verified is None:
            verified = rng.random() < (.97 if plan != "free" else .8)
        rec = {"account_id": aid, "created_at": int(created_at), "email": email, "plan": plan, "org_id": org_id,
               "declared_company": declared_company, "payment_fingerprint": payment, "signup_ip": signup_ip,
               "sso_tenant": sso, "country": country, "credential": credential, "verified": verified,
               "status": status}
        label = {"account_id": aid, "persona": persona, "categories": sorted(categories), "network_id": network_id,
                 "org_id": label_org}
        a = Acct(aid, persona, plan, country, TZ.get(country, KST), rec, label, human=human, trial=trial,
                 lang=lang or lang_of(rng, country))
        a.keys = ["key_" + self.hexid(rng, 10) for _ in range(keys)] if credential == "api_key" else []
        self.accts.append(a)
        return a

    def created_before(self, rng: random.Random, lo_days: float, hi_days: float) -> float:
        return START - rng.uniform(lo_days, hi_days) * DAY

    # ------------------------------------------------------------- requests
    def req(self, rng: random.Random, a: Acct, ts: float, prompt: str, *, ip: str | None, ua: str | None,
            endpoint: str = "/v1/messages", model: str = "dalbit-4", system: str | None = None,
            system_tokens: int | None = None, conv: str | None = None, turn: int = 1, out=(400, .5),
            reasoning: bool = False, think=(1500, .6), stream: bool | None = None, max_tokens: int | None = None,
            hist: int = 0, cache: str | None = None, key: str | None = "auto", channel: str = "direct",
            platform: str | None = None, end_user: str | None = None, end_user_org: str | None = None,
            background: bool = False, extra_in: int = 0, errors: float = 1.0) -> dict | None:
        if not in_window(ts, self.days):
            return None
        if key == "auto":
            key = a.keys[0] if a.keys else None
        if stream is None:
            stream = endpoint != "/v1/responses" and rng.random() < .6
        if max_tokens is None and endpoint == "/v1/messages":
            max_tokens = rng.choice([1024, 2048, 4096, 4096, 8192, 8192, 16000])
        p_t = tok(prompt) + extra_in
        s_t = system_tokens if system_tokens is not None else tok(system)
        prefix = s_t + hist
        total = prefix + p_t
        fresh, c_read, c_write = total, 0, 0
        ckey = (a.id, (system or "")[:64]) if cache == "system" else (a.id, conv or (system or "")[:64])
        last = self._cache.get(ckey)
        if cache in ("explicit", "explicit1h") and total >= 1024:
            ttl = 3600 if cache == "explicit1h" else 300
            if last and ts - last[0] < ttl:
                c_read = min(last[1], prefix)
            c_write = max(0, total - c_read - rng.randint(3, 40))
            fresh = total - c_read - c_write
            self._cache[ckey] = (ts, total)
        elif cache == "auto" and total >= 1024:
            if last and ts - last[0] < 420:
                c_read = min(last[1], prefix) // 128 * 128
            fresh = total - c_read
            self._cache[ckey] = (ts, total)
        elif cache == "system" and s_t >= 1024:
            if last and ts - last[0] < 300:
                c_read = s_t
            else:
                c_write = s_t
            fresh = total - c_read - c_write
            self._cache[ckey] = (ts, s_t)
        o = out if isinstance(out, int) else int(max(1, rng.lognormvariate(0, out[1]) * out[0]))
        th = 0
        if reasoning:
            th = think if isinstance(think, int) else int(max(50, rng.lognormvariate(0, think[1]) * think[0]))
        total_out = o + th
        cap = max_tokens
        if cap and total_out > cap:
            th = min(th, int(cap * .9))
            total_out = cap
        rec = {"ts": round(ts, 3), "request_id": "req_" + self.hexid(rng, 24), "account_id": a.id, "key_id": key,
               "channel": channel, "platform": platform, "end_user_id": end_user, "end_user_org": end_user_org,
               "client_ip": ip, "user_agent": ua, "endpoint": endpoint, "model": model, "conversation_id": conv,
               "turn": turn, "system": system[:SYSTEM_MAX] if system else None, "prompt": prompt[:PROMPT_MAX],
               "input_tokens": fresh, "output_tokens": total_out, "cache_read_tokens": c_read,
               "cache_write_tokens": c_write, "reasoning_tokens": min(th, total_out), "reasoning": reasoning,
               "stream": stream, "status": 200, "decision": "allow", "max_tokens": max_tokens}
        if background:
            rec["stream"] = False
            x = rng.random()
            if x < .003 * errors:
                self.fail(rec, rng.choice([502, 504]))
            else:
                bs = "completed" if x < .95 else "incomplete" if x < .98 else "cancelled" if x < .995 else "failed"
                rec["background_status"] = bs
                if bs == "incomplete" and max_tokens:
                    rec["output_tokens"] = max_tokens
                elif bs in ("cancelled", "failed"):
                    rec["output_tokens"] = int(rec["output_tokens"] * rng.random())
                    rec["reasoning_tokens"] = min(rec["reasoning_tokens"], rec["output_tokens"])
        else:
            x = rng.random() / errors
            if x < .0025:
                self.fail(rec, 529)
            elif x < .004:
                self.fail(rec, 500)
            elif x < .006:
                self.fail(rec, 400)
            elif total > 180000 and x < .3:
                self.fail(rec, 413 if rng.random() < .3 else 400)
            elif stream and x < .018:
                frac = rng.uniform(.02, .9)  # the client hung up, or (rarely) the upstream dropped the stream
                rec["output_tokens"] = int(rec["output_tokens"] * frac)
                rec["reasoning_tokens"] = min(rec["reasoning_tokens"], rec["output_tokens"])
                rec["usage_reported"] = False
        a.recs.append(rec)
        return rec

    @staticmethod
    def fail(rec: dict, status: int, decision: str = "allow") -> None:
        rec["status"] = status
        rec["decision"] = decision
        for k in ("input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens"):
            rec[k] = 0

    @staticmethod
    def latency(rec: dict | None) -> float:
        if not rec:
            return 2.0
        return .4 + rec["output_tokens"] / 65 + (rec["input_tokens"] + rec["cache_write_tokens"]) / 8000

    # ------------------------------------------------------------- post-pass: plan caps and rate limits
    def apply_caps(self, rng: random.Random) -> None:
        for a in self.accts:
            if not a.recs:
                continue
            a.recs.sort(key=lambda r: r["ts"])
            keep: list[dict] = []
            plan = a.plan
            if plan == "free":
                counts: dict[int, int] = {}
                denied: dict[int, int] = {}
                for r in a.recs:
                    day = int((r["ts"] - START) // DAY)
                    counts[day] = counts.get(day, 0) + 1
                    if counts[day] > FREE_DAILY:
                        denied[day] = denied.get(day, 0) + 1
                        if a.human and denied[day] > 1 + (a.id[-1] in "0123456"):
                            continue
                        self.fail(r, 429, "throttle:free_daily_cap")
                    keep.append(r)
            elif plan in WINDOW_CAP:
                cap = WINDOW_CAP[plan]
                w0, n, d = -1e18, 0, 0
                for r in a.recs:
                    if r["ts"] - w0 >= WINDOW:
                        w0, n, d = r["ts"], 0, 0
                    n += 1
                    if n > cap:
                        d += 1
                        if a.human and d > 2:
                            continue
                        self.fail(r, 429, "throttle:plan_window_cap")
                    keep.append(r)
            else:
                keep = a.recs
            if a.keys or plan in ("api", "enterprise", "team"):
                limit = RPM["trial"] if a.trial else RPM.get(plan, RPM["api"])
                j = 0
                for i, r in enumerate(keep):
                    while keep[j]["ts"] < r["ts"] - 60:
                        j += 1
                    if i - j + 1 > limit and r["status"] == 200:
                        self.fail(r, 429, "throttle:rate_limit")
            a.recs = keep

    # ------------------------------------------------------------- output
    def records(self, rng: random.Random) -> list[dict]:
        out = [r for a in self.accts for r in a.recs]
        out.sort(key=lambda r: (r["ts"], r["request_id"]))
        # a gateway restart replayed a little of its write-ahead log: the same records, recorded twice
        dup = []
        for r in out:
            if rng.random() < .0012:
                dup.append(dict(r))
        out.extend(dup)
        out.sort(key=lambda r: (r["ts"], r["request_id"]))
        return out


def home_of(rng: random.Random, country: str) -> Home:
    return Home(rng, country)
