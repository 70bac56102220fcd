"""A PostgreSQL server of the test's own, on a free port, that the test can stop and start again.

The shared test server (`MOAT_TEST_POSTGRES_URL`) must stay up for every other test, so outage
tests run their own: `initdb` into a fresh directory, `pg_ctl start/stop`. PostgreSQL refuses to
run as root, so under root the server runs as the `postgres` user. Without the binaries the test
skips (or fails under MOAT_REQUIRE_SERVICES=1, like every service test).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.conftest import _missing


def _bin(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)),
                                       None)
    if not found:
        _missing(f"PostgreSQL's {name} is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OwnPostgres:
    def __init__(self) -> None:
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="moat-own-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._as_user: Callable[[], None] | None = None
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                _missing("running as root and there is no postgres user to run PostgreSQL as")
            os.chown(self.root, user.pw_uid, user.pw_gid)

            def as_postgres() -> None:
                os.setgid(user.pw_gid)
                os.setuid(user.pw_uid)

            self._as_user = as_postgres

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        done = subprocess.run(args, preexec_fn=self._as_user, capture_output=True, text=True, cwd=self.root,
                              timeout=120)
        if done.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr or done.stdout}\n{log}")

    def init(self) -> OwnPostgres:
        self._run(_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--no-sync")
        return self

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "-t", "60",
                  "start")

    def stop(self) -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self.stop()
            except RuntimeError:
                pass
        shutil.rmtree(self.root, ignore_errors=True)
