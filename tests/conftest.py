"""Shared fixtures: real PostgreSQL and Redis when configured.

Tests that need a service take the `postgres_url` or `redis_url` fixture. Without the service's
MOAT_TEST_*_URL they skip, except under MOAT_REQUIRE_SERVICES=1 (CI), where they fail: CI must
never silently skip them.
"""

from __future__ import annotations

import functools
import os
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlparse

import pytest


def _missing(message: str) -> NoReturn:
    if os.environ.get("MOAT_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{message}, and MOAT_REQUIRE_SERVICES=1 requires these tests to run")
    pytest.skip(message)


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


@functools.cache
def _service_url(name: str) -> str:
    url = os.environ.get(f"MOAT_TEST_{name}_URL", "")
    if not url:
        _missing(f"MOAT_TEST_{name}_URL is not set")
    if not _reachable(url, 5432 if name == "POSTGRES" else 6379):
        _missing(f"{name.lower()} at {url} is not reachable")
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
