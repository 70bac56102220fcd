"""How much each kind of linking evidence weighs, and the guards against false links.

Kept apart from `linking` so that the numbers a provider may tune are read in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from moat.identity.linking_signup import HALF_LIFE_DAYS


@dataclass(frozen=True, slots=True)
class LinkingConfig:
    """Weights (0..1) of each kind of evidence and the guards. Defaults are tuned on the fixtures."""

    threshold: float = 0.5  # an account links to an organization at or above this confidence
    # account -> organization
    w_email_domain: float = 0.9
    w_email_subdomain: float = 0.85
    w_email_unverified: float = 0.6  # claimed, not verified: still links (claiming a rival's domain
    # only hurts the claimant), but any verified evidence outweighs it
    w_sso: float = 0.95
    w_payment: float = 0.9
    w_declared_org: float = 0.7
    w_declared_company: float = 0.4
    w_signup_ip: float = 0.55  # created from inside the org's network: links if the address is specific
    w_request_ip: float = 0.35  # calls from there: corroborates only
    ip_weight_cap: float = 0.75  # the address entry of corroborated evidence never weighs more
    address_only_cap: float = 0.45  # addresses with nothing else: a weak tie, never a link
    addresses_link_alone: bool = False  # only to measure what the guard is worth (tests)
    exclusive_group: int = 5  # one payer's few accounts (a small team, an operator's batch) count in full;
    # an identifier shared by more (a lab's grant card) passes on proportionally less
    ip_free_accounts: int = 4  # a listed range seen from this few accounts counts in full
    regular_days: int = 3  # requests from a range on this many days: the account is based there
    signup_half_life_days: float = HALF_LIFE_DAYS  # what dates from signup ages with the account
    max_ips_per_account: int = 32
    w_end_user_org: float = 0.8  # attested end-user org, dominant on a direct-channel account
    w_end_user_org_platform: float = 0.6  # same, on an account that relays for a platform
    end_user_min_requests: int = 1
    end_user_min_share: float = 0.8
    # account <-> account: weight per kind (payment, sso, device) and the size beyond which a
    # shared identifier is generic (0: no limit)
    link_weights: tuple[float, float, float] = (0.9, 0.9, 0.8)
    link_threshold: float = 0.5  # a shared identifier joins clusters at or above this weight
    max_group: tuple[int, int, int] = (200, 0, 25)
