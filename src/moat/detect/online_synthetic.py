"""Synthetic traffic records for online-detection tests and bench/bench_detect_online.py.

`harvest` is a lone distiller's shape (reasoning asked for, new questions across many domains,
single turn, long answers); `chat` is an ordinary user's. Both are traffic-format records
(shared/spec/traffic-format.md); the detectors, not this module, decide what they are.
"""

from __future__ import annotations

import random
import time
from typing import Any

from moat.detect.topics import KEYWORDS

_ASK = ("Explain step by step how {a} relates to {b}, showing all of your reasoning.",
        "Think step by step: what is the role of {a} in {b}? Give the full derivation.",
        "Walk through the reasoning on {a} versus {b}, step by step, before the final answer.")
_CHAT = ("can you help me rewrite this email to my landlord about {a}",
         "what should I cook tonight, I have {a} and {b}",
         "summarise this paragraph about {a} in two lines")


def _by_domain() -> list[list[str]]:
    domains: dict[str, list[str]] = {}
    for word, domain in KEYWORDS.items():
        domains.setdefault(domain, []).append(word)
    return [sorted(words) for _, words in sorted(domains.items())]


def harvest(account_id: str, n: int, *, start: float | None = None, seed: int = 0) -> list[dict[str, Any]]:
    """n distillation-like requests from one account, a second apart."""
    rng = random.Random(seed)
    domains = _by_domain()
    t0 = time.time() if start is None else start
    out = []
    for i in range(n):
        words = domains[i % len(domains)]
        a, b = rng.choice(words), rng.choice(domains[(i + 7) % len(domains)])
        prompt = f"{rng.choice(_ASK).format(a=a, b=b)} (case {rng.randrange(10**9)})"
        out.append(record(account_id, t0 + i, prompt, reasoning=True, input_tokens=40, output_tokens=900))
    return out


def chat(account_id: str, n: int, *, start: float | None = None, seed: int = 0) -> list[dict[str, Any]]:
    """n ordinary conversational requests from one account."""
    rng = random.Random(seed)
    t0 = time.time() if start is None else start
    things = ("rent", "pasta", "tomatoes", "holidays", "the car", "a birthday")
    return [record(account_id, t0 + 37 * i + rng.random() * 30,
                   rng.choice(_CHAT).format(a=rng.choice(things), b=rng.choice(things)),
                   turn=1 + i % 4, conversation_id=f"{account_id}-c{i // 4}", input_tokens=300,
                   output_tokens=200) for i in range(n)]


def record(account_id: str, ts: float, prompt: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "ts": ts, "request_id": f"req-{account_id}-{ts:.6f}", "account_id": account_id, "key_id": None,
        "channel": "direct", "platform": None, "end_user_id": None, "end_user_org": None,
        "client_ip": "81.2.3.4", "user_agent": "sdk/1.0", "endpoint": "/v1/chat/completions", "model": "m",
        "conversation_id": None, "turn": 1, "system": None, "prompt": prompt, "input_tokens": 50,
        "output_tokens": 300, "reasoning": False, "stream": False, "status": 200, "decision": "allow",
    }
    base.update(fields)
    return base
