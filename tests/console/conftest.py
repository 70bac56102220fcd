"""Each console test module gets its own real `moat serve` (so sign-in failures counted by one
module's tests never rate-limit another's)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.console.helpers import ConsoleClient, console_gateway
from tests.gateway.conftest import GatewayProcess, fake_upstream  # noqa: F401  (fixture)
from tests.gateway.fake_upstream import FakeUpstream


@pytest.fixture(scope="module")
def gw(tmp_path_factory: pytest.TempPathFactory, fake_upstream: FakeUpstream  # noqa: F811
       ) -> Iterator[GatewayProcess]:
    gateway = console_gateway(tmp_path_factory.mktemp("console"), fake_upstream.base)
    yield gateway
    gateway.stop()


@pytest.fixture
def client(gw: GatewayProcess) -> Iterator[ConsoleClient]:
    c = ConsoleClient(gw.url)
    yield c
    c.close()


@pytest.fixture
def admin(gw: GatewayProcess) -> Iterator[ConsoleClient]:
    c = ConsoleClient(gw.url).signin_as("admin")
    yield c
    c.close()


@pytest.fixture
def reviewer(gw: GatewayProcess) -> Iterator[ConsoleClient]:
    c = ConsoleClient(gw.url).signin_as("reviewer")
    yield c
    c.close()


@pytest.fixture
def viewer(gw: GatewayProcess) -> Iterator[ConsoleClient]:
    c = ConsoleClient(gw.url).signin_as("viewer")
    yield c
    c.close()
