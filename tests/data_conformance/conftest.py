"""Fixtures: the fake data API, and real `moat serve` processes in front of it.

Every gateway is set up only through Moat's documented interface (docs/data-apis.md, README.md): a
`moat.toml` with a `kind = "http"` upstream and path routes, a policy bundle directory, the directory
filled with `moat orgs/accounts add` and `moat keys import`, traffic read back with `moat export`,
reviewers' work done with `moat actions apply` and `moat orgs add --restricted`. Nothing here imports
Moat's code: the suite judges the gateway from the outside.

`moat serve` runs with the test process's PYTHONPATH (default: this worktree's src), so the suite can
be pointed at any implementation: PYTHONPATH=/path/to/other/src pytest tests/data_conformance.

The gateways (each a real process; SQLite and in-process limits unless said otherwise):
- `gateway`: the default policy bundle; accounts for pass-through, streaming, recording and for the
  open-stream cuts (an account suspended or blocked mid-stream, an organization restricted, an email
  domain claimed by a restricted entity);
- `policy_gateway`: the default bundle plus DATA_BUNDLE (rules on request.path / request.method /
  request.kind / request.resource / key.use / usage.items_this_month; items per minute per account and
  per organization, items and distinct resources per month);
- `crash_gateway`: a fresh one per test, for kill -9, on SQLite and on PostgreSQL;
- two replicas over PostgreSQL and Redis (test_replicas.py), for limits they must share.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.data_conformance.fake_data_api import LABS_TOKEN, UPSTREAM_TOKEN, FakeDataAPI
from tests.moat_process import MoatProcess, clean_env

ROOT = Path(__file__).resolve().parents[2]
ADMIN_TOKEN = "data-conformance-admin-token"

# gateway: account -> (org, key)
READER_KEY = "sk-data-reader-0000000000000000000000"
BYSTANDER_KEY = "sk-data-bystander-000000000000000000"
SUSPENDEE_KEY = "sk-data-suspendee-000000000000000000"
RIVAL_KEY = "sk-data-rival-engineer-0000000000000"
BLOCKEE_KEY = "sk-data-blockee-00000000000000000000"
SHADOW_KEY = "sk-data-shadowlab-engineer-0000000000"  # an email domain a restricted entity later claims
# policy_gateway
RESEARCH_KEY = "sk-data-research-use-0000000000000000"  # imported with --use research
PLAIN_KEY = "sk-data-research-plain-000000000000000"  # the same account, no declared use
CAPPED_KEY = "sk-data-capped-minute-000000000000000"
MONTHLY_KEY = "sk-data-capped-month-0000000000000000"
COUNTER_KEY = "sk-data-usage-counter-000000000000000"
MEMBER_A_KEY = "sk-data-consortium-member-a-00000000"  # two accounts of one organization
MEMBER_B_KEY = "sk-data-consortium-member-b-00000000"  # sharing its items_per_minute 40
BYTER_KEY = "sk-data-bytes-per-month-0000000000000"  # bytes_per_month 20000
SWEEPER_KEY = "sk-data-resource-sweeper-000000000000"  # resources_per_month 5
BURSTY_KEY = "sk-data-capped-month-bursts-0000000000"  # its own items_per_month 25, fed in bursts

IDLE_TIMEOUT = 2  # seconds of upstream silence that end a stream (keep-alive lines are not silence)
USAGE_CAP = 31  # a rule on usage.items_this_month denies the `counter` account from this many items
ITEMS_PER_MINUTE = 40
ITEMS_PER_MONTH = 25
RESOURCES_PER_MONTH = 5
BYTES_PER_MONTH = 20000
RESEARCH_USE_DESCRIPTION = "academic research on public discourse"

ROUTES = """
[[routes]]
path = "/2/tweets/search/stream"
methods = ["GET"]
upstream = "social"
items = "ndjson"
item_resource = "data.author_id"
errors = "upstream"

[[routes]]
path = "/2/tweets/sample/stream"
methods = ["GET"]
upstream = "social"
item_resource = "data.author_id"
errors = "upstream"

