"""Fixtures for the limiter tests: a settable clock and each backend built on it."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from moat.limits import Limiter, MemoryLimiter

# Accuracy tests must not depend on how busy the test machine is: a connection storm on a loaded
# CI box may take longer than the production timeouts, and the fail mode would then decide.
# The fail-mode tests build their limiters with the production defaults.
RELAXED: dict[str, Any] = {"timeout": 2.0, "connect_timeout": 2.0, "deadline": 5.0}


class FakeClock:
    """Seconds since an arbitrary epoch; tests move it by hand."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def redis_prefix(redis_prefix: str) -> Iterator[str]:
    """The shared fixture's unique prefix, plus clean-up: limit keys are `{prefix...}`."""
    yield redis_prefix
    url = os.environ.get("MOAT_TEST_REDIS_URL")
    if url:
        import redis

        client = redis.Redis.from_url(url)
        try:
            keys = list(client.scan_iter(match=f"{{{redis_prefix}*", count=1000))
            if keys:
                client.delete(*keys)
        except redis.RedisError:
            pass  # the keys expire on their own
        finally:
            client.close()


@pytest.fixture
def redis_cluster_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Redis Cluster node: MOAT_TEST_REDIS_CLUSTER_URL, else a real 3-node cluster started here
    from the machine's redis-server (skipped only when there is no redis-server at all)."""
    url = os.environ.get("MOAT_TEST_REDIS_CLUSTER_URL", "")
    if url:
        yield url
        return
    server, cli = shutil.which("redis-server"), shutil.which("redis-cli")
    if not server or not cli:
        pytest.skip("no redis-server on this machine to start a cluster with")
    home = tmp_path_factory.mktemp("redis-cluster")
    ports = [_free_port() for _ in range(3)]
    procs = [subprocess.Popen([server, "--port", str(p), "--bind", "127.0.0.1", "--cluster-enabled", "yes",
                               "--cluster-config-file", f"nodes-{p}.conf", "--save", "", "--appendonly", "no",
                               "--dir", str(home)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for p in ports]
    try:
        for p in ports:
            _wait_for_port(p)
        subprocess.run([cli, "--cluster", "create", *(f"127.0.0.1:{p}" for p in ports), "--cluster-yes"],
                       check=True, capture_output=True, timeout=30)
        deadline = time.monotonic() + 15
        while b"cluster_state:ok" not in subprocess.run([cli, "-p", str(ports[0]), "cluster", "info"],
                                                       capture_output=True).stdout:
            if time.monotonic() > deadline:
                raise RuntimeError("the test Redis cluster did not become ready")
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{ports[0]}/0"
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(10)


def _free_port() -> int:
    """A free port whose cluster-bus port (port + 10000, Redis Cluster's rule) is free and valid too."""
    rng = random.Random()
    while True:
        port = rng.randrange(20_000, 45_000)
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("127.0.0.1", port))
                b.bind(("127.0.0.1", port + 10_000))
            return port
        except OSError:
            continue


def _wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 30  # a loaded CI machine starts processes slowly
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"redis-server on port {port} did not start")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["memory", "redis"])
async def limiter(request: pytest.FixtureRequest, clock: FakeClock) -> AsyncIterator[Limiter]:
    """Each backend on the fake clock; the Redis one isolated by the test's key prefix."""
    made: Limiter
    if request.param == "memory":
        made = MemoryLimiter(clock=clock)
    else:
        from moat.limits.redis_backend import RedisLimiter

        url = request.getfixturevalue("redis_url")
        made = RedisLimiter(url, prefix=request.getfixturevalue("redis_prefix"), clock=clock, **RELAXED)
    yield made
    await made.aclose()


@pytest.fixture
def make_redis_limiter(redis_url: str, redis_prefix: str) -> Callable[..., Limiter]:
    from moat.limits.redis_backend import RedisLimiter

    def make(**options: object) -> Limiter:
        options.setdefault("prefix", redis_prefix)
        for name, value in RELAXED.items():
            options.setdefault(name, value)
        return RedisLimiter(redis_url, **options)  # type: ignore[arg-type]

    return make
