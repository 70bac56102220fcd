"""Accounts, labels and request records as Haneul's gateway would export them.

One `World` per run; each persona draws from its own random stream so a `--mix` weight changes
only that persona. Written without reading Moat's detectors (see README.md).
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from typing import Any

import numpy as np
from content import est_tokens
from world import DAY, T0, Addr, Entity, app_ua, hexid

R = np.random.Generator
Client = tuple[str, str]
CONSUMER = {"free", "pro", "max"}
FREE_DAILY_CAP = 40


class World:
    def __init__(self, seed: int, days: int, careful: float, entities: dict[str, Entity]) -> None:
        self.seed, self.days, self.careful, self.entities = seed, days, careful, entities
        self.accounts: list[dict[str, Any]] = []
        self.labels: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self._count: dict[str, int] = {}
        self._free_use: dict[tuple[str, int], int] = {}
        self.end = T0 + days * DAY

    def stream(self, name: str) -> R:
        return np.random.default_rng([self.seed, zlib.crc32(name.encode())])

    def account(self, rng: R, persona: str, *, country: str, plan: str, email: str, created_at: float,
                org_id: str | None = None, declared_company: str | None = None, payment: str | None = None,
                signup_ip: str | None = None, sso: str | None = None, categories: tuple[str, ...] = (),
                network_id: str | None = None, rival: str | None = None, variant: str | None = None,
                group: str | None = None, verified: bool = True, careful: float | None = None) -> dict[str, Any]:
        aid = "acc_" + hexid(rng, 14)
        a = {"account_id": aid, "created_at": round(created_at, 3), "email": email, "plan": plan, "org_id": org_id,
             "declared_company": declared_company, "payment_fingerprint": payment, "signup_ip": signup_ip,
             "sso_tenant": sso, "country": country,
             "credential": "consumer_subscription" if plan in CONSUMER else "api_key",
             "verified": verified, "status": "active"}
        self.accounts.append(a)
        self.labels.append({"account_id": aid, "persona": persona, "categories": sorted(categories),
                            "network_id": network_id, "org_id": rival if "competitor" in categories else None,
                            "variant": variant, "careful": careful if categories else None, "group": group})
        a["_keys"] = ["key_" + hexid(rng, 16) for _ in range(1 + int(rng.random() < 0.3))]
        return a

    def emit(self, rng: R, a: dict[str, Any], ts: float, prompt: str, *, client: Client, ip: str, model: str,
             system: str | None = None, conv: str | None = None, turn: int = 1, out: tuple[int, int] = (80, 700),
             reasoning: bool = False, history: int = 0, cached: bool = False, platform: str | None = None,
             end_user: str | None = None, end_user_org: str | None = None, max_tokens: int | None = None,
             stream: bool | None = None, app: bool = False) -> None:
        """One request record. Free plans pass their daily cap with a 429, as the gateway refuses."""
        if ts >= self.end or ts < T0:
            return
        aid = a["account_id"]
        n = self._count.get(aid, 0)
        self._count[aid] = n + 1
        status, decision = 200, "allow"
        if a["plan"] == "free":
            k = (aid, int((ts - T0) // DAY))
            used = self._free_use.get(k, 0) + 1
            self._free_use[k] = used
            if used > FREE_DAILY_CAP:
                status, decision = 429, "throttle:free_daily_cap"
        fresh = est_tokens(prompt) + (est_tokens(system) if system else 0)
        cache_read = cache_write = 0
        if history:
            if cached:
                cache_read = int(history * float(rng.uniform(0.8, 0.97)))
                cache_write = history - cache_read if turn == 2 else int(rng.integers(0, 400))
            else:
                fresh += history
        if status == 200:
            out_t = int(rng.integers(out[0], out[1]))
            rt = int(out_t * float(rng.uniform(0.45, 0.85))) if reasoning else 0
        else:
            out_t = rt = 0
            fresh = cache_read = cache_write = 0
        ua, endpoint = client
        rec = {"ts": round(ts, 3),
               "request_id": "req_" + hashlib.blake2b(f"{aid}/{n}".encode(), digest_size=9).hexdigest(),
               "account_id": aid, "key_id": None if app else a["_keys"][n % len(a["_keys"])],
               "channel": "platform" if platform else "direct", "platform": platform, "end_user_id": end_user,
               "end_user_org": end_user_org, "client_ip": ip, "user_agent": ua, "endpoint": endpoint, "model": model,
               "conversation_id": conv, "turn": turn, "system": system, "prompt": prompt[:4000],
               "input_tokens": fresh, "output_tokens": out_t, "reasoning": reasoning,
               "stream": bool(rng.random() < 0.7) if stream is None else stream, "status": status,
               "decision": decision, "cache_read_tokens": cache_read, "cache_write_tokens": cache_write,
               "reasoning_tokens": rt, "max_tokens": max_tokens}
        self.requests.append(rec)

    def session(self, rng: R, a: dict[str, Any], start: float, turns: int, prompt: Callable[[int], str], *,
                client: Client, ip: Addr | str, model: str, gap: tuple[float, float] = (25, 240),
                per_request_ip: bool = False, **kw: Any) -> float:
        """A conversation of `turns` turns; returns when it ended. History grows turn by turn."""
        conv = "conv_" + hexid(rng, 16)
        addr = ip if isinstance(ip, str) else ip(start)
        history, t = 0, start
        out = kw.pop("out", (80, 700))
        cached = kw.pop("cached", client[1] == "/v1/messages" and rng.random() < 0.6)
        for k in range(1, turns + 1):
            p = prompt(k)
            if per_request_ip and not isinstance(ip, str):
                addr = ip(t)
            self.emit(rng, a, t, p, client=client, ip=addr, model=model, conv=conv, turn=k, history=history,
                      cached=cached, out=out, **kw)
            history += est_tokens(p) + int((out[0] + out[1]) / 2)
            t += float(rng.uniform(*gap))
        return t


def app_client(rng: R, country: str, browser: str | None = None) -> Client:
    """Haneul's first-party clients: the phone app or the web app (browser)."""
    return (browser, "/v1/messages") if browser else (app_ua(rng, country), "/v1/messages")


def pick(rng: R, xs: list[Any]) -> Any:
    return xs[int(rng.integers(len(xs)))]
