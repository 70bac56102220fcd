"""The context a policy condition sees: every variable, its type and what it means.

This is the contract between policy authors and the gateway. Conditions are checked against it at
load, so `acount.plan` or `account.plna` is a load error with file and line, never a request that
silently fails to match. Every field always has a value (the zero value of its type when the gateway
does not know it: "" for strings, 0 for numbers, false, []), so conditions need no `has()` guards.
`moat policy schema` prints this table; `moat.policy.variables` says how each field is filled.
"""

from __future__ import annotations

from dataclasses import dataclass

SCALARS = frozenset({"string", "int", "double", "bool", "timestamp"})
SCORE_NAMES: tuple[str, ...] = ("distillation", "scraping", "tier_abuse", "coordination", "competitor", "risk")


@dataclass(frozen=True, slots=True)
class Field:
    """`type` is a scalar, `list<T>`, `map<string, T>` or the name of an object in OBJECTS."""

    type: str
    doc: str


def _scores(scope: str) -> dict[str, Field]:
    return {name: Field("double", f"{scope} {name.replace('_', ' ')} score, 0..1 (0 until scored)")
            for name in SCORE_NAMES}


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
        "limits": Field("map<string, LimitState>", "state of named limits the gateway knows, by limit name"),
        "scores": Field("Scores", "detector scores of the account and of its cluster"),
        "usage": Field("Usage", "what a data API delivered to the account this month (docs/data-apis.md)"),
    },
    "Key": {
        "id": Field("string", "key id (never the secret)"),
        "name": Field("string", "the key's display name"),
        "age_days": Field("double", "days since the key was created"),
        "purpose": Field("string", "what the key was created for (e.g. safety_evaluation; \"\" when none)"),
        "use": Field("string", "the use category its owner declared (research, commercial, ...; \"\" when none)"),
        "use_description": Field("string", "the sentence its owner wrote to declare that use"),
    },
    "Account": {
        "id": Field("string", "account id"),
        "plan": Field("string", "free, pro, max (consumer plans), team, enterprise, api"),
        "credential": Field("string", "api_key or consumer_subscription"),
        "verified": Field("bool", "the account's email / identity is verified"),
        "age_days": Field("double", "days since signup"),
        "email_domain": Field("string", "lower-case domain of the signup email"),
        "status": Field("string", "active, suspended or blocked"),
        "country": Field("string", "ISO 3166 alpha-2 country"),
        "org_id": Field("string", "the organization the account declared"),
        "domain_org": Field("string", "the organization owning the email domain (\"\" for personal domains)"),
        "domain_restricted": Field("bool", "the email domain belongs to a restricted organization"),
    },
    "Org": {
        "id": Field("string", "organization id"),
        "name": Field("string", "display name"),
        "restricted": Field("bool", "restricted itself or owned >50% (transitively) by a restricted org"),
        "owners": Field("list<Owner>", "direct owners and their shares"),
    },
    "Owner": {
        "id": Field("string", "owning organization id"),
        "share": Field("double", "share held, 0..1"),
    },
    "Entity": {
        "org_id": Field("string", "resolved organization id"),
        "confidence": Field("double", "confidence of the resolution, 0..1"),
        "restricted": Field("bool", "the resolved organization is restricted (incl. subsidiaries)"),
        "evidence": Field("list<string>", "human-readable linking evidence"),
    },
    "Platform": {
        "name": Field("string", "platform name when relayed, else \"\""),
        "relayed": Field("bool", "the request came through a platform (channel = platform)"),
    },
    "EndUser": {
        "id": Field("string", "the platform's end-user id"),
        "org": Field("string", "the end user's organization id or email domain"),
        "trust": Field("string", "attribution trust: none, low (unsigned fields) or signed"),
        "restricted": Field("bool", "the end user's organization (or the owner of its domain) is restricted"),
    },
    "Request": {
        "model": Field("string", "model asked for"),
        "endpoint": Field("string", "e.g. /v1/chat/completions, /v1/messages"),
        "api": Field("string", "openai or anthropic"),
        "reasoning": Field("bool", "reasoning / thinking output was asked for"),
        "max_tokens": Field("int", "max output tokens asked for (0 when not given)"),
        "stream": Field("bool", "streaming response asked for"),
        "input_tokens": Field("int", "estimated input tokens"),
        "first_party": Field("bool", "sent by one of the provider's own clients"),
        "user_agent": Field("string", "the caller's User-Agent"),
        "client_ip": Field("string", "the caller's IP as seen by the gateway"),
        "turn": Field("int", "1 for the first user turn of a conversation"),
        "kind": Field("string", "model (a model API) or data (a data route, docs/data-apis.md)"),
        "path": Field("string", "the request's path, e.g. /2/tweets/search/stream"),
        "method": Field("string", "the HTTP method: GET, POST, ..."),
        "resource": Field("string", "what the data route's resource rule extracted (\"\" when none)"),
    },
    "Usage": {
        "items_this_month": Field("int", "items delivered to the account this month (UTC calendar month)"),
        "bytes_this_month": Field("int", "response bytes delivered to the account this month"),
        "resources_this_month": Field("int", "distinct resources the account touched this month"),
    },
    "Time": {
        "now": Field("timestamp", "arrival time"),
        "hour": Field("int", "hour of day, 0..23 (UTC)"),
        "weekday": Field("int", "day of week, 0 = Monday .. 6 = Sunday (UTC)"),
    },
    "LimitState": {
        "limit": Field("double", "the limit's capacity"),
        "remaining": Field("double", "capacity left now"),
    },
    "Scores": {**_scores("account"), "cluster": Field("ClusterScores", "scores of the account's cluster")},
    "ClusterScores": {"id": Field("string", "cluster id (\"\" when none)"), **_scores("cluster")},
}

ROOT = "Context"


def element_type(type_name: str) -> str | None:
    """`T` for `list<T>` and `map<string, T>` (the value type), else None."""
    if type_name.startswith("list<"):
        return type_name[5:-1]
    if type_name.startswith("map<"):
        return type_name[4:-1].split(",", 1)[1].strip()
    return None


def fields_of(type_name: str) -> dict[str, Field] | None:
    """The fields of an object type; None for scalars, lists and maps."""
    return OBJECTS.get(type_name)


def zero(type_name: str) -> object:
    """The value a field has when the gateway does not know it."""
    if type_name in OBJECTS:
        return {name: zero(f.type) for name, f in OBJECTS[type_name].items()}
    return {"string": "", "int": 0, "double": 0.0, "bool": False}.get(
        type_name, {} if type_name.startswith("map<") else [] if type_name.startswith("list<") else None)


def leaf_paths(type_name: str = ROOT, prefix: str = "") -> list[tuple[str, Field]]:
    """Every documented path (`account.plan`, `scores.cluster.risk`, ...) with its field, in order."""
    out: list[tuple[str, Field]] = []
    for name, f in OBJECTS[type_name].items():
        path = f"{prefix}{name}"
        out.append((path, f))
        if f.type in OBJECTS:
            out.extend(leaf_paths(f.type, path + "."))
        elem = element_type(f.type)
        if elem in OBJECTS:
            out.extend(leaf_paths(elem, path + "[]."))
    return out


def render() -> str:
    """The schema as text for `moat policy schema`."""
    rows = [(path, f.type, f.doc) for path, f in leaf_paths()]
    w1 = max(len(r[0]) for r in rows)
    w2 = max(len(r[1]) for r in rows)
    lines = ["Policy context (every field always present; unknown values are zero / empty)", ""]
    lines += [f"{p:<{w1}}  {t:<{w2}}  {d}" for p, t, d in rows]
    return "\n".join(lines)
