"""Accounts, labels, request records, sessions and the free-plan cap for set h."""
from __future__ import annotations

import math
import random

import world as W

FREE_DAILY_CAP = 40  # requests a local day on the free plan, then 429
CONSUMER = {"free", "pro", "max"}

# hour-of-day activity (local time), 24 weights each
PROFILES = {
    "office": [0, 0, 0, 0, 0, 0, .2, .8, 2.5, 4, 4.5, 4, 2.5, 3.5, 4.5, 4, 3.5, 2, .8, .4, .3, .2, .1, 0],
    "dev": [.3, .2, .1, 0, 0, 0, .1, .4, 1.5, 3, 3.5, 3.5, 2.5, 3, 3.5, 3.5, 3, 2.5, 1.5, 1.5, 2, 2, 1.5, .8],
    "evening": [.5, .2, .1, 0, 0, 0, .2, .7, 1, 1, 1, 1.2, 1.5, 1.2, 1, 1, 1.2, 1.5, 2, 2.7, 3, 2.7, 2, 1.2],
    "student": [1.5, 1, .5, .2, 0, 0, 0, .2, .6, 1.2, 1.8, 2, 1.8, 2, 2.2, 2.2, 2, 1.8, 1.8, 2.2, 2.6, 2.8, 2.6, 2],
    "business_app": [.3, .2, .1, .1, .1, .2, .5, 1.5, 3, 4, 4, 4, 3.5, 3.5, 3.5, 3.5, 3, 2.5, 2, 1.8, 1.6, 1.2, .8, .5],
    "nightly": [2, 4, 4, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .5],
    "flat": [1] * 24,
}


class Account:
    __slots__ = ("id", "persona", "tz", "country", "lang", "plan", "keys", "home", "city", "rec", "label", "n")

    def __init__(self, aid, persona, tz, country, lang, plan, keys, home, city, rec, label):
        self.id, self.persona, self.tz, self.country, self.lang = aid, persona, tz, country, lang
        self.plan, self.keys, self.home, self.city, self.rec, self.label = plan, keys, home, city, rec, label
        self.n = 0

    def key(self, rng: random.Random) -> str | None:
        return rng.choice(self.keys) if self.keys else None


