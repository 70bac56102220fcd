"""What happened to a request, in one word and a reason: the label every console page shows
(issue 13 item 4: "the console shows decisions as they were").

One function, `outcome_of`, reads either a traffic record (`requests`: the spec's `decision` label,
`status`, and the extras `moat.gateway.record` adds) or a decision-log payload (`effect`,
`reason_code`, `status`, ...), so the overview, an account's requests, a case's samples and the
audit log agree. Why it is not simply the recorded `decision`: that field is the traffic format's
`allow` / `deny:<reason>` (shared/spec/traffic-format.md), which says nothing of a response served
with its reasoning redacted, capped, warned about or under a shadow rule; and the engine's `effect`
is `throttle` for every request that was merely *counted* against a rate limit (the plan rules),
which is an ordinary allowed request, not a throttled one. Throttled means refused by a limit (429).

Kinds, served first in precedence order, then refused:

    redacted   served with its reasoning stripped (or under a redaction rule, with none to strip)
    capped     served with max_tokens lowered or the models narrowed by a `cap` rule
    flagged    served, and flagged for review
    warned     served, with a warning (a `warn`-mode rule matched)
    shadowed   served; a `shadow`-mode rule would have applied
    allowed    served, nothing else applied
    throttled  refused by a rate limit or quota (429)
    denied     refused by a policy or a reviewer's action (403)
    rejected   refused for the request itself (bad key, bad body, too large, too slow: 4xx)
    abandoned  the client left before its request was whole (499)
    failed     the upstream or the gateway failed (5xx)

Records written before the gateway recorded every flag (releases before this one) lack `effect`,
`warnings` and the cap: they read as the flags they have, which is never wrong, only less.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

SERVED = ("redacted", "capped", "flagged", "warned", "shadowed", "allowed")
REFUSED = ("throttled", "denied", "rejected", "abandoned", "failed")
KINDS = (*SERVED, *REFUSED, "undecided")
# The reason codes that name no outcome: a plan's rate-limit rule (counted, not refused) and the
# engine's default.
_ROUTINE = frozenset({"allowed", "rate_limited"})

NOTES = {
    "redacted": "served with its reasoning redacted",
    "capped": "served with max tokens or models capped",
    "flagged": "served and flagged for review",
    "warned": "served with a warning",
    "shadowed": "served; a shadow-mode rule would have applied",
    "allowed": "served; no rule changed it",
    "throttled": "refused by a rate limit or quota",
    "denied": "refused by a policy or a reviewer's action",
    "rejected": "refused for the request itself (key, body, size or time)",
    "abandoned": "the client left before its request was complete",
    "failed": "the upstream or the gateway failed",
    "undecided": "recorded without a decision",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: str  # one of KINDS
    reason: str = ""  # the reason code that explains it ("" when none does)
    also: tuple[str, ...] = ()  # the other served kinds that applied too (e.g. warned, shadowed)

    @property
    def key(self) -> str:
        """`kind` or `kind:reason`: what the overview counts and the audit page filters on."""
        return f"{self.kind}:{self.reason}" if self.reason else self.kind

    @property
    def served(self) -> bool:
        return self.kind in SERVED

    @property
    def tone(self) -> str:
        """The badge's colour class."""
        return "ok" if self.kind == "allowed" else ("warn" if self.served or self.kind == "undecided" else "bad")

    @property
    def note(self) -> str:
        """One sentence for a title attribute: what the kind means, and what else applied."""
        text = NOTES[self.kind]
        return text + (f"; also {', '.join(self.also)}" if self.also else "")


def _flag(value: Any) -> bool:
    """A recorded boolean as SQLite (1/0), PostgreSQL (text) or JSON (bool) gives it back."""
    return value is True or value == 1 or value in ("true", "1")


def _items(value: Any) -> list[str]:
    """A recorded list, given back as a list or as its JSON text (a SQL extraction)."""
    if isinstance(value, (str, bytes)):
        try:
            value = orjson.loads(value)
        except orjson.JSONDecodeError:
            return [str(value)]
    return [str(v) for v in value] if isinstance(value, list) else []


def _served(rec: Mapping[str, Any], reason: str) -> Outcome:
    kinds: list[tuple[str, str]] = []
    if _flag(rec.get("redacted")) or _flag(rec.get("redact_reasoning")):
        kinds.append(("redacted", reason))
    if rec.get("max_tokens_cap") is not None or _items(rec.get("allowed_models")):
        kinds.append(("capped", reason))
    if _flag(rec.get("flagged")) or _flag(rec.get("flag")):
        kinds.append(("flagged", reason))
    warnings = _items(rec.get("warnings"))
    if warnings:
        kinds.append(("warned", warnings[0].split(":", 1)[0].strip()))
    shadow = _items(rec.get("shadow"))
    if shadow:
        kinds.append(("shadowed", shadow[0]))
    if not kinds:
        routine = rec.get("effect") == "throttle" or reason in _ROUTINE
        return Outcome("allowed", "" if routine else reason)
    (kind, why), rest = kinds[0], tuple(k for k, _ in kinds[1:])
    return Outcome(kind, why if why not in _ROUTINE else "", rest)


def outcome_of(rec: Mapping[str, Any]) -> Outcome:
    """The outcome of a traffic record or a decision-log payload (see the module docstring)."""
    label = rec.get("decision")
    effect = rec.get("effect")
    reason = str(rec.get("reason_code") or "")
    try:
        status = int(rec.get("status") or 0)
    except (TypeError, ValueError):
        status = 0
    if isinstance(label, str) and label != "allow" and not reason:
        reason = label.partition(":")[2]
    refused = (isinstance(label, str) and label != "allow") or effect in ("deny", "throttle_refused")
    if not refused and label is None and effect is None:
        return Outcome("failed", f"status_{status}") if status >= 500 else Outcome("undecided")
    if status == 499:
        return Outcome("abandoned", reason if refused else "")
    if refused:
        if effect == "throttle_refused" or (isinstance(label, str) and label.startswith("throttle")) or status == 429:
            return Outcome("throttled", reason)
        if status >= 500:
            return Outcome("failed", reason)
        return Outcome("denied" if status in (0, 403) else "rejected", reason)
    if status >= 500:  # decided to serve, then the upstream (or the relay) failed
        return Outcome("failed", f"upstream_{status}")
    if 400 <= status < 500:  # the upstream refused the client's own request, passed through
        return Outcome("rejected", f"upstream_{status}")
    return _served(rec, reason)


def outcome_label(rec: Mapping[str, Any]) -> str:
    return outcome_of(rec).key
