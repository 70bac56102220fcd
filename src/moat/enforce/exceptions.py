"""Exceptions: a reviewer (or an accepted appeal) lifts refusals for a subject (issue 13 item 1).

An exception says

    who      account:<id> | cluster:<id> (its members when granted) | org:<id> | key:<key id>
    what     `all` refusals, `reason:<code>` (e.g. reason:competitive_use_restricted) or `rule:<id>`
    why      a note, and a purpose (safety_evaluation, benchmarking, research, appeal_accepted, ...)
    keys     optionally only the subject's keys created with that purpose (`key_purpose`)
    until    `expires_at` (required: nothing is lifted for ever by accident)
    by whom  the actor, in the row and in the admin log

It lifts refusals of the decide stage: policy rules, including those that fire because linking
tied the caller to a restricted organization (an org exception covers calls whose declared *or*
resolved organization is the one named, and not its subsidiaries). It does not lift rate limits and
quotas (an exception lets a request through a deny, not past a quota), nor reviewers' own actions
(a block or a suspension refuses at authentication; those are lifted by undoing the action, which
is what accepting an appeal does).

The real-world case it exists for: a lab restricted for competitive use keeps access for safety
evaluation. Grant `org:<lab>`, `reason:competitive_use_restricted`, purpose `safety_evaluation`,
`key_purpose` `safety_evaluation`, and create the lab's evaluation keys with that purpose
(`moat keys create --purpose safety_evaluation`): those keys are allowed, its other keys are not.

Every replica holds the active ones in memory (`moat.enforce.exception_index`) and sees a grant or
a revocation within a second; an expired one stops applying at its time on every replica without
any write. Grants and revocations are written to the admin log with their actor, sent as
`exception.granted` / `exception.revoked` webhooks, and noted on the case they name.
"""

from __future__ import annotations

import re
import time
from collections.abc import Collection
from typing import Any

from moat.enforce import exception_store
from moat.enforce.cases import record_event, subject_accounts
from moat.enforce.models import EXCEPTION_STATUSES, EXCEPTION_SUBJECT_KINDS, ExceptionGrant, Page, Subject
from moat.enforce.services import EnforceContext, check_id, check_text
from moat.errors import BadRequest, NotFound
from moat.identity import admin
from moat.ids import new_id

_WORD = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_DURATION = re.compile(r"^(\d{1,5})([mhd])$")
_UNIT = {"m": 60, "h": 3600, "d": 86400}
# Refusals made at authentication: reviewers' actions (a block, a suspension), lifted by undoing them.
AUTH_REFUSALS = frozenset({"account_blocked", "account_suspended", "organization_blocked"})


def parse_subject(text: str) -> tuple[str, str]:
    """`org:rival` → ("org", "rival"); `key:<key id>` is allowed here besides the case subjects."""
    kind, sep, ident = (text or "").partition(":")
    if not sep or kind not in EXCEPTION_SUBJECT_KINDS or not ident.strip():
        raise BadRequest(f"invalid subject {text!r}: expected account:<id>, cluster:<id>, org:<id> or key:<key id>")
    return kind, check_id(ident, f"{kind} id")


def parse_lifts(text: str) -> str:
    """`all`, `reason:<code>` or `rule:<id>`, checked for shape."""
    text = (text or "").strip()
    if text == "all":
        return text
    kind, sep, value = text.partition(":")
    if not sep or kind not in ("reason", "rule"):
        raise BadRequest(f"invalid lifts {text!r}: expected all, reason:<reason code> or rule:<rule id>")
    return f"{kind}:{check_id(value, kind)}"


def policy_refusal(decision: dict[str, Any]) -> bool:
    """A refusal of the decide stage's policy (what an exception can lift)."""
    return (decision.get("effect") == "deny" and decision.get("policy_revision") not in (None, "gateway")
            and decision.get("reason_code") not in AUTH_REFUSALS)


def check_word(value: str | None, what: str, *, required: bool = True) -> str | None:
    """A purpose: a lower-case word (`safety_evaluation`)."""
    value = (value or "").strip()
    if not value and not required:
        return None
    if not _WORD.match(value):
        raise BadRequest(f"invalid {what} {value!r}: expected a lower-case word such as safety_evaluation")
    return value


def parse_until(value: str | float | None, now: float | None = None) -> float:
    """When it ends: a duration (`90m`, `12h`, `30d`), an ISO 8601 time or Unix seconds, in the future."""
    now = time.time() if now is None else now
    if value is None or value == "":
        raise BadRequest("an exception needs an end ('until'): e.g. 30d, or 2026-12-31T00:00:00Z")
    if isinstance(value, str) and (m := _DURATION.match(value.strip())):
        if int(m.group(1)) == 0:
            raise BadRequest(f"'until' {value!r} is not in the future")
        return now + int(m.group(1)) * _UNIT[m.group(2)]
    if isinstance(value, bool):
        raise BadRequest("'until' must be a duration, an ISO 8601 time or Unix seconds")
    at = admin.parse_expiry(value, now=now)
    assert at is not None
    return at