[[routes]]
path = "/2/tweets/firehose/sse"
methods = ["GET"]
upstream = "social"
item_resource = "data.author_id"
errors = "problem"

[[routes]]
path = "/2/tweets/search/recent"
methods = ["GET"]
upstream = "social"
resource = "query:query"
item_resource = "author_id"
errors = "upstream"

[[routes]]
path = "/2/tweets/bulk"
methods = ["GET"]
upstream = "social"
item_resource = "author_id"
errors = "upstream"

[[routes]]
path = "/2/users"
upstream = "social"
resource = "path:2"
errors = "problem"

[[routes]]
path = "/2/tweets"
methods = ["POST", "DELETE"]
upstream = "social"
errors = "upstream"

[[routes]]
path = "/2/errors"
upstream = "social"
errors = "upstream"

[[routes]]
path = "/datasets"
methods = ["GET"]
upstream = "labs"
resource = "header:x-dataset-tenant"
errors = "problem"
"""

DATA_BUNDLE = f"""
description: Data-API rules of the conformance suite (docs/data-apis.md's policy context and limits).

rules:
  - {{id: research-no-stream, when: 'key.use == "research" && request.path.startsWith("/2/tweets/search/stream")',
     effect: deny, reason: declared_use_mismatch,
     message: "Research keys may search but not consume the firehose (decision {{decision_id}})."}}
  - {{id: no-deletes, when: 'request.kind == "data" && request.method == "DELETE"', effect: deny,
     reason: writes_not_permitted, message: "This key may not delete (decision {{decision_id}})."}}
  - {{id: protected-user, when: 'request.path.startsWith("/2/users/") && request.resource == "783214"',
     effect: deny, reason: protected_account, message: "This account is protected (decision {{decision_id}})."}}
  - {{id: usage-cap, when: 'account.id == "counter" && usage.items_this_month >= {USAGE_CAP}', effect: deny,
     reason: monthly_usage_cap, message: "This month's items are used up (decision {{decision_id}})."}}
  - {{id: capped-minute, when: 'account.id.startsWith("capped")', effect: throttle, limit: data_capped_minute,
     reason: rate_limited, message: "Item limit reached; retry later."}}
  - {{id: capped-month, when: 'account.id == "monthly" || account.id == "bursty"', effect: throttle,
     limit: data_capped_month, reason: quota_exhausted, message: "Monthly item quota exhausted."}}

  - {{id: sweeper-resources, when: 'account.id == "sweeper"', effect: throttle, limit: data_resources,
     reason: quota_exhausted, message: "Distinct resources for the month used up."}}

  - {{id: consortium-items, when: 'org.id == "consortium"', effect: throttle, limit: data_org_minute,
     reason: rate_limited, message: "Your organization's item limit is reached; retry later."}}

  - {{id: byter-bytes, when: 'account.id == "byter"', effect: throttle, limit: data_bytes,
     reason: quota_exhausted, message: "This month's bytes are used up."}}

limits:
  - {{name: data_bytes, key: account, bytes_per_month: {BYTES_PER_MONTH}}}
  - {{name: data_org_minute, key: organization, items_per_minute: {ITEMS_PER_MINUTE}}}
  - {{name: data_resources, key: account, resources_per_month: {RESOURCES_PER_MONTH}}}
  - {{name: data_capped_minute, key: account, items_per_minute: {ITEMS_PER_MINUTE}}}
  - {{name: data_capped_month, key: account, items_per_month: {ITEMS_PER_MONTH}}}
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.conformance)


def moat_src_path() -> str:
    return os.environ.get("PYTHONPATH") or str(ROOT / "src")


def default_bundle() -> Path:
    """The policy bundle shipped with the Moat under test (restrictions, suspensions, plans)."""
    for entry in moat_src_path().split(os.pathsep):
        if (Path(entry) / "moat" / "policy" / "default").is_dir():
            return Path(entry) / "moat" / "policy" / "default"
    raise RuntimeError(f"no moat/policy/default under PYTHONPATH {moat_src_path()}")


def moat_env(home: Path) -> dict[str, str]:
    env = clean_env(home, moat_src_path())
    env["DATA_CONF_SOCIAL_TOKEN"] = UPSTREAM_TOKEN
    env["DATA_CONF_LABS_TOKEN"] = LABS_TOKEN
    return env


