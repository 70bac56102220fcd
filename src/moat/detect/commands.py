"""`moat detect`, `moat simulate`, `moat evaluate` (issue 6 items 1, 4 and 5)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import orjson

from moat.config import DetectSettings
from moat.traffic import ACCOUNTS_FILE, REQUESTS_FILE, BadLine


class _Errors:
    """Reports bad lines on stderr (the first `limit` in full) and counts them all."""

    def __init__(self, limit: int = 50) -> None:
        self.count = 0
        self.limit = limit

    def __call__(self, bad: BadLine) -> None:
        self.count += 1
        if self.count <= self.limit:
            click.echo(f"warning: {bad}", err=True)
        elif self.count == self.limit + 1:
            click.echo("warning: more bad lines; only counting from now on", err=True)


def _estimate_lines(path: Path) -> int | None:
    """Lines in a file, estimated from its size and its first MiB (for the progress bar)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(1 << 20)
    except OSError:
        return None
    lines = head.count(b"\n")
    return None if not lines else int(size / (len(head) / lines))


@click.command()
@click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="findings.jsonl to write (default: stdout).")
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr.")
@click.option("--reviewed", "reviewed", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Reviewers' labels (JSONL, as GET /admin/labels returns them): the benign flag rate is "
                   "held against the accounts they cleared.")
@click.option("--benign-flag-rate", type=click.FloatRange(0, 0.5, min_open=True, max_open=True),
              default=DetectSettings.benign_flag_rate,
              show_default=True, help="With --reviewed: share of accounts that may be cleared yet at risk >= 0.5.")
def detect(dataset: Path, out: Path | None, progress: bool, reviewed: Path | None, benign_flag_rate: float) -> None:
    """Score every account of DATASET; write findings (shared/spec/traffic-format.md)."""
    from tqdm import tqdm

    from moat.detect.engine import score_dataset
    from moat.detect.reviews import read_file

    for name in (ACCOUNTS_FILE, REQUESTS_FILE):
        if not (dataset / name).is_file():
            raise click.UsageError(f"{dataset / name} not found: a dataset has {ACCOUNTS_FILE} and {REQUESTS_FILE}")
    errors = _Errors()
    bar = tqdm(total=_estimate_lines(dataset / REQUESTS_FILE), unit="req", unit_scale=True,
               disable=not progress, file=sys.stderr, desc="requests")
    reviews = read_file(reviewed) if reviewed is not None else None
    engine, n = score_dataset(dataset, errors, bar.update, reviews=reviews, benign_flag_rate=benign_flag_rate)
    bar.close()
    sink = out.open("wb") if out else sys.stdout.buffer
    count = 0
    try:
        for finding in engine.findings():
            sink.write(orjson.dumps(finding) + b"\n")
            count += 1
    finally:
        if out:
            sink.close()
        else:
            sink.flush()
    click.echo(f"{count} accounts scored from {n} requests; {errors.count} bad lines; "
               f"{engine.duplicates} repeated request ids counted once", err=True)


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--accounts", default=1000, show_default=True, type=click.IntRange(1))
@click.option("--days", default=7, show_default=True, type=click.IntRange(1))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--volume", default=1.0, show_default=True, type=float, help="Requests-per-day multiplier.")
@click.option("--careful", type=click.Choice(["default", "careful", "sloppy"]), default="default",
              show_default=True, help="How careful the adversaries are (presets of SimParams fields).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Any other SimParams field, e.g. --param jitter_s=600 or --param farm_size=20,50.")
@click.option("--mix", "mix", multiple=True, metavar="PERSONA=WEIGHT",
              help="Override one persona's mixture weight, e.g. --mix benchmark=0.1.")
@click.option("--data", "data", type=click.Choice(["none", "mixed", "only"]), default="none", show_default=True,
              help="Data-API clients (issue 15): none; mixed with the model personas; or only them.")
