"""Appeals: a refused customer asks for review, quoting the decision id from the error message.

A decision is appealable by the account it was made for. The decision log names the account for
every decision the decide stage makes; a refusal *at authentication* (the account is blocked or
suspended, or its organization blocked) is recorded before the account is known to the pipeline
and so names none. Such a decision is accepted as the appellant's when the appellant is refused
right now with the same reason code (the appeal endpoint authenticates them and sees the refusal):
an unattributable decision id can only ever be used to appeal one's own refusal.

Accepting an appeal undoes the actions on the account itself, takes the account out of actions on
its cluster, and undoes actions on its organization only when the reviewer names them (`undo`):
one member's appeal does not lift a whole organization's block. A refusal by policy or linking has
no action to undo: the reviewer confirms the exception `moat.enforce.exception_proposal` proposes
(`exception`), granted with the decision. The customer hears the outcome
through the `appeal.decided` webhook and `GET /v1/appeals/{id}`. A decided appeal is a reviewer's
label (`moat.enforce.labels`): accepted clears the account, rejected confirms the refusal.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from moat.enforce import actions as enforce_actions
from moat.enforce import exceptions, labels
from moat.enforce.cases import open_case, record_event
from moat.enforce.models import Appeal, Page
from moat.enforce.services import EnforceContext, check_id, check_text
from moat.errors import BadRequest, NotFound
from moat.ids import new_id

# Reason codes of refusals made while authenticating (moat.identity.directory.AccountRefused).
AUTH_REFUSALS = exceptions.AUTH_REFUSALS
_UNKNOWN = ("unknown decision id {0!r} for this account (a decision made a moment ago may take a few "
            "seconds to be recorded)")


async def create_appeal(cx: EnforceContext, *, account_id: str, decision_id: str, message: str,
                        refused_code: str | None = None) -> Appeal:
    """Record an appeal of `decision_id` by `account_id` (idempotent per account and decision).

    `refused_code` is the reason code the appellant is refused with right now, if any (see the module
    docstring). Raises NotFound for a decision that is not the account's, without saying whose it is.
    """
    decision_id = check_id(decision_id, "decision id")
    message = check_text(message, "message")
    decision = await cx.es.decision(decision_id)
    if decision is None:
        raise NotFound(_UNKNOWN.format(decision_id), code="unknown_decision")
    owner = decision.get("account_id")
    code = decision.get("reason_code")
    if owner is None:
        attributable = code in AUTH_REFUSALS and code == refused_code
        owner = account_id if attributable else None
    if owner != account_id:
        raise NotFound(_UNKNOWN.format(decision_id), code="unknown_decision")
    if decision.get("effect") not in (None, "deny", "throttle", "throttle_refused") and \
            int(decision.get("status") or 0) < 400:
        raise BadRequest(f"decision {decision_id} did not refuse the request: there is nothing to appeal")
    appeal = await cx.es.insert_appeal(Appeal(new_id("apl"), account_id, decision_id, code, message, "pending",
                                              time.time()))
    if appeal.case_id is None:
        actor = f"account:{account_id}"
        case, _ = await open_case(cx, actor=actor, subject=f"account:{account_id}", source="appeal",
                                  title=f"appeal of {code or 'a refusal'}",
                                  evidence=[("decision", account_id, decision)], note=message)
        await cx.es.set_appeal_case(appeal.appeal_id, case.case_id)
        appeal.case_id = case.case_id
        await record_event(cx, case.case_id, "appeal", actor, {"appeal_id": appeal.appeal_id,
                                                               "decision_id": decision_id, "status": "pending"})
        await cx.log(actor, "appeals.create", appeal.appeal_id, {"decision_id": decision_id, "reason_code": code})
        await cx.notify("appeal.created", {"appeal": appeal.public(), "account_id": account_id})
    return appeal


async def decide_appeal(cx: EnforceContext, *, actor: str, appeal_id: str, accept: bool, note: str,
                        undo: Sequence[str] = (), exception: Mapping[str, Any] | None = None,
                        known_rules: Collection[str] | None = None) -> Appeal:
    """Accept (lifting the actions on the account; see the module docstring) or reject, with a note.

    `exception`: on accept, also grant this exception (the confirmed proposal of
    `moat.enforce.exception_proposal`: `subject`, `lifts`, `purpose`, `until`, `key_purpose`,
    `note`; missing fields as proposed). It is checked before anything is decided, so a bad one
    leaves the appeal pending."""
    appeal = await get_appeal(cx, appeal_id)
    note = check_text(note, "note")
    status = "accepted" if accept else "rejected"
    grant_args: dict[str, Any] | None = None
    if accept and exception is not None:
        if not exception.get("lifts") and not exceptions.policy_refusal(await cx.es.decision(appeal.decision_id) or {}):
            raise BadRequest(f"decision {appeal.decision_id} was not refused by policy: no exception would lift it "
                             "(undoing the actions does), so none is proposed")
        grant_args = {"subject": exception.get("subject") or f"account:{appeal.account_id}",
                      "lifts": exception.get("lifts") or f"reason:{appeal.reason_code}",
                      "purpose": exception.get("purpose") or "appeal_accepted",
                      "note": exception.get("note") or f"appeal {appeal_id} accepted: {note}",
                      "until": exception.get("until") or "90d", "key_purpose": exception.get("key_purpose"),
                      "appeal_id": appeal_id, "case_id": appeal.case_id, "known_rules": known_rules}
        await exceptions.check_grant(cx, **grant_args)
    if appeal.status != "pending" or not await cx.es.decide_appeal(appeal_id, status=status, actor=actor, note=note):
        raise BadRequest(f"appeal {appeal_id} was decided already ({appeal.status})")
    undone: list[str] = []
    if accept:
        named = set(undo)
        for action in await cx.es.active_actions_on(appeal.account_id):
            own = action.subject_kind == "account" and action.subject_id == appeal.account_id
            reason = f"appeal {appeal_id} accepted: {note}"
            if own or action.action_id in named:
                await enforce_actions.undo_action(cx, actor=actor, action_id=action.action_id, reason=reason)
            else:
                await enforce_actions.release_account(cx, actor=actor, action=action, account_id=appeal.account_id,
                                                      reason=reason)
            undone.append(action.action_id)
        for action_id in named - set(undone):
            action = await enforce_actions.get_action(cx, action_id)
            if action.status == "active":
                await enforce_actions.undo_action(cx, actor=actor, action_id=action_id,
                                                  reason=f"appeal {appeal_id} accepted: {note}")
                undone.append(action_id)
        await cx.es.set_appeal_undone(appeal_id, undone)
    granted = await exceptions.grant_exception(cx, actor=actor, **grant_args) if grant_args else None
    appeal = await get_appeal(cx, appeal_id)
    await labels.label_appeal(cx, appeal=appeal, reviewer=actor)
    await record_event(cx, appeal.case_id, "appeal", actor, {"appeal_id": appeal_id, "status": status,
                                                             "note": note, "undone": undone})
    await cx.log(actor, f"appeals.{'accept' if accept else 'reject'}", appeal_id,
                 {"account_id": appeal.account_id, "note": note, "undone": undone,
                  "exception_id": granted.exception_id if granted else None})
    await cx.notify("appeal.decided", {"appeal": appeal.public(), "account_id": appeal.account_id})
    return appeal


async def get_appeal(cx: EnforceContext, appeal_id: str) -> Appeal:
    appeal = await cx.es.get_appeal(appeal_id)
    if appeal is None:
        raise NotFound(f"unknown appeal {appeal_id!r}")
    return appeal


async def customer_appeal(cx: EnforceContext, *, account_id: str, appeal_id: str) -> Appeal:
    """The account's own appeal; someone else's is reported as unknown."""
    appeal = await cx.es.get_appeal(appeal_id)
    if appeal is None or appeal.account_id != account_id:
        raise NotFound(f"unknown appeal {appeal_id!r}")
    return appeal


async def list_appeals(cx: EnforceContext, *, status: str | None = None, account_id: str | None = None,
                       limit: int | None = None, cursor: str | None = None) -> Page:
    return await cx.es.list_appeals(status=status, account_id=account_id, limit=limit, cursor=cursor)