def config_text(home: Path, upstream: str, policy_dir: Path | None, services: str = "") -> str:
    policy = f'policy_dir = "{policy_dir}"' if policy_dir else ""
    return f"""
home = "{home}"
admin_token = "{ADMIN_TOKEN}"
{policy}
{services}

[detect]
online = false

[[upstreams]]
name = "social"
kind = "http"
base_url = "{upstream}"
api_key_env = "DATA_CONF_SOCIAL_TOKEN"
connect_timeout = 5
first_byte_timeout = 10
idle_timeout = {IDLE_TIMEOUT}

[[upstreams]]
name = "labs"
kind = "http"
base_url = "{upstream}/labs"
api_key_env = "DATA_CONF_LABS_TOKEN"
auth_header = "x-api-key"
{ROUTES}"""


@dataclass
class Gateway(MoatProcess):
    _export_cache: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    seed_errors: list[str] = field(default_factory=list)  # set-up commands that failed (a test names them)
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)  # accounts.jsonl of the last export

    def env(self) -> dict[str, str]:
        return moat_env(self.home)

    def kill9(self) -> None:
        """SIGKILL to `moat serve` and every process of its session: no shutdown code runs."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def export(self) -> dict[str, list[dict[str, Any]]]:
        """`moat export`'s requests.jsonl, by request id (a list, so duplicates show)."""
        out = self.home / "export"
        shutil.rmtree(out, ignore_errors=True)
        self.cli("export", str(out))
        records: dict[str, list[dict[str, Any]]] = {}
        with (out / "requests.jsonl").open() as f:
            for line in f:
                if line.strip():
                    record = json.loads(line)
                    records.setdefault(str(record.get("request_id")), []).append(record)
        self._export_cache = records
        with (out / "accounts.jsonl").open() as f:
            self.accounts = {str(a["account_id"]): a for a in (json.loads(x) for x in f if x.strip())}
        return records

    def exported(self, request_id: str, timeout: float = 10.0) -> dict[str, Any]:
        """The one record of a request in `moat export` (re-exported until it appears)."""
        deadline = time.monotonic() + timeout
        records = self._export_cache
        while request_id not in records and time.monotonic() < deadline:
            records = self.export()
            if request_id not in records:
                time.sleep(0.3)
        assert request_id in records, f"request {request_id} is not in `moat export`'s requests.jsonl"
        assert len(records[request_id]) == 1, f"request {request_id} has {len(records[request_id])} records"
        return records[request_id][0]


def headers_for(key: str | None, tag: str, **extra: str) -> dict[str, str]:
    headers = {"x-conformance-id": tag, **extra}
    if key:
        headers["authorization"] = f"Bearer {key}"
    return headers


@pytest.fixture(scope="session")
def fake() -> Iterator[FakeDataAPI]:
    upstream = FakeDataAPI().start()
    yield upstream
    upstream.stop()


def make_gateway(home: Path, upstream: str, policy_dir: Path | None = None, services: str = "") -> Gateway:
    """A gateway's home and settings; `services`: `database_url = ...` / `redis_url = ...` lines."""
    home.mkdir(parents=True, exist_ok=True)
    gateway = Gateway(home)
    gateway.config.write_text(config_text(home, upstream, policy_dir, services))
    return gateway


def make_policy_bundle(where: Path) -> Path:
    """The default bundle shipped with the Moat under test, plus DATA_BUNDLE as data.yaml."""
    bundle = where / "bundle"
    bundle.mkdir()
    for source in default_bundle().glob("*.yaml"):
        if not source.name.endswith("_test.yaml"):
            shutil.copy(source, bundle / source.name)
    (bundle / "data.yaml").write_text(DATA_BUNDLE)
    return bundle


