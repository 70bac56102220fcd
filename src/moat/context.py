"""What flows along the spine: the request context each stage fills in, and the decision.

authenticate fills `key`, `account`, `org`; attribute fills `platform`/`end_user*`; resolve fills
`entity`; decide reads all of it (and notes `first_party` and the `inputs` it read) and returns a
`Decision`; the data relay fills the data fields before decide. Every field a stage writes is
declared here with its type (issue 14 item 2): `extra` is left for what no stage owns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from moat.identity.models import Account, ApiKey, Organization


@dataclass(slots=True)
class ResolvedEntity:
    """The organization really behind a call, as far as the evidence goes."""

    org_id: str | None = None
    confidence: float = 0.0
    restricted: bool = False
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class RequestContext:
    request_id: str
    started: float  # time.time() at arrival
    endpoint: str
    api: str  # "openai" | "anthropic"
    client_ip: str | None = None
    user_agent: str | None = None
    # authenticate
    key: ApiKey | None = None
    account: Account | None = None
    org: Organization | None = None
    # attribute
    channel: str = "direct"
    platform: str | None = None
    end_user_id: str | None = None
    end_user_org: str | None = None
    attribution_trust: str = "none"  # "none" | "low" (unsigned fields) | "signed"
    # resolve
    entity: ResolvedEntity = field(default_factory=ResolvedEntity)
    # the request itself
    model: str = ""
    stream: bool = False
    reasoning: bool = False
    max_tokens: int | None = None
    input_tokens_estimate: int = 0
    # of which no prompt cache can serve (no cache marker, too short to cache): the floor of what the
    # request costs (moat.limits.base.floor_units); 0 when unknown (all of it might be a cache read)
    input_tokens_uncacheable: int = 0
    system: str | None = None
    prompt: str = ""
    conversation_id: str | None = None
    turn: int = 1
    scores: dict[str, float] = field(default_factory=dict)
    # decide (moat.gateway.runtime.Runtime.decide)
    first_party: bool = False  # sent by one of the provider's own clients (settings.first_party_clients)
    inputs: dict[str, Any] | None = None  # what decide read, recorded with the call (moat.policy.inputs)
    # data routes (docs/data-apis.md), set by the data relay; a model call keeps these defaults
    kind: str = "model"  # "model" | "data"
    path: str | None = None  # the request's path (None: the endpoint's)
    method: str = "POST"
    resource: str = ""  # what the data route's resource rule extracted
    usage_this_month: tuple[int, int, int] = (0, 0, 0)  # items, bytes, distinct resources delivered
    # Values no stage declares: `cluster_id` (detect.online, until it gets a field of its own), `limits`,
    # and whatever a field added to moat.context_fields reads before it is typed here.
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def plan(self) -> str | None:
        return self.account.plan if self.account else None


@dataclass(slots=True)
class Decision:
    """The decide stage's answer. `effect` is what is enforced; shadow matches only get recorded."""

    decision_id: str
    effect: str = "allow"  # allow | deny | throttle | ...
    reason_code: str = "allowed"
    message: str = ""
    rules: list[str] = field(default_factory=list)  # ids of the rules that matched
    explanation: list[str] = field(default_factory=list)
    policy_revision: str = ""
    redact_reasoning: bool = False
    max_tokens_cap: int | None = None
    warnings: list[str] = field(default_factory=list)
    shadow: list[str] = field(default_factory=list)  # "rule_id:effect" that would have applied
    flag: bool = False
    retry_after: float | None = None
    status: int = 200
    # Added by the policy engine (issue 4): limit name -> key value for the limiter (see
    # moat.policy.engine.Engine.checks), and the models a `cap` rule allows (None: any).
    limits: dict[str, str] = field(default_factory=dict)
    allowed_models: list[str] | None = None

    @property
    def allowed(self) -> bool:
        return self.effect not in ("deny", "throttle_refused")

    @property
    def label(self) -> str:
        """The traffic-format `decision` field: `allow` or `deny:<reason_code>`."""
        return "allow" if self.allowed else f"{self.effect}:{self.reason_code}"
