"""The conformance suite's fixtures: the recording fake upstream, and a real `moat serve` in front of it.

The gateway is set up only through Moat's documented interface: a `moat.toml` with `[[upstreams]]` and
`[[routes]]`, the directory filled with `moat orgs/accounts add` and `moat keys import`, traffic read
back with `moat export`. Nothing here imports the gateway's code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conformance.fake_upstream import FakeUpstream
from tests.moat_process import MoatProcess, clean_env

ROOT = Path(__file__).resolve().parents[2]
NODE_DIR = Path(__file__).resolve().parent / "node"

UPSTREAM_OPENAI_SECRET = "sk-upstream-openai-secret-000000000000"
UPSTREAM_ANTHROPIC_SECRET = "sk-ant-upstream-secret-0000000000000000"
DIRECT_KEY = "sk-direct-client-key-000000000000000"  # what a client sends when it talks to the fake directly

# Accounts the suite creates (plan → key). The api account carries most scenarios.
API_KEY = "sk-conf-api-0000000000000000000000"
PRO_KEY = "sk-conf-pro-0000000000000000000000"
FREE_KEY = "sk-conf-free-000000000000000000000"
CORS_ORIGIN = "https://app.conformance.example"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.conformance)


def moat_env(home: Path) -> dict[str, str]:
    env = clean_env(home, str(ROOT / "src"))
    env["CONF_UPSTREAM_OPENAI_KEY"] = UPSTREAM_OPENAI_SECRET
    env["CONF_UPSTREAM_ANTHROPIC_KEY"] = UPSTREAM_ANTHROPIC_SECRET
    return env


def config_text(home: Path, upstream_base: str, extra: str = "") -> str:
    return f"""
home = "{home}"
admin_token = "conformance-admin-token"
{extra}

[detect]
online = false

[[upstreams]]
name = "fake-openai"
kind = "openai"
base_url = "{upstream_base}"
api_key_env = "CONF_UPSTREAM_OPENAI_KEY"
timeout = 10

[[upstreams]]
name = "fake-anthropic"
kind = "anthropic"
base_url = "{upstream_base}"
api_key_env = "CONF_UPSTREAM_ANTHROPIC_KEY"
timeout = 10

[[routes]]
model = "claude-*"
upstream = "fake-anthropic"

[[routes]]
model = "*"
upstream = "fake-openai"
"""


@dataclass
class Gateway(MoatProcess):
    _export_cache: dict[str, dict[str, Any]] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        return moat_env(self.home)

    def seed(self) -> None:
        self.cli("orgs", "add", "conformance", "--name", "Conformance Inc", "--domain", "conformance.example")
        for account, email, plan, key in (("conf-api", "dev@conformance.example", "api", API_KEY),
                                          ("conf-pro", "pat.pro@gmail.com", "pro", PRO_KEY),
                                          ("conf-free", "fay.free@gmail.com", "free", FREE_KEY)):
            org = ["--org", "conformance"] if plan == "api" else []
            self.cli("accounts", "add", account, "--email", email, "--plan", plan, *org)
            self.cli("keys", "import", "--account", account, "--secret", key)

    def exported(self, request_id: str, timeout: float = 10.0) -> dict[str, Any]:
        """The request's line in `moat export`'s requests.jsonl (re-exported until it appears)."""
        deadline = time.monotonic() + timeout
        while True:
            if request_id in self._export_cache:
                return self._export_cache[request_id]
            out = self.home / "export"
            shutil.rmtree(out, ignore_errors=True)
            self.cli("export", str(out))
            with (out / "requests.jsonl").open() as f:
                for line in f:
                    if line.strip():
                        record = json.loads(line)
                        self._export_cache[str(record.get("request_id"))] = record
            if request_id in self._export_cache or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        assert request_id in self._export_cache, f"request {request_id} is not in `moat export`'s requests.jsonl"
        return self._export_cache[request_id]


@pytest.fixture(scope="session")
def fake() -> Iterator[FakeUpstream]:
    upstream = FakeUpstream().start()
    yield upstream
    upstream.stop()


def make_gateway(home: Path, upstream_base: str, extra: str = "") -> Gateway:
    home.mkdir(parents=True, exist_ok=True)
    gateway = Gateway(home)
    gateway.config.write_text(config_text(home, upstream_base, extra))
    gateway.seed()
    return gateway


@pytest.fixture(scope="session")
def moat(tmp_path_factory: pytest.TempPathFactory, fake: FakeUpstream) -> Iterator[Gateway]:
    """One gateway for the whole suite (SQLite, in-process limits, the default policy bundle)."""
    if os.environ.get("MOAT_CONFORMANCE_IDEAL_RELAY") == "1":  # check the suite itself (ideal_relay.py)
        from tests.conformance.ideal_relay import IdealRelay

        relay = IdealRelay(fake.url).start()
        yield Gateway(tmp_path_factory.mktemp("ideal"), port=relay.port)
        relay.server.should_exit = True
        return
    gateway = make_gateway(tmp_path_factory.mktemp("moat-conformance"), fake.base).start()
    yield gateway
    gateway.stop()


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """The pinned Node SDKs (`npm ci` in tests/conformance/node; `make test` runs it first)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node/npm are not installed")
    modules = NODE_DIR / "node_modules"
    if not (modules / "openai").is_dir() or not (modules / "@anthropic-ai" / "sdk").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=NODE_DIR, check=True, timeout=300)
    return NODE_DIR / "node_modules"


def run_node(script: str, payload: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(["node", str(NODE_DIR / script)], input=json.dumps(payload), capture_output=True,
                          text=True, timeout=60, cwd=NODE_DIR)
    if done.returncode != 0:
        raise RuntimeError(f"node {script} failed: {done.stderr}")
    return json.loads(done.stdout)
