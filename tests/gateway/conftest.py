"""A real `moat serve` process, seeded directory, and a misbehaving real upstream beside it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import moat.policy
from moat.identity import keys
from moat.identity.models import Account, ApiKey, Organization, Ownership
from moat.store import open_store
from tests.conftest import _service_url
from tests.gateway.fake_upstream import FakeUpstream
from tests.moat_process import free_port, wait_until_ready

ALICE_KEY = "sk-test-alice-000000000000000000"  # api plan, clean
BOB_KEY = "sk-test-bob-00000000000000000000"  # personal-looking email at a restricted org's domain
CAROL_KEY = "sk-test-carol-000000000000000000"  # account of a subsidiary 60% owned by the rival
DAVE_KEY = "sk-test-dave-0000000000000000000"  # reasoning is redacted for dave (test policy)
ERIN_KEY = "sk-test-erin-0000000000000000000"  # erin has a tight limit of 3 requests a minute
FRANK_KEY = "sk-test-frank-000000000000000000"  # a warn-mode rule matches frank
IDE_KEY = "sk-test-ide-00000000000000000000"  # a coding IDE that relays its users' requests
MALLORY_KEY = "sk-test-mallory-0000000000000000"  # gmail account paid with the rival's card
GINA_KEY = "sk-test-gina-0000000000000000000"  # an ordinary gmail user
IDE_SECRET = "ide-attribution-secret"
ADMIN_TOKEN = "admin-test-token"

# The default bundle plus a few rules aimed at test accounts.
TEST_POLICY = """
rules:
  - {id: test-redact, when: 'account.id == "dave"', effect: redact_reasoning, reason: distillation_risk,
     message: "Reasoning is not available for this account."}
  - {id: test-tight, when: 'account.id == "erin"', effect: throttle, limit: tight, reason: rate_limited,
     message: "Tight limit reached; retry later. Decision {decision_id}."}
  - {id: test-warn, when: 'account.id == "frank"', effect: deny, mode: warn, reason: heads_up,
     message: "Heads up: this would be refused."}
limits:
  - {name: tight, key: account, requests_per_minute: 3}
"""


def write_policies(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for source in (Path(moat.policy.__file__).parent / "default").glob("*.yaml"):
        if not source.name.endswith("_test.yaml"):
            shutil.copy(source, directory / source.name)
    (directory / "tests.yaml").write_text(TEST_POLICY)


def config_text(upstream_base: str, policy_dir: Path) -> str:
    return f"""
admin_token = "{ADMIN_TOKEN}"
policy_dir = "{policy_dir}"
platforms = [{{platform_id = "codeide", account_id = "ide-vendor", hs256_secret = "{IDE_SECRET}"}}]

[recording]
flush_interval = 0.05

[[upstreams]]
name = "fake-openai"
kind = "openai"
base_url = "{upstream_base}"
api_key = "upstream-secret"
timeout = 1.0

[[upstreams]]
name = "fake-anthropic"
kind = "anthropic"
base_url = "{upstream_base}"
api_key = "upstream-secret"
timeout = 1.0

[[upstreams]]
name = "dead"
kind = "openai"
base_url = "http://127.0.0.1:9/v1"
connect_timeout = 0.5

[[routes]]
model = "moat-demo*"
upstream = "demo"

[[routes]]
model = "a-*"
upstream = "fake-anthropic"

[[routes]]
model = "dead-*"
upstream = "dead"

