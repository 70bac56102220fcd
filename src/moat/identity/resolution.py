"""Keeps the linker and the resolver of one replica in step with the directory.

At start the resolver knows the organizations at once; the accounts are read from the store in
the background (page by page) and linked, so a large directory never delays start-up. After that
every directory change is applied incrementally: a new or changed account is linked and its whole
cluster re-resolved, so a rival's employee paying with the rival's card is refused on the first
request after the account (and so the link) exists. Organization changes rebuild the org indexes
in a worker thread and swap them in.

Started from a directory snapshot (the database is down at start), the accounts come from the
snapshot instead; `reload()` reads them fresh from the store once it answers again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from moat.context import RequestContext, ResolvedEntity
from moat.identity.attribution import Attribution
from moat.identity.directory import Directory
from moat.identity.linking import Linker
from moat.identity.models import Account, Organization
from moat.identity.resolve import Resolver
from moat.store import Store
from moat.tasks import cancel

log = logging.getLogger(__name__)
_PAGE = 5000


def _build(orgs: list[Organization], accounts: Iterable[Account]) -> tuple[Linker, Resolver]:
    linker = Linker(orgs)
    for account in accounts:
        linker.add_account(account)
    return linker, Resolver(orgs, linker.result().accounts)


class Resolution:
    def __init__(self, store: Store, directory: Directory) -> None:
        self._store = store
        self._directory = directory
        self._linker, self.resolver = _build(self._orgs(), ())
        self._accounts: dict[str, Account] = {}
        self._task: asyncio.Task[None] | None = None
        self.ready = asyncio.Event()  # set once every stored account has been linked

    def _orgs(self) -> list[Organization]:
        # Resolution must see restriction by ownership (a >50% subsidiary), as the directory computes it.
        return [o if o.restricted or not self._directory.is_restricted(o.org_id) else _restricted(o)
                for o in self._directory.orgs()]

    async def start(self, accounts: Iterable[Account] | None = None) -> None:
        """Link the stored accounts in the background, or `accounts` (a snapshot's) when given."""
        self._directory.add_listener(self._on_change)
        if accounts is None:
            self._task = asyncio.create_task(self._load(), name="moat-resolution-load")
        else:
            self._task = asyncio.create_task(self._use({a.account_id: a for a in accounts}),
                                             name="moat-resolution-load")

    async def reload(self) -> None:
        """Read every account from the store again and relink (the old resolver serves meanwhile)."""
        await cancel(self._task)
        self._task = None
        await self._load()

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None

    def resolve(self, ctx: RequestContext, attribution: Attribution | None) -> ResolvedEntity:
        account = ctx.account
        if account is not None and self.ready.is_set() and account.account_id not in self._accounts:
            # An account this replica has not linked yet (created moments ago, its change not yet
            # polled): link it now, so its first request already sees what it is tied to.
            self._learn(account)
        return self.resolver.resolve_context(ctx, attribution)

    def _learn(self, account: Account) -> None:
        self._accounts[account.account_id] = account
        self._linker.add_account(account)
        self.resolver.learn(self._linker, account.account_id)

    async def _load(self) -> None:
        accounts: dict[str, Account] = {}
        offset = 0
        while True:
            page = await self._store.list_accounts(limit=_PAGE, offset=offset)
            for account in page:
                accounts[account.account_id] = account
            if len(page) < _PAGE:
                break
            offset += _PAGE
        await self._use(accounts)

    async def _use(self, accounts: dict[str, Account]) -> None:
        self._accounts = accounts
        await self._rebuild()
        self.ready.set()

    async def _rebuild(self) -> None:
        self._linker, self.resolver = await asyncio.to_thread(_build, self._orgs(), list(self._accounts.values()))

    async def _on_change(self, org_ids: set[str], account_ids: set[str]) -> None:
        if not self.ready.is_set():
            return  # the initial load reads the store after these changes anyway
        for account_id in account_ids:
            account = await self._store.get_account(account_id)
            if account is None:
                self._accounts.pop(account_id, None)
                self.resolver.forget_account(account_id)
                continue
            if org_ids:
                self._accounts[account_id] = account
            else:
                self._learn(account)
        if org_ids:
            await self._rebuild()


def _restricted(org: Organization) -> Organization:
    from dataclasses import replace

    return replace(org, restricted=True)
