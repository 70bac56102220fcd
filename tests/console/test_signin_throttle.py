"""Sign-in throttling under parallel attack, against two real `moat serve` replicas sharing one
store: SQLite, PostgreSQL, and SQLite with the counters in Redis.

Each attempt takes its address's unit (and, from an address the user never signed in from, its
user name's unit) in one atomic store step before the password is looked at, so of 200 parallel
attempts at most `signin_max_failures` (5) are checked, whichever replica they reach; the right
password among the other 195 gets a 429 without being checked. Nobody is locked out by someone
else: other addresses and other users sign in, and a user's known address passes the per-user
back-off. Every throttled attempt, lockout and checked failure is in the admin log.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from moat.console.bootstrap import with_users
from moat.console.users import UserBook
from tests.console.helpers import USERS
from tests.gateway.conftest import GatewayProcess, admin_log, make_gateway, postgres_schema
from tests.gateway.fake_upstream import FakeUpstream

LIMIT = 5  # ConsoleSettings.signin_max_failures
PASSWORD = "right-password-42"


@dataclass
class Replicas:
    a: GatewayProcess
    b: GatewayProcess
    store_url: str

    @property
    def both(self) -> tuple[GatewayProcess, GatewayProcess]:
        return self.a, self.b


@pytest.fixture(scope="module", params=["sqlite", "postgres", "redis"])
def replicas(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             fake_upstream: FakeUpstream) -> Iterator[Replicas]:
    home = tmp_path_factory.mktemp(f"throttle-{request.param}")
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(postgres_schema()) if request.param == "postgres" else f"sqlite:///{home}/moat.db"
        env: dict[str, str] = {}
        if request.param == "redis":
            from tests.conftest import _service_url

            env = {"MOAT_REDIS_URL": _service_url("REDIS"), "MOAT_REDIS_PREFIX": f"moat-test:{uuid.uuid4().hex[:10]}:"}
        first = make_gateway(home / "a", url, fake_upstream.base)
        first.env = env
        asyncio.run(with_users(url, _seed_console_users))
        first.start()
        stack.callback(first.stop)
        second = make_gateway(home / "b", url, fake_upstream.base, seeded=False)
        second.env = env
        second.start()
        stack.callback(second.stop)
        yield Replicas(first, second, url)


async def _seed_console_users(book: UserBook) -> None:
    for role, (name, password) in USERS.items():
        await book.add(name, role, password, actor="test")


def add_user(store_url: str, name: str) -> str:
    async def add(book: UserBook) -> None:
        await book.add(name, "viewer", PASSWORD, actor="test")

    asyncio.run(with_users(store_url, add))
    return name


def fresh_user(replicas: Replicas) -> str:
    return add_user(replicas.store_url, f"u{uuid.uuid4().hex[:8]}")


async def _attempt(client: httpx.AsyncClient, gw: GatewayProcess, username: str, password: str) -> httpx.Response:
    """One sign-in POST (the double-submit token is any value present in both cookie and form)."""
    return await client.post(f"{gw.url}/console/signin", headers={"origin": gw.url, "cookie": "moat_console_pre=t"},
                             data={"pre": "t", "username": username, "password": password, "next": "/console/"})


def parallel(replicas: Replicas, address: str, attempts: list[tuple[str, str]]) -> list[httpx.Response]:
    """All `attempts` (user, password) at once from `address`, alternating between the replicas."""
    async def run() -> list[httpx.Response]:
        transport = httpx.AsyncHTTPTransport(local_address=address)
        limits = httpx.Limits(max_connections=len(attempts), max_keepalive_connections=0)
        async with httpx.AsyncClient(transport=transport, limits=limits, timeout=60) as client:
            return list(await asyncio.gather(*(
                _attempt(client, replicas.both[i % 2], user, password) for i, (user, password) in enumerate(attempts))))

    return asyncio.run(run())


def one(replicas: Replicas, address: str, username: str, password: str, *, replica: int = 0) -> httpx.Response:
    gw = replicas.both[replica]
    with httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30) as client:
        return client.post(f"{gw.url}/console/signin", headers={"origin": gw.url, "cookie": "moat_console_pre=t"},
                           data={"pre": "t", "username": username, "password": password, "next": "/console/"})


def entries_for(log: list[dict[str, Any]], address: str) -> Counter[str]:
    return Counter(e["action"] for e in log if e["action"].startswith("console.signin")
                   and e.get("details", {}).get("ip") == address)


def test_200_parallel_attempts_check_at_most_the_limit(replicas: Replicas) -> None:
    user = fresh_user(replicas)
    attempts = [(user, f"wrong-{i}") for i in range(200)]
    attempts[117] = (user, PASSWORD)  # the right password, somewhere in the middle of the burst
    address = "127.0.0.20"
    responses = parallel(replicas, address, attempts)
    statuses = Counter(r.status_code for r in responses)
    checked = statuses[401] + statuses[303]
    assert set(statuses) <= {401, 303, 429}, statuses
    assert 1 <= checked <= LIMIT, statuses
    assert statuses[429] == 200 - checked
    assert all(int(r.headers["retry-after"]) >= 1 for r in responses if r.status_code == 429)
    right = responses[117]
    assert right.status_code in (303, 429)  # signed in only when it was among the checked
    # Once blocked from that address, the right password does not get in, on either replica, and is not checked.
    for replica in (0, 1):
        again = one(replicas, address, user, PASSWORD, replica=replica)
        assert again.status_code == 429 and "Too many failed sign-ins" in again.text
    # Another user from another address is not locked out.
    assert one(replicas, "127.0.0.21", *_viewer()).status_code == 303
    # The audit: every checked attempt is a failure or a sign-in, every refusal is a throttled entry,
    # and the address's lockout is written once.
    seen = entries_for(admin_log(replicas.store_url), address)
    assert seen["console.signin.failed"] + seen["console.signin"] == checked
    assert seen["console.signin"] == (1 if right.status_code == 303 else 0)
    assert seen["console.signin.throttled"] == 200 - checked + 2
    assert seen["console.signin.lockout"] == 1


def test_a_blocked_address_never_gets_the_right_password_checked(replicas: Replicas) -> None:
    user = fresh_user(replicas)
    address = "127.0.0.22"
    for i in range(LIMIT):
        assert one(replicas, address, user, f"wrong-{i}", replica=i % 2).status_code == 401
    responses = parallel(replicas, address, [(user, PASSWORD)] * 100)
    assert Counter(r.status_code for r in responses) == {429: 100}
    seen = entries_for(admin_log(replicas.store_url), address)
    assert seen["console.signin.failed"] == LIMIT and seen["console.signin"] == 0
    assert seen["console.signin.throttled"] == 100 and seen["console.signin.lockout"] == 1


def test_the_known_address_passes_while_a_sprayer_is_throttled(replicas: Replicas) -> None:
    user = fresh_user(replicas)
    home = "127.0.0.30"
    assert one(replicas, home, user, PASSWORD).status_code == 303  # now a known address of the user
    # An attacker spreads guesses over many addresses: each address stays under its own limit, the
    # user name's counter does not.
    attempts_per_address = 2
    results: list[int] = []
    for n in range(10):
        burst = [(user, f"guess-{n}-{i}") for i in range(attempts_per_address)]
        results += [r.status_code for r in parallel(replicas, f"127.0.1.{n + 1}", burst)]
    assert results.count(401) == LIMIT and results.count(429) == 20 - LIMIT  # only 5 guesses were checked
    # The attacker is throttled from a fresh address too (per-user back-off, password not checked) ...
    blocked = one(replicas, "127.0.1.200", user, PASSWORD)
    assert blocked.status_code == 429
    # ... but the user, from the address they signed in from before, gets in on either replica.
    assert one(replicas, home, user, PASSWORD, replica=0).status_code == 303
    assert one(replicas, home, user, PASSWORD, replica=1).status_code == 303
    # Other users are untouched, even from the attacker's addresses.
    assert one(replicas, "127.0.1.1", *_viewer()).status_code == 303
    log = admin_log(replicas.store_url)
    lockouts = [e for e in log if e["action"] == "console.signin.lockout" and e["target"] == f"user:{user}"]
    assert len(lockouts) == 1 and lockouts[0]["details"]["limit"] == "user"
    throttled = [e for e in log if e["action"] == "console.signin.throttled" and e["target"] == user]
    assert len(throttled) == 20 - LIMIT + 1 and {e["details"]["limit"] for e in throttled} == {"user"}


def test_wrong_guesses_from_a_known_address_are_still_limited_by_the_address(replicas: Replicas) -> None:
    user = fresh_user(replicas)
    home = "127.0.0.40"
    assert one(replicas, home, user, PASSWORD).status_code == 303
    responses = parallel(replicas, home, [(user, "wrong")] * 50)
    statuses = Counter(r.status_code for r in responses)
    assert statuses[401] == LIMIT and statuses[429] == 50 - LIMIT  # the success gave its unit back


def _viewer() -> tuple[str, str]:
    return USERS["viewer"]
