"""Accounts, labels and request records; conversations; plan caps and background noise."""

from __future__ import annotations

import random
from collections import defaultdict

from world import DAY, T0, COUNTRY_TZ, Client, Home, hexid

MODELS = {"main": "tucano-3", "mini": "tucano-3-mini", "think": "tucano-3-pensa"}
CONSUMER = {"free", "pro", "max"}
FREE_CAP = 40           # requests per local day on the free plan
WINDOW_CAP = {"pro": 60, "max": 300}  # requests per 5-hour window on consumer plans


class Acct:
    """One account: its record, its label, and the person's circumstances (not written)."""

    def __init__(self, rec: dict, label: dict, country: str, home: Home | None, lang: str):
        self.rec, self.label, self.country, self.home, self.lang = rec, label, country, home, lang
        self.tz = COUNTRY_TZ.get(country, -3)
        self.keys: list[str] = []

    @property
    def id(self) -> str:
        return self.rec["account_id"]


class Recorder:
    def __init__(self, seed: int, days: int):
        self.seed, self.days = seed, days
        self.accounts: list[Acct] = []
        self.requests: list[dict] = []
        self._ids = random.Random(f"{seed}:ids")
        self.end = T0 + days * DAY

    # ------------------------------------------------------------ accounts
    def account(self, rng: random.Random, persona: str, *, country: str, plan: str, email: str,
                created: float, org_id: str | None = None, declared: str | None = None, card: str | None = None,
                signup_ip: str | None = None, sso: str | None = None, home: Home | None = None, lang: str = "pt",
                categories: tuple[str, ...] = (), network: str | None = None, label_org: str | None = None,
                verified: bool = True, nkeys: int = 1) -> Acct:
        aid = f"acct_{hexid(self._ids, 10)}"
        rec = {"account_id": aid, "created_at": round(created, 1), "email": email, "plan": plan, "org_id": org_id,
               "declared_company": declared, "payment_fingerprint": card, "signup_ip": signup_ip, "sso_tenant": sso,
               "country": country, "credential": "consumer_subscription" if plan in CONSUMER else "api_key",
               "verified": verified, "status": "active"}
        label = {"account_id": aid, "persona": persona, "categories": sorted(categories), "network_id": network,
                 "org_id": label_org}
        a = Acct(rec, label, country, home, lang)
        if plan not in CONSUMER or nkeys > 1:
            a.keys = [f"key_{hexid(self._ids, 12)}" for _ in range(max(1, nkeys))]
        self.accounts.append(a)
        return a

    # ------------------------------------------------------------ requests
    def req(self, rng: random.Random, a: Acct, ts: float, prompt: str, *, client: Client, ip: str,
            system: str | None = None, model: str = "main", reasoning: bool = False, out: int | None = None,
            history: int = 0, conv: str | None = None, turn: int = 1, platform: str | None = None,
            end_user: str | None = None, end_user_org: str | None = None, cache: bool = False,
            max_tokens: int | None = None, stream: bool | None = None, key: str | None = None) -> dict:
        prompt_toks = max(3, int(len(prompt) / 3.7 * rng.uniform(0.9, 1.1)))
        sys_toks = int(len(system) / 3.7) if system else 0
        whole = prompt_toks + sys_toks + history
        cache_read = cache_write = 0
        if cache and whole > 1500:
            cache_read = int((sys_toks + history) * rng.uniform(0.85, 0.99)) if turn > 1 else 0
            cache_write = int(min(whole - cache_read, whole * rng.uniform(0.05, 0.3)))
        fresh = max(1, whole - cache_read - cache_write)
        if out is None:
            out = int(rng.lognormvariate(5.6, 0.6))
        rtoks = 0
        if reasoning:
            rtoks = int(out * rng.uniform(0.55, 0.85))
        if max_tokens is None:
            max_tokens = rng.choice([1024, 2048, 4096, 4096, 8192, 16000]) if client.keyed else 8192
            if reasoning:
                max_tokens = max(max_tokens, 16000)
        out = min(out, max_tokens)
        rtoks = min(rtoks, out)
        r = {"ts": round(ts, 3), "request_id": None, "account_id": a.id,
             "key_id": key or (rng.choice(a.keys) if a.keys and client.keyed else None),
             "channel": "platform" if platform else "direct", "platform": platform, "end_user_id": end_user,
             "end_user_org": end_user_org, "client_ip": ip, "user_agent": client.ua, "endpoint": client.endpoint,
             "model": MODELS.get(model, model), "conversation_id": conv, "turn": turn, "system": system,
             "prompt": prompt[:4000], "input_tokens": fresh, "output_tokens": out, "reasoning": reasoning,
             "stream": (client.app or rng.random() < 0.6) if stream is None else stream, "status": 200, "decision": "allow",
             "cache_read_tokens": cache_read, "cache_write_tokens": cache_write, "reasoning_tokens": rtoks,
             "max_tokens": max_tokens}
        if T0 <= ts < self.end and ts >= a.rec["created_at"]:
            self.requests.append(r)
        return r

    def conversation(self, rng: random.Random, a: Acct, ts: float, prompts: list[str], *, think: tuple[float, float] = (20, 240),
                     out_mu: float = 5.6, **kw) -> float:
        """Several turns of one conversation; history grows; returns the time after the last answer."""
        conv = f"conv_{hexid(self._ids, 14)}"
        hist = 0
        for i, p in enumerate(prompts):
            out = int(rng.lognormvariate(out_mu, 0.55))
            r = self.req(rng, a, ts, p, conv=conv, turn=i + 1, history=hist, out=out, **kw)
            hist += r["input_tokens"] + r["cache_read_tokens"] + r["cache_write_tokens"] - hist + r["output_tokens"]
            ts += 0.6 + r["output_tokens"] / rng.uniform(45, 90) + rng.uniform(*think)
        return ts

    # ------------------------------------------------------------ finishing
    def finish(self) -> None:
        rng = random.Random(f"{self.seed}:finish")
        self.requests.sort(key=lambda r: (r["ts"], r["account_id"]))
        by_acct = {a.id: a for a in self.accounts}
        day_count: dict[tuple[str, int], int] = defaultdict(int)
        win_count: dict[tuple[str, int], int] = defaultdict(int)
        for r in self.requests:
            r["request_id"] = f"req_{hexid(rng, 20)}"
            a = by_acct[r["account_id"]]
            plan = a.rec["plan"]
            capped = None
            if plan == "free":
                k = (a.id, int((r["ts"] + a.tz * 3600 - T0) // DAY))
                day_count[k] += 1
                if day_count[k] > FREE_CAP:
                    capped = "throttle:free_daily_cap"
            elif plan in WINDOW_CAP:
                k = (a.id, int((r["ts"] - T0) // (5 * 3600)))
                win_count[k] += 1
                if win_count[k] > WINDOW_CAP[plan]:
                    capped = "throttle:plan_window_cap"
            if capped:
                r.update(status=429, decision=capped, input_tokens=0, output_tokens=0, reasoning_tokens=0,
                         cache_read_tokens=0, cache_write_tokens=0)
                continue
            x = rng.random()
            if x < 0.003:
                r.update(status=529, decision="allow", output_tokens=0, reasoning_tokens=0)
            elif x < 0.006:
                r.update(status=400, output_tokens=0, reasoning_tokens=0)
            elif x < 0.008:
                r.update(status=500, output_tokens=0, reasoning_tokens=0)
            elif x < 0.018 and r["stream"]:
                r["output_tokens"] = int(r["output_tokens"] * rng.random())  # client hung up
                r["reasoning_tokens"] = min(r["reasoning_tokens"], r["output_tokens"])
