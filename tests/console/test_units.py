"""The console's pieces without a server: session expiry, CSRF tokens, LIKE escaping, SVG escaping,
users and the `moat console users` command."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from click.testing import CliRunner

from moat.cli import main
from moat.console.charts import Edge, Node, bars, cluster_graph, timeseries
from moat.console.schema import open_tables
from moat.console.sessions import Sessions, csrf_ok, csrf_token
from moat.console.users import UserBook, role_allows
from moat.store import open_store
from moat.store.directory import like
from moat.store.postgres import numbered
from moat.store.sqlite import SQLiteDatabase


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


async def _book(tmp_path: Path) -> tuple[SQLiteDatabase, UserBook]:
    url = f"sqlite:///{tmp_path / 'moat.db'}"
    store = open_store(url)
    await store.open()
    db = SQLiteDatabase(url)
    await db.open()
    await open_tables(db)
    return db, UserBook(db, store)


def test_idle_and_absolute_expiry(tmp_path: Path) -> None:
    async def run() -> None:
        db, book = await _book(tmp_path)
        await book.add("ann", "reviewer", "long-enough-password", actor="test")
        clock = Clock()
        sessions = Sessions(db, idle=60, absolute=300, clock=clock)
        raw = await sessions.create("ann")
        clock.now += 50
        assert (await sessions.lookup(raw)) is not None  # touched: idle restarts
        clock.now += 50
        assert (await sessions.lookup(raw)) is not None
        clock.now += 61
        assert await sessions.lookup(raw) is None  # idle too long
        raw = await sessions.create("ann")
        for _ in range(6):
            clock.now += 55
            found = await sessions.lookup(raw)
        assert found is None  # 330 s after sign-in: past the absolute limit despite activity
        assert await sessions.lookup("x" * 500) is None
        await db.close()

    asyncio.run(run())


def test_sessions_are_stored_hashed(tmp_path: Path) -> None:
    async def run() -> None:
        db, book = await _book(tmp_path)
        await book.add("ann", "viewer", "long-enough-password", actor="test")
        raw = await Sessions(db, idle=60, absolute=300).create("ann")
        stored = [r[0] for r in await db.fetch("SELECT id_hash FROM console_sessions")]
        assert raw not in stored and len(stored[0]) == 64
        hashes = [r[0] for r in await db.fetch("SELECT password_hash FROM console_users")]
        assert hashes[0].startswith("$argon2id$")
        assert await book.authenticate("ann", "long-enough-password") is not None
        assert await book.authenticate("ann", "wrong-password!") is None
        await db.close()

    asyncio.run(run())


def test_csrf_tokens() -> None:
    assert csrf_ok("session-a", csrf_token("session-a"))
    assert not csrf_ok("session-a", csrf_token("session-b"))
    assert not csrf_ok("session-a", "")
    assert not csrf_ok("session-a", None)


def test_roles_are_ordered() -> None:
    assert role_allows("admin", "reviewer") and role_allows("reviewer", "viewer")
    assert not role_allows("viewer", "reviewer") and not role_allows("reviewer", "admin")
    assert not role_allows("root", "viewer")


def test_like_patterns_escape_wildcards() -> None:
    assert like("50%_off\\") == "%50\\%\\_off\\\\%"
    assert numbered("a = ? AND b IN (?, ?)") == "a = $1 AND b IN ($2, $3)"


def test_charts_escape_text() -> None:
    evil = "<script>x</script>"
    for svg in (bars([(evil, 3.0)], href="/console/audit?decision={}"),
                timeseries([(evil, [(0.0, 1.0), (60.0, 2.0)])]),
                cluster_graph([Node(evil, "account", evil, "/x?a=<b>", focus=True)], [Edge(evil, evil, evil)])):
        assert "<script>" not in str(svg) and "&lt;script&gt;" in str(svg)
    assert "No traffic" in str(timeseries([]))


def test_users_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOAT_HOME", str(tmp_path))
    monkeypatch.setenv("MOAT_DATABASE_URL", f"sqlite:///{tmp_path / 'moat.db'}")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    added = runner.invoke(main, ["console", "users", "add", "root", "--role", "admin", "--password-stdin"],
                          input="a-long-password\n")
    assert added.exit_code == 0, added.output
    assert runner.invoke(main, ["console", "users", "add", "root", "--role", "admin", "--password-stdin"],
                         input="a-long-password\n").exit_code == 1  # exists already
    assert runner.invoke(main, ["console", "users", "add", "shorty", "--role", "viewer", "--password-stdin"],
                         input="short\n").exit_code == 1
    generated = runner.invoke(main, ["console", "users", "add", "rev", "--role", "reviewer", "--generate"])
    assert generated.exit_code == 0 and "password: " in generated.output
    assert runner.invoke(main, ["console", "users", "set-role", "rev", "viewer"]).exit_code == 0
    listed = runner.invoke(main, ["console", "users", "list"])
    assert "root" in listed.output and "rev" in listed.output and "viewer" in listed.output
    assert runner.invoke(main, ["console", "users", "set-role", "ghost", "viewer"]).exit_code == 1
    changed = runner.invoke(main, ["console", "users", "passwd", "root", "--password-stdin"],
                            input="another-long-password\n")
    assert changed.exit_code == 0, changed.output
    assert runner.invoke(main, ["console", "users", "passwd", "root", "--password-stdin"],
                         input="short\n").exit_code == 1


def test_ensure_admin_creates_once(tmp_path: Path) -> None:
    from moat.console.bootstrap import ensure_admin

    url = f"sqlite:///{tmp_path / 'moat.db'}"
    name, password = asyncio.run(ensure_admin(url))
    assert name == "admin" and password and len(password) >= 16
    assert asyncio.run(ensure_admin(url)) == ("admin", None)


def test_secure_cookie_modes() -> None:
    from types import SimpleNamespace

    from moat.console.app import Console
    from moat.console.http import Request, Response
    from moat.console.settings import ConsoleSettings, console_settings

    def request(scheme: str) -> Request:
        return Request.from_scope({"type": "http", "method": "GET", "path": "/console/", "scheme": scheme,
                                   "headers": [], "query_string": b""})

    for mode, http, https in (("auto", False, True), ("always", True, True), ("never", False, False)):
        console = SimpleNamespace(settings=ConsoleSettings(secure_cookies=mode))  # type: ignore[arg-type]
        assert Console.secure_cookie(console, request("http")) is http  # type: ignore[arg-type]
        assert Console.secure_cookie(console, request("https")) is https  # type: ignore[arg-type]
    response = Response(200, b"")
    response.set_cookie("moat_console", "v", secure=True)
    assert response.headers[0][1] == b"moat_console=v; Path=/console; HttpOnly; SameSite=Lax; Secure"
    assert console_settings(SimpleNamespace(console={"secure_cookies": "always", "idle_timeout": 60})
                            ).idle_timeout == 60
    assert console_settings(SimpleNamespace()) == ConsoleSettings()


def test_origin_check() -> None:
    from moat.console.http import Request

    def request(**headers: str) -> Request:
        return Request.from_scope({"type": "http", "method": "POST", "path": "/console/users", "scheme": "http",
                                   "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
                                   "query_string": b""})

    assert request(host="moat.test", origin="http://moat.test").origin_ok("")
    assert not request(host="moat.test", origin="https://moat.test").origin_ok("")  # scheme matters
    assert not request(host="moat.test", origin="http://evil.test").origin_ok("")
    assert request(host="internal:8080", origin="https://moat.example").origin_ok("https://moat.example/")
    assert request(host="moat.test", referer="http://moat.test/console/x").origin_ok("")
    assert not request(host="moat.test").origin_ok("")