class Ctx:
    def __init__(self, seed: int, days: int, careful: float):
        self.seed, self.days, self.careful = seed, days, careful
        self.start, self.end = W.START, W.START + days * W.DAY
        self.accounts: list[Account] = []
        self.requests: list[dict] = []
        self.rival_cards = W.rival_cards(seed)
        self._ids = set()

    # ----------------------------------------------------------------------------- accounts
    def carefulness(self, rng: random.Random) -> float:
        return min(1.0, max(0.0, rng.gauss(self.careful, 0.15)))

    def account(self, rng: random.Random, persona: str, *, email: str, plan: str, country: str, city: str,
                created_at: float, signup_ip: str | None, lang: str = "en", org_id=None, declared_company=None,
                payment=None, sso=None, categories=(), network_id=None, rival=None, variant=None, group=None,
                careful=None, verified=True, home=None, keys: int | None = None) -> Account:
        while True:
            aid = f"acct_{rng.getrandbits(48):012x}"
            if aid not in self._ids:
                break
        self._ids.add(aid)
        credential = "consumer_subscription" if plan in CONSUMER else "api_key"
        if keys is None:
            keys = 0 if plan in CONSUMER and rng.random() < 0.7 else rng.choice([1, 1, 1, 2, 3])
        key_ids = [f"key_{rng.getrandbits(40):010x}" for _ in range(keys)]
        rec = {"account_id": aid, "created_at": round(created_at, 3), "email": email, "plan": plan, "org_id": org_id,
               "declared_company": declared_company, "payment_fingerprint": payment, "signup_ip": signup_ip,
               "sso_tenant": sso, "country": country, "credential": credential, "verified": verified,
               "status": "active"}
        label = {"account_id": aid, "persona": persona, "categories": sorted(set(categories)),
                 "network_id": network_id, "org_id": rival if "competitor" in categories else None,
                 "variant": variant, "group": group}
        if categories:
            label["careful"] = None if careful is None else round(careful, 3)
        tz = W.CITIES[city][1]
        a = Account(aid, persona, tz, country, lang, plan, key_ids, home, city, rec, label)
        self.accounts.append(a)
        return a

    def signup_time(self, rng: random.Random, days_before_max: float = 900, days_before_min: float = 1) -> float:
        return self.start - rng.uniform(days_before_min, days_before_max) * W.DAY - rng.random() * W.DAY

    # ----------------------------------------------------------------------------- time
    def local_ts(self, a_tz: int, day: int, hour: float) -> float:
        return self.start + day * W.DAY + hour * 3600 - a_tz * 3600

    def weekday(self, day: int) -> int:  # 0 = Monday
        return day % 7

    def day_factor(self, country: str, day: int, profile: str) -> float:
        wd = self.weekday(day)
        f = 1.0
        if wd >= 5:
            f = {"office": .08, "business_app": .5, "dev": .45, "evening": 1.35, "student": .8,
                 "nightly": .9, "flat": 1.0}[profile]
        if country == "US" and day in (W.THANKSGIVING_DAY, W.THANKSGIVING_DAY + 1):
            f *= {"office": .12 if day == W.THANKSGIVING_DAY else .35, "business_app": .8, "dev": .5,
                  "evening": .8, "student": .3, "nightly": 1.0, "flat": 1.0}[profile]
        return f

    def session_starts(self, rng: random.Random, a: Account, profile: str, per_day: float,
                       active_prob: float = 1.0, days: list[int] | None = None) -> list[float]:
        """Session start times over the week: Poisson count per local day, hour from the profile."""
        weights = PROFILES[profile]
        out = []
        for d in (days if days is not None else range(self.days)):
            if rng.random() > active_prob:
                continue
            lam = per_day * self.day_factor(a.country, d, profile)
            for _ in range(poisson(rng, lam)):
                h = rng.choices(range(24), weights)[0] + rng.random()
                ts = self.local_ts(a.tz, d, h)
                if self.start <= ts < self.end - 600:
                    out.append(ts)
        out.sort()
        return out

    # ----------------------------------------------------------------------------- requests
    def req(self, rng: random.Random, a: Account, ts: float, prompt: str, *, ua: str, endpoint: str,
            ip: str | None, model: str = "tamarack-3", system: str | None = None, conv: str | None = None,
            turn: int = 1, out: int = 300, reasoning: bool = False, stream: bool | None = None, hist: int = 0,
            cache: bool = False, key: bool = True, channel: str = "direct", platform: str | None = None,
            end_user_id: str | None = None, end_user_org: str | None = None, max_tokens: int | None = None,
            key_id: str | None = None) -> dict:
        if not (self.start <= ts < self.end):
            return {}
        a.n += 1
        sys_t = ntok(system) if system else 0
        p_t = ntok(prompt)
        fresh, c_read, c_write = p_t + sys_t + hist, 0, 0
        if cache and turn > 1:
            c_read = sys_t + int(hist * 0.92)
            fresh = fresh - c_read
        elif cache and sys_t > 200:
            c_write = sys_t
            fresh -= sys_t
        out = max(1, int(out * rng.uniform(0.7, 1.3)))
        r_tok = 0
        if reasoning:
            r_tok = int(out * rng.uniform(0.45, 0.8))
        status, decision = 200, "allow"
        u = rng.random()
        if u < 0.003:
            status, out, r_tok = rng.choice([503, 529]), 0, 0
        elif u < 0.006:
            status, out, r_tok = 400, 0, 0
        elif u < 0.008:
            status, out, r_tok = 500, 0, 0
        elif u < 0.018:
            out = max(1, int(out * rng.random() * 0.5))  # client hung up
            r_tok = min(r_tok, out)
        if stream is None:
            stream = rng.random() < 0.6
        if max_tokens is None:
            max_tokens = rng.choice([1024, 2048, 4096, 4096, 8192]) if not reasoning else rng.choice([8192, 16000, 32000])
        out = min(out, max_tokens)
        r_tok = min(r_tok, out)
        r = {"ts": round(ts, 3), "request_id": f"req_{rng.getrandbits(64):016x}", "account_id": a.id,
             "key_id": (key_id or a.key(rng)) if key else None, "channel": channel, "platform": platform,
             "end_user_id": end_user_id, "end_user_org": end_user_org, "client_ip": ip, "user_agent": ua,
             "endpoint": endpoint, "model": model, "conversation_id": conv, "turn": turn, "system": system,
             "prompt": prompt[:8000], "input_tokens": max(1, fresh), "output_tokens": out, "reasoning": reasoning,
             "stream": stream, "status": status, "decision": decision, "cache_read_tokens": c_read,
             "cache_write_tokens": c_write, "reasoning_tokens": r_tok, "max_tokens": max_tokens}
        self.requests.append(r)
        return r

    def conv_id(self, rng: random.Random) -> str:
        return f"conv_{rng.getrandbits(56):014x}"

    # ----------------------------------------------------------------------------- post-processing
    def apply_free_cap(self) -> None:
        free = {a.id: a for a in self.accounts if a.rec["plan"] == "free"}
        counts: dict[tuple[str, int], int] = {}
        for r in sorted((r for r in self.requests if r["account_id"] in free), key=lambda r: r["ts"]):
            a = free[r["account_id"]]
            d = int((r["ts"] + a.tz * 3600 - self.start) // W.DAY)
            k = (a.id, d)
            counts[k] = counts.get(k, 0) + 1
            if counts[k] > FREE_DAILY_CAP:
                r.update(status=429, output_tokens=0, reasoning_tokens=0, decision="throttle:free_daily_cap",
                         cache_read_tokens=0, cache_write_tokens=0)


def ntok(text: str | None) -> int:
    if not text:
        return 0
    return max(1, int(len(text) / 3.8))


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))
    L, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1
