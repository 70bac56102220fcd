"""Who takes part in the demo: organizations and accounts, written through the directory's own
admin operations (so they land in the admin log like any operator's change)."""

from __future__ import annotations

from dataclasses import dataclass

from moat.identity import admin
from moat.store import Store

ACTOR = "moat-demo"
RIVAL = "rival-labs"
IDE_PLATFORM = "codeide"
IDE_ACCOUNT = "demo-codeide"
DISTILLERS = [f"demo-net-{i:02d}" for i in range(8)]
DEVELOPERS = [f"demo-dev-{i:02d}" for i in range(10)]
RIVAL_ENGINEERS = ["demo-rival-eng-1", "demo-rival-eng-2"]
PIPELINE = "demo-pipeline"


@dataclass(frozen=True)
class Member:
    account_id: str
    role: str  # the row of the story it belongs to
    key: str


async def seed(store: Store) -> dict[str, Member]:
    """Create (or refresh) the cast; returns a fresh API key per account."""
    await admin.add_org(store, actor=ACTOR, org_id=RIVAL, name="Rival Labs", domains=["rival-labs.example"],
                        ip_ranges=["203.0.113.0/24"], restricted=True, payment_fingerprints=["card-rival-corp"])
    await admin.add_org(store, actor=ACTOR, org_id="rival-research", name="Rival Research GmbH",
                        domains=["rival-research.example"], owner=RIVAL, share=0.8)
    await admin.add_org(store, actor=ACTOR, org_id="acme", name="Acme Corp", domains=["acme.example"])
    await admin.add_org(store, actor=ACTOR, org_id="codeide-inc", name="CodeIDE Inc", domains=["codeide.example"])
    accounts: list[tuple[str, str, str, str | None, dict[str, object]]] = []
    for i, account_id in enumerate(DEVELOPERS):
        org = "acme" if i % 2 == 0 else None
        email = f"dev{i}@acme.example" if org else f"dev{i}@gmail.com"
        accounts.append((account_id, "benign developers", email, org, {"plan": "api" if org else "pro"}))
    for i, account_id in enumerate(RIVAL_ENGINEERS):
        accounts.append((account_id, "rival engineers on personal accounts", f"eng{i}@gmail.com", None,
                         {"plan": "pro", "payment_fingerprint": "card-rival-corp"}))
    accounts.append((IDE_ACCOUNT, "a coding IDE relaying its users", "ops@codeide.example", "codeide-inc",
                     {"plan": "enterprise", "verified": True}))
    for i, account_id in enumerate(DISTILLERS):
        accounts.append((account_id, "distillation network", f"data{i}@outlook.com", None,
                         {"plan": "api", "payment_fingerprint": "card-net-shared"}))
    accounts.append((PIPELINE, "consumer plan running a pipeline", "ops@startup.example", None,
                     {"plan": "max", "credential": "consumer_subscription"}))
    cast: dict[str, Member] = {}
    for account_id, role, email, org, extra in accounts:
        await admin.add_account(store, actor=ACTOR, account_id=account_id, email=email, org_id=org,
                                plan=str(extra.pop("plan")), **extra)  # type: ignore[arg-type]
        created = await admin.create_key(store, actor=ACTOR, account_id=account_id)
        cast[account_id] = Member(account_id, role, created.secret)
    return cast
