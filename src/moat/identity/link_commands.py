"""`moat link DATASET`: batch-link a traffic dataset and print clusters and links with evidence."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from moat.cli import emit


@click.command()
@click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--threshold", type=float, default=None, help="Minimum confidence of a link (default 0.5).")
@click.option("--all", "show_all", is_flag=True, help="Include accounts that link to no organization.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def link(dataset: Path, as_json: bool, threshold: float | None, show_all: bool, quiet: bool) -> None:
    """Link the accounts of DATASET to organizations and to each other."""
    from tqdm import tqdm

    from moat.identity.linking import LinkingConfig, link_dataset
    from moat.traffic import ACCOUNTS_FILE

    if not (dataset / ACCOUNTS_FILE).exists():
        raise click.UsageError(f"{dataset} has no {ACCOUNTS_FILE}")
    config = LinkingConfig() if threshold is None else LinkingConfig(threshold=threshold)
    with tqdm(desc="linking", unit=" records", disable=quiet, mininterval=0.5, leave=False) as bar:
        ticks = [0]

        def tick() -> None:
            ticks[0] += 1
            if ticks[0] == 10_000:
                bar.update(ticks[0])
                ticks[0] = 0

        _, result = link_dataset(dataset, config, on_record=tick)
        bar.update(ticks[0])
    accounts = [a for a in result.accounts.values() if show_all or a.org_id or a.restricted_score]
    clusters = sorted(result.clusters.values(), key=lambda c: (-len(c.account_ids), c.cluster_id))
    if as_json:
        payload: dict[str, Any] = {
            "accounts": [asdict(a) for a in accounts],
            "clusters": [{**asdict(c), "links": [{**asdict(x), "evidence": x.evidence} for x in c.links]}
                         for c in clusters],
            "summary": {"accounts": len(result.accounts), "linked": sum(1 for _ in result.linked()),
                        "clusters": len(result.clusters)},
        }
        emit(payload, True)
        return
    lines = [f"{len(result.accounts)} accounts, {sum(1 for _ in result.linked())} linked to an "
             f"organization, {len(result.clusters)} clusters"]
    for c in clusters:
        org = f" -> {c.org_id}{' (restricted)' if c.restricted else ''}" if c.org_id else ""
        lines.append(f"\ncluster {c.cluster_id}: {len(c.account_ids)} accounts{org}")
        lines.extend(f"  - {x.evidence} (weight {x.weight:.2f}): {', '.join(x.account_ids)}" for x in c.links)
    if accounts:
        lines.append("\naccounts:")
    for a in accounts:
        target = a.org_id or f"(none; best {a.candidate_org})"
        flag = " RESTRICTED" if a.restricted else ""
        cluster = f" [{a.cluster_id}]" if a.cluster_id else ""
        lines.append(f"{a.account_id} -> {target} {a.confidence:.2f}{flag}{cluster}")
        lines.extend(f"    {e}" for e in a.evidence)
    emit(None, False, "\n".join(lines))
