"""A console client over httpx for the server-side tests, and the gateway they run against."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx

from moat.console.bootstrap import with_users
from moat.console.users import UserBook
from tests.gateway.conftest import GatewayProcess, make_gateway

USERS = {"admin": ("admin", "admin-password-1"), "reviewer": ("reviewer", "reviewer-password-1"),
         "viewer": ("viewer", "viewer-password-1")}


def console_gateway(home: Path, upstream_base: str, url: str | None = None,
                    env: dict[str, str] | None = None) -> GatewayProcess:
    """A real `moat serve` (SQLite unless `url` names another store, `env` added to its environment)
    with the seeded directory and one console user per role."""
    url = url or f"sqlite:///{home / 'moat.db'}"
    gw = make_gateway(home, url, upstream_base)
    gw.env = dict(env or {})

    async def add(book: UserBook) -> None:
        for role, (name, password) in USERS.items():
            await book.add(name, role, password, actor="test")

    asyncio.run(with_users(url, add))
    return gw.start()


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no hidden field {name!r} in the page"
    return found.group(1)


class ConsoleClient:
    """A browser-like client: keeps cookies, sends Origin on POSTs like a browser does."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = httpx.Client(base_url=base, follow_redirects=False, timeout=10)

    def close(self) -> None:
        self.http.close()

    def signin(self, username: str, password: str, *, next_url: str = "/console/") -> httpx.Response:
        page = self.http.get("/console/signin")
        return self.http.post("/console/signin", headers={"origin": self.base}, data={
            "pre": hidden(page.text, "pre"), "username": username, "password": password, "next": next_url})

    def signin_as(self, role: str) -> ConsoleClient:
        response = self.signin(*USERS[role])
        assert response.status_code == 303, response.text
        return self

    def csrf(self, path: str = "/console/") -> str:
        return hidden(self.http.get(path).text, "csrf")

    def get(self, path: str, **params: str) -> httpx.Response:
        return self.http.get(path, params=params or None)

    def post(self, path: str, data: dict[str, str | list[str]], *, csrf: bool = True,
             origin: str | None = "self") -> httpx.Response:
        body = dict(data)
        if csrf and "csrf" not in body:
            body["csrf"] = self.csrf()
        headers = {"origin": self.base if origin == "self" else origin} if origin else {}
        return self.http.post(path, data=body, headers=headers)

    @property
    def session_cookie(self) -> str | None:
        return self.http.cookies.get("moat_console")
