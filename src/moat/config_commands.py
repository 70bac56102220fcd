"""`moat config check`: the settings validated offline, as `envoy --mode validate` does.

It builds the settings exactly as `moat serve` would (defaults, the file, `MOAT_*` variables) and
touches nothing else: no database, no Redis, no port. Exit 0 with a one-line summary, or 1 with
every problem, one line each, so a deploy pipeline can refuse a bad file before any replica starts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from moat.cli import emit
from moat.config import NOT_SETTINGS, Settings, load_settings
from moat.config_validate import SettingsError


@click.group()
def config() -> None:
    """Settings: check them before a start."""


@config.command("check")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Settings file (default: the one `moat --config`, $MOAT_CONFIG or ./moat.toml names).")
@click.option("--json", "as_json", is_flag=True, help='Print {"ok": ..., "summary" or "problems": ...}.')
@click.pass_context
def check(ctx: click.Context, config_path: str | None, as_json: bool) -> None:
    """Validate the settings file and MOAT_* variables without starting anything."""
    path = config_path or (ctx.find_root().obj or {}).get("config_path")
    try:
        settings = load_settings(path)
    except (SettingsError, FileNotFoundError) as exc:
        problems = exc.problems if isinstance(exc, SettingsError) else [str(exc)]
        if as_json:
            emit({"ok": False, "problems": problems}, True)
        else:
            for problem in problems:
                click.echo(problem, err=True)
            click.echo(f"config check: {len(problems)} problem(s)", err=True)
        sys.exit(1)
    line = summary(settings, path)
    emit({"ok": True, "summary": line}, as_json, line)


def summary(settings: Settings, path: str | None) -> str:
    """One line: what was read and the shape of what it configures (no credentials)."""
    file = Path(path) if path else Path(os.environ.get("MOAT_CONFIG", "moat.toml"))
    variables = [n for n in os.environ if n.startswith("MOAT_") and not n.startswith(NOT_SETTINGS)]
    sources = (str(file) if file.is_file() else "defaults") + (
        f" + {len(variables)} MOAT_* variable(s)" if variables else "")
    database = settings.database_url.split(":", 1)[0] if settings.database_url else "sqlite (embedded)"
    parts = [f"{len(settings.upstreams)} upstream(s)", f"{len(settings.routes)} route(s)",
             f"{len(settings.platforms)} platform(s)", f"{len(settings.webhooks)} webhook(s)",
             f"database {database}", "limits " + ("redis" if settings.redis_url else "in-process")]
    return f"config ok: {sources}: " + ", ".join(parts)
