"""Enforcement records: cases and their timeline, actions, restrictions, appeals, exceptions.

Words as the console uses them: a *subject* is what a case or action is about (`account:alice`,
`cluster:c17`, `org:rival`); a case is *open*, *actioned* (an action was taken) or *closed*; an
action is *active* until it is *undone*; an appeal is *pending*, then *accepted* or *rejected*; an
exception is *active* until it is *revoked* or its `expires_at` passes (then *expired*).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

from moat.errors import BadRequest

SUBJECT_KINDS: tuple[str, ...] = ("account", "cluster", "org")
CASE_STATUSES: tuple[str, ...] = ("open", "actioned", "closed")
CASE_SOURCES: tuple[str, ...] = ("finding", "flag", "reviewer", "appeal")
ACTION_KINDS: tuple[str, ...] = ("suspend", "revoke_keys", "block", "restrict")
APPEAL_STATUSES: tuple[str, ...] = ("pending", "accepted", "rejected")
EXCEPTION_SUBJECT_KINDS: tuple[str, ...] = ("account", "cluster", "org", "key")
EXCEPTION_STATUSES: tuple[str, ...] = ("active", "revoked", "expired")
# The purposes the console offers; any other lower-case word is accepted too (moat.enforce.exceptions).
EXCEPTION_PURPOSES: tuple[str, ...] = ("safety_evaluation", "benchmarking", "research", "appeal_accepted",
                                       "other")
EVENTS: tuple[str, ...] = (
    "action.applied", "action.undone", "case.opened", "appeal.created", "appeal.decided", "decision.denied",
    "exception.granted", "exception.revoked")


@dataclass(frozen=True, slots=True)
class Subject:
    kind: str
    id: str

    @classmethod
    def parse(cls, text: str) -> Subject:
        """`account:alice` → Subject("account", "alice")."""
        kind, sep, ident = (text or "").partition(":")
        if not sep or kind not in SUBJECT_KINDS or not ident.strip():
            raise BadRequest(f"invalid subject {text!r}: expected account:<id>, cluster:<id> or org:<id>")
        return cls(kind, ident.strip())

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(slots=True)
class Case:
    case_id: str
    subject_kind: str
    subject_id: str
    status: str
    title: str
    source: str
    risk: float | None
    assignee: str | None
    opened_by: str
    opened_at: float
    updated_at: float
    closed_at: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "subject": f"{self.subject_kind}:{self.subject_id}"}


@dataclass(slots=True)
class CaseEvent:
    event_id: str
    case_id: str
    ts: float
    kind: str  # opened | note | action | appeal | evidence | assigned | closed | resolved | reopened
    actor: str
    body: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Evidence:
    evidence_id: str
    case_id: str
    kind: str  # finding | link | flag | decision | note
    account_id: str | None
    ts: float
    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Action:
    action_id: str
    kind: str
    subject_kind: str
    subject_id: str
    status: str  # active | undone
    reason: str
    actor: str
    created_at: float
    case_id: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    undone_at: float | None = None
    undone_by: str | None = None
    undo_reason: str | None = None
    accounts: list[str] = field(default_factory=list)  # the accounts it reached (block/suspend/keys)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "subject": f"{self.subject_kind}:{self.subject_id}"}


@dataclass(frozen=True, slots=True)
class Restriction:
    """What the decide stage enforces for a call under a `restrict` action (None fields: no cap)."""

    limit: str | None = None  # a named limit of the policy bundle to throttle to
    redact_reasoning: bool = False
    max_tokens: int | None = None
    models: tuple[str, ...] | None = None  # allowed models (None: any)
    action_ids: tuple[str, ...] = ()

    def merge(self, other: Restriction) -> Restriction:
        """Both at once: the stricter of each field."""
        caps = [c for c in (self.max_tokens, other.max_tokens) if c is not None]
        if self.models is None or other.models is None:
            models = self.models if other.models is None else other.models
        else:
            models = tuple(m for m in self.models if m in other.models)
        return Restriction(limit=self.limit or other.limit,
                           redact_reasoning=self.redact_reasoning or other.redact_reasoning,
                           max_tokens=min(caps) if caps else None, models=models,
                           action_ids=(*self.action_ids, *other.action_ids))

    def to_dict(self) -> dict[str, Any]:
        return {"limit": self.limit, "redact_reasoning": self.redact_reasoning, "max_tokens": self.max_tokens,
                "models": list(self.models) if self.models is not None else None,
                "action_ids": list(self.action_ids)}


@dataclass(slots=True)
class Appeal:
    appeal_id: str
    account_id: str
    decision_id: str
    reason_code: str | None
    message: str
    status: str
    created_at: float
    case_id: str | None = None
    decided_at: float | None = None
    decided_by: str | None = None
    note: str | None = None
    undone: list[str] = field(default_factory=list)  # actions undone when it was accepted

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def public(self) -> dict[str, Any]:
        """What the customer sees: no reviewer identity, no internal case."""
        return {"id": self.appeal_id, "object": "appeal", "decision_id": self.decision_id,
                "status": self.status, "message": self.message, "created_at": self.created_at,
                "decided_at": self.decided_at, "note": self.note}


@dataclass(slots=True)
class ExceptionGrant:
    """An exception: refusals lifted for a subject, for a stated purpose, until a time.

    Named `ExceptionGrant` (not `Exception`) so it never shadows Python's own. `lifts` is `all`,
    `reason:<code>` or `rule:<id>`; `key_purpose` limits it to the subject's keys of that purpose;
    `accounts` holds a cluster's members when it was granted (as for restrictions).
    """

    exception_id: str
    subject_kind: str
    subject_id: str
    lifts: str
    purpose: str
    note: str
    granted_by: str
    granted_at: float
    expires_at: float
    key_purpose: str | None = None
    status: str = "active"  # active | revoked (expired is computed: `state`)
    appeal_id: str | None = None
    case_id: str | None = None
    accounts: list[str] = field(default_factory=list)
    revoked_at: float | None = None
    revoked_by: str | None = None
    revoke_reason: str | None = None

    def state(self, now: float) -> str:
        """active, revoked, or expired (an active one past its `expires_at`)."""
        if self.status == "active" and self.expires_at <= now:
            return "expired"
        return self.status

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "subject": f"{self.subject_kind}:{self.subject_id}", "state": self.state(time.time())}


@dataclass(slots=True)
class Page:
    """One page of a list and the cursor of the next (None: last page)."""

    data: list[Any]
    next_cursor: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"data": [d.to_dict() if hasattr(d, "to_dict") else d for d in self.data],
                "next_cursor": self.next_cursor}
