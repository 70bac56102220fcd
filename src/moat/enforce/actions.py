"""Actions: what a reviewer does to a subject, each with a reason and an actor, each undoable.

    suspend      account | cluster       account status `suspended` (every key refused, 403)
    revoke_keys  account | cluster | org the accounts' keys (or the named ones) revoked (401)
    block        account | cluster       account status `blocked` (403 account_blocked)
    block        org                     the org's `blocked` flag: its accounts and those of the
                                         organizations it controls (>50%) refused (organization_blocked)
    restrict     account | cluster | org a `Restriction` (throttle to a named limit, redact reasoning,
                                         cap max_tokens / models) read by the decide stage

Every replica sees the change within a second: statuses, keys and org blocks go through the
store's directory change feed (polled by each `Directory`), restrictions through the enforcement
change feed (polled by each `Restrictions`). Each apply and undo is written to the admin log with
its actor (and the directory operations it made log their own entries, with the same actor).

Several actions may reach one account (its own block and its cluster's suspension): the account's
status is always the most severe of the active ones (blocked > suspended), and when the last one
is undone it returns to the status it had before the first. A cluster's members are those of the
imported findings when the action is applied.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from moat.enforce.cases import record_event, subject_accounts
from moat.enforce.models import ACTION_KINDS, Action, Page, Subject
from moat.enforce.services import EnforceContext, check_id, check_text
from moat.errors import BadRequest, NotFound
from moat.identity import admin
from moat.ids import new_id

_SEVERITY = {"block": ("blocked", 2), "suspend": ("suspended", 1)}


async def apply_action(cx: EnforceContext, *, actor: str, kind: str, subject: Subject | str, reason: str,
                       case_id: str | None = None, key_ids: Sequence[str] = (), limit: str | None = None,
                       redact_reasoning: bool = False, max_tokens: int | None = None,
                       models: Sequence[str] | None = None) -> Action:
    """Apply an action now; see the module docstring for what each kind does."""
    if kind not in ACTION_KINDS:
        raise BadRequest(f"unknown action {kind!r}: expected one of {', '.join(ACTION_KINDS)}")
    subject = subject if isinstance(subject, Subject) else Subject.parse(subject)
    reason = check_text(reason, "reason")
    if case_id is not None and await cx.es.get_case(case_id) is None:
        raise NotFound(f"unknown case {case_id!r}")
    action = Action(new_id("act"), kind, subject.kind, subject.id, "active", reason, actor, time.time(), case_id)
    accounts = await _accounts(cx, subject, kind)
    reached: list[tuple[str, str | None, list[str]]] = []
    restrictions: list[tuple[str, str, dict[str, Any]]] = []
    if kind == "restrict":
        action.params = _restriction(limit, redact_reasoning, max_tokens, models)
        targets = [("account", a) for a in accounts] if subject.kind == "cluster" else [(subject.kind, subject.id)]
        restrictions = [(k, i, action.params) for k, i in targets]
        reached = [(a, None, []) for a in accounts] if subject.kind != "org" else []
    elif kind == "revoke_keys":
        reached = await _revoke(cx, actor, accounts, [check_id(k, "key id") for k in key_ids])
        action.params = {"key_ids": [k for _, _, ks in reached for k in ks]}
    elif kind == "block" and subject.kind == "org":
        await cx.store.set_org_blocked(subject.id, True)
        action.params = {"org_id": subject.id}
    else:
        reached = [(a, await _baseline(cx, a), []) for a in accounts]
    action.accounts = [a for a, _, _ in reached]
    await cx.es.insert_action(action, reached, restrictions)
    if kind in _SEVERITY:
        for account_id, prev, _ in reached:
            await _reconcile(cx, actor, account_id, prev, reason)
    details = {"action_id": action.action_id, "subject": str(subject), "reason": reason, "params": action.params,
               "accounts": action.accounts[:100], "case_id": case_id}
    await cx.log(actor, f"enforce.{kind}", str(subject), details)
    await cx.notify("action.applied", {"action": action.to_dict()})
    await record_event(cx, case_id, "action", actor, {"action_id": action.action_id, "kind": kind,
                                                      "reason": reason}, status="actioned")
    return action


async def undo_action(cx: EnforceContext, *, actor: str, action_id: str, reason: str) -> Action:
    """Undo an active action: statuses, keys, org flag and restrictions return to what they were."""
    action = await get_action(cx, action_id)
    reason = check_text(reason, "reason")
    if action.status != "active" or not await cx.es.mark_undone(action, actor=actor, reason=reason):
        raise BadRequest(f"action {action_id} is not active (it was undone already)")
    rows = [r for r in await cx.es.action_accounts(action_id) if not r[3]]
    if action.kind == "block" and action.subject_kind == "org":
        others = await cx.es.list_actions(status="active", subject_kind="org", subject_id=action.subject_id,
                                          limit=500)
        if not any(a.kind == "block" for a in others.data):
            await cx.store.set_org_blocked(action.subject_id, False)
    for account_id, prev, key_ids, _ in rows:
        await _lift(cx, actor, action, account_id, prev, key_ids, reason)
    action.status, action.undone_at, action.undone_by, action.undo_reason = "undone", time.time(), actor, reason
    await cx.log(actor, "enforce.undo", f"{action.subject_kind}:{action.subject_id}",
                 {"action_id": action_id, "kind": action.kind, "reason": reason})
    await cx.notify("action.undone", {"action": action.to_dict()})
    await record_event(cx, action.case_id, "action", actor, {"action_id": action_id, "kind": "undo",
                                                             "undone": action.kind, "reason": reason})
    return action


async def release_account(cx: EnforceContext, *, actor: str, action: Action, account_id: str, reason: str) -> None:
    """Take one account out of an action on its cluster (an accepted appeal of one member)."""
    rows = {r[0]: r for r in await cx.es.action_accounts(action.action_id)}
    row = rows.get(account_id)
    if row is None or row[3]:
        return
    await cx.es.release_account(action.action_id, account_id)
    await _lift(cx, actor, action, account_id, row[1], row[2], reason)
    await cx.log(actor, "enforce.release", f"account:{account_id}",
                 {"action_id": action.action_id, "kind": action.kind, "reason": reason})


async def clear(cx: EnforceContext, *, actor: str, subject: Subject | str, reason: str) -> list[Action]:
    """Undo every active action on a subject."""
    subject = subject if isinstance(subject, Subject) else Subject.parse(subject)
    page = await cx.es.list_actions(status="active", subject_kind=subject.kind, subject_id=subject.id, limit=500)
    return [await undo_action(cx, actor=actor, action_id=a.action_id, reason=reason) for a in page.data]


async def extend_cluster_actions(cx: EnforceContext, *, actor: str, cluster_id: str) -> list[str]:
    """Bring the cluster's members that joined since into its active actions; returns who was added."""
    page = await cx.es.list_actions(status="active", subject_kind="cluster", subject_id=cluster_id, limit=500)
    members = await subject_accounts(cx, Subject("cluster", cluster_id))
    added: list[str] = []
    for action in page.data:
        if action.kind == "revoke_keys":
            continue  # a revocation was about the keys of that day, not a standing rule
        known = {row[0] for row in await cx.es.action_accounts(action.action_id)}
        fresh = [a for a in members if a not in known]
        if not fresh:
            continue
        rows = [(a, await _baseline(cx, a) if action.kind in _SEVERITY else None) for a in fresh]
        restrictions = [("account", a, action.params) for a in fresh] if action.kind == "restrict" else []
        await cx.es.extend_action(action.action_id, rows, restrictions)
        for account_id, prev in rows:
            if action.kind in _SEVERITY:
                await _reconcile(cx, actor, account_id, prev, action.reason)
        await cx.log(actor, "enforce.extend", f"cluster:{cluster_id}",
                     {"action_id": action.action_id, "kind": action.kind, "accounts": fresh[:100]})
        added += fresh
    return added


