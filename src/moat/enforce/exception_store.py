"""The `enforce_exceptions` table (schema v4), over the enforcement store's `Database`.

Every write goes through `EnforceStore.transaction` with a `enforce_changes` row of kind
`exception`, so each replica's index (`moat.enforce.exception_index`) sees it on its next poll,
in order. Lists are keyset pages on the time-ordered id, newest first, like the other lists.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from moat.enforce.models import ExceptionGrant, Page
from moat.enforce.storage import EnforceStore, dumps, loads, page_of, page_size
from moat.store.database import Row, Stmt
from moat.store.directory import marks

COLUMNS = ("exception_id, subject_kind, subject_id, lifts, purpose, key_purpose, note, granted_by, granted_at, "
           "expires_at, status, appeal_id, case_id, accounts, revoked_at, revoked_by, revoke_reason")


def from_row(row: Row) -> ExceptionGrant:
    return ExceptionGrant(row[0], row[1], row[2], row[3], row[4], row[6], row[7], row[8], row[9],
                          key_purpose=row[5], status=row[10], appeal_id=row[11], case_id=row[12],
                          accounts=loads(row[13]) or [], revoked_at=row[14], revoked_by=row[15],
                          revoke_reason=row[16])


async def insert(es: EnforceStore, grant: ExceptionGrant) -> None:
    await es.transaction([
        Stmt(f"INSERT INTO enforce_exceptions ({COLUMNS}) VALUES ({marks(range(17))})",
             (grant.exception_id, grant.subject_kind, grant.subject_id, grant.lifts, grant.purpose,
              grant.key_purpose, grant.note, grant.granted_by, grant.granted_at, grant.expires_at, grant.status,
              grant.appeal_id, grant.case_id, dumps(grant.accounts), None, None, None)),
        es.change_stmt("exception", grant.exception_id)])


async def revoke(es: EnforceStore, exception_id: str, *, actor: str, reason: str) -> bool:
    """Active → revoked; False when it was not active (revoked already: first reviewer wins)."""
    counts = await es.transaction([
        Stmt("UPDATE enforce_exceptions SET status = 'revoked', revoked_at = ?, revoked_by = ?, revoke_reason = ? "
             "WHERE exception_id = ? AND status = 'active'", (time.time(), actor, reason, exception_id),
             stop_if_none=True),
        es.change_stmt("exception", exception_id)])
    return counts[0] == 1


async def get(es: EnforceStore, exception_id: str) -> ExceptionGrant | None:
    rows = await es.db.fetch(f"SELECT {COLUMNS} FROM enforce_exceptions WHERE exception_id = ?", exception_id)
    return from_row(rows[0]) if rows else None


async def active(es: EnforceStore, ids: Sequence[str] | None = None) -> list[ExceptionGrant]:
    """Active, unexpired exceptions (all, or those of `ids`): what a replica's index holds."""
    sql = f"SELECT {COLUMNS} FROM enforce_exceptions WHERE status = 'active' AND expires_at > ?"
    args: list[Any] = [time.time()]
    if ids is not None:
        if not ids:
            return []
        sql += f" AND exception_id IN ({marks(ids)})"
        args += list(ids)
    return [from_row(r) for r in await es.db.fetch(sql, *args)]


async def for_appeal(es: EnforceStore, appeal_id: str) -> list[ExceptionGrant]:
    rows = await es.db.fetch(f"SELECT {COLUMNS} FROM enforce_exceptions WHERE appeal_id = ? "
                             "ORDER BY exception_id", appeal_id)
    return [from_row(r) for r in rows]


async def page(es: EnforceStore, *, status: str | None = None, subject_kind: str | None = None,
               subject_id: str | None = None, limit: int | None = None, cursor: str | None = None) -> Page:
    """One page, newest first. `status` `active` means in force (unexpired), `expired` active but
    past its time, `revoked` revoked."""
    now = time.time()
    where: list[str] = []
    args: list[Any] = []
    for column, value in (("subject_kind", subject_kind), ("subject_id", subject_id)):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    if status is not None:
        where.append("status = ?")
        args.append("revoked" if status == "revoked" else "active")
        if status != "revoked":
            where.append("expires_at > ?" if status == "active" else "expires_at <= ?")
            args.append(now)
    if cursor:
        where.append("exception_id < ?")
        args.append(cursor)
    n = page_size(limit)
    sql = (f"SELECT {COLUMNS} FROM enforce_exceptions {'WHERE ' + ' AND '.join(where) if where else ''} "
           f"ORDER BY exception_id DESC LIMIT {n + 1}")
    return page_of([from_row(r) for r in await es.db.fetch(sql, *args)], n, lambda g: g.exception_id)
