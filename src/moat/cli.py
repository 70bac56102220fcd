"""The `moat` command.

Each subcommand lives beside the code it drives (`moat/<package>/commands.py`) and is imported only
when invoked, so `moat --help` is instant and no package does work at import time. To add one,
add a line to COMMANDS.
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
import orjson

from moat.config import Settings, load_settings
from moat.config_validate import SettingsError

if TYPE_CHECKING:
    from moat.store import Store

COMMANDS: dict[str, str] = {
    "demo": "moat.demo.commands:demo",
    "serve": "moat.gateway.commands:serve",
    "orgs": "moat.identity.commands:orgs",
    "accounts": "moat.identity.commands:accounts",
    "keys": "moat.identity.commands:keys",
    "entities": "moat.identity.commands:entities",
    "export": "moat.audit.commands:export",
    "audit": "moat.audit.commands:audit",
    "policy": "moat.policy.commands:policy",
    "link": "moat.identity.link_commands:link",
    "feed": "moat.enforce.feed_commands:feed",
    "cases": "moat.enforce.commands:cases",
    "actions": "moat.enforce.commands:actions",
    "appeals": "moat.enforce.commands:appeals",
    "exceptions": "moat.enforce.exceptions_commands:exceptions",
    "webhooks": "moat.enforce.commands:webhooks",
    "platforms": "moat.enforce.registry_commands:platforms",
    "detect": "moat.detect.commands:detect",
    "simulate": "moat.detect.commands:simulate",
    "evaluate": "moat.detect.commands:evaluate",
    "detect-follow": "moat.detect.follow_commands:detect_follow",
    "console": "moat.console.commands:console",
    "config": "moat.config_commands:config",
}

T = TypeVar("T")


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Settings file (default: ./moat.toml or $MOAT_CONFIG).")
@click.version_option(package_name="moat")
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """Moat: usage-policy enforcement gateway for AI model APIs."""
    ctx.obj = {"config_path": config_path}


def settings_from(ctx: click.Context, **overrides: Any) -> Settings:
    """Settings for this invocation (file, environment, then command-line overrides)."""
    root = ctx.find_root()
    path = (root.obj or {}).get("config_path")
    try:
        return load_settings(path, overrides={k: v for k, v in overrides.items() if v is not None})
    except SettingsError as exc:  # one line per bad setting, then stop: nothing starts on a typo
        for problem in exc.problems:
            click.echo(f"moat: {problem}", err=True)
        sys.exit(2)
    except FileNotFoundError as exc:
        fail(str(exc), 2)


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def emit(obj: Any, as_json: bool, text: str | None = None) -> None:
    """Print `obj` as JSON (--json) or `text` for people."""
    if as_json:
        sys.stdout.write(orjson.dumps(obj, option=orjson.OPT_INDENT_2, default=_default).decode() + "\n")
    else:
        click.echo(text if text is not None else orjson.dumps(obj, default=_default).decode())


def _default(obj: Any) -> Any:
    if hasattr(obj, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(obj)
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    raise TypeError(f"not serialisable: {type(obj).__name__}")


def actor() -> str:
    """Who a command acts as, in the admin log: `cli:<login name>`."""
    import getpass

    try:
        return "cli:" + getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "cli:unknown"


def with_store(ctx: click.Context, work: Callable[[Store], Awaitable[T]]) -> T:
    """Open the configured store, run `work`, close it; turn failures into a message and exit code
    (2 for invalid input, 1 otherwise): operators get a sentence, not a traceback."""
    from moat.errors import BadRequest, MoatError
    from moat.store import open_store

    settings = settings_from(ctx)

    async def go() -> T:
        store = open_store(settings.store_url)
        await store.open()
        try:
            return await work(store)
        finally:
            await store.close()

    try:
        return run(go())
    except BadRequest as exc:
        fail(exc.message, 2)
    except MoatError as exc:
        fail(exc.message, 1)
    except Exception as exc:  # the database is unreachable, misconfigured, ...
        fail(f"{type(exc).__name__}: {exc}", 1)
    raise AssertionError("unreachable")


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)
