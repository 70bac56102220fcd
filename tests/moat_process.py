"""The processes of the black-box suites (tests/conformance, tests/data_conformance): `moat serve`
as a subprocess, configured by files, driven by its command line, nothing of the gateway's code
imported; and their fake upstreams, ASGI apps served in a thread.

Each suite subclasses `MoatProcess` with the environment its upstreams need (`env`) and its own
seeding and read-back helpers, and `ServedInThread` with its fake API.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

import httpx
import uvicorn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def clean_env(home: Path, src: str) -> dict[str, str]:
    """The test process's environment without its MOAT_* settings (MOAT_TEST_* kept), running the
    Moat under test from `src`, with `home` as its data directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOAT_") or k.startswith("MOAT_TEST_")}
    env["PYTHONPATH"] = src
    env["MOAT_HOME"] = str(home)
    return env


def wait_until_ready(proc: subprocess.Popen[bytes], probe: str, log: Path, seconds: float) -> bool:
    """Poll `probe` until it answers 200 (True) or `seconds` pass (False); a `moat serve` that
    exits meanwhile raises with the end of its log."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"moat serve exited: {log.read_text()[-3000:]}")
        try:
            if httpx.get(probe, timeout=1).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    return False


@dataclass
class MoatProcess:
    home: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        raise NotImplementedError

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def config(self) -> Path:
        return self.home / "moat.toml"

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "moat", "--config", str(self.config), *args],
                              env=self.env(), cwd=self.home, capture_output=True, text=True, timeout=60)
        if check and done.returncode != 0:
            raise RuntimeError(f"moat {' '.join(args)} failed ({done.returncode}): {done.stdout}\n{done.stderr}")
        return done

    def start(self) -> Self:
        log = (self.home / "serve.log").open("ab")
        # A session of its own, so kill -9 reaches every process `moat serve` started.
        self.proc = subprocess.Popen([sys.executable, "-m", "moat", "--config", str(self.config), "serve",
                                      "--port", str(self.port)], env=self.env(), cwd=self.home,
                                     stdout=log, stderr=log, start_new_session=True)
        if wait_until_ready(self.proc, f"{self.url}/readyz", self.home / "serve.log", 30):
            return self
        os.killpg(self.proc.pid, signal.SIGKILL)  # never leave a half-started gateway behind
        self.proc.wait()
        raise RuntimeError(f"moat serve did not become ready: {(self.home / 'serve.log').read_text()[-3000:]}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


class ServedInThread:
    """An ASGI app (the subclass itself) served by uvicorn on a thread of the test process, on a
    free port: the suites' fake upstreams. Subclasses call `__init__` and name themselves `what`."""

    what = "fake server"

    def __init__(self) -> None:
        self.port = free_port()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Self:
        config = uvicorn.Config(self, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off",
                                server_header=False, date_header=False, timeout_keep_alive=30)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.what} did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server:
            self._server.should_exit = True
        if self._thread:
            self._thread.join(5)
