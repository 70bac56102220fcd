"""A `moat serve` process with data routes in front of the fake firehose (tests/gateway/fake_firehose.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from moat.store import open_store
from tests.gateway.conftest import GatewayProcess, config_text, seed, write_policies

UPSTREAM_TOKEN = "social-upstream-token"

DATA_POLICY = """
rules:
  - {id: data-small, when: 'request.kind == "data" && account.id == "gina"', effect: throttle, limit: data_small,
     reason: rate_limited, message: "Volume limit reached. Decision {decision_id}."}
  - {id: data-month, when: 'request.kind == "data" && account.id == "frank"', effect: throttle, limit: data_month,
     reason: quota_exhausted, message: "Monthly quota reached. Decision {decision_id}."}
  - {id: data-no-delete, when: 'request.kind == "data" && request.method == "DELETE"', effect: deny,
     reason: method_not_permitted, message: "Deleting is not part of this API's terms."}
  - {id: data-resource, when: 'request.kind == "data" && request.resource == "666"', effect: deny,
     reason: resource_forbidden, message: "This user's timeline is not available."}
  - {id: data-usage, when: 'account.id == "dave" && usage.items_this_month >= 6', effect: deny,
     reason: usage_cap, message: "Lookups stop after 6 items a month (usage.items_this_month)."}
limits:
  - {name: data_small, key: account, items_per_minute: 25}
  - {name: data_month, key: account, items_per_month: 30}
"""


def data_config(model_base: str, firehose_base: str, policy_dir: Path) -> str:
    return config_text(model_base, policy_dir) + f"""
[[upstreams]]
name = "social"
kind = "http"
base_url = "{firehose_base}"
api_key = "{UPSTREAM_TOKEN}"
idle_timeout = 5

[[routes]]
path = "/2/tweets/search/stream"
methods = ["GET"]
upstream = "social"
resource = "query:query"
item_resource = "data.author_id"

[[upstreams]]
name = "social-hasty"
kind = "http"
base_url = "{firehose_base}"
idle_timeout = 0.5

[[routes]]
path = "/2/tweets/search/stream/hasty"
upstream = "social-hasty"

[[routes]]
path = "/2/users"
upstream = "social"
resource = "path:2"
item_resource = "data.id"
errors = "problem"

[[routes]]
path = "/echo"
upstream = "social"

[[routes]]
path = "/fail"
upstream = "social"
errors = "problem"
"""


def make_data_gateway(home: Path, model_base: str, firehose_base: str, store_url: str = "") -> GatewayProcess:
    """A gateway (not started) over a seeded store: SQLite under `home` unless `store_url` names one."""
    home.mkdir(parents=True, exist_ok=True)
    write_policies(home / "policies")
    (home / "policies" / "data.yaml").write_text(DATA_POLICY)
    (home / "moat.toml").write_text(data_config(model_base, firehose_base, home / "policies"))
    store_url = store_url or f"sqlite:///{home / 'moat.db'}"
    asyncio.run(seed(store_url))
    return GatewayProcess(home, store_url)


def records(store_url: str) -> dict[str, dict[str, Any]]:
    """Every stored request record, by request id."""
    async def read() -> dict[str, dict[str, Any]]:
        store = open_store(store_url)
        await store.open()
        try:
            return {r["request_id"]: r async for r in store.iter_requests()}
        finally:
            await store.close()

    return asyncio.run(read())
