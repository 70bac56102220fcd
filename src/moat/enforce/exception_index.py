"""The replica-local exceptions index: which exceptions a call may use, read from memory on the hot path.

Propagated exactly like restrictions (`moat.enforce.restrictions`): `start()` loads every active,
unexpired exception, then a task polls the enforcement change feed (`enforce_changes`, kind
`exception`) every `poll_interval` seconds (0.3 by default) and reloads exactly the exceptions that
changed, so a grant or a revocation on any replica is in force on every replica within about half a
second. Expiry needs no write: `for_call` compares `expires_at` with the clock.

`for_call` is a few dict lookups, and None at once while no exception exists (the usual case):
the policy engine then takes its ordinary path. While the database is unreachable at start, no
exception is loaded and refusals stand (it fails closed) until it answers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from moat.context import RequestContext
from moat.enforce import exception_store
from moat.enforce.change_feed import Change, ChangeFollower
from moat.enforce.models import ExceptionGrant
from moat.enforce.storage import EnforceStore
from moat.identity.admin import iso
from moat.policy.combine import lifts_refusal

log = logging.getLogger(__name__)


def explain(grant: ExceptionGrant) -> str:
    """The line a decision's explanation carries for the exception that allowed it."""
    scope = f", keys of purpose {grant.key_purpose}" if grant.key_purpose else ""
    return (f"allowed by exception {grant.exception_id} granted by {grant.granted_by} until "
            f"{iso(grant.expires_at)} ({grant.subject_kind}:{grant.subject_id}, purpose {grant.purpose}{scope})")


class CallExceptions:
    """The exceptions one call may use, as the policy engine's `Lift` (moat.policy.combine)."""

    __slots__ = ("grants", "texts")

    def __init__(self, grants: list[ExceptionGrant], texts: dict[str, str] | None = None) -> None:
        self.grants = grants
        self.texts = texts or {}  # exception id → its explanation line, made once per load

    def __call__(self, rule_id: str, reason: str) -> tuple[str, str] | None:
        for grant in self.grants:
            if lifts_refusal(grant.lifts, rule_id, reason):
                return grant.exception_id, self.texts.get(grant.exception_id) or explain(grant)
        return None


class ExceptionLookup:
    """Exceptions by subject, in memory: the lookup alone (`moat policy explain` loads one itself)."""

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._grants: dict[str, ExceptionGrant] = {}
        # subject kind → subject id → its grants, oldest first (a cluster's under its accounts)
        self._by_kind: dict[str, dict[str | None, tuple[ExceptionGrant, ...]]] = {}
        self._texts: dict[str, str] = {}

    def load(self, grants: list[ExceptionGrant]) -> None:
        """Serve exactly these grants."""
        self._grants = {g.exception_id: g for g in grants}
        self._rebuild()

    def _rebuild(self) -> None:
        """Build the lookup aside and swap it in, so a reader never sees half of it."""
        by_kind: dict[str, dict[str | None, list[ExceptionGrant]]] = {"key": {}, "account": {}, "org": {}}
        for exception_id in sorted(self._grants):  # oldest first: the one a decision names
            grant = self._grants[exception_id]
            if grant.subject_kind == "cluster":
                for account_id in grant.accounts:
                    by_kind["account"].setdefault(account_id, []).append(grant)
            else:
                by_kind[grant.subject_kind].setdefault(grant.subject_id, []).append(grant)
        self._texts = {g.exception_id: explain(g) for g in self._grants.values()}
        self._by_kind = {kind: {k: tuple(v) for k, v in ids.items()} for kind, ids in by_kind.items()} \
            if self._grants else {}

    # ---- the hot path ----------------------------------------------------------------------
    def for_call(self, ctx: RequestContext) -> CallExceptions | None:
        """The exceptions this call may use (its key, account, declared or resolved organization;
        unexpired; of the key's purpose when they ask for one), or None."""
        if not self._by_kind:
            return None
        key = ctx.key
        return self.for_subjects(key.key_id if key else None, ctx.account.account_id if ctx.account else None,
                                 ctx.org.org_id if ctx.org else None, ctx.entity.org_id,
                                 key.meta.get("purpose") if key else None)

    def for_subjects(self, key_id: str | None, account_id: str | None, org_id: str | None,
                     entity_org_id: str | None, key_purpose: str | None) -> CallExceptions | None:
        """`for_call` for a call described by its subjects: one dict lookup per subject, and
        nothing more for a caller without an exception (nearly all of them)."""
        by_kind = self._by_kind
        if not by_kind:
            return None
        orgs = by_kind["org"]
        by_key, by_account = by_kind["key"].get(key_id), by_kind["account"].get(account_id)
        by_org = orgs.get(org_id)
        by_entity = orgs.get(entity_org_id) if entity_org_id != org_id else None
        if by_key is None and by_account is None and by_org is None and by_entity is None:
            return None
        now = self._clock()
        usable = {g.exception_id: g for found in (by_key, by_account, by_org, by_entity) if found for g in found
                  if g.expires_at > now and (g.key_purpose is None or g.key_purpose == key_purpose)}
        if not usable:
            return None
        return CallExceptions([usable[i] for i in sorted(usable)], self._texts)

    def __len__(self) -> int:
        return len(self._grants)


class ExceptionIndex(ChangeFollower, ExceptionLookup):
    """Active exceptions by subject, following the store; see the module docstring."""

    what = "exceptions: the change feed"

    def __init__(self, es: EnforceStore, *, poll_interval: float = 0.3,
                 clock: Callable[[], float] = time.time) -> None:
        ExceptionLookup.__init__(self, clock=clock)
        ChangeFollower.__init__(self, es, poll_interval)

    async def load_all(self) -> None:
        self.load(await exception_store.active(self._es))

    async def apply(self, changes: list[Change]) -> None:
        ids = sorted({ident for _, kind, ident in changes if kind == "exception"})
        if not ids:
            return
        fresh = {g.exception_id: g for g in await exception_store.active(self._es, ids)}
        grants = dict(self._grants)
        for exception_id in ids:
            grant = fresh.get(exception_id)
            if grant is None:
                grants.pop(exception_id, None)
            else:
                grants[exception_id] = grant
        self._grants = grants
        self._rebuild()
