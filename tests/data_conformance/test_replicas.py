"""Two replicas over one PostgreSQL store and one Redis: a data limit is one limit across both.

DESIGN.md: "Replicas agree: a limit of 100 requests/minute is 100 across all of them, not 100 each";
docs/data-apis.md: items_per_minute is enforced while a stream flows. One account streams through both
replicas at once; together they deliver the account's 40 items a minute, not 40 each. Skipped without
MOAT_TEST_POSTGRES_URL and MOAT_TEST_REDIS_URL, like the project's other service tests.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.data_conformance.clients import StreamReader, assert_streams_share_one_cap, is_moat_error_item
from tests.data_conformance.conftest import ITEMS_PER_MINUTE, Gateway, headers_for, make_gateway, make_policy_bundle
from tests.data_conformance.fake_data_api import FakeDataAPI

KEY = f"sk-data-capped-replicas-{uuid.uuid4().hex}"
ACCOUNT = f"capped-{uuid.uuid4().hex[:8]}"  # fresh in Redis on every run: limits there outlive a test


@pytest.fixture
def replicas(tmp_path: Path, fake: FakeDataAPI, postgres_url: str, redis_url: str) -> Iterator[list[Gateway]]:
    bundle = make_policy_bundle(tmp_path)
    services = f'database_url = "{postgres_url}"\nredis_url = "{redis_url}"'
    gateways = [make_gateway(tmp_path / name, fake.url, bundle, services) for name in ("a", "b")]
    gateways[0].cli("accounts", "add", ACCOUNT, "--email", "cap@uni.example", "--plan", "api")
    gateways[0].cli("keys", "import", "--account", ACCOUNT, "--secret", KEY)
    try:
        for gateway in gateways:
            gateway.start()
        yield gateways
    finally:
        for gateway in gateways:
            gateway.stop()


def test_items_per_minute_is_shared_by_the_replicas(replicas: list[Gateway], fake: FakeDataAPI) -> None:
    stream = "/2/tweets/search/stream?fake_rate=20&fake_keepalive=0.2"
    readers = [StreamReader(gw.url + stream, headers_for(KEY, f"replica-{i}-{uuid.uuid4().hex[:8]}")).start()
               for i, gw in enumerate(replicas)]
    # As for one gateway (test_policy_and_limits), with one item of rounding per replica.
    for reader in assert_streams_share_one_cap(readers, ITEMS_PER_MINUTE):
        final = [line for line in reader.lines() if not line.blank][-1].json()
        assert is_moat_error_item(final) and final["moat"]["reason"] == "rate_limited", final
