"""Accounts, labels and request records: what the gateway would have written for each call."""

from __future__ import annotations

import random
from typing import Any, Callable

from world import DAY, MODELS, START, SDK_UA, COUNTRIES, hexid, local_day

FREE_DAILY_CAP = 30
CONSUMER = ("free", "pro", "max")


def ntok(s: str | None) -> int:
    if not s:
        return 0
    non = sum(1 for ch in s if ord(ch) > 0x24F)
    return max(1, int((len(s) - non) / 4 + non / 1.6))


class Engine:
    def __init__(self, seed: int, days: int, careful: float):
        self.seed, self.days, self.careful = seed, days, careful
        self.accounts: list[dict] = []
        self.labels: list[dict] = []
        self.requests: list[dict] = []
        self.state: dict[str, dict] = {}
        self.end = START + days * DAY
        self._rid = random.Random(seed * 7919 + 11)

    # ---------------------------------------------------------------- accounts
    def account(self, rng: random.Random, persona: str, *, country: str, email: str, plan: str,
                created_at: float, org_id: str | None = None, declared_company: str | None = None,
                payment: str | None = None, signup_ip: str | None = None, sso: str | None = None,
                verified: bool = True, status: str = "active", categories: tuple = (),
                network_id: str | None = None, label_org: str | None = None, variant: str | None = None,
                careful: float | None = None, group: str | None = None, keys: int = 1) -> dict:
        aid = "acc_" + hexid(rng, 12)
        credential = "consumer_subscription" if plan in CONSUMER else "api_key"
        a = {"account_id": aid, "created_at": round(created_at, 3), "email": email, "plan": plan, "org_id": org_id,
             "declared_company": declared_company, "payment_fingerprint": payment, "signup_ip": signup_ip,
             "sso_tenant": sso, "country": country, "credential": credential, "verified": verified, "status": status}
        self.accounts.append(a)
        lab = {"account_id": aid, "persona": persona, "categories": sorted(set(categories)), "network_id": network_id,
               "org_id": label_org, "variant": variant, "group": group}
        if categories:
            lab["careful"] = None if careful is None else round(careful, 2)
        self.labels.append(lab)
        self.state[aid] = {"keys": ["key_" + hexid(rng, 10) for _ in range(max(1, keys))], "day_count": {},
                           "country": country, "plan": plan}
        return a

    # ---------------------------------------------------------------- one request
    def emit(self, rng: random.Random, acct: dict, ts: float, *, prompt: str, ip: str, ua: str,
             endpoint: str, model: str, system: str | None = None, conv: str | None = None, turn: int = 1,
             out: int = 300, reasoning: bool = False, reasoning_share: float = 0.0, stream: bool = True,
             ctx: int = 0, cached: int = 0, cache_write: int = 0, platform: str | None = None,
             end_user_id: str | None = None, end_user_org: str | None = None, first_party: bool = False,
             max_tokens: int | None = None, status: int | None = None) -> dict | None:
        if ts >= self.end or ts < START:
            return None
        st = self.state[acct["account_id"]]
        off = COUNTRIES.get(st["country"], (0,))[0]
        d = local_day(ts, off)
        st["day_count"][d] = st["day_count"].get(d, 0) + 1
        inp = ntok(system) + ntok(prompt) + ctx
        decision = "allow"
        code = 200
        if status is not None:
            code = status
        elif st["plan"] == "free" and st["day_count"][d] > FREE_DAILY_CAP:
            code, decision = 429, "throttle:free_daily_cap"
        else:
            r = rng.random()
            if r < 0.003:
                code = 529 if endpoint == "/v1/messages" else 503
            elif r < 0.006:
                code = 400
            elif r < 0.008:
                code = 500
        if code == 429 and decision == "allow":
            decision = "throttle:rate_limit"
        ok = code == 200
        if ok and rng.random() < 0.01:
            out = rng.randint(1, max(2, out // 5))  # client hung up / stop sequence early
        out_t = out if ok else 0
        rt = int(out_t * reasoning_share) if (reasoning and ok) else 0
        fresh = max(1, inp - cached - cache_write)
        rec = {
            "ts": round(ts, 3), "request_id": "req_" + hexid(self._rid, 16), "account_id": acct["account_id"],
            "key_id": None if first_party else rng.choice(st["keys"]),
            "channel": "platform" if platform else "direct", "platform": platform,
            "end_user_id": end_user_id, "end_user_org": end_user_org, "client_ip": ip, "user_agent": ua,
            "endpoint": endpoint, "model": model, "conversation_id": conv, "turn": turn,
            "system": system[:2000] if system else None, "prompt": prompt[:4000],
            "input_tokens": fresh if code != 429 else 0, "output_tokens": out_t, "reasoning": reasoning,
            "stream": stream, "status": code, "decision": decision,
            "cache_read_tokens": cached if code != 429 else 0, "cache_write_tokens": cache_write if code != 429 else 0,
            "reasoning_tokens": rt, "max_tokens": max_tokens,
        }
        self.requests.append(rec)
        return rec

    # ---------------------------------------------------------------- a conversation
    def conversation(self, rng: random.Random, acct: dict, t0: float, turns: list[tuple[str | None, str]], *,
                     ip: str | Callable[[float], str], client: tuple[str, str], model: str,
                     gap: tuple[float, float] = (20, 240), out: tuple[int, int] = (150, 700),
                     reasoning: bool = False, rshare: tuple[float, float] = (0.55, 0.85), stream: bool | None = None,
                     cache: bool = False, platform: str | None = None, end_user_id: str | None = None,
                     end_user_org: str | None = None, first_party: bool = False, max_tokens: int | None = None,
                     conv_id: str | None | bool = True, speed: float = 70.0) -> float:
        ua, endpoint = client
        conv = ("conv_" + hexid(rng, 14)) if conv_id is True else (conv_id or None)
        hist = 0
        t = t0
        s = stream if stream is not None else rng.random() < 0.7
        for i, (system, prompt) in enumerate(turns):
            o = rng.randint(*out)
            sys_t = ntok(system)
            cached = cw = 0
            if cache and i > 0:
                cached = hist + sys_t
            elif cache:
                cw = sys_t
            addr = ip(t) if callable(ip) else ip
            rec = self.emit(rng, acct, t, prompt=prompt, ip=addr, ua=ua, endpoint=endpoint, model=model, system=system,
                            conv=conv, turn=i + 1 if conv else 1, out=o, reasoning=reasoning,
                            reasoning_share=rng.uniform(*rshare), stream=s, ctx=hist, cached=cached, cache_write=cw,
                            platform=platform, end_user_id=end_user_id, end_user_org=end_user_org,
                            first_party=first_party, max_tokens=max_tokens)
            if rec is None:
                break
            kept = rec["output_tokens"] - rec["reasoning_tokens"]
            hist += ntok(prompt) + kept
            if rec["status"] == 429:
                t += rng.uniform(30, 300)
                break
            t += rec["output_tokens"] / speed + rng.uniform(*gap)
        return t


def client_sdk(name: str) -> tuple[str, str]:
    return SDK_UA[name]


def careful_traits(rng: random.Random, knob: float) -> tuple[float, Callable[[], bool]]:
    """An adversary's own carefulness around the knob; each trait is then taken with that probability."""
    c = min(1.0, max(0.0, rng.gauss(knob, 0.15)))
    return c, (lambda: rng.random() < c)


def fmt_label(lab: dict[str, Any]) -> dict[str, Any]:
    return lab
