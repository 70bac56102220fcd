"""Database URLs: SQLite paths and the PostgreSQL `schema` parameter."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import pytest

from moat.store import open_store
from moat.store.postgres import PostgresDatabase, split_schema
from moat.store.sqlite import SQLiteDatabase, sqlite_path


def test_sqlite_paths() -> None:
    assert sqlite_path("sqlite:///rel/moat.db") == "rel/moat.db"
    assert sqlite_path("sqlite:////abs/moat.db") == "/abs/moat.db"
    assert sqlite_path("sqlite:///:memory:") == ":memory:"
    with pytest.raises(ValueError):
        sqlite_path("sqlite:///")


def test_open_store_picks_the_backend() -> None:
    assert isinstance(open_store("sqlite:///x.db").db, SQLiteDatabase)
    assert isinstance(open_store("postgresql://u@h/db").db, PostgresDatabase)
    assert isinstance(open_store("postgres://u@h/db").db, PostgresDatabase)
    with pytest.raises(ValueError, match="unsupported"):
        open_store("mysql://u@h/db")


def test_split_schema() -> None:
    assert split_schema("postgresql://u@h:5432/db?schema=t_1&sslmode=disable") == (
        "postgresql://u@h:5432/db?sslmode=disable", "t_1")
    assert split_schema("postgresql://u@h/db") == ("postgresql://u@h/db", None)
    with pytest.raises(ValueError, match="invalid schema"):
        split_schema('postgresql://u@h/db?schema=x";drop')


async def test_sqlite_creates_parent_directories(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'a' / 'b' / 'moat.db'}")
    await store.open()
    await store.close()
    assert (tmp_path / "a" / "b" / "moat.db").is_file()


@pytest.mark.postgres
async def test_postgres_creates_a_missing_schema(postgres_url: str, postgres_base_url: str) -> None:
    url = postgres_url.replace("schema=t_", "schema=n_")
    store = open_store(url)
    await store.open()
    try:
        await store.ping()
        assert await store.last_change() == 0
    finally:
        await store.close()
        conn = await asyncpg.connect(postgres_base_url)
        await conn.execute(f'DROP SCHEMA IF EXISTS "{split_schema(url)[1]}" CASCADE')
        await conn.close()
