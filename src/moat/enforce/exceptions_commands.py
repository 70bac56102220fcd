"""`moat exceptions grant|list|show|revoke`: exceptions from the command line (moat.enforce.exceptions).

Against the configured store; grants and revocations are logged in the admin log as `cli:<os user>`
and reach every gateway replica within a second. A `rule:` exception is checked against the
configured policy bundle (`policy_dir`, or the default one). Exit codes: 0 success, 2 invalid input,
1 anything else.
"""

from __future__ import annotations

import time

import click

from moat.cli import actor, emit
from moat.enforce import exceptions as enforce_exceptions
from moat.enforce.commands import configured_rules, cursor_option, emit_page, json_option, limit_option, with_cx
from moat.enforce.models import EXCEPTION_PURPOSES, EXCEPTION_STATUSES, ExceptionGrant
from moat.identity.admin import iso


def line(g: ExceptionGrant) -> str:
    keys = f"  keys:{g.key_purpose}" if g.key_purpose else ""
    return (f"{g.exception_id}  {g.state(time.time()):7}  {g.subject_kind}:{g.subject_id}  {g.lifts}  "
            f"{g.purpose}{keys}  until {iso(g.expires_at)}  by {g.granted_by}")


@click.group()
def exceptions() -> None:
    """Exceptions: refusals lifted for a subject, for a purpose, until a time."""


@exceptions.command("grant")
@click.argument("subject")
@click.option("--lifts", required=True, help="all, reason:<reason code> or rule:<rule id>.")
@click.option("--purpose", required=True, help=f"Why it is granted: {', '.join(EXCEPTION_PURPOSES)}, ...")
@click.option("--note", required=True, help="Free text: who asked, what for.")
@click.option("--until", "until", required=True, help="30d, 12h, 90m, or an ISO 8601 time.")
@click.option("--key-purpose", default=None, help="Only the subject's keys created with this purpose.")
@click.option("--case", "case_id", default=None)
@json_option
@click.pass_context
def exceptions_grant(ctx: click.Context, subject: str, lifts: str, purpose: str, note: str, until: str,
                     key_purpose: str | None, case_id: str | None, as_json: bool) -> None:
    """Grant an exception to SUBJECT (account:<id>, cluster:<id>, org:<id> or key:<key id>)."""
    rules = configured_rules(ctx)
    grant = with_cx(ctx, lambda cx: enforce_exceptions.grant_exception(
        cx, actor=actor(), subject=subject, lifts=lifts, purpose=purpose, note=note, until=until,
        key_purpose=key_purpose, case_id=case_id, known_rules=rules))
    emit(grant.to_dict(), as_json, line(grant))


@exceptions.command("list")
@click.option("--status", type=click.Choice(EXCEPTION_STATUSES), default=None)
@click.option("--subject", default=None, help="account:<id>, cluster:<id>, org:<id> or key:<key id>.")
@limit_option
@cursor_option
@json_option
@click.pass_context
def exceptions_list(ctx: click.Context, status: str | None, subject: str | None, limit: int, cursor: str | None,
                    as_json: bool) -> None:
    page = with_cx(ctx, lambda cx: enforce_exceptions.list_exceptions(cx, status=status, subject=subject,
                                                                      limit=limit, cursor=cursor))
    emit_page(page, as_json, line)


@exceptions.command("show")
@click.argument("exception_id")
@json_option
@click.pass_context
def exceptions_show(ctx: click.Context, exception_id: str, as_json: bool) -> None:
    emit(with_cx(ctx, lambda cx: enforce_exceptions.get_exception(cx, exception_id)).to_dict(), as_json)


@exceptions.command("revoke")
@click.argument("exception_id")
@click.option("--reason", required=True)
@json_option
@click.pass_context
def exceptions_revoke(ctx: click.Context, exception_id: str, reason: str, as_json: bool) -> None:
    """Revoke an active exception (every replica stops applying it within a second)."""
    grant = with_cx(ctx, lambda cx: enforce_exceptions.revoke_exception(cx, actor=actor(), exception_id=exception_id,
                                                                        reason=reason))
    emit(grant.to_dict(), as_json, line(grant))
