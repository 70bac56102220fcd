"""One case per subject (issue 13 item 3), on SQLite and PostgreSQL: the gateway's flags about a
network's accounts and detection's findings about the network go into one case with every member;
an account flagged before its network was known has its case merged into the network's; a network
found again after its case was closed re-opens that case."""

from __future__ import annotations

from pathlib import Path

import orjson

from moat.config import Settings
from moat.enforce import cases
from moat.enforce.findings import import_findings
from moat.enforce.models import Subject
from moat.enforce.runtime import Enforcement
from moat.enforce.services import EnforceContext
from moat.ids import cluster_id
from moat.store.base import Store

MEMBERS = [f"net-acct-{i}" for i in range(8)]
NETWORK = cluster_id(MEMBERS)


def _findings(path: Path, members: list[str], risk: float = 0.9) -> Path:
    path.write_bytes(b"".join(orjson.dumps({
        "account_id": m, "risk": risk, "scores": {"distillation": risk}, "cluster_id": cluster_id(members),
        "linked_org": None, "evidence": [f"harvests reasoning across 40 domains ({m})",
                                        "shares a payment instrument with 7 accounts"]}) + b"\n"
        for m in members))
    return path


async def _flag(store: Store, flags: list[tuple[str, str | None]]) -> None:
    """Flags as the gateway raises them (the `distillation-open-case` rule), through a replica's
    real enforcement worker; each with the cluster the online scorer gave the account, if any."""
    enforcement = Enforcement(store, Settings())
    await enforcement.start()
    try:
        for n, (account_id, cid) in enumerate(flags):
            enforcement.note_flag(account_id, decision_id=f"dec_{n}", reason_code="distillation_risk",
                                  rules=["distillation-open-case"], request_id=f"req_{n}", cluster_id=cid)
    finally:
        await enforcement.stop()


async def test_a_network_flagged_and_found_is_one_case_with_every_member(
        cx: EnforceContext, store: Store, tmp_path: Path) -> None:
    # The gateway flags one member before the online scorer knew its network, then three within it.
    await _flag(store, [(MEMBERS[7], None)])
    early = await cx.es.open_case_for("account", MEMBERS[7])
    assert early is not None
    await _flag(store, [(m, NETWORK) for m in MEMBERS[:3]])
    network_case = await cx.es.open_case_for("cluster", NETWORK)
    assert network_case is not None
    assert await cases.subject_accounts(cx, Subject("cluster", NETWORK)) == MEMBERS[:3]

    # Detection finds the network: the same case, now with every member; the early case merged in.
    report = await import_findings(cx, actor="detect", path=_findings(tmp_path / "f.jsonl", MEMBERS), threshold=0.5)
    assert report.opened == [] and report.updated == [network_case.case_id]
    open_cases = (await cases.list_cases(cx, status="open")).data
    assert [c.case_id for c in open_cases] == [network_case.case_id]
    assert await cases.subject_accounts(cx, Subject("cluster", NETWORK)) == MEMBERS
    merged = await cx.es.get_case(early.case_id)
    assert merged is not None and merged.status == "closed"
    assert [e.kind for e in (await cx.es.list_events(early.case_id)).data][-1] == "merged"
    evidence = (await cx.es.list_evidence(network_case.case_id, limit=500)).data
    assert {e.account_id for e in evidence if e.kind == "flag"} == {*MEMBERS[:3], MEMBERS[7]}

    # Closed by a reviewer, then found again (and flagged again): re-opened, never a second case.
    await cases.set_status(cx, actor="rev:ann", case_id=network_case.case_id, status="closed", outcome="confirmed")
    report = await import_findings(cx, actor="detect", path=_findings(tmp_path / "g.jsonl", MEMBERS), threshold=0.5)
    assert report.opened == [] and report.updated == [network_case.case_id]
    await _flag(store, [(MEMBERS[5], NETWORK)])
    on_network = (await cases.list_cases(cx, subject=f"cluster:{NETWORK}")).data
    assert [(c.case_id, c.status) for c in on_network] == [(network_case.case_id, "open")]
    assert "reopened" in [e.kind for e in (await cx.es.list_events(network_case.case_id, limit=500)).data]
    assert [c.case_id for c in (await cases.list_cases(cx, status="open")).data] == [network_case.case_id]


async def test_an_account_in_a_found_network_is_flagged_into_the_networks_case(
        cx: EnforceContext, store: Store, tmp_path: Path) -> None:
    """A flag without a cluster id (no online score yet) still joins the network detection found."""
    await import_findings(cx, actor="detect", path=_findings(tmp_path / "f.jsonl", MEMBERS), threshold=0.5)
    await _flag(store, [(MEMBERS[2], None)])
    assert [c.subject_id for c in (await cases.list_cases(cx)).data] == [NETWORK]


async def test_accounts_linked_to_one_organization_are_one_case(cx: EnforceContext, store: Store,
                                                                tmp_path: Path) -> None:
    """Two personal accounts detection links to the same organization, in no network: one case on
    the organization, which the gateway's flag about either joins (an account case merged in)."""
    await _flag(store, [("eng-2", None)])  # flagged before detection said anything
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"".join(orjson.dumps({"account_id": a, "risk": 0.9, "scores": {"competitor": 0.9},
                                            "cluster_id": None, "linked_org": "rivalco",
                                            "evidence": ["paid with rivalco's card"]}) + b"\n"
                              for a in ("eng-1", "eng-2")))
    report = await import_findings(cx, actor="detect", path=path, threshold=0.5)
    assert len(report.opened) == 1
    await _flag(store, [("eng-1", None)])
    open_cases = (await cases.list_cases(cx, status="open")).data
    assert [(c.subject_kind, c.subject_id) for c in open_cases] == [("org", "rivalco")]
    assert {"eng-1", "eng-2"} <= set(await cases.subject_accounts(cx, Subject("org", "rivalco")))
