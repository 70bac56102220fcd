"""The directory's tables: organizations, accounts, API keys, and the change feed over them.

Every write appends to `directory_changes` in the same transaction, under the `directory` lock
(see `moat.store.database`), so a replica polling `changes_since(n)` never skips a change that
committed late with a smaller `seq`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from moat.identity.models import Account, ApiKey, Organization
from moat.store import _rows as rows
from moat.store.base import Change
from moat.store.database import Database, Row, Stmt

_ORG_COLS = ", ".join(rows.ORG_READ_COLUMNS)
_ACCOUNT_COLS = ", ".join(rows.ACCOUNT_COLUMNS)
_KEY_COLS = ", ".join(rows.KEY_COLUMNS)
_ADD_CHANGE = "INSERT INTO directory_changes (kind, id, ts) VALUES (?, ?, ?)"


def _upsert_sql(table: str, columns: Sequence[str]) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks(columns)}) "
            f"ON CONFLICT ({columns[0]}) DO UPDATE SET {updates}")


def marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere (with `\\` as the escape character)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_UPSERT_ORG = _upsert_sql("orgs", rows.ORG_COLUMNS)
_UPSERT_ACCOUNT = _upsert_sql("accounts", rows.ACCOUNT_COLUMNS)
_INSERT_KEY = f"INSERT INTO api_keys ({_KEY_COLS}) VALUES ({marks(rows.KEY_COLUMNS)})"


class DirectoryTables:
    db: Database

    async def _write(self, kind: str, stmts: list[Stmt]) -> list[int]:
        """`stmts`, then one change per directory row they name (the first argument of each)."""
        now = time.time()
        changes = [Stmt(_ADD_CHANGE, (kind, s.args[0], now)) for s in stmts]
        return await self.db.transaction([*stmts, *changes], lock="directory")

    async def upsert_org(self, org: Organization) -> None:
        await self._write("org", [Stmt(_UPSERT_ORG, rows.org_row(org))])

    async def upsert_orgs(self, orgs: list[Organization]) -> None:
        if orgs:
            await self._write("org", [Stmt(_UPSERT_ORG, rows.org_row(o)) for o in orgs])

    async def get_org(self, org_id: str) -> Organization | None:
        found = await self.db.fetch(f"SELECT {_ORG_COLS} FROM orgs WHERE org_id = ?", org_id)
        return rows.org_from(found[0]) if found else None

    async def list_orgs(self) -> list[Organization]:
        return [rows.org_from(r) for r in await self.db.fetch(f"SELECT {_ORG_COLS} FROM orgs ORDER BY org_id")]

    async def upsert_account(self, account: Account) -> None:
        await self._write("account", [Stmt(_UPSERT_ACCOUNT, rows.account_row(account))])

    async def get_account(self, account_id: str) -> Account | None:
        found = await self.db.fetch(f"SELECT {_ACCOUNT_COLS} FROM accounts WHERE account_id = ?", account_id)
        return rows.account_from(found[0]) if found else None

    async def get_accounts(self, account_ids: Sequence[str]) -> list[Account]:
        if not account_ids:
            return []
        found = await self.db.fetch(f"SELECT {_ACCOUNT_COLS} FROM accounts WHERE account_id IN "
                                    f"({marks(account_ids)})", *account_ids)
        return [rows.account_from(r) for r in found]

    async def list_accounts(self, *, limit: int = 1000, offset: int = 0) -> list[Account]:
        found = await self.db.fetch(f"SELECT {_ACCOUNT_COLS} FROM accounts ORDER BY account_id LIMIT ? OFFSET ?",
                                    limit, offset)
        return [rows.account_from(r) for r in found]

    async def insert_key(self, key: ApiKey) -> None:
        try:
            await self._write("key", [Stmt(_INSERT_KEY, rows.key_row(key))])
        except self.db.integrity_errors as exc:
            raise ValueError(f"API key {key.key_id} or its secret exists already") from exc

    async def get_key(self, key_id: str) -> ApiKey | None:
        found = await self.db.fetch(f"SELECT {_KEY_COLS} FROM api_keys WHERE key_id = ?", key_id)
        return rows.key_from(found[0]) if found else None

    async def keys_by_prefix(self, prefix: str) -> list[ApiKey]:
        found = await self.db.fetch(f"SELECT {_KEY_COLS} FROM api_keys WHERE prefix = ?", prefix)
        return [rows.key_from(r) for r in found]

    async def list_keys(self, account_id: str | None = None) -> list[ApiKey]:
        if account_id is None:
            found = await self.db.fetch(f"SELECT {_KEY_COLS} FROM api_keys ORDER BY created_at, key_id")
        else:
            found = await self.db.fetch(f"SELECT {_KEY_COLS} FROM api_keys WHERE account_id = ? "
                                        "ORDER BY created_at, key_id", account_id)
        return [rows.key_from(r) for r in found]

    async def _update(self, kind: str, id_: str, sql: str, *args: Any) -> bool:
        """One row's update and its change, or nothing when no such row."""
        counts = await self.db.transaction([Stmt(sql, args, stop_if_none=True),
                                            Stmt(_ADD_CHANGE, (kind, id_, time.time()))], lock="directory")
        return counts[0] > 0

    async def revoke_key(self, key_id: str, at: float) -> bool:
        return await self._update("key", key_id, "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) "
                                  "WHERE key_id = ?", at, key_id)

    async def restore_key(self, key_id: str) -> bool:
        return await self._update("key", key_id, "UPDATE api_keys SET revoked_at = NULL WHERE key_id = ?", key_id)

    async def set_org_blocked(self, org_id: str, blocked: bool) -> bool:
        return await self._update("org", org_id, "UPDATE orgs SET blocked = ? WHERE org_id = ?", blocked, org_id)

    async def changes_since(self, seq: int) -> list[Change]:
        found = await self.db.fetch("SELECT seq, kind, id FROM directory_changes WHERE seq > ? ORDER BY seq LIMIT ?",
                                    seq, rows.CHANGES_LIMIT)
        return [Change(int(s), k, i) for s, k, i in found]

    async def last_change(self) -> int:
        return int((await self.db.fetch("SELECT COALESCE(MAX(seq), 0) FROM directory_changes"))[0][0])

    # ---- reads for the console and enforcement -------------------------------------------------
    async def count(self, table: str) -> int:
        assert table in ("accounts", "orgs", "api_keys")  # never a user-supplied name
        return int((await self.db.fetch(f"SELECT COUNT(*) FROM {table}"))[0][0])

    async def org_account_ids(self, org_ids: Sequence[str], limit: int = 100_000) -> list[str]:
        if not org_ids:
            return []
        found = await self.db.fetch(f"SELECT account_id FROM accounts WHERE org_id IN ({marks(org_ids)}) "
                                    f"ORDER BY account_id LIMIT {int(limit)}", *org_ids)
        return [r[0] for r in found]

    async def org_account_rows(self, org_id: str, limit: int = 200) -> list[Row]:
        """(account_id, email, plan, status) of an organization's accounts."""
        return await self.db.fetch("SELECT account_id, email, plan, status FROM accounts WHERE org_id = ? "
                                   "ORDER BY account_id LIMIT ?", org_id, limit)

    async def accounts_sharing(self, column: str, value: str, limit: int) -> list[str]:
        """Accounts with this payment instrument or SSO tenant (indexed: schema v4)."""
        assert column in ("payment_fingerprint", "sso_tenant")
        return [r[0] for r in await self.db.fetch(f"SELECT account_id FROM accounts WHERE {column} = ? LIMIT ?",
                                                  value, limit)]

    async def search_accounts(self, q: str, status: str, plan: str, after: str, limit: int) -> list[Row]:
        """Up to `limit + 1` (account_id, email, plan, org_id, status, verified, created_at, country)
        after `after`, matching `q` in the id, email or organization."""
        where: list[str] = ["account_id > ?"]
        args: list[Any] = [after]
        if q:
            where.append("(account_id LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR org_id LIKE ? ESCAPE '\\')")
            args += [like(q)] * 3
        if status:
            where.append("status = ?")
            args.append(status)
        if plan:
            where.append("plan = ?")
            args.append(plan)
        return await self.db.fetch(
            "SELECT account_id, email, plan, org_id, status, verified, created_at, country FROM accounts "
            f"WHERE {' AND '.join(where)} ORDER BY account_id LIMIT ?", *args, limit + 1)

    async def search_orgs(self, q: str, restricted: str, after: str, limit: int) -> list[Row]:
        """Up to `limit + 1` (org_id, name, domains, restricted, owners, created_at) after `after`."""
        where: list[str] = ["org_id > ?"]
        args: list[Any] = [after]
        if q:
            where.append("(org_id LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' "
                         "OR CAST(domains AS TEXT) LIKE ? ESCAPE '\\')")
            args += [like(q)] * 3
        if restricted in ("yes", "no"):
            where.append("restricted = ?")
            args.append(restricted == "yes")
        return await self.db.fetch(f"SELECT org_id, name, domains, restricted, owners, created_at FROM orgs "
                                   f"WHERE {' AND '.join(where)} ORDER BY org_id LIMIT ?", *args, limit + 1)
