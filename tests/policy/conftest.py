"""Helpers for policy tests: bundles written to tmp_path, request contexts, a directory view."""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from moat.context import RequestContext
from moat.identity.models import Account, ApiKey, Organization
from moat.policy import Engine, load_bundle


class SetDirectory:
    """A DirectoryView over a set of (effectively) restricted organization ids and owned domains."""

    def __init__(self, *restricted: str, domains: dict[str, str] | None = None) -> None:
        self.restricted = frozenset(restricted)
        self.domains = domains or {}

    def is_restricted(self, org_id: str) -> bool:
        return org_id in self.restricted

    def org_for_domain(self, domain: str) -> Organization | None:
        org_id = self.domains.get(domain)
        return Organization(org_id=org_id) if org_id else None


def write_files(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(textwrap.dedent(text).lstrip("\n"))
    return directory


@pytest.fixture
def bundle_dir(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML files (name -> text, dedented) into a fresh directory and return it."""
    counter = iter(range(1000))

    def make(files: dict[str, str] | None = None, **named: str) -> Path:
        return write_files(tmp_path / f"bundle{next(counter)}", {**(files or {}), **named})

    return make


@pytest.fixture
def engine_for(bundle_dir: Callable[..., Path]) -> Callable[..., Engine]:
    """An Engine over a one-file bundle given as YAML text."""

    def make(*texts: str, **kw: Any) -> Engine:
        text = "\n".join(textwrap.dedent(t).strip("\n") for t in texts) + "\n"
        return Engine(load_bundle(bundle_dir({"policy.yaml": text})), **kw)

    return make


def make_ctx(*, plan: str = "api", account_id: str = "acct_1", org: str | None = None,
             org_restricted: bool = False, credential: str = "api_key", model: str = "m1",
             **kw: Any) -> RequestContext:
    now = kw.pop("started", time.time())
    email = kw.pop("email", f"{account_id}@example.com")
    account = Account(account_id=account_id, email=email, plan=plan, org_id=org,
                      credential=credential, created_at=now - 86400 * 10,
                      status=kw.pop("status", "active"), verified=kw.pop("verified", True))
    ctx = RequestContext(request_id=kw.pop("request_id", "req_abc123"), started=now,
                         endpoint="/v1/chat/completions", api="openai",
                         key=ApiKey("key_1", account_id, "mk_", "", now - 3600), account=account,
                         org=Organization(org_id=org, restricted=org_restricted) if org else None, model=model)
    for name, value in kw.items():
        setattr(ctx, name, value)
    return ctx
