"""In-process cost of one gateway call with the default bundle vs a bundle with no rules.

    .venv/bin/python bench/policy_overhead_inproc.py default|none [prof]

Drives the real ASGI app (demo-model upstream, SQLite recording) with 20,000 calls after a warm-up
and prints CPU microseconds per call; `prof` adds a cProfile listing sorted by own time.
"""

from __future__ import annotations

import cProfile
import gc
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import orjson
import uvloop

from moat.config import load_settings
from moat.gateway.app import Gateway

ROOT = Path(__file__).resolve().parent.parent
CALLS = int(os.environ.get("MOAT_BENCH_CALLS", "20000"))  # a multiple of 1,000


def policy_dir(home: Path, mode: str) -> Path:
    directory = home / "policies"
    directory.mkdir()
    if mode == "none":
        (directory / "empty.yaml").write_text("rules: []\n")
        return directory
    for source in (ROOT / "src/moat/policy/default").glob("*.yaml"):
        if not source.name.endswith("_test.yaml"):
            shutil.copy(source, directory)
    subprocess.run(["sed", "-i", "-E", r"/name: plan_api/,/concurrency/ s/(requests_per_minute|tokens_per_minute|"
                    r"concurrency): ([0-9]+)/\1: \2000/g", str(directory / "plans.yaml")], check=True)
    return directory


Call = Callable[[], Awaitable[None]]


async def started_gateway(mode: str) -> tuple[Gateway, Call]:
    """A started gateway with the `bench` api-plan account and bundle `mode`, and one chat call to it."""
    home = Path(tempfile.mkdtemp(dir=ROOT / "bench/out"))
    env = {"MOAT_HOME": str(home), "MOAT_POLICY_DIR": str(policy_dir(home, mode))}
    os.environ.update(env)
    moat = str(Path(sys.executable).parent / "moat")
    subprocess.run([moat, "accounts", "add", "bench", "--email", "b@b.example", "--plan", "api"], check=True,
                   capture_output=True)
    subprocess.run([moat, "keys", "import", "--account", "bench", "--secret", "sk-bench-1234"], check=True,
                   capture_output=True)
    gateway = Gateway(load_settings(env=env))
    body = orjson.dumps({"model": "moat-demo", "messages": [{"role": "user", "content": "hello there"}],
                         "max_tokens": 256})
    scope = {"type": "http", "method": "POST", "path": "/v1/chat/completions", "client": ("127.0.0.1", 5555),
             "headers": [(b"authorization", b"Bearer sk-bench-1234"), (b"content-type", b"application/json"),
                         (b"content-length", str(len(body)).encode())]}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        pass

    async def call() -> None:
        await gateway(scope, receive, send)

    await gateway.runtime.start()
    return gateway, call


async def main(mode: str, profile: bool) -> None:
    gateway, call = await started_gateway(mode)
    for _ in range(min(2000, CALLS)):
        await call()
    gc_time = [0.0, 0.0]

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            gc_time[1] = time.perf_counter()
        else:
            gc_time[0] += time.perf_counter() - gc_time[1]

    gc.callbacks.append(on_gc)
    # Chunks of 1,000 calls: on a machine shared with other work the minimum is the steady figure.
    chunks: list[float] = []
    for _ in range(CALLS // 1000):
        started = time.process_time()
        for _ in range(1000):
            await call()
        chunks.append((time.process_time() - started) / 1000 * 1e6)
    chunks.sort()
    print(mode, "CPU µs per call: min", round(chunks[0], 1), "median", round(chunks[len(chunks) // 2], 1),
          "garbage collection", round(gc_time[0] / CALLS * 1e6, 1),
          "WAL bytes per call", gateway.runtime.recorder.stats.wal_bytes // gateway.runtime.recorder.stats.queued)
    gc.callbacks.remove(on_gc)
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(CALLS):
            await call()
        profiler.disable()
        profiler.dump_stats(str(ROOT / f"bench/out/inproc-{mode}.prof"))
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    await gateway.runtime.stop()


if __name__ == "__main__":
    uvloop.run(main(sys.argv[1], len(sys.argv) > 2))
