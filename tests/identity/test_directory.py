"""The replica-local directory: authentication from cache, the change feed, org indexes."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from pathlib import Path

import pytest

from moat.errors import AuthenticationFailed, PermissionDenied
from moat.identity import keys
from moat.identity.directory import Directory, effective_restrictions
from moat.identity.models import Account, ApiKey, Organization, Ownership
from moat.store import SQLStore, Store, open_store
from moat.store.sqlite import SQLiteDatabase

DEADLINE = 1.0  # a change must reach every replica within this (seconds)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'moat.db'}"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'moat.db'}"


@pytest.fixture
async def replicas(store_url: str) -> AsyncIterator[tuple[Store, Directory, Store, Directory]]:
    """Two replicas: each its own store connection and directory, sharing one database."""
    s1, s2 = open_store(store_url), open_store(store_url)
    await s1.open()
    await s2.open()
    d1, d2 = Directory(s1, poll_interval=0.05), Directory(s2, poll_interval=0.05)
    try:
        yield s1, d1, s2, d2
    finally:
        await d1.stop()
        await d2.stop()
        await s1.close()
        await s2.close()


@pytest.fixture
async def store(sqlite_url: str) -> AsyncIterator[Store]:
    s = open_store(sqlite_url)
    await s.open()
    yield s
    await s.close()


async def add_key(store: Store, account_id: str = "acct-1", **kw: float) -> tuple[ApiKey, str]:
    key, secret = keys.new_key(account_id, **kw)
    await store.insert_key(key)
    return key, secret


async def until(check: Callable[[], Awaitable[bool]], deadline: float = DEADLINE) -> float:
    """Poll `check` until it holds; fail when it does not within `deadline`. Returns the wait."""
    start = time.monotonic()
    while True:
        if await check():
            return time.monotonic() - start
        if time.monotonic() - start > deadline:
            pytest.fail(f"condition not met within {deadline}s")
        await asyncio.sleep(0.01)


async def fails_with(directory: Directory, secret: str, message: str) -> bool:
    try:
        await directory.authenticate(secret)
    except AuthenticationFailed as exc:
        return message in exc.message
    return False


async def test_authenticate_returns_key_account_and_org(store: Store) -> None:
    await store.upsert_org(Organization("acme", name="Acme", domains=("acme.com",)))
    await store.upsert_account(Account("acct-1", email="a@acme.com", plan="team", org_id="acme"))
    key, secret = await add_key(store)
    directory = Directory(store)
    await directory.start()
    try:
        got_key, account, org = await directory.authenticate(secret)
        assert got_key == key and account.account_id == "acct-1" and org is not None and org.name == "Acme"
        with pytest.raises(AuthenticationFailed, match=r"^Invalid API key$"):
            await directory.authenticate(secret[:-1] + ("A" if secret[-1] != "A" else "B"))
        with pytest.raises(AuthenticationFailed, match=r"^Invalid API key$"):
            await directory.authenticate("short")
    finally:
        await directory.stop()


class CountingStore(SQLStore):
    """A real SQLite store that counts key lookups, to show when the hot path touches the store."""

    lookups = 0

    async def keys_by_prefix(self, prefix: str) -> list[ApiKey]:
        self.lookups += 1
        return await super().keys_by_prefix(prefix)


async def test_warm_authentication_never_queries_and_misses_coalesce(sqlite_url: str) -> None:
    store = CountingStore(SQLiteDatabase(sqlite_url))
    await store.open()
    await store.upsert_account(Account("acct-1"))
    _, secret = await add_key(store)
    directory = Directory(store, negative_ttl=60.0)
    await directory.start()
    try:
        results = await asyncio.gather(*(directory.authenticate(secret) for _ in range(20)))
        assert {r[1].account_id for r in results} == {"acct-1"} and store.lookups == 1
        for _ in range(100):
            await directory.authenticate(secret)
        unknown = "moat_sk_" + "z" * 40
        for _ in range(5):
            with pytest.raises(AuthenticationFailed):
                await directory.authenticate(unknown)
        assert store.lookups == 2  # the unknown prefix was looked up once, then negative-cached
    finally:
        await directory.stop()
        await store.close()


async def test_revocation_reaches_another_replica_within_a_second(
        replicas: tuple[Store, Directory, Store, Directory]) -> None:
    s1, d1, _, d2 = replicas
    await s1.upsert_account(Account("acct-1"))
    key, secret = await add_key(s1)
    await d1.start()
    await d2.start()
    await d1.authenticate(secret)
    await d2.authenticate(secret)  # both replicas now hold the key in cache
    assert await s1.revoke_key(key.key_id, time.time())
    await until(lambda: fails_with(d2, secret, "API key has been revoked"))
    await until(lambda: fails_with(d1, secret, "API key has been revoked"))


async def test_a_new_key_is_usable_at_once_despite_the_negative_cache(
        replicas: tuple[Store, Directory, Store, Directory]) -> None:
    s1, _, _, d2 = replicas
    await s1.upsert_account(Account("acct-1"))
    key, secret = keys.new_key("acct-1")
    await d2.start()
    with pytest.raises(AuthenticationFailed):
        await d2.authenticate(secret)  # now negative-cached on replica 2
    await s1.insert_key(key)

    async def works() -> bool:
        try:
            return (await d2.authenticate(secret))[0].key_id == key.key_id
        except AuthenticationFailed:
            return False

    await until(works)


async def test_what_was_written_before_a_new_key_is_in_force_at_its_first_use(
        replicas: tuple[Store, Directory, Store, Directory]) -> None:
    """An organization made restricted, then an account on its domain and a key, all on another
    replica: the key's first use on this one (before its poll comes round) already sees the
    organization, and this replica's listeners (resolution) have been told of it."""
    s1, _, _, d2 = replicas
    await d2.start()
    told: list[set[str]] = []

    async def listener(org_ids: set[str], account_ids: set[str]) -> None:
        told.append(set(org_ids))

    d2.add_listener(listener)
    await d2.stop()  # no poll: only the key's first use can bring the changes
    await s1.upsert_org(Organization("rival", name="Rival Labs", domains=("rival.example",), restricted=True))
    await s1.upsert_account(Account("bob", email="bob@rival.example"))
    key, secret = keys.new_key("bob")
    await s1.insert_key(key)
    _, account, _ = await d2.authenticate(secret)
    assert account.account_id == "bob"
    assert d2.org("rival") is not None and d2.is_restricted("rival")
    assert any("rival" in ids for ids in told)


