"""Named limits declared in a bundle, turned into the limiter's `LimitSpec`s.

    limits:
      - name: free_rate                 # what throttle rules name
        key: account                    # key | account | org | plan | end_user | platform | <CEL>
        requests_per_minute: 20         # any of the shorthands below, one spec each
        input_tokens_per_day: 200000
        concurrency: 2
        fail_mode: local                # open | closed | local (while Redis is unreachable)
        shadow: false                   # counted in metrics, never blocks, never consumes
        cache_read_weight: 0.1          # input/tokens quotas: what a cache-read token counts
        cache_write_weight: 1.25        #   and a cache-write token (defaults shown)
      - name: data_research             # data APIs (docs/data-apis.md): volume caps, counted as a
        key: account                    #   stream flows, in calendar windows (moat.limits.data)
        items_per_minute: 3000
        items_per_month: 1000000
        bytes_per_month: 2000000000
        resources_per_month: 50000
      - name: burst_tokens              # or the limiter's own terms, for odd periods
        kind: tokens
        limit: 50000
        period: 3600
        burst: 10000

A limit with one rate becomes one `LimitSpec` named like the limit; with several, each spec is
named `<limit>/<shorthand>` (e.g. `free_rate/requests_per_minute`), so metrics and refusals say
which rate was hit. The key is a CEL expression the engine evaluates per request. A named key
is `moat.limits.keys.NAMED_KEYS[key].cel`, its one definition (same namespaced values such as
`account=acct_1`, so a counter is the same whichever side computes it); any other key is a CEL expression over the
context and its values are namespaced `expr=...`. A key that evaluates to "" (e.g. `end_user` on
a direct call, `organization` for an account without one) means the limit does not apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from moat.limits.data import DATA_SHORTHANDS, DataCap
from moat.limits.keys import NAMED_KEYS
from moat.limits.spec import FAIL_MODES, LIMIT_KINDS, LimitSpec
from moat.policy.yamlread import Located, PolicyError

KEY_ALIASES = {"org": "organization"}
SHORTHANDS: dict[str, tuple[str, float]] = {
    "requests_per_minute": ("requests", 60.0),
    "requests_per_day": ("requests", 86400.0),
    "input_tokens_per_minute": ("input_tokens", 60.0),
    "input_tokens_per_day": ("input_tokens", 86400.0),
    "output_tokens_per_minute": ("output_tokens", 60.0),
    "output_tokens_per_day": ("output_tokens", 86400.0),
    "tokens_per_minute": ("tokens", 60.0),
    "tokens_per_day": ("tokens", 86400.0),
    "concurrency": ("concurrency", 600.0),  # period = lease lifetime should a replica crash mid-request
}
_WEIGHTS = ("cache_read_weight", "cache_write_weight")
_KEYS = frozenset({"name", "key", "fail_mode", "shadow", "burst", "kind", "limit", "period", "description",
                   *_WEIGHTS, *SHORTHANDS, *DATA_SHORTHANDS})


@dataclass(frozen=True, slots=True)
class LimitDef:
    """A named limit: its specs (what the limiter enforces) and the key expression (whose usage)."""

    name: str
    key: str  # the named key (aliases resolved) or the CEL expression as written
    key_expression: str  # the CEL expression evaluated per request
    namespace: str  # prefix of the key values: the key's name, or "expr" for a CEL expression
    specs: tuple[LimitSpec, ...]
    file: str
    line: int
    data: tuple[DataCap, ...] = ()  # volume caps for data APIs, enforced by the data relay (not the limiter)


def parse_limit(raw: object, file: str, line: int, errors: list[PolicyError]) -> LimitDef | None:
    """Validate one limit mapping; append every problem to `errors` and return None if any."""
    if not isinstance(raw, Located):
        errors.append(PolicyError(file, line, "a limit must be a mapping"))
        return None
    before = len(errors)

    def err(key: str, reason: str) -> None:
        errors.append(PolicyError(file, raw.line_of(key), reason))

    for key in raw:
        if key not in _KEYS:
            err(key, f"unknown limit field {key!r} (known: {', '.join(sorted(_KEYS))})")
    name = raw.get("name")
    if not isinstance(name, str) or not name or any(c in name for c in "{}/"):
        err("name", "limit needs a name (a string without braces or '/')")
        name = "?"
    key = raw.get("key", "account")
    if not isinstance(key, str) or not key.strip():
        err("key", "key must be a named key or a CEL expression")
        key = "account"
    key = KEY_ALIASES.get(key, key)
    rates: list[tuple[str, str, Any, float]] = []  # (suffix, kind, limit, period)
    for short, (kind, period) in SHORTHANDS.items():
        if short in raw:
            rates.append((short, kind, raw[short], period))
    if "kind" in raw or "limit" in raw:
        if raw.get("kind") not in LIMIT_KINDS:
            err("kind", f"kind must be one of {', '.join(LIMIT_KINDS)}")
        period = raw.get("period", 60.0)
        if not isinstance(period, (int, float)) or isinstance(period, bool):
            err("period", "period must be a number of seconds")
            period = 60.0
        rates.append((str(raw.get("kind")), str(raw.get("kind")), raw.get("limit"), float(period)))
    caps: list[DataCap] = []
    for short, (data_kind, window) in DATA_SHORTHANDS.items():
        if short in raw:
            amount = raw[short]
            if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
                err(short, f"{short} must be a positive integer, not {amount!r}")
            else:
                caps.append(DataCap(f"{name}/{short}", data_kind, window, amount))
    if not rates and not caps and not any(short in raw for short in DATA_SHORTHANDS):
        err("name", f"limit {name!r} sets no rate (use one of {', '.join(SHORTHANDS)}, or kind/limit)")
    fail_mode = raw.get("fail_mode", "local")
    if fail_mode not in FAIL_MODES:
        err("fail_mode", f"fail_mode must be one of {', '.join(FAIL_MODES)}")
    shadow = raw.get("shadow", False)
    if not isinstance(shadow, bool):
        err("shadow", "shadow must be true or false")
    weights: dict[str, Any] = {}
    for weight in _WEIGHTS:
        if weight in raw:
            value = raw[weight]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                err(weight, f"{weight} must be a number (e.g. 0.1)")
            else:
                weights[weight] = value
    specs: list[LimitSpec] = []
    for suffix, kind, amount, period in rates:
        spec_name = name if len(rates) == 1 else f"{name}/{suffix}"
        try:
            specs.append(LimitSpec(name=spec_name, kind=kind, limit=amount, period=period,  # type: ignore[arg-type]
                                   burst=raw.get("burst"), key=key, fail_mode=fail_mode, shadow=bool(shadow),
                                   **weights))
        except ValueError as exc:
            reason = str(exc)
            err(next((w for w in _WEIGHTS if w in reason), suffix if suffix in raw else "name"), reason)
    if len(errors) > before:
        return None
    named = NAMED_KEYS.get(key)  # its CEL, from its one definition
    return LimitDef(name=name, key=key, key_expression=named.cel if named else key,
                    namespace=key if named else "expr", specs=tuple(specs),
                    file=file, line=raw.line, data=tuple(caps))
