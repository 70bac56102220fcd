"""`moat policy replay`: re-decide recorded traffic under a new bundle and report what changes.

Records (shared/spec/traffic-format.md) become the same `RequestContext` the gateway builds, and
are decided by the same `Engine.decide`, so a replay predicts what the gateway would do. A record
the gateway wrote carries the inputs its decision read (moat.policy.inputs: account state, the
restriction answers, the resolved entity, the detector scores and cluster), and is decided from
those: replaying recorded traffic with the bundle that decided it changes nothing, and a changed
score threshold changes exactly the requests whose recorded score lies between the two. A record
without them (simulated traffic, an older export) is filled from the dataset: restricted
organizations from `entities.jsonl`, scores and linked organizations from `findings.jsonl` when
`moat detect` has written one, end-user attribution counted as signed.

Without `--against`, the new decisions are compared with the `decision` the gateway recorded
(`allow` / `deny:<reason>`); with it, with the old bundle's full outcome (including redaction,
flags, caps and limits). Two kinds of recorded refusal are not the bundle's to change: a refusal
before the decide stage (a bad key, a suspended account; revision `gateway`) is counted apart, and
a limit that refused (`throttle_refused:...`) stays unchanged while the new decision still applies
a limit, since whether a limit refuses depends on the traffic's rate, which a replay does not rerun.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson

from moat.context import Decision, RequestContext, ResolvedEntity
from moat.identity.models import Account, ApiKey, Organization
from moat.policy.engine import Engine
from moat.policy.inputs import apply_inputs, has_inputs, recorded_lift
from moat.policy.variables import DirectoryView
from moat.traffic import BadLine, read_accounts, read_entities, read_requests


class DatasetDirectory:
    """A DirectoryView over a dataset's entities: restricted ids and domains (the format carries no
    ownership, so no subsidiaries)."""

    def __init__(self, orgs: dict[str, Organization]) -> None:
        self.orgs = orgs
        self.restricted = frozenset(o.org_id for o in orgs.values() if o.restricted)
        self.domains = {d.lower(): o.org_id for o in orgs.values() for d in o.domains}

    def is_restricted(self, org_id: str) -> bool:
        return org_id in self.restricted

    def org_for_domain(self, domain: str) -> Organization | None:
        return self.orgs.get(self.domains.get(domain.rpartition("@")[2].lower(), ""))


@dataclass(slots=True)
class Dataset:
    accounts: dict[str, Account]
    directory: DatasetDirectory
    findings: dict[str, dict[str, Any]]
    bad_lines: list[BadLine] = field(default_factory=list)


def load_dataset(path: Path) -> Dataset:
    """Accounts, entities and (optional) findings of a dataset; requests are streamed separately."""
    bad: list[BadLine] = []
    orgs = {e["org_id"]: Organization(org_id=e["org_id"], name=e.get("name") or "",
                                      restricted=bool(e.get("restricted")),
                                      domains=tuple(e.get("domains") or ()))
            for e in read_entities(path, bad.append)}
    accounts: dict[str, Account] = {}
    for a in read_accounts(path, bad.append):
        accounts[a["account_id"]] = Account(
            account_id=a["account_id"], email=a.get("email") or "", plan=a.get("plan") or "api",
            org_id=a.get("org_id"), credential=a.get("credential") or "api_key",
            verified=bool(a.get("verified", False)), created_at=float(a.get("created_at") or 0.0),
            declared_company=a.get("declared_company"), country=a.get("country"),
            status=a.get("status") or "active")
    findings: dict[str, dict[str, Any]] = {}
    fpath = path / "findings.jsonl"
    if fpath.exists():
        for line in fpath.read_bytes().splitlines():
            if line.strip():
                f = orjson.loads(line)
                findings[f["account_id"]] = f
    return Dataset(accounts, DatasetDirectory(orgs), findings, bad)


def _prompt_tokens(rec: dict[str, Any]) -> int:
    """The whole prompt a record's request sent, as the gateway estimated it before the call: fresh
    input plus the optional cache kinds (docs/traffic-format-extensions.md)."""
    return sum(int(rec.get(k) or 0) for k in ("input_tokens", "cache_read_tokens", "cache_write_tokens"))


def context_from_record(rec: dict[str, Any], ds: Dataset) -> RequestContext:
    """The RequestContext the gateway would have built for a recorded request."""
    account = ds.accounts.get(rec["account_id"]) or Account(account_id=rec["account_id"])
    org = None
    if account.org_id:
        org = ds.directory.orgs.get(account.org_id) or Organization(org_id=account.org_id)
    endpoint = rec.get("endpoint") or "/v1/chat/completions"
    ctx = RequestContext(
        request_id=rec.get("request_id") or f"req_{rec['ts']}", started=float(rec["ts"]), endpoint=endpoint,
        api="anthropic" if endpoint.startswith("/v1/messages") else "openai",
        client_ip=rec.get("client_ip"), user_agent=rec.get("user_agent"), account=account, org=org,
        key=ApiKey(rec["key_id"], account.account_id, "", "", 0.0) if rec.get("key_id") else None,
        channel=rec.get("channel") or "direct", platform=rec.get("platform"),
        end_user_id=rec.get("end_user_id"), end_user_org=rec.get("end_user_org"),
        attribution_trust="signed" if rec.get("end_user_id") else "none",
        model=rec.get("model") or "", stream=bool(rec.get("stream")), reasoning=bool(rec.get("reasoning")),
        max_tokens=rec.get("max_tokens"), input_tokens_estimate=_prompt_tokens(rec),
        conversation_id=rec.get("conversation_id"), turn=int(rec.get("turn") or 1))
    if rec.get("first_party"):
        ctx.first_party = True
    if rec.get("kind") == "data":
        _data_request(rec, ctx)
    if has_inputs(rec):
        return ctx
    finding = ds.findings.get(account.account_id)
    if finding:
        ctx.scores = {k: float(v) for k, v in (finding.get("scores") or {}).items()}
        ctx.scores["risk"] = float(finding.get("risk") or 0.0)
        linked = finding.get("linked_org")
        if linked:
            ctx.entity = ResolvedEntity(org_id=linked, confidence=1.0,
                                        restricted=ds.directory.is_restricted(linked))
    return ctx


def _data_request(rec: dict[str, Any], ctx: RequestContext) -> None:
    """What a data record adds (docs/data-apis.md): `request.kind/path/method/resource` and the key's
    declared use (`key.use`; its sentence is not recorded, so `key.use_description` replays as "")."""
    ctx.api = "http"
    ctx.kind = "data"
    ctx.path = rec.get("path") or ctx.endpoint
    ctx.method = rec.get("method") or "GET"
    ctx.resource = rec.get("resource") or ""
    if ctx.key is not None and rec.get("key_use"):
        ctx.key = replace(ctx.key, use=str(rec["key_use"]))


def rebuild(rec: dict[str, Any], ds: Dataset) -> tuple[RequestContext, DirectoryView]:
    """The context of a recorded request and the directory to decide it with: its recorded inputs
    when it has them, the dataset's otherwise."""
    ctx = context_from_record(rec, ds)
    return (ctx, apply_inputs(rec, ctx)) if has_inputs(rec) else (ctx, ds.directory)


