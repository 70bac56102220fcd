"""`moat console users add|list|set-role|passwd|disable|enable`: console accounts from the command line.

The first admin is created here (or by `moat demo`); admins then manage users in the console.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

import click

from moat.cli import actor, emit, fail, run, settings_from

if TYPE_CHECKING:
    from moat.console.users import UserBook

T = TypeVar("T")


@click.group()
def console() -> None:
    """The reviewers' web console (served by `moat serve` under /console/)."""


@console.group()
def users() -> None:
    """Console users and their roles (viewer, reviewer, admin)."""


def _with_users(ctx: click.Context, work: Callable[[UserBook], Awaitable[T]]) -> T:
    """Run `work` on the console's user book; a refusal is a message and exit code 1."""
    from moat.console.bootstrap import with_users
    from moat.errors import MoatError

    try:
        return run(with_users(settings_from(ctx).store_url, work))
    except MoatError as exc:
        fail(exc.message)


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["viewer", "reviewer", "admin"]), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--generate", is_flag=True, help="Generate a random password and print it once.")
@click.pass_context
def add(ctx: click.Context, username: str, role: str, password_stdin: bool, generate: bool) -> None:
    """Add a console user."""
    from moat.console.bootstrap import new_password

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif generate:
        password = new_password()
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = _with_users(ctx, lambda book: book.add(username, role, password, actor=actor()))
    click.echo(f"added {user.username} ({user.role})")
    if generate:
        click.echo(f"password: {password}")


@users.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def list_users(ctx: click.Context, as_json: bool) -> None:
    """List console users."""
    async def fetch(book: UserBook) -> list[object]:
        return list(await book.list())

    found = _with_users(ctx, fetch)
    lines = [f"{u.username:<24} {u.role:<9} {'disabled' if u.disabled else 'active'}" for u in found]  # type: ignore[attr-defined]
    emit(found, as_json, "\n".join(lines) if lines else "no console users")


@users.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice(["viewer", "reviewer", "admin"]))
@click.pass_context
def set_role(ctx: click.Context, username: str, role: str) -> None:
    """Change a console user's role."""
    user = _with_users(ctx, lambda book: book.set_role(username, role, actor=actor()))
    click.echo(f"{user.username} is now {user.role}")


@users.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
@click.pass_context
def passwd(ctx: click.Context, username: str, password_stdin: bool) -> None:
    """Set a console user's password (their sessions end)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
    _with_users(ctx, lambda book: book.set_password(username, password, actor=actor()))
    click.echo(f"password of {username} changed; their sessions have ended")


def _toggle(ctx: click.Context, username: str, disabled: bool) -> None:
    _with_users(ctx, lambda book: book.set_disabled(username, disabled, actor=actor()))
    click.echo(f"{username} {'disabled' if disabled else 'enabled'}")


@users.command("disable")
@click.argument("username")
@click.pass_context
def disable(ctx: click.Context, username: str) -> None:
    """Disable a console user (their sessions stop working at once)."""
    _toggle(ctx, username, True)


@users.command("enable")
@click.argument("username")
@click.pass_context
def enable(ctx: click.Context, username: str) -> None:
    """Enable a disabled console user."""
    _toggle(ctx, username, False)
