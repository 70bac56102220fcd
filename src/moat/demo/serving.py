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


STOP_GRACE = 2  # seconds


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
    """The gateway server the story starts, and the demo data API behind it (moat.demo.data_api, on a
    port of its own on 127.0.0.1); `run_demo` stops both however the story ends."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.server: DemoServer | None = None
        self.task: asyncio.Task[None] | None = None
        self.data_sock: socket.socket | None = None
        self.data_server: DemoServer | None = None
        self.data_task: asyncio.Task[None] | None = None

    async def start_data_api(self) -> str:
        """Serve the demo data API on a free local port; returns its base URL."""
        from moat.demo.data_api import DemoDataApi

        self.data_sock = take_port("127.0.0.1", 0)
        self.data_server = DemoServer(uvicorn.Config(DemoDataApi(), lifespan="off", log_config=None,
                                                     access_log=False, timeout_graceful_shutdown=STOP_GRACE))
        self.data_task = asyncio.create_task(self.data_server.serve(sockets=[self.data_sock]))
        await _started(self.data_server, self.data_task)
        return f"http://127.0.0.1:{self.data_sock.getsockname()[1]}"

    async def start(self, settings: Settings, gateway: Gateway) -> None:
        # A firehose never ends by itself: the demo's stop waits STOP_GRACE seconds for open streams,
        # then ends them (recorded with cut_reason gateway_stopping), instead of waiting forever.
        self.server = DemoServer(uvicorn.Config(gateway, lifespan="on", log_config=None, access_log=False,
                                                timeout_graceful_shutdown=STOP_GRACE, **uvicorn_limits(settings)))
        self.task = asyncio.create_task(self.server.serve(sockets=[self.sock]))
        await _started(self.server, self.task)

    async def stop(self) -> None:
        """The gateway first (its open streams end while their upstream still answers), then the data API."""
        for server, task in ((self.server, self.task), (self.data_server, self.data_task)):
            if server is not None and task is not None:
                server.should_exit = True
                await task
        self.sock.close()
        if self.data_sock is not None:
            self.data_sock.close()


async def _started(server: DemoServer, task: asyncio.Task[None]) -> None:
    while not server.started:
        if task.done():
            await task
            raise RuntimeError("a demo server stopped while starting")
        await asyncio.sleep(0.05)
