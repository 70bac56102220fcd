"""A firehose through Moat (issue 15, "Tests and speed"): items per second through one gateway
process with metering and limits on (goal ≥ 50,000 items/s of 1 KB), the latency Moat adds per
item, and the memory each idle open stream costs (goal: 5,000 idle streams under 200 MB).

Starts the tests' fake data API (tests/gateway/fake_firehose.py) in a process of its own and a real
`moat serve` (one worker, SQLite) in front of it, with a data route whose decision applies a
limit with items_per_minute and items_per_month caps (high enough never to cut), so every piece of
the stream is metered and checked; `--item-resource` also reads each item's author (a JSON parse
per item).

    PYTHONPATH=src:. .venv/bin/python bench/bench_firehose.py [--seconds 10] [--streams 1000]

Throughput: one client reads one stream of 1 KB ndjson items (64 a chunk) for `--seconds`;
items/s is what the client received, and items per gateway CPU-second (utime + stime of the
gateway process, from /proc) is what one core sustains. Latency: items stamped when the upstream
sends them, 200 a second, read directly and through Moat; the difference of the medians (and p99)
is what Moat adds. Memory: the gateway's resident size before and after opening `--streams` idle
streams (an item every 60 s), divided by their number.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.gateway.conftest import ALICE_KEY, GatewayProcess, seed

STREAM = "/2/tweets/search/stream"
POLICY = """
rules:
  - {id: data-volume, when: 'request.kind == "data"', effect: throttle, limit: firehose, reason: rate_limited,
     message: "Volume limit reached."}
limits:
  - {name: firehose, key: account, items_per_minute: 1000000000, items_per_month: 1000000000000}
"""


def config(firehose: str, policy_dir: Path, item_resource: bool) -> str:
    extra = 'item_resource = "data.author_id"' if item_resource else ""
    return f"""
policy_dir = "{policy_dir}"

[recording]
flush_interval = 0.2

[[upstreams]]
name = "social"
kind = "http"
base_url = "{firehose}"
idle_timeout = 120
max_connections = 20000  # one upstream connection per open stream

[[routes]]
path = "{STREAM}"
upstream = "social"
{extra}
"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise KeyError("VmRSS")


def throughput(url: str, pid: int, seconds: float) -> tuple[float, float]:
    items = 0
    headers = {"authorization": f"Bearer {ALICE_KEY}"}
    with httpx.stream("GET", url + STREAM + "?count=0&every=0&size=1000&batch=64", headers=headers,
                      timeout=30) as r:
        r.raise_for_status()
        chunks = r.iter_raw(1 << 20)
        for _ in zip(range(20), chunks, strict=False):  # warm up
            pass
        cpu0, t0 = cpu_seconds(pid), time.perf_counter()
        for chunk in chunks:
            items += chunk.count(b"}\n")
            if time.perf_counter() - t0 >= seconds:
                break
        wall, cpu = time.perf_counter() - t0, cpu_seconds(pid) - cpu0
    return items / wall, items / cpu if cpu else float("inf")


def latencies(url: str, n: int, auth: bool) -> list[float]:
    out: list[float] = []
    headers = {"authorization": f"Bearer {ALICE_KEY}"} if auth else {}
    with httpx.stream("GET", url + STREAM + f"?count={n}&every=0.005&size=1000&stamp=1", headers=headers,
                      timeout=30) as r:
        for line in r.iter_lines():
            if line.strip():
                out.append(time.time() - orjson.loads(line)["data"]["t"])
    return out[20:]  # the first ones include connecting


async def hold_idle(port: int, n: int) -> list[asyncio.StreamWriter]:
    request = (f"GET {STREAM}?count=0&every=60 HTTP/1.1\r\nHost: x\r\n"
               f"Authorization: Bearer {ALICE_KEY}\r\n\r\n").encode()
    writers = []
    for _ in range(n):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(f"stream {len(writers)} refused: {head.splitlines()[0]!r}")
        writers.append(writer)
    return writers


def idle_memory(gw: GatewayProcess, n: int) -> tuple[int, int]:
    assert gw.proc is not None

    async def run() -> tuple[int, int]:
        before = rss_kb(gw.proc.pid)  # type: ignore[union-attr]
        writers = await hold_idle(gw.port, n)
        await asyncio.sleep(2)
        after = rss_kb(gw.proc.pid)  # type: ignore[union-attr]
        for writer in writers:
            writer.close()
        return before, after

    return asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--streams", type=int, default=1000)
    parser.add_argument("--item-resource", action="store_true")
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    fake = subprocess.Popen([sys.executable, "-m", "tests.gateway.fake_firehose"], stdout=subprocess.PIPE, cwd=root,
                            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "src"), str(root)])})
    assert fake.stdout is not None
    firehose = f"http://127.0.0.1:{int(fake.stdout.readline())}"
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / "policies").mkdir()  # this rule and limit only: no plan's concurrency cap on the idle streams
        (home / "policies" / "firehose.yaml").write_text(POLICY)
        (home / "moat.toml").write_text(config(firehose, home / "policies", args.item_resource))
        url = f"sqlite:///{home / 'moat.db'}"
        asyncio.run(seed(url))
        gw = GatewayProcess(home, url)
        gw.start()
        try:
            assert gw.proc is not None
            rate, per_cpu = throughput(gw.url, gw.proc.pid, args.seconds)
            direct = latencies(firehose, 400, auth=False)
            through = latencies(gw.url, 400, auth=True)
            before, after = idle_memory(gw, args.streams)
        finally:
            gw.stop()
            fake.kill()
    q = statistics.quantiles
    added_p50 = (statistics.median(through) - statistics.median(direct)) * 1e6
    added_p99 = (q(through, n=100)[98] - q(direct, n=100)[98]) * 1e6
    per_stream = (after - before) / args.streams
    print(f"host: {socket.gethostname()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
          f"{' (item_resource on)' if args.item_resource else ''}")
    print(f"throughput: {rate:,.0f} items/s received; {per_cpu:,.0f} items per gateway CPU-second (1 KB items)")
    print(f"added latency per item: p50 {added_p50:,.0f} µs, p99 {added_p99:,.0f} µs "
          f"(direct p50 {statistics.median(direct) * 1e6:,.0f} µs)")
    print(f"idle streams: {args.streams} open cost {(after - before) / 1024:,.1f} MB, {per_stream:,.1f} KB each "
          f"(5,000: {per_stream * 5000 / 1024:,.0f} MB; gateway RSS {before / 1024:,.0f} -> {after / 1024:,.0f} MB)")


if __name__ == "__main__":
    main()
