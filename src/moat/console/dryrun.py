"""Policy dry run: decide recently recorded traffic under the bundle in force and under an edited
one, and report what would change (the same comparison as `moat policy replay --against`).

The edited bundle is the bundle directory with one file's text replaced, compiled by the same
`load_bundle` the gateway uses, so a dry run refuses exactly what a reload would refuse, and on
the same compile worker (moat.policy.worker): however many dry runs are posted, they compile one at
a time on one thread, each within the bounds of moat.policy.bounds, and none outlives its request.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from moat.identity.models import Account, Organization
from moat.policy.bounds import MAX_FILE_BYTES
from moat.policy.bundle import Bundle, load_bundle, policy_files
from moat.policy.engine import Engine
from moat.policy.inputs import has_inputs, recorded_lift
from moat.policy.replay import Dataset, DatasetDirectory, ReplayReport, decided_before_policy, outcome, rebuild
from moat.policy.worker import COMPILER, CompileWorker, WorkerBusy
from moat.policy.yamlread import BundleError, PolicyError


def edited_bundle(source: Path, file_name: str, text: str, *, worker: CompileWorker = COMPILER) -> Bundle:
    """The bundle of `source` with `file_name` (a file of the bundle) holding `text` instead.

    Blocking (call it in a thread): the compile runs on `worker`. Raises BundleError for a bundle
    that is refused, including when the worker is too busy to take it."""
    names = {p.relative_to(source).as_posix() for p in policy_files(source)}
    if file_name not in names:
        raise ValueError(f"{file_name!r} is not a file of the bundle")
    data = text.encode("utf-8", errors="surrogateescape")
    if len(data) > MAX_FILE_BYTES:
        raise BundleError([PolicyError(file_name, 0, f"file too large: {len(data)} bytes, more than "
                                                     f"{MAX_FILE_BYTES} (MAX_FILE_BYTES)")])
    with tempfile.TemporaryDirectory(prefix="moat-dryrun-") as tmp:
        root = Path(tmp) / "bundle"
        shutil.copytree(source, root)
        (root / file_name).write_bytes(data)  # lone surrogates stay bytes: refused as not UTF-8
        try:
            return worker.run(load_bundle, root)
        except (WorkerBusy, TimeoutError):
            raise BundleError([PolicyError(file_name, 0, "the policy compiler is busy with other checks; "
                                                         "try again in a moment")]) from None


def compare(records: list[dict[str, Any]], old: Engine, new: Engine, accounts: dict[str, Account],
            orgs: list[Organization], restricted: frozenset[str]) -> ReplayReport:
    """Decide each record under both engines, from the inputs it recorded (moat.policy.inputs); count
    and attribute the differences."""
    directory = DatasetDirectory({o.org_id: o for o in orgs})
    directory.restricted = restricted
    ds = Dataset(accounts, directory, {})
    report = ReplayReport()
    for rec in records:
        if not rec.get("account_id") or rec.get("ts") is None or decided_before_policy(rec):
            report.before_policy += 1
            continue  # refused before the decide stage: no policy decided it
        report.requests += 1
        report.revisions[rec.get("policy_revision") or "(not recorded)"] += 1
        report.from_dataset += not has_inputs(rec)
        ctx, view = rebuild(rec, ds)  # the recorded scores and restriction answers, when recorded
        lift = recorded_lift(rec)  # the exceptions the caller had then
        before, after = old.decide(ctx, view, lift), new.decide(ctx, view, lift)
        was, now = outcome(before), outcome(after)
        if was == now:
            continue
        report.changed += 1
        report.transitions[f"{was} -> {now}"] += 1
        report.accounts[rec["account_id"]] += 1
        for rule in set(before.rules) ^ set(after.rules) or set(after.rules) or {"(no rule)"}:
            report.by_rule[rule][rec["account_id"]] += 1
    return report
