"""`moat policy ...`: check, test, explain, replay, schema.

Every command takes a bundle directory; without one it uses `policy_dir` from the settings, and
with that empty, the bundle shipped with Moat. Exit status: 0 ok, 1 a check or test failed, 2 usage.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
import orjson

from moat.cli import emit, settings_from
from moat.policy.bundle import DEFAULT_DIR, Bundle, load_bundle
from moat.policy.combine import Lift
from moat.policy.engine import Engine
from moat.policy.yamlread import BundleError

_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


def _bundle_dir(ctx: click.Context, given: Path | None) -> Path:
    if given is not None:
        return given
    configured = settings_from(ctx).policy_dir
    return Path(configured) if configured else DEFAULT_DIR


def _load(directory: Path) -> Bundle:
    try:
        return load_bundle(directory)
    except BundleError as exc:
        for e in exc.errors:
            click.echo(str(e), err=True)
        click.echo(f"{len(exc.errors)} error(s) in {directory}", err=True)
        sys.exit(1)


@click.group()
def policy() -> None:
    """Policy bundles: validate, test, explain and replay."""


@policy.command()
@click.argument("directory", type=_DIR, required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def check(ctx: click.Context, directory: Path | None, as_json: bool) -> None:
    """Validate a bundle: YAML, rule fields, CEL against the schema, cost ceilings."""
    directory = _bundle_dir(ctx, directory)
    try:
        bundle = load_bundle(directory)
    except BundleError as exc:
        if as_json:
            emit({"ok": False, "errors": [{"file": e.file, "line": e.line, "reason": e.reason}
                                          for e in exc.errors]}, True)
        else:
            for e in exc.errors:
                click.echo(str(e), err=True)
            click.echo(f"{len(exc.errors)} error(s) in {directory}", err=True)
        sys.exit(1)
    summary = {"ok": True, "revision": bundle.revision, "rules": len(bundle.rules), "limits": len(bundle.limits),
               "files": len(bundle.files)}
    emit(summary, as_json, f"ok: {len(bundle.rules)} rules, {len(bundle.limits)} limits in "
                           f"{len(bundle.files)} file(s), revision {bundle.revision}")


@policy.command()
@click.argument("directory", type=_DIR, required=False)
@click.option("--tests", "tests_dir", type=_DIR, default=None,
              help="Directory of *_test.yaml files (default: the bundle directory).")
@click.option("-v", "--verbose", is_flag=True, help="List passing cases too.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def test(ctx: click.Context, directory: Path | None, tests_dir: Path | None, verbose: bool,
         as_json: bool) -> None:
    """Run the table-driven *_test.yaml cases against the bundle."""
    from moat.policy.testing import format_results, run_tests

    directory = _bundle_dir(ctx, directory)
    engine = Engine(_load(directory))
    results = run_tests(engine, tests_dir or directory)
    if as_json:
        emit([{"file": r.file, "line": r.line, "name": r.name, "passed": r.passed, "failures": r.failures}
              for r in results], True)
    else:
        click.echo(format_results(results, verbose))
    if not results:
        click.echo(f"no *_test.yaml cases under {tests_dir or directory}", err=True)
        sys.exit(1)
    if not all(r.passed for r in results):
        sys.exit(1)


def _exceptions_for(ctx: click.Context, values: dict[str, Any]) -> Lift | None:
    """The store's exceptions in force that a call with this context may use (moat.enforce.exceptions)."""
    from moat.cli import with_store
    from moat.enforce import exception_store
    from moat.enforce.exception_index import ExceptionLookup
    from moat.enforce.storage import EnforceStore
    from moat.policy.variables import from_values

    async def active(store: Any) -> list[Any]:
        es = EnforceStore(store)
        await es.open()
        return await exception_store.active(es)

    index = ExceptionLookup()
    index.load(with_store(ctx, active))

    def text(path: str) -> str | None:
        value = from_values(values, path)
        return str(value) if value else None

    return index.for_subjects(text("key.id"), text("account.id"), text("org.id"), text("entity.org_id"),
                              text("key.purpose"))