[[routes]]
model = "*-*"
upstream = "fake-openai"
"""


async def seed(store_url: str) -> None:
    store = open_store(store_url)
    await store.open()
    try:
        await store.upsert_org(Organization("rival", name="Rival Labs", domains=("rival.example",), restricted=True,
                                            payment_fingerprints=("card-rival-corp",)))
        await store.upsert_org(Organization("ide-co", name="Code IDE Inc", domains=("codeide.example",)))
        await store.upsert_org(Organization("rival-sub", name="Rival Sub", owners=(Ownership("rival", 0.6),)))
        await store.upsert_org(Organization("acme", name="Acme", domains=("acme.example",)))
        await store.upsert_account(Account("alice", email="alice@acme.example", plan="api", org_id="acme"))
        await store.upsert_account(Account("bob", email="bob@rival.example", plan="pro"))
        await store.upsert_account(Account("carol", email="carol@sub.example", plan="team", org_id="rival-sub"))
        await store.upsert_account(Account("ide-vendor", email="ops@codeide.example", plan="enterprise",
                                           org_id="ide-co", verified=True))
        await store.upsert_account(Account("mallory", email="mallory@gmail.com", plan="pro",
                                           payment_fingerprint="card-rival-corp"))
        await store.upsert_account(Account("gina", email="gina@gmail.com", plan="pro", payment_fingerprint="card-gina"))
        for name, plan in (("dave", "api"), ("erin", "api"), ("frank", "enterprise")):
            await store.upsert_account(Account(name, email=f"{name}@acme.example", plan=plan, org_id="acme"))
        for account, secret in (("alice", ALICE_KEY), ("bob", BOB_KEY), ("carol", CAROL_KEY), ("dave", DAVE_KEY),
                                ("erin", ERIN_KEY), ("frank", FRANK_KEY), ("ide-vendor", IDE_KEY),
                                ("mallory", MALLORY_KEY), ("gina", GINA_KEY)):
            await store.insert_key(ApiKey(keys.new_key_id(), account, keys.key_prefix(secret),
                                          keys.hash_secret(secret), time.time()))
    finally:
        await store.close()


@dataclass
class GatewayProcess:
    home: Path
    store_url: str
    port: int = field(default_factory=free_port)
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    preexec: Callable[[], None] | None = None

    def start(self, *extra: str, probe: str = "/readyz") -> GatewayProcess:
        env = {**os.environ, "MOAT_HOME": str(self.home), "MOAT_DATABASE_URL": self.store_url, **self.env}
        env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        self.log = (self.home / f"serve-{self.port}.log").open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "moat", "--config", str(self.home / "moat.toml"), "serve",
             "--port", str(self.port), *extra], env=env, stdout=self.log, stderr=self.log, cwd=self.home,
            preexec_fn=self.preexec)
        if wait_until_ready(self.proc, f"{self.url}{probe}", self.home / f"serve-{self.port}.log", 20):
            return self
        raise RuntimeError("moat serve did not become ready")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


@pytest.fixture(scope="session")
def fake_upstream() -> Iterator[FakeUpstream]:
    fake = FakeUpstream().start()
    yield fake
    fake.stop()


def make_gateway(home: Path, store_url: str, upstream_base: str, *, seeded: bool = True) -> GatewayProcess:
    """A gateway (not started) with its own data directory; `seeded=False` for a second replica."""
    home.mkdir(parents=True, exist_ok=True)
    write_policies(home / "policies")
    (home / "moat.toml").write_text(config_text(upstream_base, home / "policies"))
    if seeded:
        asyncio.run(seed(store_url))
    return GatewayProcess(home, store_url)


@contextmanager
def started_replicas(backend: str, home: Path, upstream_base: str,
                     seed_more: Callable[[str], Any] | None = None) -> Iterator[tuple[GatewayProcess, GatewayProcess]]:
    """Two started replicas over one store: SQLite under `home`, or a fresh PostgreSQL schema
    (`backend` "postgres"), seeded as every gateway test is, then by `seed_more(url)` (a coroutine
    function) before the second starts; stopped (and the schema dropped) on exit."""
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(postgres_schema()) if backend == "postgres" else f"sqlite:///{home / 'moat.db'}"
        first = make_gateway(home / "a", url, upstream_base)
        if seed_more is not None:
            asyncio.run(seed_more(url))
        second = make_gateway(home / "b", url, upstream_base, seeded=False)
        for gw in (first, second):
            gw.start()
            stack.callback(gw.stop)
        yield first, second


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh schema on the test PostgreSQL (dropped afterwards), as a store URL."""
    import asyncpg

    base = _service_url("POSTGRES")
    schema = f"gw_{uuid.uuid4().hex[:10]}"

    async def run(sql: str) -> None:
        conn = await asyncpg.connect(base)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}{'&' if '?' in base else '?'}schema={schema}"
    finally:
        asyncio.run(run(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def gateway(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
            fake_upstream: FakeUpstream) -> Iterator[GatewayProcess]:
    """One gateway for a whole test module, on SQLite and again on PostgreSQL."""
    home = tmp_path_factory.mktemp("gw")
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(postgres_schema()) if request.param == "postgres" else f"sqlite:///{home / 'moat.db'}"
        gw = make_gateway(home, url, fake_upstream.base).start()
        stack.callback(gw.stop)
        yield gw


async def wait_for_record(store_url: str, request_id: str, timeout: float = 10.0) -> dict[str, object]:
    """Poll the store until the gateway's recorder has written the request's record."""
    store = open_store(store_url)
    await store.open()
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            async for record in store.iter_requests():
                if record.get("request_id") == request_id:
                    return record
            await asyncio.sleep(0.05)
    finally:
        await store.close()
    raise AssertionError(f"request {request_id} was never recorded")


def admin_log(store_url: str) -> list[dict[str, Any]]:
    """Every admin-log entry's payload, read from the store (in order)."""
    async def read() -> list[dict[str, Any]]:
        store = open_store(store_url)
        await store.open()
        try:
            return [entry.payload async for entry in store.iter_admin()]
        finally:
            await store.close()

    return asyncio.run(read())
