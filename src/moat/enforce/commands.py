"""`moat cases|actions|appeals|webhooks`: enforcement from the command line (webhook endpoints
themselves: moat.enforce.registry_commands).

Thin wrappers over `moat.enforce.{cases,actions,appeals,webhooks}` against the configured store;
changes are logged in the admin log as `cli:<os user>`. A subject is `account:<id>`,
`cluster:<id>` or `org:<id>`. Exit codes as for the directory commands: 0 success, 2 invalid input,
1 anything else.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from moat.cli import actor, emit, settings_from, with_store
from moat.enforce import actions as enforce_actions
from moat.enforce import appeals as enforce_appeals
from moat.enforce import cases as enforce_cases
from moat.enforce import findings as enforce_findings
from moat.enforce import registry_commands
from moat.enforce import webhooks as enforce_webhooks
from moat.enforce.exception_proposal import propose, still_refused
from moat.enforce.models import ACTION_KINDS, APPEAL_STATUSES, CASE_STATUSES, Page
from moat.enforce.services import EnforceContext
from moat.policy.bundle import DEFAULT_DIR, load_bundle
from moat.policy.yamlread import BundleError
from moat.store import Store

T = TypeVar("T")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
limit_option = click.option("--limit", type=int, default=50, show_default=True, help="Rows per page.")
cursor_option = click.option("--cursor", default=None, help="The next_cursor of the previous page.")


def with_cx(ctx: click.Context, work: Callable[[EnforceContext], Awaitable[T]]) -> T:
    """Open the configured store and the enforcement tables, run `work`, close."""
    webhooks = settings_from(ctx).webhooks

    async def enforce(store: Store) -> T:
        return await work(await EnforceContext.open(store, webhooks))

    return with_store(ctx, enforce)


def configured_rules(ctx: click.Context) -> set[str] | None:
    """The rule ids of the configured bundle; None (no check) when it does not load."""
    configured = settings_from(ctx).policy_dir
    try:
        bundle = load_bundle(Path(configured) if configured else DEFAULT_DIR)
    except BundleError:
        return None
    return {cr.rule.id for cr in bundle.rules}


def emit_page(page: Page, as_json: bool, line: Callable[[Any], str]) -> None:
    if as_json:
        emit(page.to_dict(), True)
        return
    for item in page.data:
        click.echo(line(item))
    if page.next_cursor:
        click.echo(f"(more: --cursor {page.next_cursor})")


# ---- cases ---------------------------------------------------------------------------------
@click.group()
def cases() -> None:
    """Cases: subjects under review, with evidence and a timeline."""


@cases.command("list")
@click.option("--status", type=click.Choice(CASE_STATUSES), default=None)
@click.option("--assignee", default=None)
@click.option("--subject", default=None, help="account:<id>, cluster:<id> or org:<id>.")
@limit_option
@cursor_option
@json_option
@click.pass_context
def cases_list(ctx: click.Context, status: str | None, assignee: str | None, subject: str | None, limit: int,
               cursor: str | None, as_json: bool) -> None:
    page = with_cx(ctx, lambda cx: enforce_cases.list_cases(cx, status=status, assignee=assignee, subject=subject,
                                                            limit=limit, cursor=cursor))
    emit_page(page, as_json, lambda c: f"{c.case_id}  {c.status:8}  {c.subject_kind}:{c.subject_id}  "
                                       f"{c.assignee or '-'}  {c.title}")


@cases.command("show")
@click.argument("case_id")
@limit_option
@json_option
@click.pass_context
def cases_show(ctx: click.Context, case_id: str, limit: int, as_json: bool) -> None:
    detail = with_cx(ctx, lambda cx: enforce_cases.case_detail(cx, case_id, limit=limit))
    if as_json:
        emit(detail, True)
        return
    case = detail["case"]
    click.echo(f"{case['case_id']}  {case['status']}  {case['subject']}  risk={case['risk']}  "
               f"assignee={case['assignee'] or '-'}\n  {case['title']}")
    click.echo("timeline:")
    for e in detail["events"]["data"]:
        click.echo(f"  {e['event_id']}  {e['kind']:9} {e['actor']}  {e['body']}")
    click.echo(f"evidence: {len(detail['evidence']['data'])}  accounts: {', '.join(detail['accounts'][:20])}")
    click.echo(f"actions: {len(detail['actions'])}  sample requests: {len(detail['sample_requests']['data'])}")


@cases.command("open")
@click.argument("subject")
@click.option("--title", default="")
@click.option("--note", default=None)
@json_option
@click.pass_context
def cases_open(ctx: click.Context, subject: str, title: str, note: str | None, as_json: bool) -> None:
    case, opened = with_cx(ctx, lambda cx: enforce_cases.open_case(cx, actor=actor(), subject=subject, title=title,
                                                                   note=note))
    emit({**case.to_dict(), "opened": opened}, as_json,
         f"{'opened' if opened else 'already open'}: {case.case_id}")


@cases.command("note")
@click.argument("case_id")
@click.argument("text")
@json_option
@click.pass_context
def cases_note(ctx: click.Context, case_id: str, text: str, as_json: bool) -> None:
    event = with_cx(ctx, lambda cx: enforce_cases.add_note(cx, actor=actor(), case_id=case_id, text=text))
    emit(event.to_dict(), as_json, f"noted on {case_id}")


@cases.command("assign")
@click.argument("case_id")
@click.argument("assignee")
@json_option
@click.pass_context
def cases_assign(ctx: click.Context, case_id: str, assignee: str, as_json: bool) -> None:
    case = with_cx(ctx, lambda cx: enforce_cases.assign(cx, actor=actor(), case_id=case_id, assignee=assignee))
    emit(case.to_dict(), as_json, f"{case_id} assigned to {assignee}")


@cases.command("close")
@click.argument("case_id")
@click.option("--text", default="", help="Resolution.")
@click.option("--outcome", type=click.Choice(("confirmed", "cleared")), default=None,
              help="The verdict, recorded as a label: confirmed (abuse) or cleared (a false positive).")
@json_option
@click.pass_context
def cases_close(ctx: click.Context, case_id: str, text: str, outcome: str | None, as_json: bool) -> None:
    case = with_cx(ctx, lambda cx: enforce_cases.set_status(cx, actor=actor(), case_id=case_id, status="closed",
                                                            text=text, outcome=outcome))
    emit(case.to_dict(), as_json, f"closed {case_id}" + (f" ({outcome})" if outcome else ""))


@cases.command("reopen")
@click.argument("case_id")
@click.option("--text", default="")
@json_option
@click.pass_context
def cases_reopen(ctx: click.Context, case_id: str, text: str, as_json: bool) -> None:
    """Reopen a closed case (its label, if any, is withdrawn)."""
    case = with_cx(ctx, lambda cx: enforce_cases.set_status(cx, actor=actor(), case_id=case_id, status="open",
                                                            text=text))
    emit(case.to_dict(), as_json, f"reopened {case_id}")


@cases.command("import-findings")
@click.argument("path", type=click.Path(exists=True))
@click.option("--threshold", type=float, required=True, help="Open a case at or above this risk (0..1).")
@json_option
@click.pass_context
def cases_import(ctx: click.Context, path: str, threshold: float, as_json: bool) -> None:
    """Read `moat detect`'s findings.jsonl (or a directory holding one) and open cases."""
    report = with_cx(ctx, lambda cx: enforce_findings.import_findings(cx, actor=actor(), path=path,
                                                                   threshold=threshold))
    emit(report.to_dict(), as_json, f"read {report.read} findings; opened {len(report.opened)} cases, "
                                    f"updated {len(report.updated)}; {len(report.errors)} bad lines")
    for error in report.errors[:20] if not as_json else ():
        click.echo(error, err=True)