async def get_action(cx: EnforceContext, action_id: str) -> Action:
    action = await cx.es.get_action(action_id)
    if action is None:
        raise NotFound(f"unknown action {action_id!r}")
    return action


async def list_actions(cx: EnforceContext, *, status: str | None = None, subject: str | None = None,
                       case_id: str | None = None, limit: int | None = None, cursor: str | None = None) -> Page:
    parsed = Subject.parse(subject) if subject else None
    return await cx.es.list_actions(status=status, subject_kind=parsed.kind if parsed else None,
                                    subject_id=parsed.id if parsed else None, case_id=case_id, limit=limit,
                                    cursor=cursor)


# ---- internals -----------------------------------------------------------------------------
async def _accounts(cx: EnforceContext, subject: Subject, kind: str) -> list[str]:
    if subject.kind == "account":
        await admin.get_account(cx.store, subject.id)
        return [subject.id]
    if subject.kind == "org":
        await admin.get_org(cx.store, subject.id)
        if kind == "suspend":
            raise BadRequest("an organization cannot be suspended: block it, or suspend its accounts")
        return [] if kind in ("block", "restrict") else await subject_accounts(cx, subject)
    members = await subject_accounts(cx, subject)
    if not members:
        raise BadRequest(f"cluster {subject.id!r} has no known accounts: import findings that name it first")
    return members


