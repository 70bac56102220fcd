"""The directory snapshot: what a replica serves from when it starts while the database is down.

Every replica keeps, in its home directory, the whole directory it last loaded: organizations,
accounts (with their plans and statuses), API keys *as stored* (prefix and SHA-256 of the secret,
never a secret) and the active enforcement restrictions. `Runtime` rewrites it in the background
whenever the directory changed (at most every `database.snapshot_interval` seconds) and once more
at a graceful stop.

The file is JSON with a `format` name and a `version`; a file of another format or version, one
that cannot be parsed, or one older than `database.snapshot_max_age` is refused with a reason
(`SnapshotError`), never half-read. Writes are atomic: a temporary file in the same directory,
fsynced, renamed over the old one, then the directory fsynced, so a crash leaves either the old
snapshot or the new one.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from moat.identity.models import Account, ApiKey, Organization, Ownership
from moat.store.base import Store

FORMAT = "moat-directory-snapshot"
VERSION = 1
FILE_NAME = "directory-snapshot.json"
_PAGE = 5000

RestrictionRow = tuple[str, str, str, dict[str, Any]]  # action id, subject kind, subject id, data


class SnapshotError(Exception):
    """The snapshot cannot be used; the message says why, in one line."""


@dataclass
class DirectorySnapshot:
    written_at: float
    seq: int  # the directory change-feed position it was taken at
    orgs: list[Organization]
    accounts: list[Account]
    keys: list[ApiKey]
    restrictions: list[RestrictionRow] = field(default_factory=list)

    def age(self, now: float | None = None) -> float:
        return max(0.0, (time.time() if now is None else now) - self.written_at)


def snapshot_path(home: str | Path) -> Path:
    return Path(home) / FILE_NAME


async def take(store: Store, restrictions: Sequence[RestrictionRow] = ()) -> DirectorySnapshot:
    """Read the whole directory from the store: the change-feed position first, so nothing slips;
    then keys, accounts, organizations, each before what it refers to, so a key never names an
    account the snapshot lacks."""
    seq = await store.last_change()
    keys = await store.list_keys()
    accounts: list[Account] = []
    while True:
        page = await store.list_accounts(limit=_PAGE, offset=len(accounts))
        accounts.extend(page)
        if len(page) < _PAGE:
            break
    orgs = await store.list_orgs()
    return DirectorySnapshot(time.time(), seq, orgs, accounts, keys, list(restrictions))


# ---- the file ------------------------------------------------------------------------------
def _org(o: Organization) -> dict[str, Any]:
    return {"org_id": o.org_id, "name": o.name, "domains": o.domains, "ip_ranges": o.ip_ranges,
            "payment_fingerprints": o.payment_fingerprints, "sso_tenants": o.sso_tenants, "aliases": o.aliases,
            "restricted": o.restricted, "owners": [[s.owner_id, s.share] for s in o.owners],
            "created_at": o.created_at, "blocked": o.blocked}


def _org_from(d: dict[str, Any]) -> Organization:
    return Organization(
        d["org_id"], name=d["name"], domains=tuple(d["domains"]), ip_ranges=tuple(d["ip_ranges"]),
        payment_fingerprints=tuple(d["payment_fingerprints"]), sso_tenants=tuple(d["sso_tenants"]),
        aliases=tuple(d["aliases"]), restricted=bool(d["restricted"]),
        owners=tuple(Ownership(str(owner), float(share)) for owner, share in d["owners"]),
        created_at=float(d["created_at"]), blocked=bool(d["blocked"]))


_ACCOUNT_FIELDS = ("account_id", "email", "plan", "org_id", "credential", "verified", "created_at",
                   "declared_company", "payment_fingerprint", "signup_ip", "sso_tenant", "country", "status")
# Never the secret: the store holds only its prefix and SHA-256, and so does the snapshot.
_KEY_FIELDS = ("key_id", "account_id", "prefix", "secret_hash", "created_at", "expires_at", "revoked_at",
               "name", "meta")
# Added later (a key's declared use, docs/data-apis.md): a snapshot written before them reads as "".
_KEY_OPTIONAL = ("use", "use_description")


def encode(snapshot: DirectorySnapshot) -> bytes:
    return orjson.dumps({
        "format": FORMAT, "version": VERSION, "written_at": snapshot.written_at, "seq": snapshot.seq,
        "orgs": [_org(o) for o in snapshot.orgs],
        "accounts": [{f: getattr(a, f) for f in _ACCOUNT_FIELDS} for a in snapshot.accounts],
        "keys": [{f: getattr(k, f) for f in (*_KEY_FIELDS, *_KEY_OPTIONAL)} for k in snapshot.keys],
        "restrictions": [list(r) for r in snapshot.restrictions],
    })


def decode(data: bytes) -> DirectorySnapshot:
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise SnapshotError(f"not valid JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SnapshotError(f"not a {FORMAT} file")
    if doc.get("version") != VERSION:
        raise SnapshotError(f"format version {doc.get('version')!r}, this Moat reads version {VERSION}")
    try:
        return DirectorySnapshot(
            written_at=float(doc["written_at"]), seq=int(doc["seq"]),
            orgs=[_org_from(o) for o in doc["orgs"]],
            accounts=[Account(**{f: a[f] for f in _ACCOUNT_FIELDS}) for a in doc["accounts"]],
            keys=[ApiKey(**{f: k[f] for f in _KEY_FIELDS},
                         **{f: str(k.get(f) or "") for f in _KEY_OPTIONAL})  # type: ignore[arg-type]
                  for k in doc["keys"]],
            restrictions=[(str(a), str(kind), str(ident), dict(data))
                          for a, kind, ident, data in doc["restrictions"]])
    except (KeyError, TypeError, ValueError) as exc:
        raise SnapshotError(f"malformed ({type(exc).__name__}: {exc})") from None


def write(path: Path, snapshot: DirectorySnapshot) -> None:
    """Replace the snapshot at `path` atomically (see the module docstring)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    data = encode(snapshot)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def read(path: Path, *, max_age: float, now: float | None = None) -> DirectorySnapshot:
    """The snapshot at `path`; SnapshotError when missing, unreadable, of another format or version,
    or older than `max_age` seconds (0: any age)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SnapshotError(f"no directory snapshot at {path}") from None
    except OSError as exc:
        raise SnapshotError(f"cannot read the directory snapshot at {path}: {exc.strerror or exc}") from None
    try:
        snapshot = decode(data)
    except SnapshotError as exc:
        raise SnapshotError(f"the directory snapshot at {path} is refused: {exc}") from None
    age = snapshot.age(now)
    if max_age > 0 and age > max_age:
        raise SnapshotError(f"the directory snapshot at {path} is {age:.0f} s old, more than "
                            f"database.snapshot_max_age ({max_age:.0f} s)")
    return snapshot