# ---- actions -------------------------------------------------------------------------------
@click.group()
def actions() -> None:
    """Actions: suspend, revoke keys, block, restrict; undo and clear."""


@actions.command("apply")
@click.argument("kind", type=click.Choice(ACTION_KINDS))
@click.argument("subject")
@click.option("--reason", required=True)
@click.option("--case", "case_id", default=None, help="The case this action resolves.")
@click.option("--key", "key_ids", multiple=True, help="revoke_keys: only this key (repeatable).")
@click.option("--limit", "limit_name", default=None, help="restrict: throttle to this named limit.")
@click.option("--redact-reasoning", is_flag=True, help="restrict: strip reasoning output.")
@click.option("--max-tokens", type=int, default=None, help="restrict: cap max_tokens.")
@click.option("--model", "models", multiple=True, help="restrict: allow only this model (repeatable).")
@json_option
@click.pass_context
def actions_apply(ctx: click.Context, kind: str, subject: str, reason: str, case_id: str | None,
                  key_ids: tuple[str, ...], limit_name: str | None, redact_reasoning: bool,
                  max_tokens: int | None, models: tuple[str, ...], as_json: bool) -> None:
    """Apply KIND (suspend, revoke_keys, block, restrict) to SUBJECT (account:ID, cluster:ID, org:ID)."""
    action = with_cx(ctx, lambda cx: enforce_actions.apply_action(
        cx, actor=actor(), kind=kind, subject=subject, reason=reason, case_id=case_id, key_ids=key_ids,
        limit=limit_name, redact_reasoning=redact_reasoning, max_tokens=max_tokens,
        models=list(models) if models else None))
    emit(action.to_dict(), as_json, f"{action.action_id}: {kind} {subject} ({len(action.accounts)} accounts)")