@policy.command()
@click.option("--request", "request_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              required=True, help="JSON context in the schema's shape (see `moat policy schema`).")
@click.option("--policy", "directory", type=_DIR, default=None, help="Bundle directory.")
@click.option("--exceptions", "with_exceptions", is_flag=True,
              help="Apply the exceptions in force in the configured store for the context's key "
                   "(key.id, key.purpose), account and organizations (org.id, entity.org_id).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def explain(ctx: click.Context, request_file: Path, directory: Path | None, with_exceptions: bool,
            as_json: bool) -> None:
    """The decision trace for one request: every rule, whether it matched, and the outcome."""
    directory = _bundle_dir(ctx, directory)
    engine = Engine(_load(directory))
    try:
        values = orjson.loads(request_file.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise click.UsageError(f"{request_file}: not JSON: {exc}") from exc
    if not isinstance(values, dict):
        raise click.UsageError(f"{request_file}: expected a JSON object")
    lift = _exceptions_for(ctx, values) if with_exceptions else None
    decision = engine.decide_values(values, decision_id="dec_explain", lift=lift)
    trace = engine.trace(values)
    if as_json:
        out: dict[str, Any] = {
            "decision": decision,
            "trace": [{"rule": cr.rule.id, "mode": cr.rule.mode, "effect": cr.rule.effect,
                       "priority": cr.rule.priority, "where": f"{cr.rule.file}:{cr.rule.line}", "result": result}
                      for cr, result in trace]}
        emit(out, True)
        return
    lines = [f"bundle {directory} (revision {engine.revision})", ""]
    for cr, result in trace:
        r = cr.rule
        mark = "+" if result == "matched" else "!" if result.startswith("error") else " "
        lines.append(f" {mark} {r.id:<40} {r.mode:<7} {r.effect:<19} p{r.priority:<4} {result}")
    lines += ["", f"effect:  {decision.effect}", f"reason:  {decision.reason_code}"]
    if decision.message:
        lines.append(f"message: {decision.message}")
    for label, value in (("redact_reasoning", decision.redact_reasoning), ("flag", decision.flag),
                         ("max_tokens_cap", decision.max_tokens_cap), ("allowed_models", decision.allowed_models),
                         ("limits", decision.limits), ("warnings", decision.warnings),
                         ("shadow", decision.shadow)):
        if value:
            lines.append(f"{label}: {value}")
    lines += ["", "why:"] + [f"  {e}" for e in decision.explanation]
    click.echo("\n".join(lines))


@policy.command()
@click.argument("dataset", type=_DIR)
@click.option("--policy", "new_dir", type=_DIR, required=True, help="The bundle to evaluate.")
@click.option("--against", "old_dir", type=_DIR, default=None,
              help="Compare with this bundle instead of the decisions recorded in the dataset.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on stderr.")
def replay(dataset: Path, new_dir: Path, old_dir: Path | None, as_json: bool, progress: bool) -> None:
    """Re-decide recorded traffic; report requests and accounts whose decision changes, by rule."""
    from tqdm import tqdm

    from moat.policy.replay import count_requests
    from moat.policy.replay import replay as run_replay

    if not (dataset / "requests.jsonl").exists():
        raise click.UsageError(f"{dataset}: no requests.jsonl (see the traffic format)")
    new = Engine(_load(new_dir))
    old = Engine(_load(old_dir)) if old_dir else None
    total = count_requests(dataset)
    report = run_replay(dataset, new, old, wrap=lambda it: tqdm(
        it, total=total, unit="req", disable=not progress, file=sys.stderr, desc="replay"))
    emit(report.to_json(), as_json, report.render())


@policy.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def schema(as_json: bool) -> None:
    """Print the context schema: every variable a condition may use, its type and meaning."""
    from moat.policy import schema as context_schema

    if as_json:
        emit({path: {"type": f.type, "doc": f.doc} for path, f in context_schema.leaf_paths()}, True)
    else:
        click.echo(context_schema.render())
