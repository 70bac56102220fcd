"""The recording: accounts, labels and requests in the shared traffic format, with Jua's rhythms.

Time: the fortnight starts on Monday 2026-11-02 00:00 UTC.  A caller's sessions are drawn from an
hour-of-week profile in *its* time zone (office hours, evenings, nights, a nightly batch window,
flat automation), then turns inside a session follow at human or machine pace.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import orjson

from places import Addr, Country, stable

START = int(datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC).timestamp())

# Local-hour weights (0..23) for weekdays and weekends.
_P = {
    "office": ([0, 0, 0, 0, 0, 0, .2, .6, 2, 5, 6, 6, 3.5, 4, 6, 6, 5, 3, 1.2, .6, .4, .3, .1, 0],
               [0, 0, 0, 0, 0, 0, 0, .1, .2, .3, .4, .4, .3, .3, .3, .3, .2, .2, .2, .2, .1, .1, 0, 0]),
    "consumer": ([.3, .1, .05, .05, .05, .2, .8, 1.5, 1.2, .8, .7, .8, 1.4, 1.3, .8, .8, .9, 1.2, 1.8, 2.4, 2.8, 2.6, 1.8, .8],
                 [.5, .3, .1, .05, .05, .1, .3, .8, 1.3, 1.8, 2, 2, 2, 1.8, 1.6, 1.6, 1.8, 2, 2.2, 2.5, 2.6, 2.3, 1.6, 1]),
    "student": ([1.5, 1, .4, .1, 0, 0, .1, .4, 1, 1.5, 1.6, 1.5, 1.2, 1.3, 1.5, 1.6, 1.5, 1.3, 1.4, 1.8, 2.3, 2.6, 2.6, 2.1],
                [1.8, 1.4, .8, .3, .1, 0, 0, .1, .2, .5, .9, 1.2, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.4, 1.8, 2.2, 2.4, 2.5, 2.2]),
    "dev": ([.3, .1, 0, 0, 0, 0, .1, .5, 1.5, 3, 3.5, 3.5, 2.5, 3, 3.5, 3.5, 3, 2.4, 1.6, 1.4, 1.6, 1.5, 1, .6],
            [.4, .2, .1, 0, 0, 0, 0, .1, .3, .6, 1, 1.2, 1.1, 1.1, 1.2, 1.2, 1.1, 1, .9, 1, 1.1, 1, .7, .5]),
    "batch": ([4, 5, 5, 5, 4, 2, .3, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .2, .8, 2],
              [4, 5, 5, 5, 4, 2, .3, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .2, .8, 2]),
    "flat": ([1] * 24, [1] * 24),
    # an adversary imitating a worker: office-ish but also evenings and weekends, never a flat line
    "mimic": ([.1, 0, 0, 0, 0, 0, .2, .6, 1.5, 2.5, 3, 3, 2, 2.5, 3, 3, 2.5, 2, 1.5, 1.5, 1.5, 1.2, .8, .4],
              [.1, 0, 0, 0, 0, 0, .1, .2, .4, .8, 1, 1, 1, 1, 1, 1, 1, 1, 1, .9, .8, .6, .4, .2]),
}


@dataclass
class Acct:
    account_id: str
    country: Country
    addr: Addr
    ua: str
    plan: str
    key_id: str
    row: dict[str, Any]
    label: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)


class World:
    """Collects accounts, labels, entities and serialized requests; writes them sorted by time."""

    def __init__(self, seed: int, days: int, careful: float):
        self.seed, self.days, self.careful = seed, days, careful
        self.end = START + days * 86400
        self.accounts: list[Acct] = []
        self.entities: list[dict[str, Any]] = []
        self.reqs: list[tuple[float, bytes]] = []
        self._n = 0
        self._cum: dict[tuple[float, str], np.ndarray] = {}
        self._used_ids: set[str] = set()

    # ---- randomness ---------------------------------------------------------------------------
    def rng(self, *name: object) -> random.Random:
        """An independent stream per persona/group, so changing one mix weight does not reshuffle others."""
        return random.Random(stable(self.seed, *name))

    def fp(self, rng: random.Random, kind: str = "pm") -> str:
        return f"{kind}_{rng.getrandbits(64):016x}"

    def new_id(self, rng: random.Random, prefix: str = "acct") -> str:
        while True:
            aid = f"{prefix}_{rng.getrandbits(40):010x}"
            if aid not in self._used_ids:
                self._used_ids.add(aid)
                return aid

    # ---- time ---------------------------------------------------------------------------------
    def _cumw(self, tz: float, profile: str) -> np.ndarray:
        key = (tz, profile)
        if key not in self._cum:
            wd, we = _P[profile]
            w = np.empty(self.days * 24)
            for s in range(self.days * 24):
                local = s + tz
                lh = int(local) % 24
                ld = int(local // 24)
                w[s] = (we if ld % 7 >= 5 else wd)[lh] + 1e-4
            self._cum[key] = np.cumsum(w) / w.sum()
        return self._cum[key]

    def times(self, rng: random.Random, n: int, tz: float, profile: str,
              lo: float | None = None, hi: float | None = None) -> list[float]:
        """n session starts in [lo, hi) following the profile in the caller's time zone."""
        cum = self._cumw(tz, profile)
        lo = START if lo is None else max(START, lo)
        hi = self.end if hi is None else min(self.end, hi)
        if n <= 0 or hi - lo < 1:
            return []
        a, b = np.searchsorted(cum, 0), len(cum)
        s0, s1 = int((lo - START) // 3600), int(np.ceil((hi - START) / 3600))
        c0 = cum[s0 - 1] if s0 > 0 else 0.0
        c1 = cum[min(s1, b) - 1]
        out = []
        for _ in range(n):
            u = c0 + rng.random() * (c1 - c0)
            s = int(np.searchsorted(cum, u, side="right"))
            s = min(max(s, a, s0), b - 1)
            t = START + s * 3600 + rng.random() * 3600
            out.append(min(max(t, lo), hi - 1))
        out.sort()
        return out

    # ---- records ------------------------------------------------------------------------------
    def account(self, rng: random.Random, *, persona: str, country: Country, addr: Addr, ua: str, plan: str,
                email: str, created_at: float, categories: Iterable[str] = (), network_id: str | None = None,
                org_label: str | None = None, variant: str | None = None, org_id: str | None = None,
                declared_company: str | None = None, payment: str | None = None, sso: str | None = None,
                signup_ip: str | None = None, credential: str | None = None, group: str | None = None,
                prefix: str = "acct") -> Acct:
        aid = self.new_id(rng, prefix)
        if credential is None:
            credential = "consumer_subscription" if plan in ("free", "pro", "max") else "api_key"
        row = {"account_id": aid, "created_at": round(created_at, 3), "email": email, "plan": plan,
               "org_id": org_id, "declared_company": declared_company, "payment_fingerprint": payment,
               "signup_ip": signup_ip or addr.at(created_at, rng), "sso_tenant": sso, "country": country.code,
               "credential": credential, "verified": payment is not None or sso is not None or plan != "free",
               "status": "active"}
        cats = sorted(set(categories))
        label = {"account_id": aid, "persona": persona, "categories": cats, "network_id": network_id,
                 "org_id": org_label if "competitor" in cats else None, "variant": variant,
                 "careful": round(self.careful, 2) if cats else None, "group": group}
        a = Acct(aid, country, addr, ua, plan, f"key_{rng.getrandbits(36):09x}", row, label)
        self.accounts.append(a)
        return a

    def req(self, a: Acct, ts: float, rng: random.Random, *, prompt: str, system: str | None = None,
            endpoint: str = "/v1/messages", model: str = "jua-2-pro", ip: str | None = None, ua: str | None = None,
            conv: str | None = None, turn: int = 1, out_tokens: int | None = None, in_extra: int = 0,
            cache_read: int = 0, cache_write: int = 0, reasoning: bool = False, reasoning_tokens: int = 0,
            stream: bool | None = None, status: int = 200, channel: str = "direct", platform: str | None = None,
            end_user_id: str | None = None, end_user_org: str | None = None, max_tokens: int | None = None,
            key_id: str | None = None) -> None:
        if ts < START or ts >= self.end or ts < a.row["created_at"]:
            return  # outside the recording, or before the account existed
        self._n += 1
        in_tok = max(1, (len(prompt) + len(system or "")) // 4) + in_extra
        if out_tokens is None:
            out_tokens = int(rng.lognormvariate(5.6, 0.8))
        if status != 200:
            out_tokens, reasoning_tokens, cache_read, cache_write = 0, 0, 0, 0
            in_tok = 0 if status in (429, 403) else in_tok
        if reasoning and status == 200 and not reasoning_tokens:
            reasoning_tokens = int(out_tokens * rng.uniform(0.4, 0.8))
        if max_tokens is None:
            max_tokens = rng.choice((1024, 2048, 4096, 4096, 8192))
        out_tokens = min(out_tokens, max_tokens)
        reasoning_tokens = min(reasoning_tokens, out_tokens)
        decision = {200: "allow", 429: "throttle", 403: "deny:policy"}.get(status, "allow")
        rec = {"ts": round(ts, 3), "request_id": f"req_{stable(self.seed, self._n):016x}", "account_id": a.account_id,
               "key_id": key_id or a.key_id, "channel": channel, "platform": platform, "end_user_id": end_user_id,
               "end_user_org": end_user_org, "client_ip": ip or a.addr.at(ts, rng), "user_agent": ua or a.ua,
               "endpoint": endpoint, "model": model, "conversation_id": conv, "turn": turn, "system": system,
               "prompt": prompt[:2000], "input_tokens": in_tok, "output_tokens": out_tokens, "reasoning": reasoning,
               "stream": (rng.random() < 0.7) if stream is None else stream, "status": status, "decision": decision,
               "cache_read_tokens": cache_read, "cache_write_tokens": cache_write,
               "reasoning_tokens": reasoning_tokens, "max_tokens": max_tokens}
        self.reqs.append((ts, orjson.dumps(rec)))

    def conv_id(self, rng: random.Random) -> str:
        return f"conv_{rng.getrandbits(48):012x}"

    def write(self, out: Any, rerecord: float) -> dict[str, int]:
        """Write the three files and labels; a share `rerecord` of one day's requests is exported twice
        (a gateway re-export: same request ids, same content), as happens when an export is re-run."""
        out.mkdir(parents=True, exist_ok=True)
        rng = self.rng("rerecord")
        self.reqs.sort(key=lambda r: r[0])
        day = START + 86400 * min(3, self.days - 1)
        dup = [r for r in self.reqs if day <= r[0] < day + 86400 and rng.random() < rerecord * self.days]
        with open(out / "requests.jsonl", "wb") as f:
            for _, line in self.reqs:
                f.write(line + b"\n")
            for _, line in dup:
                f.write(line + b"\n")
        with open(out / "accounts.jsonl", "wb") as f:
            for a in self.accounts:
                f.write(orjson.dumps(a.row) + b"\n")
        with open(out / "labels.jsonl", "wb") as f:
            for a in self.accounts:
                f.write(orjson.dumps(a.label) + b"\n")
        with open(out / "entities.jsonl", "wb") as f:
            for e in self.entities:
                f.write(orjson.dumps(e) + b"\n")
        return {"accounts": len(self.accounts), "requests": len(self.reqs) + len(dup), "rerecorded": len(dup)}