@actions.command("undo")
@click.argument("action_id")
@click.option("--reason", required=True)
@json_option
@click.pass_context
def actions_undo(ctx: click.Context, action_id: str, reason: str, as_json: bool) -> None:
    action = with_cx(ctx, lambda cx: enforce_actions.undo_action(cx, actor=actor(), action_id=action_id,
                                                                 reason=reason))
    emit(action.to_dict(), as_json, f"undone: {action_id}")


@actions.command("clear")
@click.argument("subject")
@click.option("--reason", required=True)
@json_option
@click.pass_context
def actions_clear(ctx: click.Context, subject: str, reason: str, as_json: bool) -> None:
    """Undo every active action on SUBJECT."""
    undone = with_cx(ctx, lambda cx: enforce_actions.clear(cx, actor=actor(), subject=subject, reason=reason))
    emit({"data": [a.to_dict() for a in undone]}, as_json, f"undid {len(undone)} actions on {subject}")


@actions.command("list")
@click.option("--status", type=click.Choice(("active", "undone")), default=None)
@click.option("--subject", default=None)
@click.option("--case", "case_id", default=None)
@limit_option
@cursor_option
@json_option
@click.pass_context
def actions_list(ctx: click.Context, status: str | None, subject: str | None, case_id: str | None, limit: int,
                 cursor: str | None, as_json: bool) -> None:
    page = with_cx(ctx, lambda cx: enforce_actions.list_actions(cx, status=status, subject=subject,
                                                                case_id=case_id, limit=limit, cursor=cursor))
    emit_page(page, as_json, lambda a: f"{a.action_id}  {a.status:6}  {a.kind:11} {a.subject_kind}:{a.subject_id}"
                                       f"  {a.actor}  {a.reason}")


@actions.command("show")
@click.argument("action_id")
@json_option
@click.pass_context
def actions_show(ctx: click.Context, action_id: str, as_json: bool) -> None:
    action = with_cx(ctx, lambda cx: enforce_actions.get_action(cx, action_id))
    emit(action.to_dict(), as_json)


# ---- appeals -------------------------------------------------------------------------------
@click.group()
def appeals() -> None:
    """Appeals: customers contesting a decision."""


@appeals.command("list")
@click.option("--status", type=click.Choice(APPEAL_STATUSES), default=None)
@click.option("--account", "account_id", default=None)
@limit_option
@cursor_option
@json_option
@click.pass_context
def appeals_list(ctx: click.Context, status: str | None, account_id: str | None, limit: int, cursor: str | None,
                 as_json: bool) -> None:
    page = with_cx(ctx, lambda cx: enforce_appeals.list_appeals(cx, status=status, account_id=account_id,
                                                                limit=limit, cursor=cursor))
    emit_page(page, as_json, lambda a: f"{a.appeal_id}  {a.status:8}  {a.account_id}  {a.decision_id}  "
                                       f"{a.message[:60]}")


@appeals.command("show")
@click.argument("appeal_id")
@json_option
@click.pass_context
def appeals_show(ctx: click.Context, appeal_id: str, as_json: bool) -> None:
    emit((with_cx(ctx, lambda cx: enforce_appeals.get_appeal(cx, appeal_id))).to_dict(), as_json)