def decided_before_policy(rec: dict[str, Any]) -> bool:
    """Refused by the gateway before the decide stage (bad key, suspended account, bad body)."""
    return rec.get("policy_revision") == "gateway"


def outcome(d: Decision) -> str:
    """A decision in one comparable string: `deny:<reason>`, or `allow`/`throttle` plus modifiers."""
    if not d.allowed:
        return d.label
    parts = [d.effect]
    if d.redact_reasoning:
        parts.append("redact")
    if d.flag:
        parts.append("flag")
    if d.max_tokens_cap is not None:
        parts.append(f"cap{d.max_tokens_cap}")
    if d.allowed_models is not None:
        parts.append("models:" + ",".join(d.allowed_models))
    if d.limits:
        parts.append("limits:" + ",".join(sorted(d.limits)))
    return "+".join(parts)


def _recorded_label(label: str | None, now: Decision) -> str:
    """The recorded decision, as the new one is written; a limit's refusal stands for any decision
    that still applies a limit (whether it refuses depends on the rate, not on the bundle)."""
    if label and label.startswith("throttle_refused:") and now.allowed and now.limits:
        return now.label
    return label or "allow"


def _refusing(effects: dict[str, tuple[str, str]], d: Decision) -> set[str]:
    """The rules behind a refusal (same reason code, refusing effect); none for an admitted request."""
    if d.allowed:
        return set()
    return {r for r in d.rules if effects[r][1] == d.reason_code
            and effects[r][0] in ("deny", "require_attribution", "cap")}


