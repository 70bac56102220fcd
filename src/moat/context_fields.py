"""The policy context's fields, declared once: name, CEL type, meaning and how the gateway fills it.

This is the contract between policy authors and the gateway (issue 14 item 4: the context was
described in four places). Everything else derives from it: `moat.policy.schema` documents it
(`moat policy schema`) and checks conditions against it at load, `moat.policy.variables` turns it
into the CEL variables and the hot path's getters, and `moat.limits.keys` builds the named limit
keys from its paths. A field added here is documented, readable by conditions and usable as a limit
key at once.

Every field always has a value (the zero value of its type when the gateway does not know it: ""
for strings, 0 for numbers, false, []), so conditions need no `has()` guards. A getter takes
`(ctx, directory)`: the directory answers restriction questions because subsidiaries (>50%
ownership, transitively) are the directory's computation, not the policy's. Objects have no getter
of their own (their value is the dict of their fields'); fields inside list or map elements are
documented only (their container's getter fills them).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from moat.context import RequestContext
    from moat.identity.models import Organization

_UTC = dt.UTC
SCORE_NAMES: tuple[str, ...] = ("distillation", "scraping", "tier_abuse", "coordination", "competitor", "risk")


class DirectoryView(Protocol):
    """What the engine asks the identity directory, per request, in O(1).

    `moat.identity.directory.Directory` is one. `org_for_domain` is optional: without it, domains
    (an account's email domain, a platform's end-user domain) are never matched to organizations.
    """

    def is_restricted(self, org_id: str) -> bool:
        """The organization is restricted itself or owned >50% (transitively) by a restricted one."""
        ...


Getter = Callable[["RequestContext", "DirectoryView | None"], Any]


@dataclass(frozen=True, slots=True)
class Field:
    """`type` is a scalar, `list<T>`, `map<string, T>` or the name of an object in OBJECTS."""

    type: str
    doc: str
    get: Getter | None = None


def domain_org(dv: DirectoryView | None, domain: str | None) -> str:
    """The organization owning a domain (or an email's domain), "" when none or unknown."""
    lookup = getattr(dv, "org_for_domain", None)
    if not domain or lookup is None or "." not in domain:
        return ""
    org: Organization | None = lookup(domain)
    return org.org_id if org is not None else ""


def restricted(dv: DirectoryView | None, org_id: str | None) -> bool:
    """An org id, or a domain that belongs to an org, that is (effectively) restricted."""
    if not org_id or dv is None:
        return False
    if dv.is_restricted(org_id):
        return True
    owner = domain_org(dv, org_id)
    return bool(owner) and dv.is_restricted(owner)


def _days(since: float, now: float) -> float:
    return max(0.0, (now - since) / 86400.0) if since else 0.0


def _scores(scope: str, prefix: str) -> dict[str, Field]:
    def score(name: str) -> Getter:
        return lambda c, d: float(c.scores.get(name, 0.0))

    return {name: Field("double", f"{scope} {name.replace('_', ' ')} score, 0..1 (0 until scored)",
                        score(prefix + name)) for name in SCORE_NAMES}


OBJECTS: dict[str, dict[str, Field]] = {
    "Context": {
        "key": Field("Key", "the API key the request authenticated with"),
        "account": Field("Account", "the key's account"),
        "org": Field("Org", "the organization the account belongs to (empty id when none)"),
        "entity": Field("Entity", "the organization really behind the call, as resolved by linking"),
        "platform": Field("Platform", "the third-party platform that relayed the request, if any"),
        "end_user": Field("EndUser", "the platform's end user, from its attribution"),
        "request": Field("Request", "the request itself"),
        "time": Field("Time", "when the request arrived (UTC)"),
        "limits": Field("map<string, LimitState>", "state of named limits the gateway knows, by limit name",
                        lambda c, d: c.extra.get("limits", {})),
        "scores": Field("Scores", "detector scores of the account and of its cluster"),
        "usage": Field("Usage", "what a data API delivered to the account this month (docs/data-apis.md)"),
    },
    "Key": {
        "id": Field("string", "key id (never the secret)", lambda c, d: c.key.key_id if c.key else ""),
        "name": Field("string", "the key's display name", lambda c, d: c.key.name if c.key else ""),
        "age_days": Field("double", "days since the key was created",
                          lambda c, d: _days(c.key.created_at, c.started) if c.key else 0.0),
        "purpose": Field("string", "what the key was created for (e.g. safety_evaluation; \"\" when none)",
                         lambda c, d: c.key.meta.get("purpose", "") if c.key else ""),
        "use": Field("string", "the use category its owner declared (research, commercial, ...; \"\" when none)",
                     lambda c, d: getattr(c.key, "use", "") or "" if c.key else ""),
        "use_description": Field("string", "the sentence its owner wrote to declare that use",
                                 lambda c, d: getattr(c.key, "use_description", "") or "" if c.key else ""),
    },
    "Account": {
        "id": Field("string", "account id", lambda c, d: c.account.account_id if c.account else ""),
        "plan": Field("string", "free, pro, max (consumer plans), team, enterprise, api",
                      lambda c, d: c.account.plan if c.account else ""),
        "credential": Field("string", "api_key or consumer_subscription",
                            lambda c, d: c.account.credential if c.account else ""),
        "verified": Field("bool", "the account's email / identity is verified",
                          lambda c, d: c.account.verified if c.account else False),
        "age_days": Field("double", "days since signup",
                          lambda c, d: _days(c.account.created_at, c.started) if c.account else 0.0),
        "email_domain": Field("string", "lower-case domain of the signup email",
                              lambda c, d: c.account.email_domain if c.account else ""),
        "status": Field("string", "active, suspended or blocked", lambda c, d: c.account.status if c.account else ""),
        "country": Field("string", "ISO 3166 alpha-2 country",
                         lambda c, d: (c.account.country or "") if c.account else ""),
        "org_id": Field("string", "the organization the account declared",
                        lambda c, d: (c.account.org_id or "") if c.account else ""),
        "domain_org": Field("string", "the organization owning the email domain (\"\" for personal domains)",
                            lambda c, d: domain_org(d, c.account.email_domain) if c.account else ""),
        "domain_restricted": Field("bool", "the email domain belongs to a restricted organization",
                                   lambda c, d: c.account is not None and restricted(
                                       d, domain_org(d, c.account.email_domain))),
    },
    "Org": {
        "id": Field("string", "organization id", lambda c, d: c.org.org_id if c.org else ""),
        "name": Field("string", "display name", lambda c, d: c.org.name if c.org else ""),
        "restricted": Field("bool", "restricted itself or owned >50% (transitively) by a restricted org",
                            lambda c, d: c.org is not None and (c.org.restricted or restricted(d, c.org.org_id))),
        "owners": Field("list<Owner>", "direct owners and their shares",
                        lambda c, d: [{"id": o.owner_id, "share": o.share} for o in c.org.owners] if c.org else []),
    },
    "Owner": {
        "id": Field("string", "owning organization id"),
        "share": Field("double", "share held, 0..1"),
    },
    "Entity": {
        "org_id": Field("string", "resolved organization id", lambda c, d: c.entity.org_id or ""),
        "confidence": Field("double", "confidence of the resolution, 0..1", lambda c, d: float(c.entity.confidence)),
        "restricted": Field("bool", "the resolved organization is restricted (incl. subsidiaries)",
                            lambda c, d: c.entity.restricted or restricted(d, c.entity.org_id)),
        "evidence": Field("list<string>", "human-readable linking evidence", lambda c, d: list(c.entity.evidence)),
    },
    "Platform": {
        "name": Field("string", "platform name when relayed, else \"\"", lambda c, d: c.platform or ""),
        "relayed": Field("bool", "the request came through a platform (channel = platform)",
                         lambda c, d: c.channel == "platform"),
    },
    "EndUser": {
        "id": Field("string", "the platform's end-user id", lambda c, d: c.end_user_id or ""),
        "org": Field("string", "the end user's organization id or email domain", lambda c, d: c.end_user_org or ""),
        "trust": Field("string", "attribution trust: none, low (unsigned fields) or signed",
                       lambda c, d: c.attribution_trust),
        "restricted": Field("bool", "the end user's organization (or the owner of its domain) is restricted",
                            lambda c, d: restricted(d, c.end_user_org)),
    },
    "Request": {
        "model": Field("string", "model asked for", lambda c, d: c.model),
        "endpoint": Field("string", "e.g. /v1/chat/completions, /v1/messages", lambda c, d: c.endpoint),
        "api": Field("string", "openai or anthropic", lambda c, d: c.api),
        "reasoning": Field("bool", "reasoning / thinking output was asked for", lambda c, d: c.reasoning),
        "max_tokens": Field("int", "max output tokens asked for (0 when not given)", lambda c, d: c.max_tokens or 0),
        "stream": Field("bool", "streaming response asked for", lambda c, d: c.stream),
        "input_tokens": Field("int", "estimated input tokens", lambda c, d: c.input_tokens_estimate),
        "first_party": Field("bool", "sent by one of the provider's own clients",
                             lambda c, d: c.first_party),
        "user_agent": Field("string", "the caller's User-Agent", lambda c, d: c.user_agent or ""),
        "client_ip": Field("string", "the caller's IP as seen by the gateway", lambda c, d: c.client_ip or ""),
        "turn": Field("int", "1 for the first user turn of a conversation", lambda c, d: c.turn),
        # Data APIs (docs/data-apis.md): set by the data relay; a model call reads these defaults.
        "kind": Field("string", "model (a model API) or data (a data route, docs/data-apis.md)",
                      lambda c, d: c.kind),
        "path": Field("string", "the request's path, e.g. /2/tweets/search/stream",
                      lambda c, d: c.endpoint if c.path is None else c.path),
        "method": Field("string", "the HTTP method: GET, POST, ...", lambda c, d: c.method),
        "resource": Field("string", "what the data route's resource rule extracted (\"\" when none)",
                          lambda c, d: c.resource),
    },
    "Usage": {
        "items_this_month": Field("int", "items delivered to the account this month (UTC calendar month)",
                                  lambda c, d: c.usage_this_month[0]),
        "bytes_this_month": Field("int", "response bytes delivered to the account this month",
                                  lambda c, d: c.usage_this_month[1]),
        "resources_this_month": Field("int", "distinct resources the account touched this month",
                                      lambda c, d: c.usage_this_month[2]),
    },
    "Time": {
        "now": Field("timestamp", "arrival time", lambda c, d: dt.datetime.fromtimestamp(c.started, _UTC)),
        "hour": Field("int", "hour of day, 0..23 (UTC)", lambda c, d: time.gmtime(c.started).tm_hour),
        "weekday": Field("int", "day of week, 0 = Monday .. 6 = Sunday (UTC)",
                         lambda c, d: time.gmtime(c.started).tm_wday),
    },
    "LimitState": {
        "limit": Field("double", "the limit's capacity"),
        "remaining": Field("double", "capacity left now"),
    },
    "Scores": {**_scores("account", ""), "cluster": Field("ClusterScores", "scores of the account's cluster")},
    "ClusterScores": {"id": Field("string", "cluster id (\"\" when none)",
                                  lambda c, d: str(c.extra.get("cluster_id") or "")),
                      **_scores("cluster", "cluster.")},
}

ROOT = "Context"


def field_at(path: str) -> Field:
    """The declared field of a flat path such as `scores.cluster.risk`; KeyError when undeclared."""
    type_name = ROOT
    found: Field | None = None
    for part in path.split("."):
        found = OBJECTS[type_name][part]
        type_name = found.type
    if found is None:
        raise KeyError(path)
    return found
