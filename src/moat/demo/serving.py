"""The demo's gateway server: its port taken before anything else happens, and its stop in the
demo's own hands.

The port is bound first, so a busy port is one line (which port, how to choose another) instead of
uvicorn's exit in the middle of the story. Signals stay with the demo (`capture_signals` is off):
uvicorn would otherwise re-raise Ctrl-C after shutting down, which ends in click's `Aborted!` and
a failed `make demo`; the demo stops the server itself and exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import socket
from collections.abc import Iterator
from typing import TYPE_CHECKING

import uvicorn

from moat.gateway.server import uvicorn_limits

if TYPE_CHECKING:
    from moat.config import Settings
    from moat.gateway.app import Gateway


class PortUnavailable(Exception):
    """The demo cannot listen where it was asked to; the message is the one line to print."""


def take_port(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or PortUnavailable saying which port and how to choose another."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn: a restart reuses TIME_WAIT
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        busy = exc.errno == errno.EADDRINUSE
        why = "is busy (another moat demo or server?)" if busy else f"cannot be used ({exc.strerror})"
        raise PortUnavailable(f"port {port} on {host} {why}; choose another: moat demo --port {port + 1} "
                              f"(make demo PORT={port + 1})") from exc
    return sock


class DemoServer(uvicorn.Server):
    """uvicorn's server, leaving SIGINT and SIGTERM to the demo."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class Serving:
    """The gateway server the story starts; `run_demo` stops it however the story ends."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.server: DemoServer | None = None
        self.task: asyncio.Task[None] | None = None

    async def start(self, settings: Settings, gateway: Gateway) -> None:
        self.server = DemoServer(uvicorn.Config(gateway, lifespan="on", log_config=None, access_log=False,
                                                **uvicorn_limits(settings)))
        self.task = asyncio.create_task(self.server.serve(sockets=[self.sock]))
        while not self.server.started:
            if self.task.done():
                await self.task
                raise RuntimeError("the gateway stopped while starting")
            await asyncio.sleep(0.05)

    async def stop(self) -> None:
        if self.server is not None and self.task is not None:
            self.server.should_exit = True
            await self.task
        self.sock.close()
