"""`EnforceStore`: the enforcement tables (`moat.enforce.schema`), over the store's `Database`.

Lists are keyset-paginated on time-ordered ids (newest first, except a case's timeline which reads
oldest first): a cursor is the last id of the previous page, so page N costs what page 1 costs.
Recorded traffic, the decision log and the directory are read through the store's own methods.
Every transaction takes the `enforce` lock, so the `enforce_changes` feed's rows become visible in
`seq` order, exactly like the directory's change feed (a replica polling `seq > n` never skips).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import Any

import orjson

from moat.enforce import schema
from moat.enforce.models import Action, Appeal, Case, CaseEvent, Evidence, Page
from moat.store import Store
from moat.store.database import Row, Stmt
from moat.store.directory import marks

_CASE_COLS = ("case_id, subject_kind, subject_id, status, title, source, risk, assignee, opened_by, opened_at, "
              "updated_at, closed_at")
_ACTION_COLS = ("action_id, kind, subject_kind, subject_id, status, reason, actor, created_at, case_id, params, "
                "undone_at, undone_by, undo_reason")
_APPEAL_COLS = ("appeal_id, account_id, decision_id, reason_code, message, status, created_at, case_id, "
                "decided_at, decided_by, note, undone")


def dumps(obj: Any) -> str:
    return orjson.dumps(obj).decode()


def loads(text: Any) -> Any:
    if text is None:
        return None
    return orjson.loads(text) if isinstance(text, (str, bytes)) else text


MAX_PAGE = 500


def page_size(limit: int | None) -> int:
    return max(1, min(int(limit or 50), MAX_PAGE))


def page_of(rows: list[Any], limit: int, key: Any) -> Page:
    """The first `limit` of `limit + 1` fetched rows, with a cursor when there were more."""
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, key(rows[-1]) if more and rows else None)


class EnforceStore:
    """Enforcement tables beside an open `Store`. `await open()` creates or migrates them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    async def open(self) -> None:
        await self.db.migrate(schema.COMPONENT, schema.MIGRATIONS, legacy=schema.LEGACY)

    async def transaction(self, statements: Sequence[Stmt]) -> list[int]:
        return await self.db.transaction(statements, lock="enforce")

    # ---- what enforcement reads of the store's tables ------------------------------------------
    async def org_accounts(self, org_ids: Sequence[str], limit: int = 100_000) -> list[str]:
        return await self.store.org_account_ids(org_ids, limit)

    async def decision(self, decision_id: str) -> dict[str, Any] | None:
        return await self.store.decision(decision_id)

    async def requests_for(self, account_ids: Sequence[str], *, refused_only: bool = False,
                           limit: int | None = None, cursor: str | None = None) -> Page:
        """Recorded requests of these accounts, newest first; cursor `ts:seq`."""
        n = page_size(limit)
        ts, _, seq = (cursor or "").partition(":")
        found = await self.store.requests_for(account_ids, refused_only=refused_only, limit=n + 1,
                                              before=(float(ts), int(seq)) if cursor else None)
        page = page_of(found, n, lambda r: f"{r[1]['ts']!r}:{r[0]}")
        return Page([r[1] for r in page.data], page.next_cursor)

    # ---- cases -----------------------------------------------------------------------------
    @staticmethod
    def _case(row: Row) -> Case:
        return Case(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10],
                    row[11])

    @staticmethod
    def event_stmt(event: CaseEvent) -> Stmt:
        return Stmt("INSERT INTO enforce_case_events (event_id, case_id, ts, kind, actor, body) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (event.event_id, event.case_id, event.ts, event.kind, event.actor, dumps(event.body)))

    @staticmethod
    def evidence_stmt(ev: Evidence) -> Stmt:
        return Stmt("INSERT INTO enforce_evidence (evidence_id, case_id, kind, account_id, ts, data) "
                    "VALUES (?, ?, ?, ?, ?, ?)", (ev.evidence_id, ev.case_id, ev.kind, ev.account_id, ev.ts,
                                                  dumps(ev.data)))

    async def insert_case(self, case: Case, event: CaseEvent, evidence: Iterable[Evidence]) -> bool:
        """Insert a case with its first event and evidence; False when the subject has an open case
        already (a unique partial index: two replicas cannot both open one)."""
        counts = await self.transaction([
            Stmt(f"INSERT INTO enforce_cases ({_CASE_COLS}) VALUES ({marks(range(12))}) ON CONFLICT DO NOTHING",
                 (case.case_id, case.subject_kind, case.subject_id, case.status, case.title, case.source,
                  case.risk, case.assignee, case.opened_by, case.opened_at, case.updated_at, case.closed_at),
                 stop_if_none=True),
            self.event_stmt(event), *(self.evidence_stmt(e) for e in evidence)])
        return counts[0] == 1

    async def get_case(self, case_id: str) -> Case | None:
        rows = await self.db.fetch(f"SELECT {_CASE_COLS} FROM enforce_cases WHERE case_id = ?", case_id)
        return self._case(rows[0]) if rows else None

    async def _page(self, columns: str, table: str, key: str, filters: dict[str, Any], cursor: str | None,
                    limit: int | None) -> tuple[list[Row], int]:
        """One keyset page, newest first: rows matching every non-None filter, after `cursor`
        (exclusive), plus one extra row that tells `page_of` whether another page follows."""
        where = [f"{column} = ?" for column, value in filters.items() if value is not None]
        args: list[Any] = [value for value in filters.values() if value is not None]
        if cursor:
            where.append(f"{key} < ?")
            args.append(cursor)
        n = page_size(limit)
        sql = (f"SELECT {columns} FROM {table} {'WHERE ' + ' AND '.join(where) if where else ''} "
               f"ORDER BY {key} DESC LIMIT {n + 1}")
        return await self.db.fetch(sql, *args), n

    async def open_case_for(self, subject_kind: str, subject_id: str) -> Case | None:
        rows = await self.db.fetch(f"SELECT {_CASE_COLS} FROM enforce_cases WHERE subject_kind = ? AND "
                                   "subject_id = ? AND status <> 'closed'", subject_kind, subject_id)
        return self._case(rows[0]) if rows else None

    async def list_cases(self, *, status: str | None = None, assignee: str | None = None,
                         subject_kind: str | None = None, subject_id: str | None = None,
                         limit: int | None = None, cursor: str | None = None) -> Page:
        filters = {"status": status, "assignee": assignee, "subject_kind": subject_kind, "subject_id": subject_id}
        rows, n = await self._page(_CASE_COLS, "enforce_cases", "case_id", filters, cursor, limit)
        return page_of([self._case(r) for r in rows], n, lambda c: c.case_id)

    async def update_case(self, case_id: str, changes: dict[str, Any], events: Sequence[CaseEvent],
                          evidence: Sequence[Evidence] = ()) -> None:
        sets = ", ".join(f"{k} = ?" for k in changes)
        stmts = [Stmt(f"UPDATE enforce_cases SET {sets}, updated_at = ? WHERE case_id = ?",
                      (*changes.values(), time.time(), case_id))] if changes else []
        if not changes:
            stmts.append(Stmt("UPDATE enforce_cases SET updated_at = ? WHERE case_id = ?", (time.time(), case_id)))
        stmts += [self.event_stmt(e) for e in events] + [self.evidence_stmt(e) for e in evidence]
        await self.transaction(stmts)

    async def list_events(self, case_id: str, *, limit: int | None = None, cursor: str | None = None) -> Page:
        n = page_size(limit)
        rows = await self.db.fetch(
            "SELECT event_id, case_id, ts, kind, actor, body FROM enforce_case_events WHERE case_id = ? "
            f"AND event_id > ? ORDER BY event_id LIMIT {n + 1}", case_id, cursor or "")
        events = [CaseEvent(r[0], r[1], r[2], r[3], r[4], loads(r[5]) or {}) for r in rows]
        return page_of(events, n, lambda e: e.event_id)

    async def list_evidence(self, case_id: str, *, kind: str | None = None, limit: int | None = None,
                            cursor: str | None = None) -> Page:
        n = page_size(limit)
        where, args = "case_id = ? AND evidence_id > ?", [case_id, cursor or ""]
        if kind is not None:
            where += " AND kind = ?"
            args.append(kind)
        rows = await self.db.fetch("SELECT evidence_id, case_id, kind, account_id, ts, data FROM enforce_evidence "
                                   f"WHERE {where} ORDER BY evidence_id LIMIT {n + 1}", *args)
        items = [Evidence(r[0], r[1], r[2], r[3], r[4], loads(r[5])) for r in rows]
        return page_of(items, n, lambda e: e.evidence_id)

    # ---- findings and clusters -------------------------------------------------------------
    async def upsert_findings(self, findings: Sequence[dict[str, Any]]) -> None:
        now = time.time()
        sql = ("INSERT INTO enforce_findings (account_id, risk, cluster_id, linked_org, data, imported_at) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET risk = excluded.risk, "
               "cluster_id = excluded.cluster_id, linked_org = excluded.linked_org, data = excluded.data, "
               "imported_at = excluded.imported_at")
        await self.transaction([Stmt(sql, (f["account_id"], float(f.get("risk") or 0.0), f.get("cluster_id"),
                                              f.get("linked_org"), dumps(f), now)) for f in findings])

    async def findings(self, account_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        if not account_ids:
            return {}
        rows = await self.db.fetch(f"SELECT account_id, data FROM enforce_findings WHERE account_id IN "
                                   f"({marks(account_ids)})", *account_ids)
        return {r[0]: loads(r[1]) for r in rows}

    async def top_findings(self, limit: int) -> list[Row]:
        """(account_id, risk, cluster_id, linked_org) of the riskiest findings."""
        return await self.db.fetch("SELECT account_id, risk, cluster_id, linked_org FROM enforce_findings "
                                   "WHERE risk > 0 ORDER BY risk DESC, account_id LIMIT ?", limit)

    async def linked_accounts(self, org_id: str, limit: int = 10_000) -> list[str]:
        """The accounts whose latest finding links them to the organization (hidden affiliation)."""
        rows = await self.db.fetch("SELECT account_id FROM enforce_findings WHERE linked_org = ? "
                                   f"ORDER BY account_id LIMIT {int(limit)}", org_id)
        return [r[0] for r in rows]

    async def cluster_members(self, cluster_id: str, limit: int = 10_000) -> list[str]:
        rows = await self.db.fetch("SELECT account_id FROM enforce_findings WHERE cluster_id = ? "
                                   f"ORDER BY account_id LIMIT {int(limit)}", cluster_id)
        return [r[0] for r in rows]

    # ---- actions ---------------------------------------------------------------------------
    @staticmethod
    def _action(row: Row) -> Action:
        return Action(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], case_id=row[8],
                      params=loads(row[9]) or {}, undone_at=row[10], undone_by=row[11], undo_reason=row[12])

    def change_stmt(self, kind: str, id_: str) -> Stmt:
        return Stmt("INSERT INTO enforce_changes (kind, id, ts) VALUES (?, ?, ?)", (kind, id_, time.time()))

    async def insert_action(self, action: Action, accounts: Sequence[tuple[str, str | None, list[str]]],
                            restrictions: Sequence[tuple[str, str, dict[str, Any]]] = ()) -> None:
        """The action, the accounts it reached (with what to restore), and its restriction rows."""
        stmts = [Stmt(f"INSERT INTO enforce_actions ({_ACTION_COLS}) VALUES ({marks(range(13))})",
                      (action.action_id, action.kind, action.subject_kind, action.subject_id, action.status,
                       action.reason, action.actor, action.created_at, action.case_id, dumps(action.params),
                       None, None, None))]
        stmts += [Stmt("INSERT INTO enforce_action_accounts (action_id, account_id, prev_status, key_ids) "
                       "VALUES (?, ?, ?, ?)", (action.action_id, a, prev, dumps(keys))) for a, prev, keys in accounts]
        for kind, ident, data in restrictions:
            stmts.append(Stmt("INSERT INTO enforce_restrictions (action_id, subject_kind, subject_id, data) "
                              "VALUES (?, ?, ?, ?)", (action.action_id, kind, ident, dumps(data))))
        if restrictions:
            stmts.append(self.change_stmt("restriction", action.action_id))
        await self.transaction(stmts)

    async def extend_action(self, action_id: str, accounts: Sequence[tuple[str, str | None]],
                            restrictions: Sequence[tuple[str, str, dict[str, Any]]] = ()) -> None:
        """More accounts reached by an active action (new members of a blocked cluster)."""
        stmts = [Stmt("INSERT INTO enforce_action_accounts (action_id, account_id, prev_status, key_ids) "
                      "VALUES (?, ?, ?, '[]') ON CONFLICT DO NOTHING", (action_id, a, prev)) for a, prev in accounts]
        stmts += [Stmt("INSERT INTO enforce_restrictions (action_id, subject_kind, subject_id, data) VALUES "
                       "(?, ?, ?, ?) ON CONFLICT DO NOTHING", (action_id, k, i, dumps(d))) for k, i, d in restrictions]
        if restrictions:
            stmts.append(self.change_stmt("restriction", action_id))
        if stmts:
            await self.transaction(stmts)

    async def get_action(self, action_id: str) -> Action | None:
        rows = await self.db.fetch(f"SELECT {_ACTION_COLS} FROM enforce_actions WHERE action_id = ?", action_id)
        if not rows:
            return None
        action = self._action(rows[0])
        action.accounts = [a for a, *_ in await self.action_accounts(action_id)]
        return action

    async def action_accounts(self, action_id: str) -> list[tuple[str, str | None, list[str], bool]]:
        rows = await self.db.fetch("SELECT account_id, prev_status, key_ids, released FROM enforce_action_accounts "
                                   "WHERE action_id = ? ORDER BY account_id", action_id)
        return [(r[0], r[1], loads(r[2]) or [], bool(r[3])) for r in rows]

    async def list_actions(self, *, status: str | None = None, subject_kind: str | None = None,
                           subject_id: str | None = None, case_id: str | None = None,
                           limit: int | None = None, cursor: str | None = None) -> Page:
        filters = {"status": status, "subject_kind": subject_kind, "subject_id": subject_id, "case_id": case_id}
        rows, n = await self._page(_ACTION_COLS, "enforce_actions", "action_id", filters, cursor, limit)
        return page_of([self._action(r) for r in rows], n, lambda a: a.action_id)

    async def active_actions_on(self, account_id: str) -> list[Action]:
        """Active actions that reached this account (and have not released it)."""
        cols = ", ".join(f"a.{c.strip()}" for c in _ACTION_COLS.split(","))
        rows = await self.db.fetch(
            f"SELECT {cols} FROM enforce_action_accounts x JOIN enforce_actions a ON a.action_id = x.action_id "
            "WHERE x.account_id = ? AND x.released = 0 AND a.status = 'active' ORDER BY a.action_id",
            account_id)
        return [self._action(r) for r in rows]

    async def covering(self, account_id: str) -> list[tuple[str, str, str | None]]:
        """(action id, kind, status the account had before it) of active actions reaching it, oldest first."""
        rows = await self.db.fetch(
            "SELECT a.action_id, a.kind, x.prev_status FROM enforce_action_accounts x JOIN enforce_actions a "
            "ON a.action_id = x.action_id WHERE x.account_id = ? AND x.released = 0 AND a.status = 'active' "
            "ORDER BY a.action_id", account_id)
        return [(r[0], r[1], r[2]) for r in rows]

    async def mark_undone(self, action: Action, *, actor: str, reason: str) -> bool:
        """Flip to undone (False when it was not active) and drop its restriction rows."""
        counts = await self.transaction([
            Stmt("UPDATE enforce_actions SET status = 'undone', undone_at = ?, undone_by = ?, undo_reason = ? "
                 "WHERE action_id = ? AND status = 'active'", (time.time(), actor, reason, action.action_id),
                 stop_if_none=True),
            Stmt("DELETE FROM enforce_restrictions WHERE action_id = ?", (action.action_id,)),
            self.change_stmt("restriction", action.action_id)])
        return counts[0] == 1

    async def release_account(self, action_id: str, account_id: str) -> None:
        """Take one account out of an action on a cluster or organization (an accepted appeal)."""
        await self.transaction([
            Stmt("UPDATE enforce_action_accounts SET released = 1 WHERE action_id = ? AND account_id = ?",
                 (action_id, account_id)),
            Stmt("DELETE FROM enforce_restrictions WHERE action_id = ? AND subject_kind = 'account' AND "
                 "subject_id = ?", (action_id, account_id)),
            self.change_stmt("restriction", action_id)])

    # ---- restrictions feed -----------------------------------------------------------------
    async def restriction_rows(self, action_ids: Sequence[str] | None = None) -> list[tuple[str, str, str, Any]]:
        sql = "SELECT action_id, subject_kind, subject_id, data FROM enforce_restrictions"
        args: list[Any] = []
        if action_ids is not None:
            if not action_ids:
                return []
            sql += f" WHERE action_id IN ({marks(action_ids)})"
            args = list(action_ids)
        return [(r[0], r[1], r[2], loads(r[3])) for r in await self.db.fetch(sql, *args)]

    async def changes_since(self, seq: int, limit: int = 5000) -> list[tuple[int, str, str]]:
        rows = await self.db.fetch(f"SELECT seq, kind, id FROM enforce_changes WHERE seq > ? ORDER BY seq "
                                   f"LIMIT {int(limit)}", seq)
        return [(int(r[0]), r[1], r[2]) for r in rows]

    async def last_change(self) -> int:
        rows = await self.db.fetch("SELECT COALESCE(MAX(seq), 0) FROM enforce_changes")
        return int(rows[0][0])

    # ---- appeals ---------------------------------------------------------------------------
    @staticmethod
    def _appeal(row: Row) -> Appeal:
        return Appeal(row[0], row[1], row[2], row[3], row[4], row[5], row[6], case_id=row[7], decided_at=row[8],
                      decided_by=row[9], note=row[10], undone=loads(row[11]) or [])

    async def insert_appeal(self, appeal: Appeal) -> Appeal:
        """Insert, or return the account's existing appeal of the same decision (idempotent)."""
        await self.db.execute(
            f"INSERT INTO enforce_appeals ({_APPEAL_COLS}) VALUES ({marks(range(12))}) ON CONFLICT DO NOTHING",
            appeal.appeal_id, appeal.account_id, appeal.decision_id, appeal.reason_code, appeal.message,
            appeal.status, appeal.created_at, appeal.case_id, None, None, None, "[]")
        rows = await self.db.fetch(f"SELECT {_APPEAL_COLS} FROM enforce_appeals WHERE account_id = ? AND "
                                   "decision_id = ?", appeal.account_id, appeal.decision_id)
        return self._appeal(rows[0])

    async def get_appeal(self, appeal_id: str) -> Appeal | None:
        rows = await self.db.fetch(f"SELECT {_APPEAL_COLS} FROM enforce_appeals WHERE appeal_id = ?", appeal_id)
        return self._appeal(rows[0]) if rows else None

    async def set_appeal_case(self, appeal_id: str, case_id: str) -> None:
        await self.db.execute("UPDATE enforce_appeals SET case_id = ? WHERE appeal_id = ?", case_id, appeal_id)

    async def list_appeals(self, *, status: str | None = None, account_id: str | None = None,
                           limit: int | None = None, cursor: str | None = None) -> Page:
        filters = {"status": status, "account_id": account_id}
        rows, n = await self._page(_APPEAL_COLS, "enforce_appeals", "appeal_id", filters, cursor, limit)
        return page_of([self._appeal(r) for r in rows], n, lambda a: a.appeal_id)

    async def decide_appeal(self, appeal_id: str, *, status: str, actor: str, note: str) -> bool:
        """Pending → accepted/rejected; False when it was decided already (first reviewer wins)."""
        count = await self.db.execute("UPDATE enforce_appeals SET status = ?, decided_at = ?, decided_by = ?, "
                                      "note = ? WHERE appeal_id = ? AND status = 'pending'",
                                      status, time.time(), actor, note, appeal_id)
        return count == 1

    async def set_appeal_undone(self, appeal_id: str, action_ids: list[str]) -> None:
        await self.db.execute("UPDATE enforce_appeals SET undone = ? WHERE appeal_id = ?", dumps(action_ids),
                              appeal_id)

    async def queue_counts(self) -> dict[str, int]:
        """Open cases and pending appeals (indexed counts)."""
        cases = await self.db.fetch("SELECT COUNT(*) FROM enforce_cases WHERE status = 'open'")
        appeals = await self.db.fetch("SELECT COUNT(*) FROM enforce_appeals WHERE status = 'pending'")
        return {"open_cases": int(cases[0][0]), "pending_appeals": int(appeals[0][0])}
