"""The restricted-entity feed, provider side: signing, versions, ETag, tampering, expiry, CLI."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from moat.cli import main
from moat.enforce.feed import (
    FeedPublisher,
    etag_matches,
    load_or_create_signing_key,
    sign_feed,
)
from moat.platform.ed25519 import public_key_b64
from moat.platform.feed import (
    FEED_FORMAT,
    FeedExpiredError,
    FeedFormatError,
    FeedRollbackError,
    FeedSignatureError,
    hash_identifier,
    verify_feed,
)

NOW = 1_800_000_000.0
ENTITIES = [
    {"org_id": "rival-labs", "name": "Rival Labs", "restricted": True, "domains": ["rivallabs.com", "gmail.com"],
     "sso_tenants": ["Rival.Okta.com"], "payment_fingerprints": ["pf_rival_card"], "aliases": ["RL Research"],
     "ip_ranges": ["203.0.113.0/24"]},
    {"org_id": "rival-sub", "name": "Rival Sub", "domains": ["rivalsub.ai"],
     "owners": [{"owner_id": "rival-labs", "share": 0.8}]},
    {"org_id": "acme", "name": "Acme", "domains": ["acme.com"]},
]


class Clock:
    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def publisher(home: Path, clock: Clock | None = None, **kw: float) -> FeedPublisher:
    return FeedPublisher(home, clock=clock or Clock(), **kw)  # type: ignore[arg-type]


def test_signing_key_is_created_once_with_private_permissions(tmp_path: Path) -> None:
    key = load_or_create_signing_key(tmp_path)
    path = tmp_path / "feed_signing_key.pem"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert public_key_b64(load_or_create_signing_key(tmp_path)) == public_key_b64(key)


def test_document_has_restricted_entities_only_and_no_personal_data(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    doc = pub.update(ENTITIES, identifiers={"rival-labs": [("email", "jane.doe@gmail.com")]})
    feed = verify_feed(doc.body, public_key_b64(pub.key), now=NOW)
    assert [e["org_id"] for e in feed.entities] == ["rival-labs", "rival-sub"]
    rival = feed.entities[0]
    assert rival["domains"] == ["rivallabs.com"]  # a personal domain is never published as an org's
    assert rival["sso_tenants"] == ["rival.okta.com"] and "rl research" in rival["names"]
    assert hash_identifier(pub.salt, "payment", "pf_rival_card") in rival["hashed"]
    assert b"pf_rival_card" not in doc.body and b"jane" not in doc.body
    assert "owned > 50%" in feed.entities[1]["reason"]
    assert (doc.version, doc.issued_at, doc.not_after, doc.entities) == (1, int(NOW), int(NOW) + 86400, 2)
    assert feed.is_restricted(email="jane.doe@gmail.com")


def test_versions_follow_content_and_survive_restarts(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    assert pub.update(ENTITIES).version == 1
    assert pub.update(list(reversed(ENTITIES))).version == 1
    again = publisher(tmp_path)  # a restart keeps salt and version
    assert again.salt == pub.salt and again.update(ENTITIES).version == 1
    changed = [*ENTITIES, {"org_id": "new-rival", "restricted": True, "domains": ["new.ai"]}]
    assert again.update(changed).version == 2
    assert again.update([e for e in ENTITIES if e["org_id"] == "acme"]).version == 3


def test_etag_and_304(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    pub.update(ENTITIES)
    status, body, headers = pub.http_response()
    assert body.startswith(b"{")
    assert status == 200 and headers["etag"].startswith('"sha256-') and headers["content-type"] == "application/json"
    assert headers["moat-feed-version"] == "1"
    status, body2, headers2 = pub.http_response(headers["etag"])
    assert (status, body2) == (304, b"") and headers2["etag"] == headers["etag"]
    assert pub.http_response(f'"other", W/{headers["etag"]}')[0] == 304
    assert pub.http_response('"other"')[0] == 200
    assert etag_matches("*", "x") and not etag_matches(None, "x")


def test_resigned_before_the_window_closes(tmp_path: Path) -> None:
    clock = Clock()
    pub = publisher(tmp_path, clock, validity=1000.0, renew_before=100.0)
    first = pub.update(ENTITIES)
    clock.now += 500
    assert pub.document() is first
    clock.now += 450
    renewed = pub.document()
    assert renewed.etag != first.etag and renewed.version == first.version
    assert renewed.not_after == int(clock.now) + 1000


def test_tampering_is_refused(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    body = pub.update(ENTITIES).body
    key = public_key_b64(pub.key)
    for old, new in [(b"rivallabs.com", b"rivallabs.org"), (b'"version":1', b'"version":9'),
                     (b"rival-sub", b"rival-sup")]:
        with pytest.raises(FeedSignatureError):
            verify_feed(body.replace(old, new), key, now=NOW)
    envelope = json.loads(body)
    envelope["feed"]["entities"].pop()
    with pytest.raises(FeedSignatureError):
        verify_feed(json.dumps(envelope), key, now=NOW)
    other = FeedPublisher(tmp_path / "other", clock=Clock())
    with pytest.raises(FeedSignatureError, match="tampered, or signed by key"):
        verify_feed(body, public_key_b64(other.key), now=NOW)


def test_expiry_future_and_rollback(tmp_path: Path) -> None:
    pub = publisher(tmp_path, validity=3600.0)
    body = pub.update(ENTITIES).body
    key = public_key_b64(pub.key)
    assert verify_feed(body, key, now=NOW + 3600).version == 1
    with pytest.raises(FeedExpiredError, match="expired"):
        verify_feed(body, key, now=NOW + 3601)
    with pytest.raises(FeedExpiredError, match="future"):
        verify_feed(body, key, now=NOW - 1000)
    with pytest.raises(FeedRollbackError):
        verify_feed(body, key, now=NOW, min_version=2)


def test_format_errors(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    key = public_key_b64(pub.key)
    with pytest.raises(FeedFormatError):
        verify_feed(b"<html>", key)
    with pytest.raises(FeedFormatError):
        verify_feed(b'{"feed": {}}', key)
    signed_wrong = sign_feed({"format": "something/else", "version": 1}, pub.key)
    with pytest.raises(FeedFormatError, match="format"):
        verify_feed(signed_wrong, key)
    signed_partial = sign_feed({"format": FEED_FORMAT, "version": 1, "issued_at": 1}, pub.key)
    with pytest.raises(FeedFormatError, match="not_after"):
        verify_feed(signed_partial, key)


def _dataset(tmp_path: Path) -> Path:
    ds = tmp_path / "ds"
    ds.mkdir()
    # entities.jsonl with the optional `owners` and `aliases` (DatasetWriter keeps only spec fields)
    (ds / "entities.jsonl").write_text("".join(json.dumps(e) + "\n" for e in ENTITIES))
    return ds


def test_cli_export_and_verify(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOAT_HOME", str(tmp_path / "home"))
    out = tmp_path / "feed.json"
    runner = CliRunner()
    result = runner.invoke(main, ["feed", "export", "--dataset", str(_dataset(tmp_path)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "feed version 1: 2 restricted entities" in result.output
    result = runner.invoke(main, ["feed", "verify", str(out)])
    assert result.exit_code == 0 and "OK, version 1, 2 restricted entities" in result.output
    key = load_or_create_signing_key(tmp_path / "home")
    key_file = tmp_path / "provider.pub"
    key_file.write_text(public_key_b64(key))
    result = runner.invoke(main, ["feed", "verify", str(out), "--public-key", str(key_file), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["entities"] == 2
    tampered = tmp_path / "tampered.json"
    tampered.write_bytes(out.read_bytes().replace(b"rivalsub.ai", b"rivalsub.io"))
    result = runner.invoke(main, ["feed", "verify", str(tampered)])
    assert result.exit_code == 1 and "FeedSignatureError" in result.output
    other = FeedPublisher(tmp_path / "other")
    result = runner.invoke(main, ["feed", "verify", str(out), "--public-key", public_key_b64(other.key)])
    assert result.exit_code == 1


def test_cli_verify_refuses_expired(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOAT_HOME", str(tmp_path / "home"))
    pub = FeedPublisher(tmp_path / "home", clock=Clock(1_000_000.0))
    old = tmp_path / "old.json"
    old.write_bytes(pub.update(ENTITIES).body)
    result = CliRunner().invoke(main, ["feed", "verify", str(old)])
    assert result.exit_code == 1 and "FeedExpiredError" in result.output


def test_salt_follows_the_key_so_replicas_hash_alike(tmp_path: Path) -> None:
    from moat.enforce.feed import load_signing_key, salt_for

    pub = publisher(tmp_path / "a")
    pem = (tmp_path / "a" / "feed_signing_key.pem").read_text()
    replica = FeedPublisher(tmp_path / "b", key=load_signing_key(pem), clock=Clock())
    assert replica.salt == pub.salt == salt_for(pub.key)
    assert replica.update(ENTITIES).body == pub.update(ENTITIES).body  # same key, content, time: same bytes
    with pytest.raises(ValueError):
        load_signing_key(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")


def test_feed_file_serves_an_export(tmp_path: Path) -> None:
    from moat.enforce.feed import FeedFile

    pub = publisher(tmp_path)
    path = tmp_path / "feed.json"
    path.write_bytes(pub.update(ENTITIES).body)
    served = FeedFile(path)
    status, body, headers = served.http_response()
    assert status == 200 and body == path.read_bytes() and headers["content-type"] == "application/json"
    assert served.http_response(headers["etag"])[0] == 304
    import os

    path.write_bytes(pub.update([*ENTITIES, {"org_id": "z", "restricted": True}]).body)
    os.utime(path, (NOW + 10, NOW + 10))
    status, body2, headers2 = served.http_response(headers["etag"])
    assert status == 200 and headers2["etag"] != headers["etag"]
    assert verify_feed(body2, public_key_b64(pub.key), now=NOW).version == 2
