"""How much a gateway process grows while relaying one large answer (issue 12 item 4; goal < 5 MB
for a 20 MB non-streamed answer), and how long the answer takes through Moat and directly.

Starts the test suite's recording upstream (tests/gateway/recording_upstream.py) and a real
`moat serve` in front of it (one worker, the rule-less bundle), warms it up, resets the process's
peak resident size (`/proc/PID/clear_refs`), relays the answer, and reads the new peak (VmHWM).

    PYTHONPATH=src:. .venv/bin/python bench/relay_memory.py [--mib 20] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.gateway.conftest import ALICE_KEY, GatewayProcess, seed
from tests.gateway.recording_upstream import RecordingUpstream
from tests.gateway.test_relay import config


def status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def relay(url: str, mib: int) -> tuple[int, float]:
    t0 = time.perf_counter()
    size = 0
    with httpx.stream("POST", url + "/v1/embeddings", json={"model": f"big-{mib}", "input": "x"},
                      headers={"authorization": f"Bearer {ALICE_KEY}"}, timeout=120) as r:
        r.raise_for_status()
        for chunk in r.iter_raw():
            size += len(chunk)
    return size, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    upstream = RecordingUpstream()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / "policies").mkdir()
        (home / "policies" / "none.yaml").write_text("rules: []\n")
        (home / "moat.toml").write_text(config(upstream.base, home / "policies"))
        url = f"sqlite:///{home / 'moat.db'}"
        asyncio.run(seed(url))
        gw = GatewayProcess(home, url).start()
        try:
            assert gw.proc is not None
            pid = gw.proc.pid
            relay(gw.url, 2)  # warm: imports, pools, the recorder, the pass-through path
            growth, through, direct = [], [], []
            for _ in range(args.runs):
                before = status_kb(pid, "VmRSS")
                Path(f"/proc/{pid}/clear_refs").write_text("5")  # peak RSS := current RSS
                size, seconds = relay(gw.url, args.mib)
                growth.append((status_kb(pid, "VmHWM") - before) / 1024)
                through.append(seconds)
                t0 = time.perf_counter()
                with httpx.stream("POST", upstream.base + "/embeddings", json={"model": f"big-{args.mib}"},
                                  timeout=120) as r:
                    for _ in r.iter_raw():
                        pass
                direct.append(time.perf_counter() - t0)
            print(f"{args.mib} MiB answer ({size:,} bytes) x {args.runs}: peak RSS growth "
                  f"{', '.join(f'{g:.1f}' for g in growth)} MB (max {max(growth):.1f}); "
                  f"through Moat {statistics.median(through):.3f} s, direct {statistics.median(direct):.3f} s (median)")
        finally:
            gw.stop()


if __name__ == "__main__":
    main()
