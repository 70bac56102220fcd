"""Fixtures for the audit tests: a real store on each backend, and records shaped like the gateway's."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from moat.store import open_store
from moat.store.base import Store


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'moat.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test against SQLite and a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'moat.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
async def store(store_url: str) -> AsyncIterator[Store]:
    s = open_store(store_url)
    await s.open()
    try:
        yield s
    finally:
        await s.close()


@pytest.fixture
def wal_dir(tmp_path: Path) -> Path:
    return tmp_path / "wal"
