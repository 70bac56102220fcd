"""In-process cost of one gateway call with the default bundle vs a bundle with no rules.

    .venv/bin/python bench/policy_overhead_inproc.py default|none [prof]

Drives the real ASGI app (demo-model upstream, SQLite recording) with 20,000 calls after a warm-up
and prints CPU microseconds per call; `prof` adds a cProfile listing sorted by own time.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson
import uvloop

from moat.config import load_settings
from moat.gateway.app import Gateway

ROOT = Path(__file__).resolve().parent.parent
CALLS = 20_000


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


async def main(mode: str, profile: bool) -> None:
    home = Path(tempfile.mkdtemp())
    env = {"MOAT_HOME": str(home), "MOAT_POLICY_DIR": str(policy_dir(home, mode))}
    os.environ.update(env)
    moat = str(ROOT / ".venv/bin/moat")
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

    await gateway.runtime.start()
    for _ in range(2000):
        await gateway(scope, receive, send)
    started = time.process_time()
    for _ in range(CALLS):
        await gateway(scope, receive, send)
    print(mode, "CPU µs per call:", round((time.process_time() - started) / CALLS * 1e6, 1))
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(CALLS):
            await gateway(scope, receive, send)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    await gateway.runtime.stop()


if __name__ == "__main__":
    uvloop.run(main(sys.argv[1], len(sys.argv) > 2))
