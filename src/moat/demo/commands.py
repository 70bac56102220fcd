"""`moat demo`."""

from __future__ import annotations

import asyncio
import sys

import click

from moat.cli import settings_from


@click.command()
@click.option("--host", default=None, help="Interface to bind (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8080).")
@click.option("--exit", "exit_after", is_flag=True, help="Stop once the story is told (for scripts and tests).")
@click.option("--progress/--no-progress", default=True, help="Progress bars on stderr.")
@click.pass_context
def demo(ctx: click.Context, host: str | None, port: int | None, exit_after: bool, progress: bool) -> None:
    """Start the gateway and console, drive simulated traffic through them, detect, open cases."""
    from moat.demo.run import run_demo
    from moat.logs import configure_logging

    settings = settings_from(ctx, **{"server.host": host, "server.port": port})
    configure_logging("warning")
    try:
        code = asyncio.run(run_demo(settings, exit_after=exit_after, progress=progress))
    except KeyboardInterrupt:  # Ctrl-C before the demo's own handler was in place: still a clean stop
        code = 0
    sys.exit(code)
