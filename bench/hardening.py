"""Hardening measurements against a real `moat serve` (issue items 4-6):

    .venv/bin/python bench/hardening.py [storm|freeze|slow|all]

- storm:  1,000 clients send their headers and part of a body, then hang up; records missing
          afterwards (and the dead-letter file's size).
- freeze: request latency with signed attribution while the attribution nonce cache's Redis is
          frozen (SIGSTOP), then killed; a redis-server of the bench's own on a free port.
- slow:   1,000 connections trickling (idle / a header line every second / a body byte every
          second) for 60 s at the default limits; how many are still open along the way.

Each part starts its own gateway (SQLite, demo model) in a temporary directory.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson

from moat.identity import keys
from moat.identity.attribution import sign_attribution
from moat.identity.models import Account, ApiKey
from moat.store import open_store

ROOT = Path(__file__).resolve().parent.parent
KEY = "sk-bench-hardening-0000000000000"
IDE_KEY = "sk-bench-ide-000000000000000000"
IDE_SECRET = "bench-ide-secret"
CHAT = b"/v1/chat/completions"
BODY = orjson.dumps({"model": "moat-demo", "messages": [{"role": "user", "content": "hi"}]})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def seed(url: str) -> None:
    store = open_store(url)
    await store.open()
    try:
        await store.upsert_account(Account("bench", email="b@bench.example", plan="api"))
        await store.upsert_account(Account("ide", email="ops@ide.example", plan="enterprise", verified=True))
        for account, secret in (("bench", KEY), ("ide", IDE_KEY)):
            await store.insert_key(ApiKey(keys.new_key_id(), account, keys.key_prefix(secret),
                                          keys.hash_secret(secret), time.time()))
    finally:
        await store.close()


@contextlib.contextmanager
def gateway(env: dict[str, str] | None = None) -> Iterator[tuple[str, int, Path]]:
    home = Path(tempfile.mkdtemp(prefix="moat-hardening-"))
    url = f"sqlite:///{home / 'moat.db'}"
    (home / "moat.toml").write_text(
        f'platforms = [{{platform_id = "ide", account_id = "ide", hs256_secret = "{IDE_SECRET}"}}]\n')
    port = free_port()
    full_env = {**os.environ, "MOAT_HOME": str(home), "MOAT_DATABASE_URL": url, **(env or {})}
    asyncio.run(seed(url))
    log = (home / "serve.log").open("ab")
    proc = subprocess.Popen([sys.executable, "-m", "moat", "--config", str(home / "moat.toml"), "serve",
                             "--port", str(port)], env=full_env, stdout=log, stderr=log, cwd=home)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError((home / "serve.log").read_text())
            time.sleep(0.1)
        yield url, port, home
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


async def count_records(url: str, prefix: str) -> int:
    store = open_store(url)
    await store.open()
    try:
        return sum([1 async for r in store.iter_requests() if str(r.get("user_agent") or "").startswith(prefix)])
    finally:
        await store.close()


def storm(clients: int = 1000) -> None:
    with gateway() as (url, port, home):
        run = uuid.uuid4().hex[:8]
        t0 = time.perf_counter()
        for i in range(clients):
            with socket.create_connection(("127.0.0.1", port)) as sock:
                agent = f"storm-{run}-{i}-" + "x" * 30_000
                sock.sendall(b"POST " + CHAT + b" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY.encode()
                             + f"\r\nUser-Agent: {agent}\r\nContent-Length: 5000\r\n\r\n".encode() + BODY[:20])
        sent = time.perf_counter() - t0
        found = 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = asyncio.run(count_records(url, f"storm-{run}-"))
            if found >= clients:
                break
            time.sleep(0.5)
        dead = home / "wal" / "dead-letter.jsonl"
        print(f"storm: {clients} clients hung up mid-body in {sent:.1f} s; records found {found}, "
              f"missing {clients - found}; dead-letter file {dead.stat().st_size if dead.exists() else 0} bytes")


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def freeze(requests: int = 200) -> None:
    redis_port = free_port()
    redis = subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no"], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    timeout = 0.25
    try:
        env = {"MOAT_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0", "MOAT_ATTRIBUTION__REDIS_TIMEOUT": str(timeout)}
        with gateway(env) as (_, port, home), httpx.Client(timeout=30) as client:
            def phase(name: str) -> None:
                latencies, statuses = [], []
                for _ in range(requests):
                    token = sign_attribution("ide", IDE_SECRET, sub="u1", jti=uuid.uuid4().hex)
                    t = time.perf_counter()
                    r = client.post(f"http://127.0.0.1:{port}/v1/chat/completions", content=BODY,
                                    headers={"authorization": f"Bearer {IDE_KEY}", "moat-attribution": token})
                    latencies.append((time.perf_counter() - t) * 1000)
                    statuses.append(r.status_code)
                codes = {c: statuses.count(c) for c in sorted(set(statuses))}
                print(f"freeze: {name:<22} {requests} requests, statuses {codes}; latency ms p50 "
                      f"{statistics.median(latencies):.1f} p99 {_pct(latencies, 0.99):.1f} max {max(latencies):.1f}")

            phase("redis up")
            redis.send_signal(signal.SIGSTOP)
            phase("redis frozen (SIGSTOP)")
            redis.send_signal(signal.SIGCONT)
            time.sleep(6)
            phase("redis back")
            redis.kill()
            redis.wait()
            phase("redis killed")
            lines = (home / "serve.log").read_text().splitlines()
            print(f"freeze: nonce timeout {timeout} s; log lines 'Redis unreachable' (nonces) "
                  f"{sum('attribution nonces: Redis unreachable' in x for x in lines)}, tracebacks "
                  f"{sum('Traceback' in x for x in lines)}")
    finally:
        if redis.poll() is None:
            redis.send_signal(signal.SIGCONT)
            redis.kill()


def slow(connections: int = 1000, seconds: float = 60.0) -> None:
    with gateway() as (_, port, _home):
        kinds = ["idle", "head", "body"] * (connections // 3) + ["idle"] * (connections % 3)
        socks: list[socket.socket] = []
        for i, kind in enumerate(kinds):
            sock = socket.create_connection(("127.0.0.1", port))
            if kind == "head":
                sock.sendall(b"POST " + CHAT + b" HTTP/1.1\r\nHost: x\r\n")
            elif kind == "body":
                sock.sendall(b"POST " + CHAT + b" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY.encode()
                             + f"\r\nUser-Agent: slow-{i}\r\nContent-Length: 1000000\r\n\r\n{{".encode())
            sock.setblocking(False)
            socks.append(sock)
        closed = [False] * len(socks)
        start = time.monotonic()
        marks = [5, 10, 15, 20, 30, 45]
        next_tick = start
        while (now := time.monotonic()) - start < seconds:
            if now >= next_tick:  # one trickle per connection per second
                next_tick += 1.0
                for i, sock in enumerate(socks):
                    if closed[i]:
                        continue
                    try:
                        while chunk := sock.recv(65536):
                            del chunk
                        closed[i] = True
                        continue
                    except BlockingIOError:
                        pass
                    except OSError:
                        closed[i] = True
                        continue
                    if kinds[i] != "idle":
                        try:
                            sock.send(b"X-Slow: 1\r\n" if kinds[i] == "head" else b" ")
                        except OSError:
                            closed[i] = True
            while marks and now - start >= marks[0]:
                still = [k for k, c in zip(kinds, closed, strict=True) if not c]
                print(f"slow: t={marks.pop(0):>2} s open {len(still)} of {len(socks)} "
                      f"(idle {still.count('idle')}, head {still.count('head')}, body {still.count('body')})")
            time.sleep(0.05)
        still = [k for k, c in zip(kinds, closed, strict=True) if not c]
        print(f"slow: t={seconds:.0f} s open {len(still)} of {len(socks)} (idle {still.count('idle')}, "
              f"head {still.count('head')}, body {still.count('body')})")
        for sock in socks:
            sock.close()


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "all"
    if which in ("storm", "all"):
        storm()
    if which in ("freeze", "all"):
        freeze()
    if which in ("slow", "all"):
        slow()
