"""Accounts, labels and request records; token accounting, prompt caching, plan caps and the
background noise a gateway records (overloads, server errors, bad requests, streams cut short)."""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field

import world as W

# Plan caps enforced by Myna's legacy limiter (Moat ran in shadow mode, so every other decision is allow)
FREE_DAILY = 30            # requests per UTC day, i.e. the counter resets at 05:30 IST
WINDOW = 5 * 3600.0        # consumer windows start at the first request and last five hours
WINDOW_CAP = {"pro": 60, "max": 300, "team": 150}
RECORD_PROMPT_CHARS = 2000  # recording.prompts keeps the first 2,000 characters
RECORD_SYSTEM_CHARS = 1000

MODELS = {"flagship": "myna-2", "lite": "myna-2-lite", "think": "myna-2-think", "coder": "myna-coder-2"}


def tok(text: str) -> int:
    """Rough tokenizer: ~4 ASCII characters a token; Indic scripts cost far more (~1.7 characters)."""
    if not text:
        return 0
    n = len(text)
    ascii_n = len(text.encode("ascii", "ignore"))
    return max(1, int(ascii_n / 4.0 + (n - ascii_n) / 1.7))


@dataclass
class Client:
    ua: str
    endpoint: str
    kind: str               # app | web | sdk | script | agent | relay
    human: bool = True
    caching: bool = False   # asks for prompt caching explicitly (Messages API clients that set cache_control)
    platform: str | None = None


@dataclass
class Acct:
    id: str
    rec: dict
    persona: str
    keys: list[str] = field(default_factory=list)
    rpm: int = 0
    suspend_at: float | None = None


