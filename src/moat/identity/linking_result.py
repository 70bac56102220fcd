"""What linking produces: per-account links to organizations and clusters of linked accounts.

Plain dataclasses, shared by `moat link`, the detectors (`competitor` score, `linked_org`) and the
resolve stage (`Resolver.set_link`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

PAYMENT, SSO, DEVICE = 0, 1, 2
KIND_NAMES = ("payment instrument", "SSO tenant", "device fingerprint")
KIND_KEYS = ("payment", "sso", "device")


@dataclass(slots=True)
class AccountLink:
    """An account's organization as far as the evidence goes (org_id None below the threshold)."""

    account_id: str
    org_id: str | None
    confidence: float
    restricted: bool
    evidence: list[str]
    cluster_id: str | None = None
    candidate_org: str | None = None  # best-supported organization, even below the threshold
    restricted_score: float = 0.0  # strongest confidence toward any restricted org (detectors)


@dataclass(slots=True)
class ClusterLink:
    """One shared identifier tying accounts together."""

    kind: str  # "payment" | "sso" | "device"
    value: str
    account_ids: list[str]
    weight: float

    @property
    def evidence(self) -> str:
        return f"{len(self.account_ids)} accounts share {KIND_NAMES[KIND_KEYS.index(self.kind)]} {self.value}"


@dataclass(slots=True)
class Cluster:
    cluster_id: str
    account_ids: list[str]
    links: list[ClusterLink]
    org_id: str | None = None
    restricted: bool = False


@dataclass
class LinkResult:
    accounts: dict[str, AccountLink] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)

    def linked(self) -> Iterator[AccountLink]:
        """Accounts linked to an organization."""
        return (a for a in self.accounts.values() if a.org_id is not None)


def noisy_or(weights: Iterable[float]) -> float:
    """Combined confidence of independent pieces of evidence."""
    miss = 1.0
    for w in weights:
        miss *= 1.0 - w
    return 1.0 - miss
