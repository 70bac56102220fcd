"""Directory operations: the one implementation behind `moat orgs|accounts|keys|entities` and the
admin HTTP API.

Each function validates its input (raising `BadRequest` with a message an operator can act on, or
`NotFound`), writes through the `Store` — which feeds the change log every replica follows — and
records what it did in the hash-chained admin log. Secrets never reach the admin log: a created
key's secret is returned once, to the caller, and nowhere else.
"""

from __future__ import annotations

import ipaddress
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from moat.errors import BadRequest, NotFound
from moat.identity import keys
from moat.identity.models import CREDENTIALS, PLANS, Account, ApiKey, Organization, Ownership
from moat.store.base import AdminAction, Store
from moat.traffic import ENTITIES_FILE, REQUIRED, BadLine, read_jsonl

STATUSES: tuple[str, ...] = ("active", "suspended", "blocked")
_IMPORT_BATCH = 1000  # organizations per transaction in an entities import
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}$")
_PURPOSE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")  # a key's purpose, as moat.enforce.exceptions spells it
_USE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")  # a declared use category: one lower-case word
MAX_USE_DESCRIPTION = 500
_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")


@dataclass(frozen=True, slots=True)
class CreatedKey:
    """A new key and its secret: the only object that ever carries the secret."""

    key: ApiKey
    secret: str

    def public(self) -> dict[str, Any]:
        return {"key": self.secret, "key_id": self.key.key_id, "account_id": self.key.account_id,
                "expires_at": iso(self.key.expires_at), "purpose": self.key.meta.get("purpose"),
                "use": self.key.use, "use_description": self.key.use_description}


@dataclass(slots=True)
class ImportReport:
    path: str
    imported: int = 0
    errors: list[str] = field(default_factory=list)


# ---- validation ----------------------------------------------------------------------------
def _check_id(value: str, what: str) -> str:
    value = (value or "").strip()
    if not _ID.match(value):
        raise BadRequest(f"invalid {what} {value!r}: use letters, digits and . _ : @ + - (at most 200)")
    return value


def _listed(values: Iterable[Any], what: str) -> Iterable[Any]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise BadRequest(f"{what} must be a list, not {values!r}")
    return values