class World:
    def __init__(self, seed: int, careful: float, days: int, accounts: int):
        self.seed, self.knob, self.days, self.n_accounts = seed, careful, days, accounts
        self.places = W.Places(seed)
        self.entities = W.directory(self.places, random.Random(f"{seed}:directory"))
        self.ent = {e["org_id"]: e for e in self.entities}
        self.accounts: list[Acct] = []
        self.labels: list[dict] = []
        self.requests: list[dict] = []
        self._conv: dict[str, tuple[int, float]] = {}
        self._sys_seen: dict[tuple[str, int], float] = {}
        self.end = W.START + days * W.DAY

    # ------------------------------------------------------------ helpers
    def rng(self, persona: str) -> random.Random:
        return random.Random(f"{self.seed}:{persona}")

    def count(self, per_thousand: float) -> int:
        return max(1, int(round(per_thousand * self.n_accounts / 1000.0)))

    def carefulness(self, r: random.Random) -> float:
        return min(1.0, max(0.0, r.gauss(self.knob, 0.15)))

    @staticmethod
    def fp(r: random.Random) -> str:
        return f"pf_{r.getrandbits(64):016x}"

    @staticmethod
    def hexid(r: random.Random, prefix: str, bits: int = 64) -> str:
        return f"{prefix}{r.getrandbits(bits):0{bits // 4}x}"

    def in_window(self, ts: float) -> bool:
        return W.START <= ts < self.end

    # ------------------------------------------------------------ accounts
    def account(self, r: random.Random, persona: str, *, created_at: float, email: str, plan: str, country: str,
                signup_ip: str, payment: str | None = None, org_id: str | None = None, declared: str | None = None,
                sso: str | None = None, verified: bool = True, categories: tuple[str, ...] = (),
                network: str | None = None, label_org: str | None = None, nkeys: int = 1, rpm: int | None = None,
                suspend_at: float | None = None) -> Acct:
        aid = self.hexid(r, "acct_", 48)
        credential = "api_key" if plan in ("api", "enterprise") else "consumer_subscription"
        rec = {"account_id": aid, "created_at": round(created_at, 3), "email": email, "plan": plan, "org_id": org_id,
               "declared_company": declared, "payment_fingerprint": payment, "signup_ip": signup_ip, "sso_tenant": sso,
               "country": country, "credential": credential, "verified": verified,
               "status": "suspended" if suspend_at is not None else "active"}
        keys = [self.hexid(r, "key_", 48) for _ in range(max(1, nkeys))] if credential == "api_key" or nkeys > 1 else []
        if rpm is None:
            age_days = (W.START - created_at) / W.DAY
            rpm = 4000 if plan == "enterprise" else (50 if age_days < 30 else 500 if age_days < 365 else 1000)
        a = Acct(aid, rec, persona, keys, rpm, suspend_at)
        self.accounts.append(a)
        self.labels.append({"account_id": aid, "persona": persona, "categories": sorted(set(categories)),
                            "network_id": network, "org_id": label_org})
        return a

    def api_keys(self, a: Acct, r: random.Random, n: int) -> None:
        while len(a.keys) < n:
            a.keys.append(self.hexid(r, "key_", 48))

    # ------------------------------------------------------------ requests
    def emit(self, a: Acct, r: random.Random, ts: float, prompt: str, *, client: Client, ip: str, model: str,
             system: str | None = None, conv: str | None = None, turn: int = 1, out: float = 350,
             out_sigma: float = 0.5, reasoning: bool = False, think: float = 1800, stream: bool | None = None,
             max_tokens: int | None = -1, key: str | None = None, eu: str | None = None, euorg: str | None = None,
             fresh: int | None = None, cache_read: int | None = None, cache_write: int | None = None,
             extra_in: int = 0, background: bool = False, status: int | None = None, decision: str | None = None) -> dict | None:
        if not self.in_window(ts):
            return None
        ptok = tok(prompt) + extra_in
        stok = tok(system) if system else 0
        # conversation history rides along as input
        hist = 0
        if conv is not None:
            hist, _last = self._conv.get(conv, (0, 0.0))
        # output
        o = max(1, int(W.lognorm(r, out, out_sigma)))
        rt = 0
        if reasoning:
            rt = max(64, int(W.lognorm(r, think, 0.7)))
        elif model == MODELS["think"]:
            rt = max(16, int(W.lognorm(r, 500, 0.8)))     # the reasoning model thinks a little even unasked
        if max_tokens == -1:
            if client.endpoint == "/v1/messages":
                max_tokens = (32000 if reasoning else r.choice([1024, 2048, 4096, 4096, 8192])) if client.kind in ("sdk", "script") \
                    else (16000 if reasoning else 8192)
            else:
                max_tokens = r.choice([None, None, None, 1024, 2048, 4096]) if not reasoning else r.choice([None, 16000, 32000])
        total_out = o + rt
        if max_tokens is not None and total_out > max_tokens:
            rt = min(rt, int(max_tokens * 0.9))
            total_out = max_tokens
        # input and caching
        prefix = stok + hist
        if fresh is None:
            cr = cw = 0
            if prefix >= 1024:
                seen_key = (a.id, zlib.crc32((system or "").encode()) ^ (zlib.crc32(conv.encode()) if conv else 0))
                last = self._sys_seen.get(seen_key, -1e18)
                recent = ts - last < 300
                if client.endpoint == "/v1/messages" and (client.caching or client.kind in ("app", "web")):
                    if recent:
                        cr = prefix
                    else:
                        cw = prefix
                elif client.endpoint != "/v1/messages" and recent:
                    cr = (prefix // 128) * 128
                self._sys_seen[seen_key] = ts
            fresh = prefix + ptok - cr - cw
            cache_read, cache_write = cr, cw
        if conv is not None:
            self._conv[conv] = (hist + ptok + o, ts)
        if stream is None:
            stream = client.kind in ("app", "web", "agent", "relay") or (client.kind == "sdk" and r.random() < 0.55)
        is_thinking_model = model == MODELS["think"] or reasoning
        rec = {
            "ts": round(ts, 3), "request_id": self.hexid(r, "req_", 80), "account_id": a.id,
            "key_id": key if key is not None else (r.choice(a.keys) if a.keys and client.kind not in ("app", "web") else None),
            "channel": "platform" if client.platform else "direct", "platform": client.platform,
            "end_user_id": eu, "end_user_org": euorg, "client_ip": ip, "user_agent": client.ua,
            "endpoint": client.endpoint, "model": model, "conversation_id": conv, "turn": turn,
            "system": system[:RECORD_SYSTEM_CHARS] if system else None, "prompt": prompt[:RECORD_PROMPT_CHARS],
            "input_tokens": int(fresh), "output_tokens": int(total_out), "cache_read_tokens": int(cache_read or 0),
            "cache_write_tokens": int(cache_write or 0), "reasoning_tokens": int(rt) if is_thinking_model else 0,
            "reasoning": bool(reasoning), "stream": bool(stream), "max_tokens": max_tokens,
            "status": status or 200, "decision": decision or "allow", "_h": client.human,
        }
        if background:
            rec["background_status"] = "completed"
            rec["stream"] = False
        self.requests.append(rec)
        return rec

    # ------------------------------------------------------------ the gateway's own effects
    def finish(self) -> None:
        """Apply plan caps, rate limits, suspensions and background noise, in time order per account."""
        r = random.Random(f"{self.seed}:gateway")
        by_acct: dict[str, list[dict]] = {}
        for rec in self.requests:
            by_acct.setdefault(rec["account_id"], []).append(rec)
        accts = {a.id: a for a in self.accounts}
        keep: list[dict] = []
        for aid, recs in by_acct.items():
            a = accts[aid]
            plan = a.rec["plan"]
            recs.sort(key=lambda x: x["ts"])
            day_count: dict[int, int] = {}
            win_start, win_n = -1e18, 0
            minute: dict[tuple[str | None, int], int] = {}
            quiet_until = -1e18
            for rec in recs:
                ts = rec["ts"]
                human = rec["_h"]
                if rec["status"] != 200:
                    keep.append(rec)
                    continue
                if human and ts < quiet_until:
                    continue          # a person who was just refused has stopped for a while
                refused = None
                if a.suspend_at is not None and ts >= a.suspend_at:
                    refused = (403, "deny:account_suspended")
                elif plan == "free":
                    d = int((ts - W.START + 5.5 * 3600) // W.DAY)    # UTC day
                    day_count[d] = day_count.get(d, 0) + 1
                    if day_count[d] > FREE_DAILY:
                        refused = (429, "throttle:free_daily_cap")
                elif plan in WINDOW_CAP:
                    if ts - win_start >= WINDOW:
                        win_start, win_n = ts, 0
                    win_n += 1
                    if win_n > WINDOW_CAP[plan]:
                        refused = (429, "throttle:plan_window_cap")
                else:
                    m = (rec["key_id"], int(ts // 60))
                    minute[m] = minute.get(m, 0) + 1
                    if minute[m] > a.rpm:
                        refused = (429, "throttle:rate_limit")
                if refused:
                    rec["status"], rec["decision"] = refused
                    rec["output_tokens"] = rec["input_tokens"] = rec["cache_read_tokens"] = rec["cache_write_tokens"] = 0
                    rec["reasoning_tokens"] = 0
                    rec.pop("background_status", None)
                    if human:
                        quiet_until = ts + r.uniform(900, 4200)
                    keep.append(rec)
                    continue
                x = r.random()
                if x < 0.0028:        # upstream overloaded
                    self._zero(rec, 529)
                elif x < 0.0043:      # upstream 500
                    self._zero(rec, 500)
                elif x < 0.0058:      # malformed request (bad tool schema, empty content)
                    self._zero(rec, 400)
                elif rec.get("background_status"):
                    y = r.random()
                    if y < 0.04:
                        rec["background_status"] = "cancelled"
                        rec["output_tokens"] = int(rec["output_tokens"] * r.random())
                    elif y < 0.07:
                        rec["background_status"] = "incomplete"
                        rec["output_tokens"] = rec["max_tokens"] or rec["output_tokens"]
                    elif y < 0.085:
                        rec["background_status"] = "failed"
                        rec["output_tokens"] = int(rec["output_tokens"] * r.random() * 0.5)
                elif rec["stream"]:
                    cut = 0.035 if rec["user_agent"].startswith("Myna/") else 0.01
                    if x < 0.0058 + cut:  # client hung up (tunnel, lift, app backgrounded)
                        rec["output_tokens"] = max(1, int(rec["output_tokens"] * r.uniform(0.03, 0.8)))
                        rec["reasoning_tokens"] = min(rec["reasoning_tokens"], rec["output_tokens"])
                        rec["usage_reported"] = False
                keep.append(rec)
        for rec in keep:
            del rec["_h"]
        keep.sort(key=lambda x: (x["ts"], x["request_id"]))
        self.requests = keep

    @staticmethod
    def _zero(rec: dict, status: int) -> None:
        rec["status"] = status
        rec["output_tokens"] = rec["reasoning_tokens"] = rec["input_tokens"] = 0
        rec["cache_read_tokens"] = rec["cache_write_tokens"] = 0
        rec.pop("background_status", None)
