"""The `Store` contract: what the store's tables offer the rest of Moat (`moat.store.SQLStore`
keeps it over SQLite or PostgreSQL).

All methods are coroutines; the gateway never awaits one on its hot path except on a directory
cache miss. Each write that changes the directory appends to a change feed (`changes_since`) that
every replica polls to invalidate its caches within a second.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from moat.identity.models import Account, ApiKey, Organization
from moat.store.database import Database, Row


@dataclass(frozen=True, slots=True)
class Change:
    """One directory change: `kind` is "org", "account" or "key"; `id` its primary key."""

    seq: int
    kind: str
    id: str


@dataclass(slots=True)
class RecordBatchItem:
    """One request as it is recorded: its traffic-format line and its decision-log payload.

    `traffic` holds the spec's request fields (shared/spec/traffic-format.md) plus any extras the
    gateway keeps (e.g. `decision_id`, `policy_revision`, `latency_ms`, `entity_org`).
    `decision` is the decision-log payload (JSON-serialisable); the store chains it.
    """

    traffic: dict[str, Any]
    decision: dict[str, Any]


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One entry of a hash-chained log (decision log or admin log), as stored."""

    seq: int
    ts: float
    entry_id: str  # decision id, or admin action id
    payload: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(slots=True)
class AdminAction:
    actor: str
    action: str  # e.g. "keys.create", "orgs.add", "policy.reload"
    target: str
    details: dict[str, Any] = field(default_factory=dict)


class Store(Protocol):
    url: str
    db: Database  # the connection other components keep their own tables on

    async def open(self) -> None:
        """Connect and create or migrate the schema. Idempotent."""

    async def close(self) -> None: ...

    async def ping(self) -> None:
        """Raise if the store cannot answer a trivial query now (readiness)."""

    # ---- directory -------------------------------------------------------------------------
    async def upsert_org(self, org: Organization) -> None: ...
    async def upsert_orgs(self, orgs: list[Organization]) -> None:
        """Upsert many organizations in one transaction (bulk entity imports)."""

    async def get_org(self, org_id: str) -> Organization | None: ...
    async def list_orgs(self) -> list[Organization]: ...

    async def upsert_account(self, account: Account) -> None: ...
    async def get_account(self, account_id: str) -> Account | None: ...
    async def list_accounts(self, *, limit: int = 1000, offset: int = 0) -> list[Account]: ...

    async def insert_key(self, key: ApiKey) -> None:
        """Raise ValueError if `key_id` or `secret_hash` exists already."""

    async def get_key(self, key_id: str) -> ApiKey | None: ...
    async def keys_by_prefix(self, prefix: str) -> list[ApiKey]: ...
    async def list_keys(self, account_id: str | None = None) -> list[ApiKey]: ...

    async def revoke_key(self, key_id: str, at: float) -> bool:
        """Mark revoked; False when no such key."""

    async def restore_key(self, key_id: str) -> bool:
        """Lift a revocation (undoing an enforcement action); False when no such key."""

    async def set_org_blocked(self, org_id: str, blocked: bool) -> bool:
        """Block or unblock an organization (enforcement only); False when no such org."""

    async def changes_since(self, seq: int) -> list[Change]:
        """Directory changes after `seq`, oldest first (at most a few thousand)."""

    async def last_change(self) -> int: ...

    # ---- recording -------------------------------------------------------------------------
    async def append_records(self, batch: list[RecordBatchItem]) -> int:
        """Store traffic records and chain their decisions in one transaction.

        Idempotent by `traffic["request_id"]` / decision id: replaying a write-ahead log after a
        crash never duplicates an entry. Returns how many were new.
        """

    def iter_requests(self, *, since: float | None = None) -> AsyncIterator[dict[str, Any]]:
        """Recorded traffic, oldest first (spec fields plus extras)."""

    async def prepare_traffic_days(self, now: float) -> list[int]:
        """Create the traffic partitions due around `now` (PostgreSQL); the UTC days created."""

    async def expire_traffic(self, first_kept_day: int, *, batch: int = 5000) -> tuple[list[int], int]:
        """Remove traffic recorded before UTC day `first_kept_day`: (days dropped whole, rows deleted)."""

    def iter_decisions(self, *, after_seq: int = 0) -> AsyncIterator[LogEntry]: ...

    async def append_admin(self, action: AdminAction) -> LogEntry: ...
    def iter_admin(self, *, after_seq: int = 0) -> AsyncIterator[LogEntry]: ...

    # ---- reads for enforcement and the console, each bounded by an index ------------------------
    async def get_accounts(self, account_ids: Sequence[str]) -> list[Account]: ...
    async def count(self, table: str) -> int:
        """Rows of "accounts", "orgs" or "api_keys"."""

    async def org_account_ids(self, org_ids: Sequence[str], limit: int = 100_000) -> list[str]: ...
    async def org_account_rows(self, org_id: str, limit: int = 200) -> list[Row]: ...
    async def accounts_sharing(self, column: str, value: str, limit: int) -> list[str]: ...
    async def search_accounts(self, q: str, status: str, plan: str, after: str, limit: int) -> list[Row]: ...
    async def search_orgs(self, q: str, restricted: str, after: str, limit: int) -> list[Row]: ...
    async def requests_for(self, account_ids: Sequence[str], *, refused_only: bool = False, limit: int,
                           before: tuple[float, int] | None = None) -> list[tuple[int, dict[str, Any]]]: ...
    async def top_refused_accounts(self, since: float, limit: int = 10) -> list[tuple[str, int, int]]: ...
    async def account_request_rows(self, columns: str, account_id: str, before: tuple[float, int] | None,
                                   limit: int) -> list[Row]: ...
    async def account_decisions(self, account_id: str, since: float) -> list[tuple[str, int]]: ...
    async def recent_requests(self, limit: int) -> list[dict[str, Any]]: ...
    def account_days_query(self, start: float, end: float) -> tuple[str, tuple[Any, ...]]: ...
    async def minute_counts(self, start: float, end: float | None = None) -> list[tuple[int, str, int]]: ...
    async def minute_outcomes(self, start: float, end: float | None = None
                              ) -> list[tuple[int, dict[str, Any], int]]: ...
    async def account_outcomes(self, account_id: str, since: float, limit: int = 10_000
                               ) -> list[tuple[dict[str, Any], int]]: ...
    async def decision(self, decision_id: str) -> dict[str, Any] | None: ...
    async def search_log(self, table: str, terms: dict[str, str], text: str, before: int,
                         limit: int) -> tuple[list[Row], int, int]: ...
