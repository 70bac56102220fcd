"""Console sign-in attempts checked under a parallel burst: N attempts at once from one address
(the right password among them), spread over R `moat serve` replicas sharing one store.

    .venv/bin/python bench/signin_throttle.py --store sqlite --replicas 2 --attempts 200
    .venv/bin/python bench/signin_throttle.py --store postgres --redis      # counters in Redis
    .venv/bin/python bench/signin_throttle.py --code /tmp/old/src           # another tree's moat

"Checked" means the password was verified: the answer was 401 (wrong) or 303 (signed in); a
throttled attempt gets 429 without its password being looked at. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "right-password-42"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def seed_user(url: str, name: str) -> None:
    from moat.console.bootstrap import with_users
    from moat.console.users import UserBook

    async def add(book: UserBook) -> None:
        await book.add(name, "viewer", PASSWORD, actor="bench")

    await with_users(url, add)


def start(home: Path, url: str, env: dict[str, str], code: str | None) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    full = {**os.environ, "MOAT_HOME": str(home), "MOAT_DATABASE_URL": url, **env}
    if code:
        full["PYTHONPATH"] = code
    log = (home / f"serve-{port}.log").open("ab")
    proc = subprocess.Popen([sys.executable, "-m", "moat", "serve", "--port", str(port)], env=full, cwd=home,
                            stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"moat serve did not start: {(home / f'serve-{port}.log').read_text()[-2000:]}")


async def burst(bases: list[str], user: str, attempts: int, right_at: int) -> tuple[Counter[int], int, float]:
    transport = httpx.AsyncHTTPTransport(local_address="127.0.0.9")
    limits = httpx.Limits(max_connections=attempts, max_keepalive_connections=0)
    async with httpx.AsyncClient(transport=transport, limits=limits, timeout=120) as client:
        async def one(i: int) -> int:
            base = bases[i % len(bases)]
            response = await client.post(f"{base}/console/signin", headers={
                "origin": base, "cookie": "moat_console_pre=t"}, data={
                "pre": "t", "username": user, "password": PASSWORD if i == right_at else f"wrong-{i}"})
            return response.status_code

        started = time.perf_counter()
        statuses = await asyncio.gather(*(one(i) for i in range(attempts)))
        elapsed = time.perf_counter() - started
    return Counter(statuses), statuses[right_at], elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--redis", action="store_true", help="counters in Redis (MOAT_TEST_REDIS_URL)")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--code", help="PYTHONPATH of another moat source tree to serve (e.g. an older commit)")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="moat-signin-bench-"))
    schema = ""
    if args.store == "postgres":
        import asyncpg

        base = os.environ.get("MOAT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
        schema = f"bench_{uuid.uuid4().hex[:8]}"

        async def ddl(sql: str) -> None:
            conn = await asyncpg.connect(base)
            await conn.execute(sql)
            await conn.close()

        asyncio.run(ddl(f'CREATE SCHEMA "{schema}"'))
        url = f"{base}{'&' if '?' in base else '?'}schema={schema}"
    else:
        url = f"sqlite:///{home / 'moat.db'}"
    env = {}
    if args.redis:
        env = {"MOAT_REDIS_URL": os.environ.get("MOAT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
               "MOAT_REDIS_PREFIX": f"bench-{uuid.uuid4().hex[:8]}:"}
    procs: list[subprocess.Popen[bytes]] = []
    try:
        bases = []
        for i in range(args.replicas):
            (home / f"r{i}").mkdir()
            proc, base_url = start(home / f"r{i}", url, env, args.code)
            procs.append(proc)
            bases.append(base_url)
        user = f"bench{uuid.uuid4().hex[:6]}"
        asyncio.run(seed_user(url, user))
        statuses, right, elapsed = asyncio.run(burst(bases, user, args.attempts, args.attempts // 2))
        checked = statuses[401] + statuses[303]
        print(json.dumps({"code": args.code or "this tree", "store": args.store, "redis": args.redis,
                          "replicas": args.replicas, "attempts": args.attempts, "checked": checked,
                          "throttled_429": statuses[429], "signed_in": statuses[303], "right_password": right,
                          "other": {k: v for k, v in statuses.items() if k not in (401, 303, 429)},
                          "seconds": round(elapsed, 2)}))
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        if schema:
            asyncio.run(ddl(f'DROP SCHEMA "{schema}" CASCADE'))
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
