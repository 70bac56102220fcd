"""`moat serve`: the gateway under uvicorn (uvloop + httptools when installed)."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from pathlib import Path

import click

from moat.cli import settings_from


@click.command()
@click.option("--host", default=None, help="Interface to bind (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8080).")
@click.option("--workers", type=int, default=None, help="Worker processes (default 1).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, workers: int | None) -> None:
    """Run the gateway."""
    import uvicorn

    from moat.gateway.server import uvicorn_limits
    from moat.logs import configure_logging

    settings = settings_from(ctx, **{"server.host": host, "server.port": port, "server.workers": workers})
    # Workers rebuild settings from the environment, so hand the command line over through it.
    root = ctx.find_root().obj or {}
    if root.get("config_path"):
        os.environ["MOAT_CONFIG"] = str(Path(root["config_path"]).resolve())
    os.environ["MOAT_SERVER__HOST"] = settings.server.host
    os.environ["MOAT_SERVER__PORT"] = str(settings.server.port)
    os.environ["MOAT_SERVER__WORKERS"] = str(settings.server.workers)
    os.environ["MOAT_HOME"] = str(Path(settings.home).resolve())
    home = Path(settings.home)
    home.mkdir(parents=True, exist_ok=True)
    if settings.server.workers > 1:
        metrics_dir = home / "metrics"
        shutil.rmtree(metrics_dir, ignore_errors=True)
        metrics_dir.mkdir()
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    configure_logging(settings.log_level)
    from moat.gateway.degraded import start_check
    from moat.store import open_store

    # Database down and no directory snapshot to start degraded from: one line, exit status 3.
    refused = asyncio.run(start_check(settings, open_store(settings.store_url)))
    if refused:
        click.echo(f"moat serve: {refused}", err=True)
        sys.exit(3)
    trusted = ",".join(settings.server.trusted_proxies)
    uvicorn.run(
        "moat.gateway.app:create_app",
        factory=True,
        host=settings.server.host,
        port=settings.server.port,
        workers=settings.server.workers,
        loop="auto",
        **uvicorn_limits(settings),  # Moat's HTTP guard and uvicorn's own limits (moat.gateway.server)
        lifespan="on",
        access_log=False,
        log_config=None,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or None,
        timeout_graceful_shutdown=int(settings.server.graceful_timeout),
        server_header=False,
    )