@dataclass(slots=True)
class ReplayReport:
    requests: int = 0
    changed: int = 0
    transitions: Counter[str] = field(default_factory=Counter)  # "old -> new": requests
    by_rule: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # rule -> acct -> n
    accounts: Counter[str] = field(default_factory=Counter)  # account -> changed requests
    bad_lines: list[str] = field(default_factory=list)
    revisions: Counter[str] = field(default_factory=Counter)  # bundle revision recorded -> requests
    from_dataset: int = 0  # requests without recorded inputs, decided from the dataset's state
    before_policy: int = 0  # refused before the decide stage: not the bundle's to change

    def to_json(self) -> dict[str, Any]:
        return {
            "requests": self.requests, "changed": self.changed, "accounts_changed": len(self.accounts),
            "transitions": dict(self.transitions.most_common()),
            "by_rule": {rule: {"requests": sum(c.values()), "accounts": sorted(c)}
                        for rule, c in sorted(self.by_rule.items())},
            "accounts": dict(self.accounts.most_common()),
            "recorded_revisions": dict(self.revisions.most_common()),
            "without_recorded_inputs": self.from_dataset, "refused_before_policy": self.before_policy,
            "bad_lines": self.bad_lines,
        }

    def render(self) -> str:
        pct = 100.0 * self.changed / self.requests if self.requests else 0.0
        lines = [f"requests: {self.requests}", f"changed:  {self.changed} ({pct:.2f}%) "
                 f"in {len(self.accounts)} account(s)"]
        if self.revisions:
            lines.append("decided by: " + ", ".join(f"{rev} ({n})" for rev, n in self.revisions.most_common(5)))
        if self.from_dataset:
            lines.append(f"{self.from_dataset} request(s) without recorded inputs: decided from the dataset's "
                         "accounts, entities and findings")
        if self.before_policy:
            lines.append(f"{self.before_policy} request(s) refused before the policy decided (not replayed)")
        if self.transitions:
            lines += ["", "transitions:"] + [f"  {n:>8}  {t}" for t, n in self.transitions.most_common()]
        if self.by_rule:
            lines += ["", "by rule:"]
            for rule, c in sorted(self.by_rule.items(), key=lambda kv: -sum(kv[1].values())):
                accts = ", ".join(a for a, _ in c.most_common(10)) + (" ..." if len(c) > 10 else "")
                lines.append(f"  {sum(c.values()):>8}  {rule}  ({len(c)} account(s): {accts})")
        if self.bad_lines:
            lines += ["", f"{len(self.bad_lines)} bad line(s) skipped:"] + [f"  {b}" for b in self.bad_lines[:20]]
        return "\n".join(lines)


def count_requests(path: Path) -> int:
    with (path / "requests.jsonl").open("rb") as f:
        return sum(1 for line in f if line.strip())


def replay(dataset: Path, new: Engine, old: Engine | None = None,
           wrap: Callable[[Iterator[dict[str, Any]]], Iterable[dict[str, Any]]] | None = None) -> ReplayReport:
    """Decide every recorded request under `new` (and `old`); count and attribute the changes.

    `wrap` may wrap the record stream, e.g. in a tqdm progress bar.
    """
    ds = load_dataset(dataset)
    effects = {cr.rule.id: (cr.rule.effect, cr.rule.reason) for cr in new.bundle.rules}
    report = ReplayReport(bad_lines=[str(b) for b in ds.bad_lines])
    stream = read_requests(dataset, lambda b: report.bad_lines.append(str(b)))
    for rec in wrap(stream) if wrap else stream:
        if decided_before_policy(rec):
            report.before_policy += 1
            continue
        report.requests += 1
        report.revisions[rec.get("policy_revision") or "(not recorded)"] += 1
        report.from_dataset += not has_inputs(rec)
        ctx, directory = rebuild(rec, ds)
        lift = recorded_lift(rec)  # the exceptions the caller had then
        after = new.decide(ctx, directory, lift)
        if old is not None:
            before = old.decide(ctx, directory, lift)
            was, now = outcome(before), outcome(after)
            rules = set(before.rules) ^ set(after.rules) or set(after.rules) or {"(no rule)"}
        else:
            was, now = _recorded_label(rec.get("decision"), after), after.label
            rules = _refusing(effects, after) or {"(no rule matched now)"}
        if was == now:
            continue
        report.changed += 1
        report.transitions[f"{was} -> {now}"] += 1
        report.accounts[ctx.account.account_id if ctx.account else "?"] += 1
        for rule in rules:
            report.by_rule[rule][rec["account_id"]] += 1
    return report