async def test_expired_key(store: Store) -> None:
    await store.upsert_account(Account("acct-1"))
    _, secret = await add_key(store, expires_at=time.time() - 1)
    directory = Directory(store)
    await directory.start()
    try:
        with pytest.raises(AuthenticationFailed, match=r"^API key expired at 20"):
            await directory.authenticate(secret)
    finally:
        await directory.stop()


async def test_account_status_changes_are_followed(store: Store) -> None:
    await store.upsert_account(Account("acct-1"))
    _, secret = await add_key(store)
    directory = Directory(store, poll_interval=0.05)
    await directory.start()
    try:
        await directory.authenticate(secret)
        await store.upsert_account(Account("acct-1", status="suspended"))

        async def denied(code: str) -> bool:
            try:
                await directory.authenticate(secret)
            except PermissionDenied as exc:
                return exc.code == code and exc.status == 403
            return False

        await until(lambda: denied("account_suspended"))
        await store.upsert_account(Account("acct-1", status="blocked"))
        await until(lambda: denied("account_blocked"))
        await store.upsert_account(Account("acct-1", plan="enterprise"))

        async def active() -> bool:
            try:
                return (await directory.authenticate(secret))[1].plan == "enterprise"
            except PermissionDenied:
                return False

        await until(active)
    finally:
        await directory.stop()


def org(org_id: str, *owners: tuple[str, float], restricted: bool = False) -> Organization:
    return Organization(org_id, restricted=restricted, owners=tuple(Ownership(o, s) for o, s in owners))


def test_ownership_over_half_restricts_transitively() -> None:
    orgs = [
        org("rival", restricted=True),
        org("sub", ("rival", 0.6)),
        org("subsub", ("sub", 0.51)),
        org("half", ("rival", 0.5)),  # exactly 50% is not control
        org("minority", ("rival", 0.2), ("acme", 0.8)),
        org("acme"),
        org("pooled", ("rival", 0.3), ("sub", 0.25)),  # restricted owners together hold 55%
        org("below-half", ("half", 1.0)),
    ]
    assert effective_restrictions(orgs) == {"rival", "sub", "subsub", "pooled"}


def test_ownership_cycles_terminate() -> None:
    # An unrestricted cycle stays unrestricted; a cycle fed by a restricted owner is restricted.
    cycle = [org("a", ("b", 0.9)), org("b", ("a", 0.9))]
    assert effective_restrictions(cycle) == set()
    fed = [org("x", ("y", 0.4), ("rival", 0.2)), org("y", ("x", 0.7)), org("rival", restricted=True)]
    assert effective_restrictions(fed) == {"rival"}
    fed_more = [org("x", ("y", 0.4), ("rival", 0.6)), org("y", ("x", 0.7)), org("rival", restricted=True)]
    assert effective_restrictions(fed_more) == {"rival", "x", "y"}
    # Owners that do not exist are simply not restricted.
    assert effective_restrictions([org("z", ("ghost", 1.0))]) == set()


def test_effective_restrictions_scale() -> None:
    orgs = [org("root", restricted=True)] + [org(f"o{i}", (f"o{i - 1}" if i else "root", 0.9))
                                            for i in range(20_000)]
    start = time.perf_counter()
    assert len(effective_restrictions(orgs)) == 20_001
    assert time.perf_counter() - start < 2.0


