"""`moat feed export` and `moat feed verify`: the restricted-entity feed from the command line."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from moat.cli import emit, fail, run, settings_from


@click.group()
def feed() -> None:
    """The signed restricted-entity feed for platforms."""


async def _store_orgs(url: str) -> list[Any]:
    from moat.store import open_store

    store = open_store(url)
    await store.open()
    try:
        return list(await store.list_orgs())
    finally:
        await store.close()


@feed.command("export")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the signed feed here (default: stdout).")
@click.option("--dataset", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Take organizations from DATASET/entities.jsonl instead of the directory.")
@click.option("--validity", type=float, default=None, help="Seconds the feed stays valid (default 86400).")
@click.pass_context
def export(ctx: click.Context, out: Path | None, dataset: Path | None, validity: float | None) -> None:
    """Sign the current restricted entities and write the feed."""
    from moat.enforce.feed import DEFAULT_VALIDITY, FeedPublisher
    from moat.platform.ed25519 import public_key_b64

    settings = settings_from(ctx)
    if dataset is not None:
        from moat.traffic import read_entities

        entities: list[Any] = list(read_entities(dataset))
    else:
        entities = run(_store_orgs(settings.store_url))
    publisher = FeedPublisher(settings.home_path, validity=validity or DEFAULT_VALIDITY)
    doc = publisher.update(entities)
    if out is None:
        sys.stdout.buffer.write(doc.body + b"\n")
    else:
        out.write_bytes(doc.body)
    click.echo(f"feed version {doc.version}: {doc.entities} restricted entities, "
               f"valid until {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(doc.not_after))}, "
               f"ETag {doc.etag}\npublic key (pin this on the platform): {public_key_b64(publisher.key)}",
               err=True)


@feed.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--public-key", "public_key", default=None,
              help="Provider public key: base64, PEM, or a file holding either "
                   "(default: this installation's feed key).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def verify(ctx: click.Context, file: Path, public_key: str | None, as_json: bool) -> None:
    """Check a copy of the feed: signature, format and validity window."""
    from moat.platform.feed import FeedError, verify_feed

    if public_key is None:
        from moat.enforce.feed import KEY_FILE, load_or_create_signing_key
        from moat.platform.ed25519 import public_key_b64

        home = settings_from(ctx).home_path
        if not (home / KEY_FILE).exists():
            raise click.UsageError(f"no feed key under {home}; pass --public-key")
        public_key = public_key_b64(load_or_create_signing_key(home))
    elif Path(public_key).is_file():
        public_key = Path(public_key).read_text()
    try:
        result = verify_feed(file.read_bytes(), public_key)
    except FeedError as exc:
        fail(f"{file}: {type(exc).__name__}: {exc}")
        return
    except ValueError as exc:
        raise click.UsageError(f"bad public key: {exc}") from exc
    summary = {"file": str(file), "valid": True, "version": result.version, "issuer": result.issuer,
               "issued_at": result.issued_at, "not_after": result.not_after, "entities": len(result),
               "key_id": result.key_id}
    emit(summary, as_json, f"{file}: OK, version {result.version}, {len(result)} restricted entities, "
                           f"valid until {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(result.not_after))}")
