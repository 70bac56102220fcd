"""The replica-local directory: what `authenticate` and `decide` read, from memory.

`Directory.start()` loads every organization (there may be tens of thousands of restricted
entities) and builds the indexes the decide stage needs: by id, by email/web domain, and the set of
*effectively* restricted organizations. Keys and their accounts are cached on first use, keyed by
the secret's 16-character prefix, so a warm `authenticate` is a dict lookup plus one SHA-256.

Freshness: a background task polls the store's change feed (`Store.changes_since`) every
`poll_interval` seconds (0.3 by default) and reloads exactly the organizations, accounts and keys
that changed. Every replica therefore sees a revocation within about half a second of its commit,
with no cross-replica messaging. Unknown prefixes are negative-cached for `negative_ttl` seconds
(so a flood of bad keys does not become a flood of queries), and that cache is dropped whenever any
key changes, so a key created on another replica works at once.

Account status: a *suspended* or *blocked* account raises `PermissionDenied` (403, codes
`account_suspended` / `account_blocked`), not `AuthenticationFailed`: the key is genuine, the caller
is known, and telling them to fix their key would be wrong. Unknown, revoked and expired keys, and
keys whose account no longer exists, raise `AuthenticationFailed` (401). An account of a *blocked*
organization, or of one controlled (>50%, as for restrictions) by blocked ones, is refused the same
way with code `organization_blocked` (issue 7: blocking an organization reaches its subsidiaries).
These refusals are `AccountRefused`, which carries what authentication found, so an appeal
endpoint can still tell who the (genuine) caller is.

Database outages: `start_offline(snapshot)` serves from the replica's directory snapshot
(`moat.identity.snapshot`: every key, account and organization it last loaded) when the database
is down at start; `reload()` loads everything fresh and starts following the change feed once it
answers again. While `offline` is set (by the runtime, from its database probe) a cache miss never
waits on the database: a key that is not in memory gets 503 `directory_unavailable` (it may have
been created since the snapshot; the client should retry), not 401.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace
from typing import TypeVar

from moat.errors import AuthenticationFailed, MoatError, PermissionDenied
from moat.identity import keys
from moat.identity.models import Account, ApiKey, Organization
from moat.identity.snapshot import DirectorySnapshot
from moat.store.base import Change, Store
from moat.tasks import cancel, poll

log = logging.getLogger(__name__)
_T = TypeVar("_T")

# A share strictly above this, held in aggregate by restricted owners, restricts the owned org.
CONTROL_THRESHOLD = 0.5
_EPSILON = 1e-9
# Beyond this many changed organizations in one poll, reloading them all is cheaper.
_FULL_RELOAD_ORGS = 500
# Beyond this many new keys in one poll, the key cache is dropped rather than patched.
_BULK_KEY_CHANGES = 200
# Bound on the negative cache, so random keys cannot grow memory without limit.
_MAX_UNKNOWN = 100_000
# Reads of a prefix on a cache miss before giving up on caching it (see _load_and_cache).
_LOAD_ATTEMPTS = 3

Authenticated = tuple[ApiKey, Account, Organization | None]
ChangeListener = Callable[[set[str], set[str]], Awaitable[None]]


def effective_restrictions(orgs: Iterable[Organization]) -> frozenset[str]:
    """Ids of the organizations that are restricted, or controlled by restricted ones.

    An organization is effectively restricted when it is marked restricted, or when effectively
    restricted owners hold more than 50% of it *in aggregate* (the OFAC 50% rule's aggregation,
    with a strict threshold): a 60% subsidiary of a restricted org is restricted, and so is its own
    60% subsidiary; two restricted owners with 30% each also control it; exactly 50% does not.
    Computed as the least fixed point by propagating from the restricted set, so ownership cycles
    terminate and a cycle of unrestricted owners never restricts itself.
    """
    by_id = {o.org_id: o for o in orgs}
    owned: dict[str, list[str]] = {}
    for o in by_id.values():
        for ownership in o.owners:
            owned.setdefault(ownership.owner_id, []).append(o.org_id)
    restricted = {o.org_id for o in by_id.values() if o.restricted}
    pending = list(restricted)
    while pending:
        owner = pending.pop()
        for child_id in owned.get(owner, ()):
            if child_id in restricted:
                continue
            held = sum(s.share for s in by_id[child_id].owners if s.owner_id in restricted)
            if held > CONTROL_THRESHOLD + _EPSILON:
                restricted.add(child_id)
                pending.append(child_id)
    return frozenset(restricted)


def effective_blocks(orgs: Iterable[Organization]) -> frozenset[str]:
    """Ids of blocked organizations and of those blocked ones control, by the same >50% rule as
    `effective_restrictions` (so a block of an organization reaches its subsidiaries)."""
    as_restricted = [replace(o, restricted=o.blocked) for o in orgs]
    return effective_restrictions(as_restricted)


class DirectoryUnavailable(MoatError):
    """A key this replica cannot check now: not in memory, and the database is away (503)."""

    status = 503
    type = "overloaded_error"
    code = "directory_unavailable"


class AccountRefused(PermissionDenied):
    """A genuine key whose account may not call now; `authenticated` is what the key resolved to."""

    def __init__(self, message: str, *, code: str, authenticated: Authenticated) -> None:
        super().__init__(message, code=code)
        self.authenticated = authenticated


def domain_index(orgs: Iterable[Organization]) -> dict[str, str]:
    """Domain → org id. When two organizations claim a domain, a restricted one wins, then the
    smallest id, so every replica resolves the same way."""
    index: dict[str, str] = {}
    ranked = sorted(orgs, key=lambda o: (not o.restricted, o.org_id), reverse=True)
    for o in ranked:  # best last, so it overwrites
        for domain in o.domains:
            index[normalise_domain(domain)] = o.org_id
    return index


_DOMAIN_ANSWERS = 65_536  # remembered org_for_domain answers at most


def normalise_domain(domain: str) -> str:
    """`Alice@Eng.Rival.COM.` → `eng.rival.com`: accepts an email address or a bare domain."""
    return domain.rpartition("@")[2].strip().rstrip(".").lower()


class Directory:
    """Organizations, accounts and keys for one replica; see the module docstring."""

    def __init__(self, store: Store, *, poll_interval: float = 0.3, negative_ttl: float = 2.0,
                 clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._poll_interval = poll_interval
        self._negative_ttl = negative_ttl
        self._clock = clock
        self._orgs: dict[str, Organization] = {}
        self._domains: dict[str, str] = {}
        # org_for_domain's answers (org id, "" for none) by the text asked about: every request
        # reading `account.domain_restricted` asks again. Emptied with each new domain index.
        self._domain_answers: dict[str, str] = {}
        self._restricted: frozenset[str] = frozenset()
        self._blocked: frozenset[str] = frozenset()
        self._keys: dict[str, tuple[ApiKey, ...]] = {}  # prefix → candidate keys
        self._prefix_of: dict[str, str] = {}  # key id → prefix, for cached keys
        self._accounts: dict[str, Account] = {}
        self._unknown: dict[str, float] = {}  # prefix → monotonic time the negative entry expires
        self._loading: dict[str, asyncio.Task[tuple[ApiKey, ...]]] = {}
        # Bumped before a poll reloads keys or accounts: a cache miss that overlapped it reads
        # again before caching, since what it read may predate the change.
        self._epoch = 0
        self._seq = 0
        self._refresh_lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._listeners: list[ChangeListener] = []
        # Set while the database is known to be away: cache misses fail fast (see the module docstring).
        self.offline = False
        # When serving from a snapshot (started offline, not reloaded yet): its time of writing.
        self.snapshot_at: float | None = None

    # ---- lifecycle -------------------------------------------------------------------------
    async def start(self) -> None:
        """Load all organizations and start following the change feed."""
        if self._task is not None:
            return
        self._seq = await self._store.last_change()  # before loading: no change can slip between
        self._set_orgs(await self._store.list_orgs())
        self._task = asyncio.create_task(self._poll(), name="moat-directory-poll")

    def start_offline(self, snapshot: DirectorySnapshot) -> None:
        """Serve from a snapshot (the database is down at start): every key, account and
        organization in memory, no polling until `reload()`."""
        self.offline = True
        self.snapshot_at = snapshot.written_at
        self._seq = snapshot.seq
        self._set_orgs(snapshot.orgs)
        self._accounts = {a.account_id: a for a in snapshot.accounts}
        by_prefix: dict[str, list[ApiKey]] = {}
        for key in snapshot.keys:
            by_prefix.setdefault(key.prefix, []).append(key)
        self._keys = {prefix: tuple(found) for prefix, found in by_prefix.items()}
        self._prefix_of = {key.key_id: key.prefix for key in snapshot.keys}

    async def reload(self) -> None:
        """Load the directory fresh from the store (it answers again after an offline start), tell
        the listeners every organization changed, and follow the change feed from here."""
        async with self._refresh_lock:
            seq = await self._store.last_change()
            orgs = await self._store.list_orgs()
            self._epoch += 1  # a cache miss that overlapped the reload does not cache what it read
            self._keys, self._prefix_of, self._accounts, self._unknown = {}, {}, {}, {}
            self._seq = seq
            self._set_orgs(orgs)
            self.offline = False
            self.snapshot_at = None
        for listener in self._listeners:
            try:
                await listener(set(self._orgs), set())
            except Exception:
                log.exception("directory change listener failed")
        if self._task is None:
            self._task = asyncio.create_task(self._poll(), name="moat-directory-poll")

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None
        for task in list(self._loading.values()):
            task.cancel()

    async def _poll(self) -> None:
        await poll(self.refresh, self._poll_interval, log, "directory: the change feed")

    async def refresh(self) -> int:
        """Apply every pending change now; returns how many were applied."""
        applied = 0
        async with self._refresh_lock:
            while changes := await self._store.changes_since(self._seq):
                await self._apply(changes)
                self._seq = changes[-1].seq  # only after success: a failed batch is retried whole
                applied += len(changes)
        return applied

    async def _apply(self, changes: list[Change]) -> None:
        org_ids = {c.id for c in changes if c.kind == "org"}
        account_ids = {c.id for c in changes if c.kind == "account"}
        key_ids = {c.id for c in changes if c.kind == "key"}
        if key_ids or account_ids:
            self._epoch += 1
        if key_ids:
            self._unknown.clear()
            prefixes = {self._prefix_of[k] for k in key_ids if k in self._prefix_of}
            unseen = key_ids - set(self._prefix_of)
            if len(unseen) > _BULK_KEY_CHANGES:
                # A bulk import: cheaper to let each prefix reload on its next use than to look up
                # thousands of keys now.
                self._keys.clear()
                self._prefix_of.clear()
                unseen = set()
                prefixes = set()
            for key_id in unseen:
                key = await self._store.get_key(key_id)
                if key is not None:
                    prefixes.add(key.prefix)
            for prefix in prefixes:
                if prefix in self._keys:
                    self._cache_keys(prefix, await self._fetch_keys(prefix))
        for account_id in account_ids:
            if account_id in self._accounts:
                account = await self._store.get_account(account_id)
                if account is None:
                    self._accounts.pop(account_id, None)
                else:
                    self._accounts[account_id] = account
        if org_ids:
            await self._reload_orgs(org_ids)
        for listener in self._listeners:
            try:
                await listener(org_ids, account_ids)
            except Exception:  # a listener's bug must not stop the directory following the store
                log.exception("directory change listener failed")

    def add_listener(self, listener: ChangeListener) -> None:
        """Call `listener(org_ids, account_ids)` after each batch of directory changes is applied."""
        self._listeners.append(listener)

    async def _reload_orgs(self, org_ids: set[str]) -> None:
        if len(org_ids) > _FULL_RELOAD_ORGS:
            self._set_orgs(await self._store.list_orgs())
            return
        orgs = dict(self._orgs)
        for org_id in org_ids:
            org = await self._store.get_org(org_id)
            if org is None:
                orgs.pop(org_id, None)
            else:
                orgs[org_id] = org
        self._set_orgs(orgs.values())

    def _set_orgs(self, orgs: Iterable[Organization]) -> None:
        """Swap in new organization indexes, built aside so readers never see a half-built one."""
        by_id = {o.org_id: o for o in orgs}
        domains = domain_index(by_id.values())
        restricted = effective_restrictions(by_id.values())
        blocked = effective_blocks(by_id.values()) if any(o.blocked for o in by_id.values()) else frozenset()
        self._orgs, self._domains, self._restricted, self._blocked = by_id, domains, restricted, blocked
        self._domain_answers = {}

    # ---- the hot path ----------------------------------------------------------------------
    async def authenticate(self, secret: str) -> Authenticated:
        """The key, account and organization for a presented secret; see the module docstring."""
        if len(secret) < keys.MIN_SECRET_LEN:
            raise AuthenticationFailed(keys.INVALID, code="invalid_api_key")
        prefix = keys.key_prefix(secret)
        candidates = self._keys.get(prefix)
        if candidates is None:
            candidates = await self._load_prefix(prefix)
        key = keys.check(secret, candidates, now=self._clock())
        account = self._accounts.get(key.account_id)
        if account is None:
            if self.offline and self.snapshot_at is not None:  # the snapshot holds every account
                raise AuthenticationFailed(keys.INVALID, code="invalid_api_key")
            account = await self._unless_offline(self._store.get_account(key.account_id))
            if account is None:
                raise AuthenticationFailed(keys.INVALID, code="invalid_api_key")
        org = self._orgs.get(account.org_id) if account.org_id else None
        if account.status == "suspended":
            raise AccountRefused(f"Account {account.account_id} is suspended", code="account_suspended",
                                 authenticated=(key, account, org))
        if account.status == "blocked":
            raise AccountRefused(f"Account {account.account_id} is blocked", code="account_blocked",
                                 authenticated=(key, account, org))
        if account.org_id is not None and account.org_id in self._blocked:
            raise AccountRefused(f"Account {account.account_id} belongs to a blocked organization",
                                 code="organization_blocked", authenticated=(key, account, org))
        return key, account, org

    async def _load_prefix(self, prefix: str) -> tuple[ApiKey, ...]:
        """Candidates for a prefix on a cache miss: one store query however many callers wait."""
        expires = self._unknown.get(prefix)
        if expires is not None:
            if expires > time.monotonic():
                return ()
            del self._unknown[prefix]
        if self.offline:
            raise DirectoryUnavailable("This API key cannot be checked while the gateway's database is "
                                       "unreachable; retry shortly")
        task = self._loading.get(prefix)
        if task is None:
            task = asyncio.create_task(self._unless_offline(self._load_and_cache(prefix)))
            self._loading[prefix] = task
            task.add_done_callback(lambda _: self._loading.pop(prefix, None))
        return await asyncio.shield(task)

    async def _unless_offline(self, read: Awaitable[_T]) -> _T:
        """A store read on a cache miss; a failure of the store itself becomes a 503."""
        try:
            return await read
        except (OSError, RuntimeError, TimeoutError) as exc:  # refused, reset, not open, too slow
            raise DirectoryUnavailable("The gateway's database is unreachable; retry shortly") from exc
        except Exception as exc:
            if type(exc).__module__.startswith("asyncpg"):
                raise DirectoryUnavailable("The gateway's database is unreachable; retry shortly") from exc
            raise

    async def _load_and_cache(self, prefix: str) -> tuple[ApiKey, ...]:
        """Read a prefix's keys and cache them. A read overlapped by the change feed applying a key
        or account change (any, not only this prefix's) may predate it, so it is read again: the
        epoch moves before the change is applied, so a read begun after that sees the change. Only
        when changes keep overlapping is a read used once uncached. (Giving up at the first overlap
        left a key used just after another key was created uncached, so the next database outage
        refused it as unknown: 503 `directory_unavailable` for a key this replica had served.)"""
        for _ in range(_LOAD_ATTEMPTS):
            epoch = self._epoch
            found = await self._fetch_keys(prefix)
            if epoch == self._epoch:
                break
        else:
            return found  # the directory kept changing under every read: use the last once, uncached
        if found:
            self._cache_keys(prefix, found)
            await self._catch_up()
        else:
            if len(self._unknown) >= _MAX_UNKNOWN:
                self._unknown.clear()
            self._unknown[prefix] = time.monotonic() + self._negative_ttl
        return found

    async def _catch_up(self) -> None:
        """Apply the change feed before a key it has not brought yet is used: whatever was written
        before the key (its account, an organization just made restricted that the account's
        email names) is then in force for its first request, not a poll later. A failure leaves
        the poll to apply them; the key still works."""
        try:
            await self.refresh()
        except Exception:
            log.warning("directory: could not apply pending changes before a new key's first use", exc_info=True)

    async def _fetch_keys(self, prefix: str) -> tuple[ApiKey, ...]:
        """Keys with this prefix, with their accounts loaded into the account cache."""
        found = tuple(await self._store.keys_by_prefix(prefix))
        for key in found:
            if key.account_id not in self._accounts:
                account = await self._store.get_account(key.account_id)
                if account is not None:
                    self._accounts[key.account_id] = account
        return found

    def _cache_keys(self, prefix: str, found: tuple[ApiKey, ...]) -> None:
        for old in self._keys.get(prefix, ()):
            self._prefix_of.pop(old.key_id, None)
        if found:
            self._keys[prefix] = found
            for key in found:
                self._prefix_of[key.key_id] = prefix
        else:
            self._keys.pop(prefix, None)

    # ---- the decide stage's indexes --------------------------------------------------------
    def org(self, org_id: str) -> Organization | None:
        return self._orgs.get(org_id)

    def orgs(self) -> list[Organization]:
        return list(self._orgs.values())

    def org_for_domain(self, domain: str) -> Organization | None:
        """The organization owning `domain` or a parent of it (`eng.rival.ai` → `rival.ai`).

        Accepts an email address too. The most specific claimed domain wins.
        """
        org_id = self._domain_answers.get(domain)
        if org_id is None:
            org_id = ""
            name = normalise_domain(domain)
            while name:
                owner = self._domains.get(name)
                if owner is not None:
                    org_id = owner
                    break
                name = name.partition(".")[2]
            if len(self._domain_answers) >= _DOMAIN_ANSWERS:  # domains can come from requests: bounded
                self._domain_answers.clear()
            self._domain_answers[domain] = org_id
        return self._orgs.get(org_id) if org_id else None

    def is_restricted(self, org_id: str | None) -> bool:
        """True for a restricted org or one controlled (>50%, transitively) by restricted orgs."""
        return org_id is not None and org_id in self._restricted

    def restricted_ids(self) -> frozenset[str]:
        return self._restricted

    def is_blocked(self, org_id: str | None) -> bool:
        """True for a blocked org or one controlled (>50%, transitively) by blocked orgs."""
        return org_id is not None and org_id in self._blocked

    @property
    def seq(self) -> int:
        """The last change-feed position applied (for health endpoints and tests)."""
        return self._seq