async def _subject_accounts(cx: EnforceContext, kind: str, ident: str) -> list[str]:
    """Check the subject exists (404 naming it otherwise); a cluster's members as they stand."""
    if kind == "account":
        await admin.get_account(cx.store, ident)
    elif kind == "org":
        await admin.get_org(cx.store, ident)
    elif kind == "key":
        if await cx.store.get_key(ident) is None:
            raise NotFound(f"unknown API key {ident!r}")
    else:
        members = await subject_accounts(cx, Subject("cluster", ident))
        if not members:
            raise NotFound(f"unknown cluster {ident!r}: import findings that name it first")
        return members
    return []


async def check_grant(cx: EnforceContext, *, subject: str, lifts: str, purpose: str, note: str,
                      until: str | float | None, key_purpose: str | None = None, appeal_id: str | None = None,
                      case_id: str | None = None, known_rules: Collection[str] | None = None) -> ExceptionGrant:
    """A grant checked against the directory, the cases, the appeals and (given `known_rules`, the
    rule ids of the bundle in force) the policy, not yet stored: what `grant_exception` writes, and
    what accepting an appeal checks before it decides anything."""
    kind, ident = parse_subject(subject)
    lifts = parse_lifts(lifts)
    if known_rules is not None and lifts.startswith("rule:") and lifts[5:] not in known_rules:
        raise NotFound(f"unknown rule {lifts[5:]!r}: not in the policy bundle in force")
    purpose_word = check_word(purpose, "purpose")
    assert purpose_word is not None
    key_word = check_word(key_purpose, "key purpose", required=False)
    note = check_text(note, "note")
    expires_at = parse_until(until)
    if case_id is not None and await cx.es.get_case(case_id) is None:
        raise NotFound(f"unknown case {case_id!r}")
    if appeal_id is not None and await cx.es.get_appeal(appeal_id) is None:
        raise NotFound(f"unknown appeal {appeal_id!r}")
    accounts = await _subject_accounts(cx, kind, ident)
    return ExceptionGrant(new_id("exc"), kind, ident, lifts, purpose_word, note, "", time.time(), expires_at,
                          key_purpose=key_word, appeal_id=appeal_id, case_id=case_id, accounts=accounts)


async def grant_exception(cx: EnforceContext, *, actor: str, subject: str, lifts: str, purpose: str, note: str,
                          until: str | float | None, key_purpose: str | None = None, appeal_id: str | None = None,
                          case_id: str | None = None, known_rules: Collection[str] | None = None) -> ExceptionGrant:
    """Grant an exception now (see the module docstring and `check_grant`)."""
    grant = await check_grant(cx, subject=subject, lifts=lifts, purpose=purpose, note=note, until=until,
                              key_purpose=key_purpose, appeal_id=appeal_id, case_id=case_id, known_rules=known_rules)
    grant.granted_by = actor
    await exception_store.insert(cx.es, grant)
    details = grant.to_dict()
    details["accounts"] = grant.accounts[:100]
    subject_text = f"{grant.subject_kind}:{grant.subject_id}"
    await cx.log(actor, "exceptions.grant", subject_text, details)
    await cx.notify("exception.granted", {"exception": grant.to_dict()})
    await record_event(cx, case_id, "exception", actor, {"exception_id": grant.exception_id, "lifts": grant.lifts,
                                                         "purpose": grant.purpose, "expires_at": grant.expires_at})
    return grant


async def revoke_exception(cx: EnforceContext, *, actor: str, exception_id: str, reason: str) -> ExceptionGrant:
    """Revoke an active exception: every replica stops applying it within a second."""
    grant = await get_exception(cx, exception_id)
    reason = check_text(reason, "reason")
    if grant.status != "active" or not await exception_store.revoke(cx.es, exception_id, actor=actor, reason=reason):
        raise BadRequest(f"exception {exception_id} is not active (it was revoked already)")
    grant = await get_exception(cx, exception_id)
    await cx.log(actor, "exceptions.revoke", f"{grant.subject_kind}:{grant.subject_id}",
                 {"exception_id": exception_id, "reason": reason, "was": grant.state(time.time())})
    await cx.notify("exception.revoked", {"exception": grant.to_dict()})
    await record_event(cx, grant.case_id, "exception", actor, {"exception_id": exception_id, "kind": "revoke",
                                                               "reason": reason})
    return grant


async def get_exception(cx: EnforceContext, exception_id: str) -> ExceptionGrant:
    grant = await exception_store.get(cx.es, check_id(exception_id, "exception id"))
    if grant is None:
        raise NotFound(f"unknown exception {exception_id!r}")
    return grant


async def list_exceptions(cx: EnforceContext, *, status: str | None = None, subject: str | None = None,
                          limit: int | None = None, cursor: str | None = None) -> Page:
    if status is not None and status not in EXCEPTION_STATUSES:
        raise BadRequest(f"unknown status {status!r}: expected one of {', '.join(EXCEPTION_STATUSES)}")
    kind, ident = parse_subject(subject) if subject else (None, None)
    return await exception_store.page(cx.es, status=status, subject_kind=kind, subject_id=ident, limit=limit,
                                      cursor=cursor)