@pytest.fixture(scope="session")
def gateway(tmp_path_factory: pytest.TempPathFactory, fake: FakeDataAPI) -> Iterator[Gateway]:
    gw = make_gateway(tmp_path_factory.mktemp("data-gateway"), fake.url)
    gw.cli("orgs", "add", "datalab", "--name", "Data Lab", "--domain", "datalab.example")
    gw.cli("orgs", "add", "rivalco", "--name", "Rival Co", "--domain", "rivalco.example")
    for account, email, org, key in (("reader", "ann@datalab.example", "datalab", READER_KEY),
                                     ("bystander", "bo@datalab.example", "datalab", BYSTANDER_KEY),
                                     ("suspendee", "sue.personal@gmail.com", "", SUSPENDEE_KEY),
                                     ("blockee", "bee.personal@gmail.com", "", BLOCKEE_KEY),
                                     ("shadow-eng", "eng@shadowlab.example", "", SHADOW_KEY),
                                     ("rival-eng", "eng@rivalco.example", "rivalco", RIVAL_KEY)):
        gw.cli("accounts", "add", account, "--email", email, "--plan", "api", *(["--org", org] if org else []))
        gw.cli("keys", "import", "--account", account, "--secret", key)
    gw.start()
    yield gw
    gw.stop()


@pytest.fixture(scope="session")
def policy_gateway(tmp_path_factory: pytest.TempPathFactory, fake: FakeDataAPI) -> Iterator[Gateway]:
    home = tmp_path_factory.mktemp("data-policy-gateway")
    gw = make_gateway(home, fake.url, make_policy_bundle(home))
    gw.cli("orgs", "add", "university", "--name", "University", "--domain", "uni.example")
    gw.cli("orgs", "add", "consortium", "--name", "Consortium", "--domain", "consortium.example")
    for account, key in (("member-a", MEMBER_A_KEY), ("member-b", MEMBER_B_KEY)):
        gw.cli("accounts", "add", account, "--email", f"{account}@consortium.example", "--plan", "api",
               "--org", "consortium")
        gw.cli("keys", "import", "--account", account, "--secret", key)
    for account, email in (("scholar", "prof@uni.example"), ("capped", "cap@uni.example"),
                           ("monthly", "month@uni.example"), ("bursty", "burst@uni.example"),
                           ("counter", "count@uni.example"), ("sweeper", "sweep@uni.example"),
                           ("byter", "byte@uni.example")):
        gw.cli("accounts", "add", account, "--email", email, "--plan", "api", "--org", "university")
    # Declared use (docs/data-apis.md): a failure here is reported by the test that needs the key.
    done = gw.cli("keys", "import", "--account", "scholar", "--secret", RESEARCH_KEY, "--use", "research",
                  "--use-description", RESEARCH_USE_DESCRIPTION, check=False)
    if done.returncode != 0:
        gw.seed_errors.append(f"moat keys import --use research: {done.stdout}{done.stderr}".strip())
    gw.cli("keys", "import", "--account", "scholar", "--secret", PLAIN_KEY)
    gw.cli("keys", "import", "--account", "capped", "--secret", CAPPED_KEY)
    gw.cli("keys", "import", "--account", "monthly", "--secret", MONTHLY_KEY)
    gw.cli("keys", "import", "--account", "counter", "--secret", COUNTER_KEY)
    gw.cli("keys", "import", "--account", "bursty", "--secret", BURSTY_KEY)
    gw.cli("keys", "import", "--account", "sweeper", "--secret", SWEEPER_KEY)
    gw.cli("keys", "import", "--account", "byter", "--secret", BYTER_KEY)
    gw.start()
    yield gw
    gw.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def crash_gateway(request: pytest.FixtureRequest, tmp_path: Path, fake: FakeDataAPI) -> Iterator[Gateway]:
    """A fresh gateway on the embedded SQLite store, or on PostgreSQL (MOAT_TEST_POSTGRES_URL; skipped
    without it, like every PostgreSQL test of the project)."""
    services = f'database_url = "{request.getfixturevalue("postgres_url")}"' if request.param == "postgres" else ""
    gw = make_gateway(tmp_path / "crash-gateway", fake.url, services=services)
    gw.cli("accounts", "add", "reader", "--email", "ann@datalab.example", "--plan", "api")
    gw.cli("keys", "import", "--account", "reader", "--secret", READER_KEY)
    gw.start()
    yield gw
    gw.stop()
