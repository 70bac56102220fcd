"""The decide stage's floor: the one rule that holds even without a policy bundle.

Accounts of a restricted organization (or of a subsidiary it controls), or whose email domain
belongs to one, are refused with `competitive_use_restricted`. The policy engine
(`moat.policy.engine`) replaces this when a bundle is loaded; the default bundle keeps the rule.
"""

from __future__ import annotations

from moat.context import Decision, RequestContext, new_id
from moat.identity.directory import Directory

REVISION = "builtin"
REASON = "competitive_use_restricted"


def restricted_org(ctx: RequestContext, directory: Directory) -> str | None:
    """The restricted organization behind the call, if any."""
    if ctx.org is not None and directory.is_restricted(ctx.org.org_id):
        return ctx.org.org_id
    if ctx.account is not None and ctx.account.email_domain:
        by_domain = directory.org_for_domain(ctx.account.email_domain)
        if by_domain is not None and directory.is_restricted(by_domain.org_id):
            return by_domain.org_id
    if ctx.entity.restricted and ctx.entity.org_id:
        return ctx.entity.org_id
    return None


def decide(ctx: RequestContext, directory: Directory) -> Decision:
    decision = Decision(decision_id=new_id("dec"), policy_revision=REVISION)
    org_id = restricted_org(ctx, directory)
    if org_id is not None:
        decision.effect = "deny"
        decision.reason_code = REASON
        decision.rules = ["builtin.competitive_use_restricted"]
        decision.explanation = [f"organization '{org_id}' is under a competitive-use restriction"]
        decision.message = (
            f"Access denied: this account is associated with an organization ('{org_id}') that is "
            "restricted from using these models under the provider's competitive-use terms. "
            "If you believe this is a mistake, appeal with the decision id below.")
        decision.status = 403
    return decision