async def test_directory_org_indexes_follow_changes(store: Store) -> None:
    await store.upsert_org(Organization("rival", domains=("rival.ai",)))
    await store.upsert_org(Organization("rival-eu", domains=("eu.rival.ai",),
                                        owners=(Ownership("rival", 0.75),)))
    await store.upsert_org(Organization("acme", domains=("Acme.COM",)))
    directory = Directory(store, poll_interval=0.05)
    await directory.start()
    try:
        assert not directory.is_restricted("rival-eu") and not directory.is_restricted(None)
        assert directory.org("acme") is not None and directory.org("nope") is None

        def domain(d: str) -> str | None:
            found = directory.org_for_domain(d)
            return found.org_id if found else None

        assert domain("rival.ai") == "rival"
        assert domain("research.rival.ai") == "rival"
        assert domain("lab.eu.rival.ai") == "rival-eu"  # the most specific claim wins
        assert domain("alice@EU.Rival.AI") == "rival-eu"
        assert domain("acme.com.") == "acme"
        assert domain("notrival.ai") is None and domain("ai") is None and domain("") is None

        await store.upsert_org(Organization("rival", domains=("rival.ai",), restricted=True))

        async def restricted() -> bool:
            return directory.is_restricted("rival-eu") and "rival" in directory.restricted_ids()

        await until(restricted)
        rival = directory.org("rival")
        assert rival is not None and rival.restricted
        await store.upsert_org(replace(rival, domains=("rival.dev",)))

        async def moved() -> bool:
            return domain("x.rival.dev") == "rival" and domain("rival.ai") is None

        await until(moved)
    finally:
        await directory.stop()


async def test_start_loads_many_orgs(store: Store) -> None:
    for i in range(300):
        await store.upsert_org(Organization(f"org-{i}", domains=(f"d{i}.example",), restricted=i % 2 == 0))
    directory = Directory(store)
    await directory.start()
    try:
        assert len(directory.orgs()) == 300 and len(directory.restricted_ids()) == 150
        found = directory.org_for_domain("mail.d7.example")
        assert found is not None and found.org_id == "org-7"
        assert directory.seq == await store.last_change()
    finally:
        await directory.stop()


class GatedStore(SQLStore):
    """A real SQLite store whose next key lookup, once `gate` is set, holds its answer until the
    test opens the gate: so a change can be applied while a cache miss is in flight."""

    gate: asyncio.Event | None = None
    entered: asyncio.Event

    async def keys_by_prefix(self, prefix: str) -> list[ApiKey]:
        found = await super().keys_by_prefix(prefix)
        gate, self.gate = self.gate, None
        if gate is not None:
            self.entered.set()
            await gate.wait()
        return found


async def _miss_overlapped_by(sqlite_url: str, change: Callable[[Store, ApiKey], Awaitable[object]]
                              ) -> tuple[Directory, GatedStore, str, object]:
    """Authenticate a key whose cache miss is overlapped by `change` being applied from the change
    feed; returns the directory, its store, the secret and the in-flight call's result (or error)."""
    store = GatedStore(SQLiteDatabase(sqlite_url))
    await store.open()
    await store.upsert_account(Account("acct-1"))
    await store.upsert_account(Account("acct-2"))
    key, secret = await add_key(store)
    directory = Directory(store, poll_interval=3600)  # the test applies the change feed itself
    await directory.start()
    await directory.refresh()
    store.gate, store.entered = asyncio.Event(), asyncio.Event()
    gate = store.gate
    call = asyncio.create_task(directory.authenticate(secret))
    await store.entered.wait()
    await change(store, key)
    assert await directory.refresh() >= 1  # the change is applied while the lookup is in flight
    gate.set()
    try:
        result: object = await call
    except AuthenticationFailed as exc:
        result = exc
    return directory, store, secret, result


async def test_a_key_looked_up_while_another_key_is_created_is_cached(sqlite_url: str) -> None:
    """A cache miss overlapped by an unrelated change is still cached, so the key is served from
    memory when the database goes away (tests/gateway/test_database_outage.py's second outage)."""
    directory, store, secret, result = await _miss_overlapped_by(
        sqlite_url, lambda s, _: add_key(s, "acct-2"))
    try:
        assert isinstance(result, tuple) and result[1].account_id == "acct-1"
        directory.offline = True  # the database is away now: a cache miss would be a 503
        assert (await directory.authenticate(secret))[1].account_id == "acct-1"
    finally:
        await directory.stop()
        await store.close()


async def test_a_key_revoked_during_its_lookup_is_cached_revoked(sqlite_url: str) -> None:
    """The overlapped read is read again, not cached as it was: the revocation applied meanwhile wins."""
    directory, store, secret, result = await _miss_overlapped_by(
        sqlite_url, lambda s, key: s.revoke_key(key.key_id, time.time()))
    try:
        assert isinstance(result, AuthenticationFailed) and "revoked" in result.message
        directory.offline = True
        assert await fails_with(directory, secret, "API key has been revoked")  # from the cache, not a 503
    finally:
        await directory.stop()
        await store.close()