def _domains(values: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for raw in _listed(values, "domains"):
        domain = str(raw).strip().rstrip(".").lower()
        if not _DOMAIN.match(domain):
            raise BadRequest(f"invalid domain {raw!r}: expected a name like example.com")
        if domain not in out:
            out.append(domain)
    return tuple(out)


def _cidrs(values: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for raw in _listed(values, "ip_ranges"):
        try:
            network = str(ipaddress.ip_network(str(raw).strip(), strict=False))
        except ValueError as exc:
            raise BadRequest(f"invalid CIDR {raw!r}: {exc}") from None
        if network not in out:
            out.append(network)
    return tuple(out)


def _strings(values: Iterable[Any], what: str) -> tuple[str, ...]:
    values = list(_listed(values, what))
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise BadRequest(f"{what} must be a list of non-empty strings")
    return tuple(dict.fromkeys(v.strip() for v in values))


def _share(value: Any) -> float:
    try:
        share = float(value)
    except (TypeError, ValueError):
        raise BadRequest(f"invalid share {value!r}: expected a number in (0, 1]") from None
    if not 0.0 < share <= 1.0:
        raise BadRequest(f"invalid share {value!r}: must be in (0, 1] (0.6 means 60%)")
    return share


def parse_expiry(value: str | float | None, *, now: float | None = None) -> float | None:
    """An ISO 8601 time (naive means UTC) or Unix seconds, which must lie in the future."""
    if value is None or value == "":
        return None
    now = time.time() if now is None else now
    if isinstance(value, (int, float)):
        at = float(value)
    else:
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise BadRequest(f"invalid expiry {value!r}: expected ISO 8601, e.g. 2026-12-31T23:59:59Z"
                             ) from None
        at = (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()
    if at <= now:
        raise BadRequest(f"expiry {iso(at)} is in the past")
    return at


def iso(ts: float | None) -> str | None:
    return None if ts is None else keys.format_ts(ts)


# ---- organizations -------------------------------------------------------------------------
def build_org(org_id: str, *, name: str = "", domains: Iterable[str] = (), ip_ranges: Iterable[str] = (),
              restricted: bool = False, owners: Iterable[tuple[str, Any]] = (),
              payment_fingerprints: Iterable[str] = (), sso_tenants: Iterable[str] = (),
              aliases: Iterable[str] = (), created_at: float | None = None) -> Organization:
    """A validated `Organization` (owners are checked for shape, not for existence)."""
    org_id = _check_id(org_id, "org id")
    if not isinstance(restricted, bool):
        raise BadRequest(f"restricted must be true or false, not {restricted!r}")
    ownership: dict[str, float] = {}
    for owner, share in owners:
        owner = _check_id(owner, "owner org id")
        if owner == org_id:
            raise BadRequest(f"org {org_id} cannot own itself")
        ownership[owner] = _share(share)
    if sum(ownership.values()) > 1.0 + 1e-9:
        raise BadRequest(f"owners of {org_id} hold more than 100% in total")
    name = str(name or "").strip()
    if not name.isprintable():
        raise BadRequest(f"invalid name {name!r}: control characters are not allowed")
    return Organization(
        org_id=org_id, name=name, domains=_domains(domains), ip_ranges=_cidrs(ip_ranges),
        payment_fingerprints=_strings(payment_fingerprints, "payment_fingerprints"),
        sso_tenants=_strings(sso_tenants, "sso_tenants"), aliases=_strings(aliases, "aliases"),
        restricted=restricted, owners=tuple(Ownership(o, s) for o, s in ownership.items()),
        created_at=time.time() if created_at is None else created_at,
    )


async def add_org(store: Store, *, actor: str, org_id: str, name: str = "", domains: Sequence[str] = (),
                  ip_ranges: Sequence[str] = (), restricted: bool | None = None, owner: str | None = None,
                  share: float | None = None, owners: Sequence[tuple[str, float]] = (),
                  payment_fingerprints: Sequence[str] = (), sso_tenants: Sequence[str] = (),
                  aliases: Sequence[str] = (), replace: bool = False) -> Organization:
    """Create an organization, or add to an existing one.

    On an existing organization the given domains, ranges, fingerprints, tenants and aliases are
    added to its own, a given owner's share is set, and `restricted=None` keeps its restriction:
    re-running `moat orgs add` never silently lifts a restriction. `replace=True` overwrites every
    attribute instead (keeping only the creation time). Ownership is `owner`+`share` or a list of
    `owners`; every owner must exist.
    """
    if (owner is None) != (share is None):
        raise BadRequest("an owner needs a share and a share needs an owner (e.g. --owner rival --share 0.6)")
    given = list(owners) + ([(owner, share)] if owner is not None and share is not None else [])
    existing = await store.get_org(org_id.strip())
    if existing is not None and not replace:
        kept = {o.owner_id: o.share for o in existing.owners}
        kept.update({str(o).strip(): s for o, s in given})
        org = build_org(
            org_id, name=name or existing.name, domains=[*existing.domains, *domains],
            ip_ranges=[*existing.ip_ranges, *ip_ranges],
            restricted=existing.restricted if restricted is None else restricted, owners=kept.items(),
            payment_fingerprints=[*existing.payment_fingerprints, *payment_fingerprints],
            sso_tenants=[*existing.sso_tenants, *sso_tenants], aliases=[*existing.aliases, *aliases],
            created_at=existing.created_at)
    else:
        org = build_org(org_id, name=name, domains=domains, ip_ranges=ip_ranges, restricted=bool(restricted),
                        owners=given, payment_fingerprints=payment_fingerprints, sso_tenants=sso_tenants,
                        aliases=aliases, created_at=existing.created_at if existing else None)
    for ownership in org.owners:
        if await store.get_org(ownership.owner_id) is None:
            raise BadRequest(f"unknown owner org {ownership.owner_id!r}: add it first")
    await store.upsert_org(org)
    await store.append_admin(AdminAction(actor, "orgs.update" if existing else "orgs.add", org.org_id,
                                         org_summary(org)))
    return org


async def get_org(store: Store, org_id: str) -> Organization:
    org = await store.get_org(org_id)
    if org is None:
        raise NotFound(f"unknown org {org_id!r}")
    return org


def org_summary(org: Organization) -> dict[str, Any]:
    return {
        "org_id": org.org_id, "name": org.name, "restricted": org.restricted, "domains": list(org.domains),
        "ip_ranges": list(org.ip_ranges), "payment_fingerprints": list(org.payment_fingerprints),
        "sso_tenants": list(org.sso_tenants), "aliases": list(org.aliases),
        "owners": [{"owner_id": o.owner_id, "share": o.share} for o in org.owners],
        "created_at": iso(org.created_at),
    }


# ---- accounts ------------------------------------------------------------------------------
async def add_account(store: Store, *, actor: str, account_id: str, email: str, plan: str,
                      org_id: str | None = None, credential: str | None = None, verified: bool | None = None,
                      declared_company: str | None = None, payment_fingerprint: str | None = None,
                      signup_ip: str | None = None, sso_tenant: str | None = None,
                      country: str | None = None) -> Account:
    """Create an account, or update one: email and plan are set, any other field left as None keeps
    its current value (a new account gets credential `api_key`, unverified), and its creation time
    and status never change here (see `set_account_status`)."""
    account_id = _check_id(account_id, "account id")
    email = (email or "").strip()
    local, _, domain = email.rpartition("@")
    if not local or not _DOMAIN.match(domain.lower()):
        raise BadRequest(f"invalid email {email!r}")
    if plan not in PLANS:
        raise BadRequest(f"unknown plan {plan!r}: expected one of {', '.join(PLANS)}")
    if credential is not None and credential not in CREDENTIALS:
        raise BadRequest(f"unknown credential {credential!r}: expected one of {', '.join(CREDENTIALS)}")
    if org_id is not None and await store.get_org(org_id) is None:
        raise BadRequest(f"unknown org {org_id!r}: add it first with `moat orgs add {org_id}`")
    if signup_ip is not None:
        try:
            signup_ip = str(ipaddress.ip_address(signup_ip.strip()))
        except ValueError:
            raise BadRequest(f"invalid signup IP {signup_ip!r}") from None
    existing = await store.get_account(account_id)
    old = existing or Account(account_id, created_at=time.time())

    def pick(value: Any, current: Any) -> Any:
        return current if value is None else value

    account = Account(
        account_id=account_id, email=email, plan=plan, org_id=pick(org_id, old.org_id),
        credential=pick(credential, old.credential), verified=bool(pick(verified, old.verified)),
        created_at=old.created_at, declared_company=pick(declared_company, old.declared_company),
        payment_fingerprint=pick(payment_fingerprint, old.payment_fingerprint),
        signup_ip=pick(signup_ip, old.signup_ip), sso_tenant=pick(sso_tenant, old.sso_tenant),
        country=country.upper() if country else old.country, status=old.status,
    )
    await store.upsert_account(account)
    action = "accounts.update" if existing else "accounts.add"
    await store.append_admin(AdminAction(actor, action, account_id, account_summary(account)))
    return account


async def set_account_status(store: Store, *, actor: str, account_id: str, status: str,
                             reason: str = "") -> Account:
    """Suspend, block or reactivate an account; every replica's directory follows within a second."""
    if status not in STATUSES:
        raise BadRequest(f"unknown status {status!r}: expected one of {', '.join(STATUSES)}")
    account = await get_account(store, account_id)
    updated = replace(account, status=status)
    await store.upsert_account(updated)
    await store.append_admin(AdminAction(actor, "accounts.status", account_id,
                                         {"from": account.status, "to": status, "reason": reason}))
    return updated


async def get_account(store: Store, account_id: str) -> Account:
    account = await store.get_account(account_id)
    if account is None:
        raise NotFound(f"unknown account {account_id!r}")
    return account


def account_summary(account: Account) -> dict[str, Any]:
    return {
        "account_id": account.account_id, "email": account.email, "plan": account.plan,
        "org_id": account.org_id, "credential": account.credential, "verified": account.verified,
        "status": account.status, "created_at": iso(account.created_at),
        "declared_company": account.declared_company, "payment_fingerprint": account.payment_fingerprint,
        "signup_ip": account.signup_ip, "sso_tenant": account.sso_tenant, "country": account.country,
    }


# ---- keys ----------------------------------------------------------------------------------
async def _key_account(store: Store, account_id: str) -> Account:
    account = await store.get_account(account_id)
    if account is None:
        raise BadRequest(f"unknown account {account_id!r}: add it first with `moat accounts add`")
    return account


def check_declared_use(use: str, description: str, *, names: tuple[str, str] = ("use", "use_description")
                       ) -> tuple[str, str]:
    """A key's declared use (docs/data-apis.md) as stored, or BadRequest saying what is wrong.

    The category is one lower-case word because policies compare it (`key.use == "research"`);
    the description is the owner's own sentence, kept as written (trimmed, one line, bounded).
    `names`: what the caller calls the two fields (the admin API's body fields by default, the
    CLI's options from the CLI), so an error names the one to fix; it is also the error's `param`."""
    use_name, description_name = names
    use, description = use.strip(), " ".join(description.split())
    if use and not _USE.match(use):
        raise _invalid(f"invalid {use_name} {use!r}: expected one lower-case word (letters, digits, - or _, "
                       "at most 40) such as research, commercial or internal", "invalid_use", use_name)
    if len(description) > MAX_USE_DESCRIPTION:
        raise _invalid(f"{description_name} too long: {len(description)} characters, at most "
                       f"{MAX_USE_DESCRIPTION}", "invalid_use_description", description_name)
    if description and not use:
        raise _invalid(f"a use description ({description_name}) needs a use category ({use_name})",
                       "invalid_use_description", use_name)
    return use, description


def _invalid(message: str, code: str, param: str) -> BadRequest:
    error = BadRequest(message, code=code)
    error.param = param
    return error


async def create_key(store: Store, *, actor: str, account_id: str, expires: str | float | None = None,
                     name: str = "", purpose: str | None = None, use: str = "",
                     use_description: str = "", use_names: tuple[str, str] = ("use", "use_description")
                     ) -> CreatedKey:
    """A new `moat_sk_` key; the returned `CreatedKey.secret` is shown once and never stored.
    `purpose`: a lower-case word the key carries for good (see `keys.new_key`); `use` and
    `use_description`: the use its owner declared (`check_declared_use`, errors naming `use_names`)."""
    if purpose is not None and purpose != "" and not _PURPOSE.match(purpose):
        raise BadRequest(f"invalid purpose {purpose!r}: expected a lower-case word such as safety_evaluation")
    use, use_description = check_declared_use(use, use_description, names=use_names)
    await _key_account(store, account_id)
    key, secret = keys.new_key(account_id, expires_at=parse_expiry(expires), name=name, purpose=purpose or None,
                               use=use, use_description=use_description)
    await store.insert_key(key)
    await store.append_admin(AdminAction(actor, "keys.create", key.key_id, key_summary(key)))
    return CreatedKey(key, secret)


async def import_key(store: Store, *, actor: str, account_id: str, secret: str,
                     expires: str | float | None = None, name: str = "", use: str = "",
                     use_description: str = "", use_names: tuple[str, str] = ("use", "use_description")
                     ) -> ApiKey:
    """Register an existing secret (any format, at least 8 characters) for an account."""
    use, use_description = check_declared_use(use, use_description, names=use_names)
    await _key_account(store, account_id)
    try:
        key = keys.imported_key(account_id, secret, expires_at=parse_expiry(expires), name=name, use=use,
                                use_description=use_description)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    try:
        await store.insert_key(key)
    except ValueError:
        raise BadRequest("this secret is already registered as an API key") from None
    await store.append_admin(AdminAction(actor, "keys.import", key.key_id, key_summary(key)))
    return key


async def revoke_key(store: Store, *, actor: str, key_id: str) -> ApiKey:
    """Revoke a key (idempotent: revoking twice keeps the first time)."""
    if not await store.revoke_key(key_id, time.time()):
        raise NotFound(f"unknown API key {key_id!r}")
    key = await store.get_key(key_id)
    assert key is not None
    await store.append_admin(AdminAction(actor, "keys.revoke", key_id, {"account_id": key.account_id}))
    return key


async def list_keys(store: Store, account_id: str | None = None) -> list[ApiKey]:
    if account_id is not None:
        await get_account(store, account_id)
    return await store.list_keys(account_id)


def key_status(key: ApiKey, now: float | None = None) -> str:
    now = time.time() if now is None else now
    if key.revoked_at is not None and key.revoked_at <= now:
        return "revoked"
    if key.expires_at is not None and key.expires_at <= now:
        return "expired"
    return "active"


def key_hint(key: ApiKey) -> str:
    """Enough of the prefix to tell keys apart, little enough to leak nothing of a short secret."""
    shown = 12 if key.prefix.startswith(keys.SECRET_PREFIX) else 6
    return key.prefix[:shown] + "…"


def key_summary(key: ApiKey) -> dict[str, Any]:
    """A key for display and the admin log: never the secret nor its hash; a short hint only."""
    return {
        "key_id": key.key_id, "account_id": key.account_id, "hint": key_hint(key),
        "status": key_status(key), "created_at": iso(key.created_at), "expires_at": iso(key.expires_at),
        "revoked_at": iso(key.revoked_at), "name": key.name, "source": key.meta.get("source", "moat"),
        "purpose": key.meta.get("purpose"), "use": key.use, "use_description": key.use_description,
    }


# ---- entities ------------------------------------------------------------------------------
async def import_entities(store: Store, *, actor: str, path: str | Path) -> ImportReport:
    """Upsert the organizations of an entities.jsonl file (or a dataset directory holding one).

    Bad lines are reported as `file:line: reason` and skipped; the rest is imported. Besides the
    traffic spec's fields, optional `aliases` and `owners` ([{"owner_id", "share"}]) are read.
    """
    file = Path(path)
    if file.is_dir():
        file = file / ENTITIES_FILE
    if not file.is_file():
        raise BadRequest(f"no such file: {file}")
    report = ImportReport(str(file))
    bad: set[int] = set()

    def on_error(line: BadLine) -> None:
        bad.add(line.line)
        report.errors.append(str(line))

    # The shared reader skips blank and bad lines; knowing which lines are non-blank recovers the
    # line number of each object it yields, so validation errors point at file:line too.
    with file.open("rb") as f:
        lines = [n for n, raw in enumerate(f, 1) if raw.strip()]
    existing = {o.org_id: o for o in await store.list_orgs()}
    pending: dict[str, Organization] = {}  # by id: a later line for the same org wins
    position = 0
    for entity in read_jsonl(file, REQUIRED[ENTITIES_FILE], on_error):
        while lines[position] in bad:
            position += 1
        lineno = lines[position]
        position += 1
        try:
            org = _entity_org(entity, existing.get(str(entity["org_id"]).strip()))
        except BadRequest as exc:
            report.errors.append(str(BadLine(str(file), lineno, exc.message)))
            continue
        pending[org.org_id] = org
        report.imported += 1
        if len(pending) >= _IMPORT_BATCH:
            await store.upsert_orgs(list(pending.values()))
            pending.clear()
    await store.upsert_orgs(list(pending.values()))
    await store.append_admin(AdminAction(actor, "entities.import", str(file),
                                         {"imported": report.imported, "errors": len(report.errors)}))
    return report


def _entity_org(entity: dict[str, Any], existing: Organization | None) -> Organization:
    owners = []
    for item in _listed(entity.get("owners") or (), "owners"):
        if not isinstance(item, dict):
            raise BadRequest("owners must be a list of {\"owner_id\": ..., \"share\": ...}")
        owners.append((str(item.get("owner_id") or item.get("org_id") or ""), item.get("share")))
    return build_org(
        str(entity["org_id"]), name=entity.get("name") or "", domains=entity.get("domains") or (),
        ip_ranges=entity.get("ip_ranges") or (), restricted=entity.get("restricted") or False,
        owners=owners, payment_fingerprints=entity.get("payment_fingerprints") or (),
        sso_tenants=entity.get("sso_tenants") or (), aliases=entity.get("aliases") or (),
        created_at=existing.created_at if existing else None,
    )
