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
# The data API's side of the story (issue 15 item 6): a rival lab not restricted yet, whose engineers
# hold the firehose; a researcher whose key declares its use; one customer's crawl split over keys.
DATA_RIVAL = "vantage-ai"
DATA_RIVAL_ENGINEERS = ["demo-vantage-eng-1", "demo-vantage-eng-2"]
RESEARCHER = "demo-researcher"
RESEARCH_USE = ("research", "academic research on public discourse")
CRAWLER_ORG = "quarry-data"
CRAWLERS = [f"demo-crawl-{i}" for i in range(1, 4)]


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
    cast.update(await _seed_data(store))
    return cast


async def _seed_data(store: Store) -> dict[str, Member]:
    """The data API's callers: on plan api, like any developer of a data API."""
    await admin.add_org(store, actor=ACTOR, org_id=DATA_RIVAL, name="Vantage AI", domains=["vantage-ai.example"])
    await admin.add_org(store, actor=ACTOR, org_id=CRAWLER_ORG, name="Quarry Data", domains=["quarry.example"])
    accounts: list[tuple[str, str, str, str | None]] = [
        (a, "a rival lab's engineers, firehose", f"eng{i}@vantage-ai.example", DATA_RIVAL)
        for i, a in enumerate(DATA_RIVAL_ENGINEERS, 1)]
    accounts.append((RESEARCHER, "a research key (declared: research)", "lab@university.example", None))
    accounts += [(a, "a crawler split across keys", f"job{i}@quarry.example", CRAWLER_ORG)
                 for i, a in enumerate(CRAWLERS, 1)]
    cast: dict[str, Member] = {}
    for account_id, role, email, org in accounts:
        await admin.add_account(store, actor=ACTOR, account_id=account_id, email=email, org_id=org, plan="api")
        use, description = RESEARCH_USE if account_id == RESEARCHER else ("", "")
        created = await admin.create_key(store, actor=ACTOR, account_id=account_id, use=use,
                                         use_description=description)
        cast[account_id] = Member(account_id, role, created.secret)
    return cast