@appeals.command("propose")
@click.argument("appeal_id")
@click.option("--lifts", default=None, help="Widen the proposed exception: reason:<code>, rule:<id> or all.")
@click.option("--undo", "undo", multiple=True, help="An action accepting would also undo (repeatable).")
@json_option
@click.pass_context
def appeals_propose(ctx: click.Context, appeal_id: str, lifts: str | None, undo: tuple[str, ...],
                    as_json: bool) -> None:
    """What accepting would do: actions undone, the exception proposed, which recent refusals it lifts."""
    proposal = with_cx(ctx, lambda cx: propose(cx, appeal_id, lifts=lifts, undo=list(undo)))
    if as_json:
        emit(proposal.to_dict(), True)
        return
    exc = proposal.exception
    click.echo(f"exception: {exc['subject']} lifts {exc['lifts']} ({exc['purpose']}, {exc['until']})" if exc
               else "exception: none proposed")
    for action in proposal.actions:
        click.echo(f"action:    {action['action_id']} {action['kind']} {action['subject']}: {action['effect']}")
    for r in proposal.refusals:
        click.echo(f"{'lifted ' if r.lifted else 'refused'}  {r.decision_id}  {r.reason_code}  {r.why}")
    if proposal.warning:
        click.echo(f"warning: {proposal.warning}")


@appeals.command("decide")
@click.argument("appeal_id")
@click.option("--accept/--reject", required=True)
@click.option("--note", required=True, help="What the customer is told.")
@click.option("--undo", "undo", multiple=True, help="Also undo this action (e.g. an org block; repeatable).")
@click.option("--grant-exception", is_flag=True, help="Also grant the proposed exception (see `appeals propose`).")
@click.option("--lifts", default=None, help="The exception's scope instead of the proposed reason code.")
@click.option("--until", "until", default=None, help="The exception's end instead of 90 days (30d, ISO 8601).")
@json_option
@click.pass_context
def appeals_decide(ctx: click.Context, appeal_id: str, accept: bool, note: str, undo: tuple[str, ...],
                   grant_exception: bool, lifts: str | None, until: str | None, as_json: bool) -> None:
    exception = {"lifts": lifts, "until": until} if grant_exception or lifts or until else None
    rules = configured_rules(ctx) if exception is not None else None
    appeal = with_cx(ctx, lambda cx: enforce_appeals.decide_appeal(cx, actor=actor(), appeal_id=appeal_id,
                                                                   accept=accept, note=note, undo=undo,
                                                                   exception=exception, known_rules=rules))
    emit(appeal.to_dict(), as_json, f"{appeal_id}: {appeal.status}")
    if accept and (warning := with_cx(ctx, lambda cx: still_refused(cx, appeal_id))):
        click.echo(f"warning: {warning}", err=True)


# ---- webhooks ------------------------------------------------------------------------------
@click.group()
def webhooks() -> None:
    """Webhook endpoints (add, list, remove) and their deliveries from the outbox."""


for _command in (registry_commands.webhooks_add, registry_commands.webhooks_list, registry_commands.webhooks_remove):
    webhooks.add_command(_command)


@webhooks.command("deliveries")
@click.option("--status", type=click.Choice(("pending", "delivered", "failed")), default=None)
@limit_option
@cursor_option
@json_option
@click.pass_context
def webhooks_deliveries(ctx: click.Context, status: str | None, limit: int, cursor: str | None,
                        as_json: bool) -> None:
    """Deliveries, newest first."""
    page = with_cx(ctx, lambda cx: enforce_webhooks.list_deliveries(cx.es, status=status, limit=limit,
                                                                    cursor=cursor))
    emit_page(page, as_json, lambda d: f"{d.delivery_id}  {d.status:9} {d.event:16} {d.endpoint}  "
                                       f"attempts={d.attempts}  {d.last_error or ''}")


@webhooks.command("deliver")
@click.option("--follow", is_flag=True, help="Keep delivering until interrupted.")
@click.pass_context
def webhooks_deliver(ctx: click.Context, follow: bool) -> None:
    """Attempt every due delivery (a gateway replica does this in the background)."""
    settings = settings_from(ctx)

    async def work(cx: EnforceContext) -> int:
        worker = enforce_webhooks.WebhookWorker(cx.es, settings, hooks=cx.hooks)  # the registered ones too
        total = 0
        try:
            while True:
                total += await worker.run_once()
                if not follow:
                    return total
                await asyncio.sleep(0.5)
        finally:
            await worker.stop()

    click.echo(f"attempted {with_cx(ctx, work)} deliveries")
