"""Shared fixtures: real PostgreSQL and Redis when configured.

Tests that need a service take the `postgres_url` or `redis_url` fixture. Without the service's
MOAT_TEST_*_URL they skip, except under MOAT_REQUIRE_SERVICES=1 (CI), where they fail: CI must
never silently skip them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest


def _service_url(name: str) -> str:
    url = os.environ.get(f"MOAT_TEST_{name}_URL", "")
    if not url:
        message = f"MOAT_TEST_{name}_URL is not set"
        if os.environ.get("MOAT_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{message}, and CI requires {name.lower()} tests to run")
        pytest.skip(message)
    return url


@pytest.fixture
def postgres_base_url() -> str:
    return _service_url("POSTGRES")


@pytest.fixture
async def postgres_url(postgres_base_url: str) -> AsyncIterator[str]:
    """A PostgreSQL URL whose `schema` parameter names a fresh schema, dropped afterwards."""
    import asyncpg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        conn = await asyncpg.connect(postgres_base_url)
    except (OSError, asyncpg.PostgresError) as exc:
        pytest.fail(f"PostgreSQL at {postgres_base_url} is unreachable: {exc}")
    await conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in postgres_base_url else "?"
    try:
        yield f"{postgres_base_url}{sep}schema={schema}"
    finally:
        await conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await conn.close()


@pytest.fixture
def redis_url() -> str:
    return _service_url("REDIS")


@pytest.fixture
def redis_prefix() -> str:
    """A key prefix unique to the test, so tests never see each other's keys."""
    return f"moat-test:{uuid.uuid4().hex[:10]}:"


@pytest.fixture
def moat_home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "moat-home"
    home.mkdir()
    yield home
