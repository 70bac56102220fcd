"""The sign-in throttle's counters (store and Redis) and known addresses on a real SQLite file and a
real PostgreSQL schema, with a hand-moved clock (no sleeping, no timed assertions)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from moat.console.schema import open_tables
from moat.console.throttle import (
    Admission,
    Counter,
    RedisCounter,
    SigninThrottle,
    StoreCounter,
    Windows,
    address_subject,
)
from moat.store import open_store
from moat.store.database import Database, open_database
from tests.gateway.conftest import postgres_schema

WINDOW = 300.0
FIVE = Windows(WINDOW, 5)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "postgres":
        with postgres_schema() as schema_url:
            yield schema_url
    else:
        yield f"sqlite:///{tmp_path / 'moat.db'}"


@pytest.fixture
async def db(url: str) -> AsyncIterator[Database]:
    store = open_store(url)
    await store.open()  # the store's tables first, as in a gateway
    console = open_database(url)
    await console.open()
    await open_tables(console)
    try:
        yield console
    finally:
        await console.close()
        await store.close()


@pytest.fixture(params=["store", "redis"])
async def counted(request: pytest.FixtureRequest, db: Database) -> AsyncIterator[tuple[Counter, Clock]]:
    """A counter in the store, or in Redis (falling back to the store), with its clock."""
    clock = Clock()
    store = StoreCounter(db, clock)
    if request.param == "store":
        yield store, clock
        return
    from tests.conftest import _service_url

    redis = RedisCounter(_service_url("REDIS"), f"moat-test:{uuid.uuid4().hex[:10]}:", store, clock)
    try:
        yield redis, clock
    finally:
        await redis.close()


async def test_counts_in_one_window_then_starts_a_new_one(counted: tuple[Counter, Clock]) -> None:
    counter, clock = counted
    assert [(await counter.hit("ip:a", FIVE))[0] for _ in range(4)] == [1, 2, 3, 4]
    clock.now += 100
    count, left = await counter.hit("ip:a", FIVE)
    assert count == 5 and left == pytest.approx(WINDOW - 100)  # the window is anchored at its first hit
    assert (await counter.hit("ip:b", FIVE))[0] == 1  # subjects are separate
    clock.now += WINDOW  # the window has ended: a fresh one starts with this hit
    count, left = await counter.hit("ip:b", FIVE)
    assert count == 1 and left == pytest.approx(WINDOW)  # not used up: the same length again


async def test_back_off_doubles_while_the_attempts_go_on(counted: tuple[Counter, Clock]) -> None:
    counter, clock = counted
    lengths = []
    for _ in range(12):
        count, left = await counter.hit("user:ann", FIVE)
        assert count == 1
        lengths.append(left)
        for _ in range(6):  # the window used up, and then some
            await counter.hit("user:ann", FIVE)
        clock.now += left + 1  # come back just after the window ends
    assert lengths[:9] == [WINDOW * 2 ** i for i in range(9)]  # 5 min, 10, 20, … 21 h 20 min
    assert set(lengths[9:]) == {WINDOW * 2 ** 8}  # never longer than a day
    # A pause longer than a window forgets the back-off ...
    clock.now += WINDOW
    assert (await counter.hit("user:ann", FIVE)) == (1, pytest.approx(WINDOW))
    # ... and so does a window that was not used up.
    await counter.hit("user:bob", FIVE)
    for _ in range(5):
        await counter.hit("user:bob", FIVE)
    clock.now += WINDOW + 1
    assert (await counter.hit("user:bob", FIVE))[1] == pytest.approx(2 * WINDOW)
    clock.now += 2 * WINDOW + 1
    assert (await counter.hit("user:bob", FIVE))[1] == pytest.approx(WINDOW)  # one attempt in that window


async def test_refund_and_reset(counted: tuple[Counter, Clock]) -> None:
    counter, _ = counted
    for _ in range(3):
        await counter.hit("user:ann", FIVE)
    await counter.refund("user:ann")
    assert (await counter.hit("user:ann", FIVE))[0] == 3
    await counter.reset("user:ann")
    assert (await counter.hit("user:ann", FIVE))[0] == 1
    await counter.refund("user:ann")
    await counter.refund("user:ann")  # never below zero
    assert (await counter.hit("user:ann", FIVE))[0] == 1
    await counter.refund("user:nobody")  # no row: nothing happens


async def test_admission_order_and_the_known_address(db: Database) -> None:
    clock = Clock()
    throttle = SigninThrottle(db, StoreCounter(db, clock), per_address=3, per_user=2, window=WINDOW,
                              known_for=90 * 86400.0, clock=clock)
    assert (await throttle.admit("ann", "10.0.0.1")).allowed
    assert (await throttle.admit("ann", "10.0.0.2")).allowed
    refused = await throttle.admit("ann", "10.0.0.3")  # the user's third attempt from unknown addresses
    assert not refused.allowed and refused.limit == "user" and refused.lockout and refused.retry_after == WINDOW
    again = await throttle.admit("ann", "10.0.0.4")
    assert not again.allowed and not again.lockout  # the lockout is written once per window
    await throttle.succeeded(await _allowed(throttle, "bob", "10.0.0.9"), "bob", "10.0.0.9")
    # ann signed in from 10.0.0.9 some time ago: that address passes her back-off ...
    await db.execute("INSERT INTO console_known_addresses (username, address, last_seen) VALUES (?, ?, ?)",
                     "ann", "10.0.0.9", clock.now - 86400)
    known = await throttle.admit("ann", "10.0.0.9")
    assert known.allowed and known.known
    # ... but not once it is older than `known_for`
    clock.now += 90 * 86400.0
    assert not await throttle.is_known("ann", "10.0.0.9")
    # the address limit comes first and applies to everyone, known address or not
    clock.now += WINDOW
    for _ in range(3):
        await throttle.admit("carl", "10.0.0.5")
    blocked = await throttle.admit("dora", "10.0.0.5")
    assert not blocked.allowed and blocked.limit == "address" and blocked.lockout


async def _allowed(throttle: SigninThrottle, user: str, address: str) -> Admission:
    admission = await throttle.admit(user, address)
    assert admission.allowed
    return admission


def test_ipv6_addresses_count_by_their_64() -> None:
    assert address_subject("2001:db8:1:2:aaaa::1") == address_subject("2001:db8:1:2:bbbb::9") == "ip:2001:db8:1:2::/64"
    assert address_subject("2001:db8:1:3::1") != address_subject("2001:db8:1:2::1")
    assert address_subject("192.0.2.7") == "ip:192.0.2.7"
    assert address_subject("unknown") == "ip:unknown"


async def test_counts_go_to_the_store_while_redis_is_away(db: Database) -> None:
    store = StoreCounter(db, Clock())
    away = RedisCounter("redis://127.0.0.1:1/0", "moat-test:", store)  # nothing listens on port 1
    try:
        assert [(await away.hit("ip:x", FIVE))[0] for _ in range(3)] == [1, 2, 3]
        await away.refund("ip:x")
        assert (await store.hit("ip:x", FIVE))[0] == 3
    finally:
        await away.close()
