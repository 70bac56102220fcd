"""Linking precision and recall on a generated population with known truth (issue 5)."""

from __future__ import annotations

from moat.identity.linking import Linker, LinkingConfig, LinkResult
from tests.identity.linking_fixtures import Population, generate


def run(pop: Population, config: LinkingConfig | None = None) -> LinkResult:
    linker = Linker(pop.entities, config)
    for account in pop.accounts:
        linker.add_account(account)
    for request in pop.requests:
        linker.add_request(request)
    return linker.result()


def scores(pop: Population, result: LinkResult) -> tuple[float, float]:
    linked = [a for a in result.accounts.values() if a.org_id]
    correct = sum(1 for a in linked if pop.truth[a.account_id] == a.org_id)
    precision = correct / len(linked)
    recall = sum(1 for aid in pop.detectable if result.accounts[aid].org_id == pop.truth[aid]) / len(pop.detectable)
    return precision, recall


def test_precision_and_recall_with_nats_personal_domains_and_generic_devices() -> None:
    pop = generate()
    precision, recall = scores(pop, run(pop))
    assert precision >= 0.98, precision
    assert recall >= 0.95, recall


def test_no_consumer_links_through_shared_addresses() -> None:
    pop = generate(seed=11)
    result = run(pop)
    wrong = [a for a in result.accounts.values() if a.org_id and pop.truth[a.account_id] is None]
    assert not wrong, wrong[:3]


def test_guards_are_what_keep_precision() -> None:
    """Without the address and generic-identifier guards, the traps in the fixture do fire."""
    pop = generate()
    naive = LinkingConfig(ip_free_accounts=10**9, max_group=(0, 0, 0), addresses_link_alone=True,
                          exclusive_group=10**9)
    precision, _ = scores(pop, run(pop, naive))
    assert precision < 0.9


def test_batch_equals_incremental() -> None:
    pop = generate(seed=5, consumers=300)
    batch = run(pop)
    linker = Linker(pop.entities)
    by_account: dict[str, list[dict]] = {}
    for r in pop.requests:
        by_account.setdefault(r["account_id"], []).append(r)
    for account in pop.accounts:
        linker.add_account(account)
        for r in by_account.get(account["account_id"], ()):
            if r["account_id"] in linker._pos:
                linker.add_request(r)
    for r in pop.requests:  # requests of accounts created later
        linker.add_request(r)
    for aid, link in batch.accounts.items():
        single = linker.link_for(aid)
        assert single is not None and single.org_id == link.org_id, aid
