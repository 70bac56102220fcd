"""What accepting an appeal would do, shown to the reviewer before they confirm (issue 13 item 1).

Accepting undoes the reviewers' actions on the account (moat.enforce.appeals), but a refusal that
comes from policy or linking (`competitive_use_restricted` for an engineer linked to a restricted
lab) has no action to undo: only an exception lifts it. So the proposal for an appeal is

- the actions accepting would undo or release the account from;
- the exception that would unblock the caller: the appellant's account, lifting the appealed
  decision's reason code, purpose `appeal_accepted`, for `DEFAULT_DAYS` (the reviewer may change
  the subject, what it lifts and the end before confirming), or none when the refusal was not the
  policy's (an action's block, which undoing lifts; a rate limit, which no exception lifts);
- what it lifts: each of the caller's recent refusals, and whether the exception would have
  allowed it. This is judged from the recorded decision (its rules and reason code): a refusal by
  two rules of different reasons shows under the one that won.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from moat.enforce import exception_store
from moat.enforce.appeals import AUTH_REFUSALS, get_appeal
from moat.enforce.exceptions import parse_lifts, policy_refusal
from moat.enforce.services import EnforceContext
from moat.policy.combine import lifts_refusal

DEFAULT_DAYS = 90
RECENT = 20  # the caller's refusals shown


@dataclass(slots=True)
class Lifted:
    """One recent refusal of the caller and what the proposed exception does to it."""

    decision_id: str
    ts: float | None
    reason_code: str | None
    key_id: str | None
    lifted: bool
    why: str


@dataclass(slots=True)
class Proposal:
    appeal_id: str
    account_id: str
    exception: dict[str, Any] | None  # the grant's fields (subject, lifts, purpose, until, note)
    actions: list[dict[str, Any]] = field(default_factory=list)  # undone or released on accept
    refusals: list[Lifted] = field(default_factory=list)
    still_refused: int = 0  # of `refusals`, those neither the exception nor the undone actions lift
    warning: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def judge(decision: dict[str, Any], lifts: str | None, undone: set[str]) -> Lifted:
    """Whether the exception (`lifts`, None: no exception) or undoing the actions (the reason codes
    they refuse with, `undone`) would allow this refusal now."""
    code = decision.get("reason_code")
    rules = [r for r in decision.get("rules") or [] if ":" not in r]
    base = Lifted(str(decision.get("decision_id")), decision.get("ts"), code, decision.get("key_id"), False, "")
    if code in AUTH_REFUSALS:
        base.lifted = code in undone
        base.why = ("the actions undone on accept lift it" if base.lifted else
                    "refused by an action accepting does not undo (an organization's block: name it to undo it)")
    elif not policy_refusal(decision):
        base.why = "not a policy refusal (no exception lifts a rate limit or a malformed request)"
    elif lifts is not None and any(lifts_refusal(lifts, rule, str(code)) for rule in rules or [""]):
        base.lifted, base.why = True, f"the exception lifts it ({lifts})"
    else:
        base.why = "the exception does not cover it" if lifts else "no exception proposed"
    return base


_REFUSES_WITH = {"block": "account_blocked", "suspend": "account_suspended"}


async def propose(cx: EnforceContext, appeal_id: str, *, lifts: str | None = None,
                  undo: list[str] | None = None) -> Proposal:
    """The proposal for a pending appeal; `lifts` replaces the proposed exception's scope (a
    reviewer widening `reason:` to a `rule:` or `all`), to show what that would lift."""
    appeal = await get_appeal(cx, appeal_id)
    decision = await cx.es.decision(appeal.decision_id) or {}
    actions = await cx.es.active_actions_on(appeal.account_id)
    own = [a for a in actions if (a.subject_kind == "account" and a.subject_id == appeal.account_id)
           or a.subject_kind == "cluster" or a.action_id in (undo or [])]
    for action_id in set(undo or []) - {a.action_id for a in own}:  # an org's block reaches no account row
        named = await cx.es.get_action(action_id)
        if named is not None and named.status == "active":
            own.append(named)
    proposal = Proposal(appeal.appeal_id, appeal.account_id, None,
                        actions=[{"action_id": a.action_id, "kind": a.kind,
                                  "subject": f"{a.subject_kind}:{a.subject_id}",
                                  "effect": "undone" if a.subject_kind == "account" else "released"} for a in own])
    if policy_refusal(decision) or lifts:
        proposed = parse_lifts(lifts) if lifts else f"reason:{appeal.reason_code or decision.get('reason_code')}"
        proposal.exception = {"subject": f"account:{appeal.account_id}", "lifts": proposed,
                              "purpose": "appeal_accepted", "until": f"{DEFAULT_DAYS}d", "key_purpose": None,
                              "note": f"appeal {appeal.appeal_id} accepted"}
    undone = {_REFUSES_WITH.get(a.kind, "") for a in own if a.subject_kind != "org"}
    undone |= {"organization_blocked" for a in own if a.subject_kind == "org" and a.kind == "block"}
    scope = proposal.exception["lifts"] if proposal.exception else None
    page = await cx.es.requests_for([appeal.account_id], refused_only=True, limit=RECENT)
    for record in page.data:
        decision_id = record.get("decision_id")
        entry = (await cx.es.decision(decision_id) if decision_id else None) or record
        proposal.refusals.append(judge(entry, scope, undone))
    proposal.still_refused = sum(not r.lifted for r in proposal.refusals)
    if proposal.exception is None and not own:
        proposal.warning = "accepting undoes no action and grants no exception: the caller stays refused"
    elif proposal.still_refused:
        proposal.warning = (f"{proposal.still_refused} of the caller's last {len(proposal.refusals)} refusals "
                            "would still be refused")
    return proposal


async def still_refused(cx: EnforceContext, appeal_id: str) -> str | None:
    """After an acceptance: a warning when the appealed refusal was the policy's and no exception
    was granted with it (the reviewer accepted, the caller is still refused), else None."""
    appeal = await get_appeal(cx, appeal_id)
    if appeal.status != "accepted" or await exception_store.for_appeal(cx.es, appeal_id):
        return None
    decision = await cx.es.decision(appeal.decision_id) or {}
    if not policy_refusal(decision):
        return None
    return (f"accepted without an exception: {appeal.account_id} is still refused by policy "
            f"({decision.get('reason_code')}); grant one to unblock the caller")
