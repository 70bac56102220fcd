"""The directory's records: organizations, accounts, API keys.

Frozen dataclasses: a replica caches them and shares them between requests without copying.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Plan = Literal["free", "pro", "max", "team", "enterprise", "api"]
PLANS: tuple[str, ...] = ("free", "pro", "max", "team", "enterprise", "api")
CONSUMER_PLANS: frozenset[str] = frozenset({"free", "pro", "max"})
Credential = Literal["api_key", "consumer_subscription"]
CREDENTIALS: tuple[str, ...] = ("api_key", "consumer_subscription")
AccountStatus = Literal["active", "suspended", "blocked"]


@dataclass(frozen=True, slots=True)
class Ownership:
    """`owner_id` holds `share` (0..1) of the owned organization."""

    owner_id: str
    share: float


@dataclass(frozen=True, slots=True)
class Organization:
    org_id: str
    name: str = ""
    domains: tuple[str, ...] = ()
    ip_ranges: tuple[str, ...] = ()
    payment_fingerprints: tuple[str, ...] = ()
    sso_tenants: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    restricted: bool = False
    owners: tuple[Ownership, ...] = ()
    created_at: float = 0.0
    # Set only by an enforcement action (moat.enforce), through `Store.set_org_blocked`: upserting
    # an organization never changes it, so re-running `moat orgs add` cannot lift a block.
    blocked: bool = False


@dataclass(frozen=True, slots=True)
class Account:
    account_id: str
    email: str = ""
    plan: str = "api"
    org_id: str | None = None
    credential: str = "api_key"
    verified: bool = False
    created_at: float = 0.0
    declared_company: str | None = None
    payment_fingerprint: str | None = None
    signup_ip: str | None = None
    sso_tenant: str | None = None
    country: str | None = None
    status: str = "active"

    @property
    def email_domain(self) -> str:
        return self.email.rpartition("@")[2].lower() if "@" in self.email else ""


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A key as stored: never the secret, only its SHA-256 and a lookup prefix."""

    key_id: str
    account_id: str
    prefix: str
    secret_hash: str
    created_at: float
    expires_at: float | None = None
    revoked_at: float | None = None
    name: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # The use its owner declared when it was issued (docs/data-apis.md, issue 15 item 5): a category
    # word (`research`, `commercial`, ...) and the owner's sentence; "" when none was declared.
    # Policies read them as `key.use` / `key.use_description`; detection compares them with what
    # the key is seen doing.
    use: str = ""
    use_description: str = ""