@click.option("--hard-data", is_flag=True,
              help="With --data: add data look-alikes (heavy researchers, panels, archive backfills, apps, "
                   "cloud apps, monitors, research groups) and careful harvesters and resellers.")
def simulate(out: Path, accounts: int, days: int, seed: int, volume: float, careful: str,
             params: tuple[str, ...], mix: tuple[str, ...], data: str, hard_data: bool) -> None:
    """Write a labelled simulated dataset to OUT (spec files plus labels.jsonl)."""
    from dataclasses import fields

    from tqdm import tqdm

    from moat.detect.sim import SimParams
    from moat.detect.sim import simulate as run
    from moat.detect.sim.params import CAREFUL, DATA_HARD_MIXTURE, DATA_MIXTURE, SLOPPY

    changes: dict[str, object] = dict({"careful": CAREFUL, "sloppy": SLOPPY}.get(careful, {}))
    types = {f.name: str(f.type) for f in fields(SimParams)}
    for item in params:
        name, _, value = item.partition("=")
        if name not in types or name == "mixture":
            raise click.BadParameter(f"unknown or unsupported parameter {name!r}", param_hint="--param")
        try:
            if types[name].startswith("tuple"):  # a range, e.g. farm_size=20,50
                lo, hi = (int(v) for v in value.split(","))
                changes[name] = (lo, hi)
            else:
                changes[name] = int(value) if types[name] in ("int", "<class 'int'>") else float(value)
        except ValueError:
            raise click.BadParameter(f"bad value for {name}: {value!r}", param_hint="--param") from None
    p = SimParams(accounts=accounts, days=days, seed=seed, volume=volume).with_(**changes)
    if data != "none":
        hard = DATA_HARD_MIXTURE if hard_data else {}
        p = p.with_(mixture={**(p.mixture if data == "mixed" else {}), **DATA_MIXTURE, **hard})
    if mix:
        mixture = dict(p.mixture)
        for item in mix:
            name, _, value = item.partition("=")
            if name not in mixture and name not in DATA_MIXTURE and name not in DATA_HARD_MIXTURE:
                raise click.BadParameter(f"unknown persona {name!r}", param_hint="--mix")
            mixture[name] = float(value)
        p = p.with_(mixture=mixture)
    with tqdm(unit="req", unit_scale=True, file=sys.stderr, desc="simulating") as bar:
        counts = run(p, out, on_request=lambda: bar.update(10000))
    click.echo(f"wrote {counts['accounts']} accounts, {counts['requests']} requests, "
               f"{counts['entities']} entities to {out}", err=True)


@click.command()
@click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path), required=False)
@click.argument("findings", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--reviewed", is_flag=True, help="Instead: precision on reviewed cases and the benign flag rate, "
              "from reviewers' labels in the configured store.")
@click.option("--days", default=30, show_default=True, type=click.IntRange(1), help="--reviewed: the window.")
@click.option("--bucket", type=click.Choice(["day", "week"]), default="day", show_default=True,
              help="--reviewed: flag rate per day or per week.")
@click.pass_context
def evaluate(ctx: click.Context, dataset: Path | None, findings: Path | None, as_json: bool, reviewed: bool,
             days: int, bucket: str) -> None:
    """Measure FINDINGS against DATASET/labels.jsonl: AUC, recall at 1% FPR, ARI, linking; or, with
    --reviewed, the detectors against reviewers' verdicts on production cases."""
    from moat.cli import emit
    from moat.detect.evaluate import evaluate as run
    from moat.detect.evaluate import load, report

    if reviewed:
        from moat.detect.reviewed import run_command

        run_command(ctx, days=days, bucket=bucket, as_json=as_json)
        return
    if dataset is None or findings is None:
        raise click.UsageError("DATASET and FINDINGS are required (or --reviewed)")
    if not (dataset / "labels.jsonl").exists():
        raise click.UsageError(f"{dataset}/labels.jsonl not found (a simulated dataset has one)")
    result = run(*load(dataset, findings))
    emit(result, as_json, report(result))
