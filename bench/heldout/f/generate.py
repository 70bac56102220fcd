#!/usr/bin/env python3
"""Write labelled set "f" (Haneul AI, a Seoul/Singapore/Sydney model API) as recorded traffic.

    python bench/heldout/f/generate.py OUT_DIR [--seed N] [--accounts 1000] [--days 10]
        [--careful 0..1] [--mix PERSONA=WEIGHT ...] [--rerecord 0.01]

Writes accounts.jsonl, requests.jsonl, entities.jsonl and labels.jsonl. stdlib + numpy + orjson;
deterministic per seed; each persona draws from its own random stream. Written without reading
Moat's detectors (README.md says what was and was not read).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine import World
from personas import PERSONAS
from world import DAY, T0, directory


def parse_mix(items: list[str]) -> dict[str, float]:
    mix: dict[str, float] = {}
    for item in items:
        name, _, weight = item.partition("=")
        if name not in PERSONAS:
            raise SystemExit(f"unknown persona {name!r}; known: {', '.join(PERSONAS)}")
        mix[name] = float(weight)
    return mix


def build(seed: int, accounts: int, days: int, careful: float, mix: dict[str, float]) -> World:
    w = World(seed, days, careful, directory(np.random.default_rng([seed, 7])))
    scale = accounts / sum(n for _, n in PERSONAS.values())
    for name, (fn, n) in PERSONAS.items():
        count = int(round(n * scale * mix.get(name, 1.0)))
        if count > 0:
            fn(w, w.stream(name), count)
    return w


def write(w: World, out: Path, rerecord: float, seed: int) -> tuple[int, int]:
    out.mkdir(parents=True, exist_ok=True)
    w.requests.sort(key=lambda r: (r["ts"], r["request_id"]))
    with open(out / "accounts.jsonl", "wb") as f:
        for a in w.accounts:
            f.write(orjson.dumps({k: v for k, v in a.items() if not k.startswith("_")}) + b"\n")
    with open(out / "labels.jsonl", "wb") as f:
        for lab in w.labels:
            f.write(orjson.dumps(lab) + b"\n")
    with open(out / "entities.jsonl", "wb") as f:
        for e in w.entities.values():
            f.write(orjson.dumps(e.row()) + b"\n")
    # a re-run export of one day appends a share of that day's records again, same ids and content
    rng = np.random.default_rng([seed, 99])
    day = int(rng.integers(0, w.days))
    lo, hi = T0 + day * DAY, T0 + (day + 1) * DAY
    that_day = [i for i, r in enumerate(w.requests) if lo <= r["ts"] < hi]
    k = min(len(that_day), int(round(rerecord * len(w.requests))))
    again = sorted(rng.choice(that_day, size=k, replace=False).tolist()) if k else []
    with open(out / "requests.jsonl", "wb") as f:
        for r in w.requests:
            f.write(orjson.dumps(r) + b"\n")
        for i in again:
            f.write(orjson.dumps(w.requests[i]) + b"\n")
    return len(w.requests), k


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", type=Path)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--accounts", type=int, default=1000)
    p.add_argument("--days", type=int, default=10)
    p.add_argument("--careful", type=float, default=0.5)
    p.add_argument("--mix", nargs="*", default=[], metavar="PERSONA=WEIGHT")
    p.add_argument("--rerecord", type=float, default=0.01)
    a = p.parse_args(argv)
    if a.days < 4:
        raise SystemExit("--days must be at least 4")
    started = time.perf_counter()
    w = build(a.seed, a.accounts, a.days, min(1.0, max(0.0, a.careful)), parse_mix(a.mix))
    n, k = write(w, a.out, a.rerecord, a.seed)
    cats: dict[str, int] = {}
    for lab in w.labels:
        for c in lab["categories"]:
            cats[c] = cats.get(c, 0) + 1
    print(f"{len(w.accounts)} accounts, {n} requests + {k} re-recorded, "
          f"{sum(1 for lab in w.labels if not lab['categories'])} benign; positives {cats}; "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
