"""How each schema field is filled: from the gateway's RequestContext, or from a plain JSON context.

The hot path calls one getter per flat variable that its candidate rules read (nothing else is
computed). Getters take `(ctx, directory)`; the directory answers restriction questions because
subsidiaries (>50% ownership, transitively) are the directory's computation, not the policy's.
`from_values` serves `moat policy test` / `explain`, where a context is written as nested JSON in
the schema's shape and missing fields are zero.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from moat.context import RequestContext
from moat.identity.models import Organization
from moat.policy import schema


class DirectoryView(Protocol):
    """What the engine asks the identity directory, per request, in O(1).

    `moat.identity.directory.Directory` is one. `org_for_domain` is optional: without it, domains
    (an account's email domain, a platform's end-user domain) are never matched to organizations.
    """

    def is_restricted(self, org_id: str) -> bool:
        """The organization is restricted itself or owned >50% (transitively) by a restricted one."""
        ...


Getter = Callable[[RequestContext, "DirectoryView | None"], Any]
_NO_USAGE = (0, 0, 0)
_UTC = dt.UTC


def _domain_org(dv: DirectoryView | None, domain: str | None) -> str:
    """The organization owning a domain (or an email's domain), "" when none or unknown."""
    lookup = getattr(dv, "org_for_domain", None)
    if not domain or lookup is None or "." not in domain:
        return ""
    org: Organization | None = lookup(domain)
    return org.org_id if org is not None else ""


def _restricted(dv: DirectoryView | None, org_id: str | None) -> bool:
    """An org id, or a domain that belongs to an org, that is (effectively) restricted."""
    if not org_id or dv is None:
        return False
    if dv.is_restricted(org_id):
        return True
    owner = _domain_org(dv, org_id)
    return bool(owner) and dv.is_restricted(owner)


def _days(since: float, now: float) -> float:
    return max(0.0, (now - since) / 86400.0) if since else 0.0


def _score(name: str) -> Getter:
    return lambda c, d: float(c.scores.get(name, 0.0))


LEAF_GETTERS: dict[str, Getter] = {
    "key.id": lambda c, d: c.key.key_id if c.key else "",
    "key.name": lambda c, d: c.key.name if c.key else "",
    "key.purpose": lambda c, d: c.key.meta.get("purpose", "") if c.key else "",
    "key.age_days": lambda c, d: _days(c.key.created_at, c.started) if c.key else 0.0,
    "account.id": lambda c, d: c.account.account_id if c.account else "",
    "account.plan": lambda c, d: c.account.plan if c.account else "",
    "account.credential": lambda c, d: c.account.credential if c.account else "",
    "account.verified": lambda c, d: c.account.verified if c.account else False,
    "account.age_days": lambda c, d: _days(c.account.created_at, c.started) if c.account else 0.0,
    "account.email_domain": lambda c, d: c.account.email_domain if c.account else "",
    "account.status": lambda c, d: c.account.status if c.account else "",
    "account.country": lambda c, d: (c.account.country or "") if c.account else "",
    "account.org_id": lambda c, d: (c.account.org_id or "") if c.account else "",
    "account.domain_org": lambda c, d: _domain_org(d, c.account.email_domain) if c.account else "",
    "account.domain_restricted": lambda c, d: c.account is not None and _restricted(
        d, _domain_org(d, c.account.email_domain)),
    "org.id": lambda c, d: c.org.org_id if c.org else "",
    "org.name": lambda c, d: c.org.name if c.org else "",
    "org.restricted": lambda c, d: c.org is not None and (c.org.restricted or _restricted(d, c.org.org_id)),
    "org.owners": lambda c, d: [{"id": o.owner_id, "share": o.share} for o in c.org.owners] if c.org else [],
    "entity.org_id": lambda c, d: c.entity.org_id or "",
    "entity.confidence": lambda c, d: float(c.entity.confidence),
    "entity.restricted": lambda c, d: c.entity.restricted or _restricted(d, c.entity.org_id),
    "entity.evidence": lambda c, d: list(c.entity.evidence),
    "platform.name": lambda c, d: c.platform or "",
    "platform.relayed": lambda c, d: c.channel == "platform",
    "end_user.id": lambda c, d: c.end_user_id or "",
    "end_user.org": lambda c, d: c.end_user_org or "",
    "end_user.trust": lambda c, d: c.attribution_trust,
    "end_user.restricted": lambda c, d: _restricted(d, c.end_user_org),
    "request.model": lambda c, d: c.model,
    "request.endpoint": lambda c, d: c.endpoint,
    "request.api": lambda c, d: c.api,
    "request.reasoning": lambda c, d: c.reasoning,
    "request.max_tokens": lambda c, d: c.max_tokens or 0,
    "request.stream": lambda c, d: c.stream,
    "request.input_tokens": lambda c, d: c.input_tokens_estimate,
    "request.first_party": lambda c, d: bool(c.extra.get("first_party", False)),
    "request.user_agent": lambda c, d: c.user_agent or "",
    "request.client_ip": lambda c, d: c.client_ip or "",
    "request.turn": lambda c, d: c.turn,
    # Data APIs (docs/data-apis.md): set by moat.gateway.data_api; a model call reads the zero values.
    "request.kind": lambda c, d: c.extra.get("kind", "model"),
    "request.path": lambda c, d: c.extra.get("path", c.endpoint),
    "request.method": lambda c, d: c.extra.get("method", "POST"),
    "request.resource": lambda c, d: c.extra.get("resource", ""),
    "key.use": lambda c, d: getattr(c.key, "use", "") or "" if c.key else "",
    "key.use_description": lambda c, d: getattr(c.key, "use_description", "") or "" if c.key else "",
    "usage.items_this_month": lambda c, d: c.extra.get("usage", _NO_USAGE)[0],
    "usage.bytes_this_month": lambda c, d: c.extra.get("usage", _NO_USAGE)[1],
    "usage.resources_this_month": lambda c, d: c.extra.get("usage", _NO_USAGE)[2],
    "time.now": lambda c, d: dt.datetime.fromtimestamp(c.started, _UTC),
    "time.hour": lambda c, d: time.gmtime(c.started).tm_hour,
    "time.weekday": lambda c, d: time.gmtime(c.started).tm_wday,
    "limits": lambda c, d: c.extra.get("limits", {}),
    "scores.cluster.id": lambda c, d: str(c.extra.get("cluster_id") or ""),
    **{f"scores.{n}": _score(n) for n in schema.SCORE_NAMES},
    **{f"scores.cluster.{n}": _score(f"cluster.{n}") for n in schema.SCORE_NAMES},
}


def _object_getter(path: str, type_name: str) -> Getter:
    """A getter for a whole object (`account`, `scores.cluster`): a dict of its fields' getters."""
    parts = [(name, getter_for(f"{path}.{name}")) for name, f in schema.OBJECTS[type_name].items()]
    return lambda c, d: {name: g(c, d) for name, g in parts}


def field_type(path: str) -> str:
    """The schema type of a flat path such as `scores.cluster.risk`."""
    type_name = schema.ROOT
    for part in path.split("."):
        type_name = schema.OBJECTS[type_name][part].type
    return type_name


def getter_for(path: str) -> Getter:
    """The getter of any flat path the analysis can produce."""
    leaf = LEAF_GETTERS.get(path)
    if leaf is not None:
        return leaf
    type_name = field_type(path)
    if type_name in schema.OBJECTS:
        return _object_getter(path, type_name)
    raise KeyError(f"no getter for context path {path!r}")


def _to_time(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=_UTC)
    if isinstance(value, (int, float)):
        return dt.datetime.fromtimestamp(value, _UTC)
    return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def from_values(values: Mapping[str, Any], path: str) -> Any:
    """A flat path's value from a nested JSON context; absent fields are their type's zero."""
    type_name = field_type(path)
    node: Any = values
    for part in path.split("."):
        node = node.get(part) if isinstance(node, Mapping) else None
        if node is None:
            break
    if node is None:
        if path == "time.now":
            return dt.datetime.fromtimestamp(0, _UTC)
        return schema.zero(type_name)
    if type_name == "timestamp":
        return _to_time(node)
    if type_name == "double":
        return float(node)
    if type_name in schema.OBJECTS:
        return {name: from_values(values, f"{path}.{name}") for name in schema.OBJECTS[type_name]}
    return node
