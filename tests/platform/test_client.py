"""moat.platform against a real local HTTP server: fetch, verify, ETag 304, cache, refusals."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from moat.enforce.feed import FeedPublisher
from moat.platform import (
    FeedError,
    FeedExpiredError,
    FeedFetchError,
    FeedRollbackError,
    FeedSignatureError,
    RestrictedFeedClient,
)
from moat.platform.ed25519 import public_key_b64

ENTITIES = [
    {"org_id": "rival-labs", "name": "Rival Labs Inc.", "restricted": True, "domains": ["rivallabs.com"],
     "sso_tenants": ["rival.okta.com"], "aliases": ["RL"], "payment_fingerprints": ["pf_rival"]},
    {"org_id": "acme", "name": "Acme", "domains": ["acme.com"]},
]


class FeedServer:
    """Serves whatever `respond` returns; records the If-None-Match headers it saw."""

    def __init__(self, publisher: FeedPublisher) -> None:
        self.publisher = publisher
        self.seen: list[str | None] = []
        self.override: tuple[int, bytes] | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                inm = self.headers.get("If-None-Match")
                server.seen.append(inm)
                if server.override is not None:
                    status, body = server.override
                    headers = {"content-type": "application/json"}
                else:
                    status, body, headers = server.publisher.http_response(inm)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed/restricted"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def publisher(tmp_path: Path) -> FeedPublisher:
    pub = FeedPublisher(tmp_path / "provider")
    pub.update(ENTITIES, identifiers={"rival-labs": [("email", "jane@gmail.com"), ("end_user", "ide:u-77")]})
    return pub


@pytest.fixture
def server(publisher: FeedPublisher) -> Iterator[FeedServer]:
    s = FeedServer(publisher)
    yield s
    s.close()


def client(server: FeedServer, **kw: object) -> RestrictedFeedClient:
    return RestrictedFeedClient(server.url, public_key_b64(server.publisher.key), **kw)  # type: ignore[arg-type]


def test_fetch_verify_and_lookups(server: FeedServer) -> None:
    c = client(server)
    with pytest.raises(FeedError, match="call refresh"):
        c.is_restricted(email_domain="rivallabs.com")
    assert c.refresh() is True
    assert c.is_restricted(email_domain="rivallabs.com")
    assert c.is_restricted(email_domain="ML.Eng.RivalLabs.com")
    assert c.is_restricted(end_user_org="Rival Labs")
    assert c.is_restricted(end_user_org="rival-labs")
    assert c.is_restricted(end_user_org="RL")
    assert c.is_restricted(end_user_org="rivallabs.com")
    assert c.is_restricted(email="someone@rivallabs.com")
    assert c.is_restricted(email="Jane@Gmail.com")  # a linked personal address, published hashed only
    assert c.is_restricted(sso_tenant="RIVAL.okta.com")
    assert c.is_restricted(identifiers={"end_user": "ide:u-77"})
    assert c.is_restricted(identifiers={"payment": "pf_rival"})
    for kwargs in ({"email_domain": "acme.com"}, {"email_domain": "gmail.com"}, {"end_user_org": "Acme"},
                   {"email": "bob@gmail.com"}, {"end_user_org": "labs.com"}, {}):
        assert not c.is_restricted(**kwargs), kwargs  # type: ignore[arg-type]
    m = c.match(email_domain="rivallabs.com")
    assert m is not None and (m.org_id, m.reason) == ("rival-labs", "restricted")


def test_etag_gives_304_and_keeps_the_copy(server: FeedServer) -> None:
    c = client(server)
    assert c.refresh() is True
    etag = c.feed.etag  # type: ignore[union-attr]
    assert etag.startswith('"sha256-')
    assert c.refresh() is False
    assert server.seen == [None, etag]
    assert c.is_restricted(email_domain="rivallabs.com")
    # A new version is picked up on the next fetch.
    server.publisher.update([*ENTITIES, {"org_id": "new", "restricted": True, "domains": ["new.ai"]}])
    assert c.refresh() is True and c.feed.version == 2  # type: ignore[union-attr]
    assert c.is_restricted(email_domain="new.ai")


def test_tampered_feed_is_refused_and_old_copy_kept(server: FeedServer) -> None:
    c = client(server)
    c.refresh()
    body = server.publisher.document().body
    server.override = (200, body.replace(b"rivallabs.com", b"rivallabs.net"))
    with pytest.raises(FeedSignatureError):
        c.refresh()
    assert isinstance(c.last_error, FeedSignatureError)
    assert c.is_restricted(email_domain="rivallabs.com") and not c.is_restricted(email_domain="rivallabs.net")


def test_feed_signed_by_another_key_is_refused(server: FeedServer, tmp_path: Path) -> None:
    c = RestrictedFeedClient(server.url, public_key_b64(FeedPublisher(tmp_path / "impostor").key))
    with pytest.raises(FeedSignatureError):
        c.refresh()
    assert c.feed is None


def test_expired_feed_is_refused(tmp_path: Path) -> None:
    stale = FeedPublisher(tmp_path / "p", clock=lambda: time.time() - 10 * 86400)
    stale.update(ENTITIES)
    s = FeedServer(stale)
    try:
        with pytest.raises(FeedExpiredError):
            client(s).refresh()
    finally:
        s.close()


def test_held_copy_expires(server: FeedServer) -> None:
    now = [time.time()]
    c = client(server, clock=lambda: now[0])
    c.refresh()
    now[0] += 2 * 86400
    with pytest.raises(FeedExpiredError):
        c.is_restricted(email_domain="rivallabs.com")


def test_rollback_is_refused(server: FeedServer) -> None:
    c = client(server)
    old_body = server.publisher.document().body
    server.publisher.update([*ENTITIES, {"org_id": "new", "restricted": True}])
    c.refresh()
    server.override = (200, old_body)
    with pytest.raises(FeedRollbackError):
        c.refresh()
    assert c.feed.version == 2  # type: ignore[union-attr]


def test_http_and_network_errors(server: FeedServer) -> None:
    c = client(server)
    server.override = (500, b"oops")
    with pytest.raises(FeedFetchError, match="HTTP 500"):
        c.refresh()
    dead = RestrictedFeedClient("http://127.0.0.1:9/feed/restricted", public_key_b64(server.publisher.key),
                                timeout=1.0)
    with pytest.raises(FeedFetchError):
        dead.refresh()


def test_maybe_refresh_keeps_a_valid_copy_on_failure(server: FeedServer) -> None:
    now = [time.time()]
    c = client(server, clock=lambda: now[0], max_age=60)
    c.maybe_refresh()
    assert len(server.seen) == 1
    c.maybe_refresh()
    assert len(server.seen) == 1  # fresh enough
    now[0] += 61
    server.override = (503, b"")
    c.maybe_refresh()  # fails, but the held copy is still valid
    assert c.is_restricted(email_domain="rivallabs.com") and isinstance(c.last_error, FeedFetchError)


def test_disk_cache(server: FeedServer, tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "feed.json"
    client(server, cache_path=cache).refresh()
    assert cache.exists()
    server.close()
    offline = client(server, cache_path=cache)  # starts from the cached copy, no network
    assert offline.is_restricted(email_domain="rivallabs.com")
    cache.write_bytes(cache.read_bytes().replace(b"rivallabs.com", b"rivallabs.org"))
    tampered = client(server, cache_path=cache)
    assert tampered.feed is None and isinstance(tampered.last_error, FeedSignatureError)


def test_lookup_is_microseconds(server: FeedServer) -> None:
    c = client(server)
    c.refresh()
    n = 20000
    start = time.perf_counter()
    for _ in range(n):
        c.is_restricted(end_user_org="Some Company", email_domain="eng.somecompany.com")
    per_call = (time.perf_counter() - start) / n
    assert per_call < 50e-6, per_call


def test_platform_package_imports_nothing_else_from_moat() -> None:
    code = ("import sys, moat.platform; "
            "print(sorted(m for m in sys.modules if m.startswith('moat') and not m.startswith('moat.platform')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}).stdout
    assert out.strip() == "['moat']"
