"""The replica-local restrictions cache: what `restrict` actions impose, read from memory on the hot path.

Like the directory: `start()` loads every active restriction, then a task polls the enforcement
change feed (`enforce_changes`) every `poll_interval` seconds (0.3 by default) and reloads the
restrictions of exactly the actions that changed, so a restriction applied or undone on any replica
is in force on every replica within about half a second. `for_call` is two dict lookups.

A restriction on an organization applies to the accounts that declare it (the decide stage passes
the call's org id); one on a cluster was expanded to its member accounts when it was applied.
"""

from __future__ import annotations

from typing import Any

from moat.enforce.change_feed import Change, ChangeFollower
from moat.enforce.models import Restriction
from moat.enforce.storage import EnforceStore


def _restriction(action_id: str, data: dict[str, Any]) -> Restriction:
    models = data.get("models")
    return Restriction(limit=data.get("limit"), redact_reasoning=bool(data.get("redact_reasoning")),
                       max_tokens=data.get("max_tokens"), models=tuple(models) if models is not None else None,
                       action_ids=(action_id,))


class Restrictions(ChangeFollower):
    """Active restrictions by account and by organization; see the module docstring."""

    what = "restrictions: the change feed"

    def __init__(self, es: EnforceStore, *, poll_interval: float = 0.3) -> None:
        super().__init__(es, poll_interval)
        # (subject kind, id) → merged restriction; action id → the subjects it restricts
        self._by_subject: dict[tuple[str, str], Restriction] = {}
        self._rows: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}

    async def load_all(self) -> None:
        rows: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
        for action_id, kind, ident, data in await self._es.restriction_rows():
            rows.setdefault(action_id, []).append((kind, ident, data))
        self._rows = rows
        self._rebuild()

    async def apply(self, changes: list[Change]) -> None:
        action_ids = sorted({ident for _, kind, ident in changes if kind == "restriction"})
        if not action_ids:
            return
        fresh: dict[str, list[tuple[str, str, dict[str, Any]]]] = {a: [] for a in action_ids}
        for action_id, kind, ident, data in await self._es.restriction_rows(action_ids):
            fresh[action_id].append((kind, ident, data))
        rows = dict(self._rows)
        for action_id, items in fresh.items():
            if items:
                rows[action_id] = items
            else:
                rows.pop(action_id, None)
        self._rows = rows
        self._rebuild()

    def snapshot_rows(self) -> list[tuple[str, str, str, dict[str, Any]]]:
        """Every active restriction as (action id, subject kind, subject id, data), for the
        replica's directory snapshot (`moat.identity.snapshot`)."""
        return [(action_id, kind, ident, data) for action_id, items in self._rows.items()
                for kind, ident, data in items]

    def restore(self, rows: list[tuple[str, str, str, dict[str, Any]]]) -> None:
        """Serve these rows (a snapshot's, while the database is down at start); `start()` later
        replaces them with the store's."""
        by_action: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
        for action_id, kind, ident, data in rows:
            by_action.setdefault(action_id, []).append((kind, ident, data))
        self._rows = by_action
        self._rebuild()

    def _rebuild(self) -> None:
        """Build the lookup aside and swap it in, so a reader never sees half of it."""
        merged: dict[tuple[str, str], Restriction] = {}
        for action_id in sorted(self._rows):
            for kind, ident, data in self._rows[action_id]:
                new = _restriction(action_id, data)
                old = merged.get((kind, ident))
                merged[(kind, ident)] = new if old is None else old.merge(new)
        self._by_subject = merged

    # ---- the hot path ----------------------------------------------------------------------
    def for_call(self, account_id: str | None, org_id: str | None) -> Restriction | None:
        """The restriction in force for a call by this account of this organization, or None."""
        by_subject = self._by_subject
        if not by_subject:
            return None
        account = by_subject.get(("account", account_id)) if account_id else None
        org = by_subject.get(("org", org_id)) if org_id else None
        if account is None or org is None:
            return account or org
        return account.merge(org)

    def __len__(self) -> int:
        return len(self._by_subject)

    @property
    def seq(self) -> int:
        return self._seq
