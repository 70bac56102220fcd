"""The inputs a decision read, recorded with it, so that replaying it decides from the same facts
(issue 13 item 2: "replay does not reproduce").

A traffic record holds the request. What the decide stage read beyond it changes afterwards: the
account's plan, credential and status, which organizations the directory held restricted, the
entity resolution linked the call to, the detector scores and cluster, whether the client was the
first-party app. Today's directory and findings cannot say what they were, so the gateway writes
them into each traffic record (`recorded_inputs`, at decide time), `moat export` keeps them
(docs/traffic-format-extensions.md), and `moat policy replay` and the console's dry run rebuild
the context from them (`apply_inputs`). A record without them (simulated traffic, an older
export) is decided from the dataset's accounts, entities and findings instead.

Restriction is recorded as answers, not as the directory: `restricted` lists the organizations (and
end-user domains) the request named that were restricted then, by themselves or through an owner,
and `domain_org` the organization that owned the account's email domain. A `RecordedDirectory`
answers the engine's questions from exactly those.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from moat.context import RequestContext, ResolvedEntity
from moat.context_fields import DirectoryView, domain_org, restricted
from moat.identity.models import Organization
from moat.policy.combine import lifts_refusal

# The extension fields this module writes and reads (requests.jsonl; see the docs).
INPUT_FIELDS: tuple[str, ...] = (
    "plan", "credential", "verified", "account_status", "entity_restricted", "entity_evidence",
    "restricted", "domain_org", "scores", "cluster_id", "first_party", "max_tokens", "input_tokens_estimate",
    "exceptions",
)


def recorded_inputs(ctx: RequestContext, directory: DirectoryView, lift: Any = None) -> dict[str, Any]:
    """What `ctx` and `directory` told the decide stage, as traffic-record fields (a few µs).

    `lift`: the exceptions the caller could use (moat.enforce.exception_index.CallExceptions), kept
    as `[{"exception_id", "lifts"}]` so that a replay lifts what the gateway lifted."""
    account = ctx.account
    owner = domain_org(directory, account.email_domain) if account is not None else ""
    named = {ctx.org.org_id if ctx.org else None, ctx.entity.org_id, owner, ctx.end_user_org}
    inputs: dict[str, Any] = {
        "entity_restricted": ctx.entity.restricted,
        "entity_evidence": list(ctx.entity.evidence),
        "restricted": sorted(n for n in named if n and restricted(directory, n)),
        "domain_org": owner or None,
        "scores": dict(ctx.scores),
        "cluster_id": ctx.extra.get("cluster_id"),
        "first_party": ctx.first_party,
        "max_tokens": ctx.max_tokens,
        "input_tokens_estimate": ctx.input_tokens_estimate,
    }
    grants = getattr(lift, "grants", None)
    if grants:
        inputs["exceptions"] = [{"exception_id": g.exception_id, "lifts": g.lifts} for g in grants]
    if account is not None:
        inputs.update(plan=account.plan, credential=account.credential, verified=account.verified,
                      account_status=account.status)
    return inputs


class RecordedLift:
    """The exceptions a recorded call could use, as the engine's `Lift` (moat.policy.combine)."""

    __slots__ = ("grants",)

    def __init__(self, grants: list[dict[str, Any]]) -> None:
        self.grants = [(str(g.get("exception_id")), str(g.get("lifts"))) for g in grants if isinstance(g, dict)]

    def __call__(self, rule_id: str, reason: str) -> tuple[str, str] | None:
        for exception_id, lifts in self.grants:
            if lifts_refusal(lifts, rule_id, reason):
                return exception_id, f"allowed by exception {exception_id} (recorded with the request)"
        return None


def recorded_lift(rec: dict[str, Any]) -> RecordedLift | None:
    """The exceptions a record says its caller could use, or None."""
    grants = rec.get("exceptions")
    return RecordedLift(grants) if isinstance(grants, list) and grants else None


class RecordedDirectory:
    """A DirectoryView that answers as the directory answered when the request was decided."""

    __slots__ = ("domain", "org", "restricted")

    def __init__(self, restricted: list[str], email_domain: str, domain_org: str | None) -> None:
        self.restricted = frozenset(restricted)
        self.domain = email_domain
        self.org = Organization(org_id=domain_org) if domain_org else None

    def is_restricted(self, org_id: str) -> bool:
        return org_id in self.restricted

    def org_for_domain(self, domain: str) -> Organization | None:
        return self.org if domain.rpartition("@")[2].lower() == self.domain else None


def has_inputs(rec: dict[str, Any]) -> bool:
    """The record carries the inputs of its decision (recorded by a gateway that writes them)."""
    return "restricted" in rec


def apply_inputs(rec: dict[str, Any], ctx: RequestContext) -> RecordedDirectory:
    """Put a record's recorded inputs into the context rebuilt from it; the directory to decide with."""
    account = ctx.account
    if account is not None and "plan" in rec:
        account = ctx.account = replace(
            account, plan=rec.get("plan") or account.plan, credential=rec.get("credential") or account.credential,
            verified=bool(rec.get("verified")), status=rec.get("account_status") or account.status)
    if "org_id" in rec:
        org_id = rec.get("org_id")
        ctx.org = (ctx.org if ctx.org is not None and ctx.org.org_id == org_id else Organization(org_id=org_id)) \
            if org_id else None
        if ctx.org is not None and ctx.org.restricted:  # the recorded answer decides, not today's entities
            ctx.org = replace(ctx.org, restricted=False)
    ctx.entity = ResolvedEntity(org_id=rec.get("entity_org"), confidence=float(rec.get("entity_confidence") or 0.0),
                                restricted=bool(rec.get("entity_restricted")),
                                evidence=list(rec.get("entity_evidence") or ()))
    if rec.get("attribution_trust"):
        ctx.attribution_trust = rec["attribution_trust"]
    ctx.scores = {k: float(v) for k, v in (rec.get("scores") or {}).items()}
    if rec.get("cluster_id"):
        ctx.extra["cluster_id"] = rec["cluster_id"]
    ctx.first_party = bool(rec.get("first_party"))
    if rec.get("max_tokens") is not None:
        ctx.max_tokens = int(rec["max_tokens"])
    if rec.get("input_tokens_estimate") is not None:
        ctx.input_tokens_estimate = int(rec["input_tokens_estimate"])
    domain = account.email_domain if account is not None else ""
    return RecordedDirectory(list(rec.get("restricted") or ()), domain, rec.get("domain_org"))
