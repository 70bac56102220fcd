"""The recorded-traffic format (shared/spec/traffic-format.md): one reader, one writer.

The gateway exports it, the simulator writes it, `moat detect` and `moat policy replay` read it.
Records are plain dicts (fastest to parse with orjson); unknown fields are ignored by consumers and
missing optional fields read as None. A line that is not valid JSON or lacks a required field is
reported with its file and line number through `on_error`, and reading goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

ACCOUNTS_FILE = "accounts.jsonl"
REQUESTS_FILE = "requests.jsonl"
ENTITIES_FILE = "entities.jsonl"

ACCOUNT_FIELDS: tuple[str, ...] = (
    "account_id", "created_at", "email", "plan", "org_id", "declared_company",
    "payment_fingerprint", "signup_ip", "sso_tenant", "country",
)
REQUEST_FIELDS: tuple[str, ...] = (
    "ts", "request_id", "account_id", "key_id", "channel", "platform", "end_user_id",
    "end_user_org", "client_ip", "user_agent", "endpoint", "model", "conversation_id", "turn",
    "system", "prompt", "input_tokens", "output_tokens", "reasoning", "stream", "status", "decision",
)
# Optional request fields beyond the spec (docs/traffic-format-extensions.md): the usage kinds the
# gateway meters apart (issue 12 item 3). Written when known, null or absent when not; readers never
# require them.
USAGE_FIELDS: tuple[str, ...] = ("cache_read_tokens", "cache_write_tokens", "reasoning_tokens")
# Optional request fields of data APIs (docs/data-apis.md, issue 15): stored in their own columns
# (store migration v7), absent from a model call's record. `resources` (a list) rides in `extra`.
DATA_FIELDS: tuple[str, ...] = ("kind", "method", "path", "query", "resource", "items", "bytes", "key_use",
                                "cut_reason")
DATA_EXTENSIONS: tuple[str, ...] = (*DATA_FIELDS, "resources", "recovered")
# Optional fields beyond the spec (docs/traffic-format-extensions.md): written when a record has
# them, so an export keeps what a decision read and a replay can decide again from it (issue 13).
ACCOUNT_EXTENSIONS: tuple[str, ...] = ("credential", "verified", "status")
REQUEST_EXTENSIONS: tuple[str, ...] = (
    "decision_id", "reason_code", "policy_revision", "org_id", "entity_org", "entity_confidence",
    "attribution_trust", "plan", "credential", "verified", "account_status", "entity_restricted",
    "entity_evidence", "restricted", "domain_org", "scores", "cluster_id", "first_party", "max_tokens",
    "input_tokens_estimate", "exceptions",
)
ENTITY_FIELDS: tuple[str, ...] = (
    "org_id", "name", "restricted", "domains", "ip_ranges", "payment_fingerprints", "sso_tenants",
)
REQUIRED = {
    ACCOUNTS_FILE: ("account_id",),
    REQUESTS_FILE: ("ts", "account_id"),
    ENTITIES_FILE: ("org_id",),
}


@dataclass(frozen=True, slots=True)
class BadLine:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


ErrorSink = Callable[[BadLine], None]


def _ignore(_: BadLine) -> None:
    pass


def read_jsonl(path: Path, required: tuple[str, ...], on_error: ErrorSink = _ignore) -> Iterator[dict[str, Any]]:
    """Yield each valid object of a JSON Lines file; report bad lines and go on."""
    loads = orjson.loads
    with path.open("rb") as f:
        for lineno, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                obj = loads(raw)
            except orjson.JSONDecodeError as exc:
                on_error(BadLine(str(path), lineno, f"invalid JSON: {exc}"))
                continue
            if not isinstance(obj, dict):
                on_error(BadLine(str(path), lineno, "not a JSON object"))
                continue
            missing = [k for k in required if obj.get(k) is None]
            if missing:
                on_error(BadLine(str(path), lineno, f"missing required field(s): {', '.join(missing)}"))
                continue
            yield obj


def read_accounts(dataset: Path, on_error: ErrorSink = _ignore) -> Iterator[dict[str, Any]]:
    return read_jsonl(Path(dataset) / ACCOUNTS_FILE, REQUIRED[ACCOUNTS_FILE], on_error)


def read_requests(dataset: Path, on_error: ErrorSink = _ignore) -> Iterator[dict[str, Any]]:
    return read_jsonl(Path(dataset) / REQUESTS_FILE, REQUIRED[REQUESTS_FILE], on_error)


def read_entities(dataset: Path, on_error: ErrorSink = _ignore) -> Iterator[dict[str, Any]]:
    """Entities are optional: a dataset without entities.jsonl has none."""
    path = Path(dataset) / ENTITIES_FILE
    if not path.exists():
        return iter(())
    return read_jsonl(path, REQUIRED[ENTITIES_FILE], on_error)


def project(record: dict[str, Any], names: tuple[str, ...], extensions: tuple[str, ...] = ()) -> dict[str, Any]:
    """The record restricted to the spec's fields, in the spec's order, missing ones as None; then
    those of `extensions` it has."""
    out = {k: record.get(k) for k in names}
    for k in extensions:
        if k in record:
            out[k] = record[k]
    return out


class DatasetWriter:
    """Writes a dataset directory; use as a context manager."""

    def __init__(self, directory: Path, *, entities: bool = False) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, IO[bytes]] = {
            ACCOUNTS_FILE: (self.directory / ACCOUNTS_FILE).open("wb"),
            REQUESTS_FILE: (self.directory / REQUESTS_FILE).open("wb"),
        }
        if entities:
            self._files[ENTITIES_FILE] = (self.directory / ENTITIES_FILE).open("wb")

    def _write(self, name: str, obj: dict[str, Any], names: tuple[str, ...], extensions: tuple[str, ...] = ()) -> None:
        self._files[name].write(orjson.dumps(project(obj, names, extensions)) + b"\n")

    def account(self, obj: dict[str, Any]) -> None:
        self._write(ACCOUNTS_FILE, obj, ACCOUNT_FIELDS, ACCOUNT_EXTENSIONS)

    def request(self, obj: dict[str, Any]) -> None:
        self._write(REQUESTS_FILE, obj, REQUEST_FIELDS, (*USAGE_FIELDS, *REQUEST_EXTENSIONS, *DATA_EXTENSIONS))

    def entity(self, obj: dict[str, Any]) -> None:
        if ENTITIES_FILE not in self._files:
            self._files[ENTITIES_FILE] = (self.directory / ENTITIES_FILE).open("wb")
        self._write(ENTITIES_FILE, obj, ENTITY_FIELDS)

    def close(self) -> None:
        for f in self._files.values():
            f.close()

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
