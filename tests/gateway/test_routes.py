"""The route table (issue 14 item 3): areas' routes assembled in one place, exact paths before
prefixes, methods checked, and a gateway that serves exactly the table it was given."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from moat.config import load_settings
from moat.gateway.app import Gateway, routes
from moat.gateway.build import build_runtime
from moat.gateway.http import Receive, Scope, Send, send_json
from moat.gateway.routes import RouteTable, below, exact
from moat.gateway.runtime import Runtime


async def answer(rt: Runtime, scope: Scope, receive: Receive, send: Send, request_id: str) -> None:
    await send_json(send, 200, {"path": scope["path"], "request_id": request_id})


async def other(rt: Runtime, scope: Scope, receive: Receive, send: Send, request_id: str) -> None:
    await send_json(send, 200, {})


def test_exact_paths_then_prefixes_in_order() -> None:
    table = RouteTable([exact("/a", answer, "GET"), below("/a/", other), below("/a/b/", answer)])
    assert table.find("/a", "GET") is answer
    assert table.find("/a", "POST") is None  # a method the route does not take: no route
    assert table.find("/a/b/c", "DELETE") is other  # the first prefix that matches wins
    assert table.find("/ab", "GET") is None


def test_a_table_refuses_ambiguity() -> None:
    with pytest.raises(ValueError, match="two routes"):
        RouteTable([exact("/x", answer), exact("/x", other)])
    with pytest.raises(ValueError, match="must end in '/'"):
        RouteTable([below("/x", answer)])


def test_the_gateway_table_holds_every_area() -> None:
    table = RouteTable(routes())
    for path, method in (("/healthz", "GET"), ("/readyz", "GET"), ("/metrics", "GET"), ("/v1/models", "GET"),
                         ("/v1/models/x", "GET"), ("/v1/responses/resp_1", "GET"), ("/feed/restricted", "HEAD"),
                         ("/v1/appeals", "POST"), ("/v1/appeals/apl_1", "GET"), ("/admin/orgs", "POST"),
                         ("/console", "GET"), ("/console/cases", "GET")):
        assert table.find(path, method) is not None, (method, path)
    assert table.find("/feed/restricted", "POST") is None and table.find("/nowhere", "GET") is None


async def test_a_gateway_serves_the_table_it_is_given(tmp_path: Path) -> None:
    (tmp_path / "moat.toml").write_text("")
    settings = load_settings(tmp_path / "moat.toml", env={"MOAT_HOME": str(tmp_path)})
    runtime = build_runtime(settings, console=False)
    app = Gateway(settings, runtime, [exact("/hello", answer)])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client:
        hello = await client.get("/hello")
        assert hello.status_code == 200 and hello.json()["path"] == "/hello"
        assert hello.json()["request_id"] == hello.headers["x-request-id"] == hello.headers["request-id"]
        missing = await client.get("/healthz")  # not in this table
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "unknown_url"
    app = Gateway(settings, runtime)  # the full table, on a runtime built without the console
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        assert (await client.get("/console/")).status_code == 404


async def test_the_console_is_built_with_the_runtime(tmp_path: Path) -> None:
    from moat.console.app import Console

    (tmp_path / "moat.toml").write_text("")
    settings = load_settings(tmp_path / "moat.toml", env={"MOAT_HOME": str(tmp_path),
                                                          "MOAT_DATABASE_URL": f"sqlite:///{tmp_path / 'moat.db'}"})
    runtime = build_runtime(settings)
    assert isinstance(runtime.console, Console)  # before any request: nothing attaches itself later
    await runtime.start()
    try:
        app = Gateway(settings, runtime)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client:
            page = await client.get("/console/signin")
            assert page.status_code == 200 and "<form" in page.text
            assert (await client.get("/console")).headers["location"] == "/console/"
    finally:
        await runtime.stop()
