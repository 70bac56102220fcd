"""Row mapping shared by the SQL backends: directory records ⇄ flat rows, traffic ⇄ columns.

Both backends store lists (domains, owners, …) and free-form dicts as JSON text, so one mapping
serves both; only placeholders and the driver differ.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import orjson

from moat.audit.chain import GENESIS, entry_hash
from moat.identity.models import Account, ApiKey, Organization, Ownership
from moat.store.base import LogEntry, RecordBatchItem
from moat.traffic import DATA_FIELDS, REQUEST_FIELDS, USAGE_FIELDS

ORG_COLUMNS = (
    "org_id", "name", "domains", "ip_ranges", "payment_fingerprints", "sso_tenants", "aliases",
    "restricted", "owners", "created_at",
)
# Read columns: `blocked` is written only by `set_org_blocked`, never by an upsert (see Organization).
ORG_READ_COLUMNS = (*ORG_COLUMNS, "blocked")
ACCOUNT_COLUMNS = (
    "account_id", "email", "plan", "org_id", "credential", "verified", "created_at",
    "declared_company", "payment_fingerprint", "signup_ip", "sso_tenant", "country", "status",
)
KEY_COLUMNS = (
    "key_id", "account_id", "prefix", "secret_hash", "created_at", "expires_at", "revoked_at", "name",
    "meta", "declared_use", "declared_use_description",
)
# Traffic columns: the spec's request fields and the usage extensions (store migration v5), then everything
# else in `extra`.
STORED_REQUEST_FIELDS: tuple[str, ...] = (*REQUEST_FIELDS, *USAGE_FIELDS, *DATA_FIELDS)  # data: migration v7
REQUEST_COLUMNS: tuple[str, ...] = (*STORED_REQUEST_FIELDS, "extra")
BOOL_REQUEST_FIELDS = ("reasoning", "stream")
INT_REQUEST_FIELDS = ("turn", "input_tokens", "output_tokens", "status", *USAGE_FIELDS, "items", "bytes")
_INT32 = 2**31
_INT64 = 2**63
_BIGINT_REQUEST_FIELDS = frozenset(("items", "bytes"))  # data counts (v7): a firehose passes 2**31 bytes
# How many rows an iterator fetches per round trip: bounded memory for any table size.
PAGE_SIZE = 1000
# How many changes one `changes_since` call returns at most.
CHANGES_LIMIT = 5000


def dumps(obj: Any) -> str:
    return orjson.dumps(obj).decode()


def loads(text: str | bytes | None) -> Any:
    return None if text is None else orjson.loads(text)


def org_row(org: Organization) -> tuple[Any, ...]:
    owners = [{"owner_id": o.owner_id, "share": o.share} for o in org.owners]
    return (
        org.org_id, org.name, dumps(list(org.domains)), dumps(list(org.ip_ranges)),
        dumps(list(org.payment_fingerprints)), dumps(list(org.sso_tenants)), dumps(list(org.aliases)),
        bool(org.restricted), dumps(owners), float(org.created_at),
    )


def org_from(row: Sequence[Any]) -> Organization:
    owners = tuple(Ownership(o["owner_id"], float(o["share"])) for o in loads(row[8]) or ())
    return Organization(
        org_id=row[0], name=row[1] or "", domains=tuple(loads(row[2]) or ()),
        ip_ranges=tuple(loads(row[3]) or ()), payment_fingerprints=tuple(loads(row[4]) or ()),
        sso_tenants=tuple(loads(row[5]) or ()), aliases=tuple(loads(row[6]) or ()),
        restricted=bool(row[7]), owners=owners, created_at=float(row[9] or 0.0),
        blocked=bool(row[10]) if len(row) > 10 else False,
    )


def account_row(a: Account) -> tuple[Any, ...]:
    return (
        a.account_id, a.email, a.plan, a.org_id, a.credential, bool(a.verified), float(a.created_at),
        a.declared_company, a.payment_fingerprint, a.signup_ip, a.sso_tenant, a.country, a.status,
    )


def account_from(row: Sequence[Any]) -> Account:
    return Account(
        account_id=row[0], email=row[1] or "", plan=row[2], org_id=row[3], credential=row[4],
        verified=bool(row[5]), created_at=float(row[6] or 0.0), declared_company=row[7],
        payment_fingerprint=row[8], signup_ip=row[9], sso_tenant=row[10], country=row[11],
        status=row[12],
    )


def key_row(k: ApiKey) -> tuple[Any, ...]:
    return (
        k.key_id, k.account_id, k.prefix, k.secret_hash, float(k.created_at), k.expires_at,
        k.revoked_at, k.name, dumps(dict(k.meta)), k.use, k.use_description,
    )


def key_from(row: Sequence[Any]) -> ApiKey:
    return ApiKey(
        key_id=row[0], account_id=row[1], prefix=row[2], secret_hash=row[3],
        created_at=float(row[4]), expires_at=row[5], revoked_at=row[6], name=row[7] or "",
        meta=loads(row[8]) or {}, use=row[9] or "", use_description=row[10] or "",
    )


def request_row(traffic: dict[str, Any]) -> tuple[Any, ...]:
    """The spec's fields as typed columns, the rest as JSON in `extra`.

    A value that does not fit its column's type (e.g. `turn: "two"`) is stored as NULL there and
    kept verbatim in `extra`, which wins on read: one odd record never fails a batch of audit rows.
    """
    values: list[Any] = []
    extra = {k: v for k, v in traffic.items() if k not in _STORED}
    for name, coerce in _COLUMNS:
        value = traffic.get(name)
        if value is not None:
            try:
                value = coerce(value)
            except (TypeError, ValueError, OverflowError):
                extra[name] = value
                value = None
        if value is None and name == "ts":
            value = time.time()  # ts is NOT NULL: the time it was stored
        values.append(value)
    values.append(dumps(extra) if extra else None)
    return tuple(values)


def _integer(bound: int) -> Callable[[Any], int]:
    """The converter of an integer column holding values in [-bound, bound)."""

    def convert(value: Any) -> int:
        if type(value) is not int:  # the gateway's own records skip these checks; others take them
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            value = int(value)
        if not -bound <= value < bound:
            raise OverflowError(value)
        return value

    return convert


_as_int = _integer(_INT32)  # the narrowest of the int columns (turn, status)
_as_bigint = _integer(_INT64)  # data counts (v7): a firehose passes 2**31 bytes


def _as_bool(value: Any) -> bool:
    if not isinstance(value, (bool, int)):
        raise ValueError(value)
    return bool(value)


def _as_text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    if "\x00" in value:
        raise ValueError(value)  # PostgreSQL text cannot hold NUL; the JSON `extra` column can
    return value


_STORED = frozenset(STORED_REQUEST_FIELDS)
# Each stored field with the function that checks and converts its value, looked up once.
_COLUMNS: tuple[tuple[str, Callable[[Any], Any]], ...] = tuple(
    (name, float if name == "ts" else _as_bigint if name in _BIGINT_REQUEST_FIELDS
     else _as_int if name in INT_REQUEST_FIELDS
     else _as_bool if name in BOOL_REQUEST_FIELDS else _as_text)
    for name in STORED_REQUEST_FIELDS)


def request_from(row: Sequence[Any]) -> dict[str, Any]:
    record = dict(zip(STORED_REQUEST_FIELDS, row, strict=False))
    for name in BOOL_REQUEST_FIELDS:
        if record[name] is not None:
            record[name] = bool(record[name])
    optional = USAGE_FIELDS if record.get("kind") == "data" else (*USAGE_FIELDS, *DATA_FIELDS)
    for name in optional:  # a record from before v5 has no usage kinds, a model call's has no data fields
        if record.get(name) is None:
            record.pop(name, None)
    extra = loads(row[len(STORED_REQUEST_FIELDS)])
    if extra:
        record.update(extra)
    return record


def log_from(row: Sequence[Any]) -> LogEntry:
    return LogEntry(seq=int(row[0]), ts=float(row[1]), entry_id=row[2], payload=loads(row[3]),
                    prev_hash=row[4], hash=row[5])


def decision_entry(item: RecordBatchItem) -> tuple[str, float, dict[str, Any]] | None:
    """(entry_id, ts, payload) of an item's decision, or None when it carries no decision.

    The payload is normalised through JSON first, so the hash chained now is the hash a verifier
    recomputes from the stored text later.
    """
    if not item.decision:
        return None
    payload = orjson.loads(orjson.dumps(item.decision))
    entry_id = payload.get("decision_id") or item.traffic.get("decision_id")
    if not entry_id:
        raise ValueError("decision payload has no decision_id")
    return str(entry_id), _entry_ts(payload.get("ts"), item.traffic.get("ts")), payload


def _entry_ts(*candidates: Any) -> float:
    """The first usable time among the decision's and the request's, else now."""
    for ts in candidates:
        if isinstance(ts, (int, float)) and not isinstance(ts, bool):
            return float(ts)
    return time.time()


def chain(head: tuple[int, str] | None, entries: list[tuple[str, float, dict[str, Any]]]
          ) -> list[tuple[int, float, str, str, str, str]]:
    """Rows (seq, ts, entry_id, payload_json, prev_hash, hash) continuing the chain after `head`."""
    seq, prev = head if head else (0, GENESIS)
    rows = []
    for entry_id, ts, payload in entries:
        seq += 1
        digest = entry_hash(prev, seq, ts, entry_id, payload)
        rows.append((seq, ts, entry_id, dumps(payload), prev, digest))
        prev = digest
    return rows


def admin_entry(actor: str, action: str, target: str, details: dict[str, Any],
                entry_id: str, ts: float) -> tuple[str, float, dict[str, Any]]:
    payload = {"actor": actor, "action": action, "target": target, "details": details}
    return entry_id, ts, orjson.loads(orjson.dumps(payload))