def _restriction(limit: str | None, redact: bool, max_tokens: int | None, models: Sequence[str] | None
                 ) -> dict[str, Any]:
    if max_tokens is not None and (isinstance(max_tokens, bool) or not isinstance(max_tokens, int)
                                   or max_tokens < 1):
        raise BadRequest(f"max_tokens must be a positive integer, not {max_tokens!r}")
    names = [check_text(m, "model", limit=200) for m in models] if models is not None else None
    if not (limit or redact or max_tokens is not None or names is not None):
        raise BadRequest("a restriction needs at least one of: limit, redact_reasoning, max_tokens, models")
    return {"limit": check_text(limit, "limit", limit=200) if limit else None, "redact_reasoning": bool(redact),
            "max_tokens": max_tokens, "models": names}


async def _revoke(cx: EnforceContext, actor: str, accounts: list[str], key_ids: list[str]
                  ) -> list[tuple[str, str | None, list[str]]]:
    wanted = set(key_ids)
    reached: list[tuple[str, str | None, list[str]]] = []
    for account_id in accounts:
        keys = [k for k in await cx.store.list_keys(account_id) if admin.key_status(k) == "active"
                and (not wanted or k.key_id in wanted)]
        for key in keys:
            await admin.revoke_key(cx.store, actor=actor, key_id=key.key_id)
        wanted -= {k.key_id for k in keys}
        reached.append((account_id, None, [k.key_id for k in keys]))
    if wanted:
        raise BadRequest(f"not an active key of the subject: {', '.join(sorted(wanted))}")
    return reached


async def _baseline(cx: EnforceContext, account_id: str) -> str:
    """The status an account had before any active action: what to return to when all are undone."""
    covering = await cx.es.covering(account_id)
    for _, kind, prev in covering:
        if kind in _SEVERITY and prev is not None:
            return prev
    account = await admin.get_account(cx.store, account_id)
    return account.status


async def _reconcile(cx: EnforceContext, actor: str, account_id: str, baseline: str | None, reason: str) -> None:
    """Set the account's status to the most severe of its active actions, else to `baseline`."""
    desired, severity = baseline or "active", 0
    for _, kind, _prev in await cx.es.covering(account_id):
        status, rank = _SEVERITY.get(kind, ("", 0))
        if rank > severity:
            desired, severity = status, rank
    account = await cx.store.get_account(account_id)
    if account is not None and account.status != desired:
        await admin.set_account_status(cx.store, actor=actor, account_id=account_id, status=desired, reason=reason)


async def _lift(cx: EnforceContext, actor: str, action: Action, account_id: str, prev: str | None,
                key_ids: list[str], reason: str) -> None:
    if action.kind in _SEVERITY:
        await _reconcile(cx, actor, account_id, prev, reason)
    for key_id in key_ids:
        if await cx.store.restore_key(key_id):
            await cx.log(actor, "keys.restore", key_id, {"account_id": account_id, "action_id": action.action_id})
