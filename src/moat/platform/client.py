"""Fetch the restricted-entity feed over HTTP (urllib), verify it, cache it, answer lookups.

A fetch sends `If-None-Match` with the ETag held, so an unchanged feed costs a 304 and no
verification. A fetched copy is used only after `verify_feed` accepts it (signature with the
provider's pinned key, validity window, version not older than the one held); otherwise the
exception propagates and the previous good copy stays in use until its own `not_after`.
Lookups never touch the network: refresh on a timer or call `maybe_refresh()` where convenient.
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from moat.platform.feed import (
    DEFAULT_CLOCK_SKEW,
    FeedError,
    FeedExpiredError,
    FeedFetchError,
    RestrictedFeed,
    RestrictedMatch,
    load_public_key,
    verify_feed,
)

_MAX_BODY = 64 * 1024 * 1024


class RestrictedFeedClient:
    """One provider's feed, as a platform holds it. Share one instance per process."""

    def __init__(self, url: str, public_key: str | bytes | Ed25519PublicKey, *,
                 cache_path: str | Path | None = None, timeout: float = 5.0, max_age: float = 300.0,
                 clock_skew: float = DEFAULT_CLOCK_SKEW, clock: Callable[[], float] = time.time,
                 headers: dict[str, str] | None = None) -> None:
        self.url = url
        self.public_key = load_public_key(public_key)
        self.cache_path = Path(cache_path) if cache_path else None
        self.timeout = timeout
        self.max_age = max_age
        self.clock_skew = clock_skew
        self._clock = clock
        self._headers = dict(headers or {})
        self.feed: RestrictedFeed | None = None
        self.checked_at = 0.0
        self.last_error: FeedError | None = None
        if self.cache_path is not None and self.cache_path.exists():
            self._load_cache()

    # ---- fetching ------------------------------------------------------------------------------

    def refresh(self) -> bool:
        """Fetch now. True when a new version was accepted, False on 304 Not Modified.

        Raises FeedFetchError (network/HTTP) or the verification errors of `verify_feed`.
        """
        request = urllib.request.Request(self.url, headers={"Accept": "application/json", **self._headers})
        if self.feed is not None and self.feed.etag:
            request.add_header("If-None-Match", self.feed.etag)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read(_MAX_BODY + 1)
                etag = response.headers.get("ETag", "")
        except urllib.error.HTTPError as exc:
            if exc.code == 304 and self.feed is not None:
                self.checked_at = self._clock()
                return False
            raise self._error(FeedFetchError(f"GET {self.url}: HTTP {exc.code}")) from None
        except (urllib.error.URLError, OSError) as exc:
            raise self._error(FeedFetchError(f"GET {self.url}: {exc}")) from None
        if len(body) > _MAX_BODY:
            raise self._error(FeedFetchError(f"GET {self.url}: feed larger than {_MAX_BODY} bytes"))
        self._accept(body, etag)
        if self.cache_path is not None:
            self._save_cache(body, etag)
        return True

    def maybe_refresh(self) -> None:
        """Refresh when the copy is older than `max_age`; on failure keep a still-valid copy."""
        if self._clock() - self.checked_at < self.max_age:
            return
        try:
            self.refresh()
        except FeedError:
            self.checked_at = self._clock()  # retry after max_age, not on every call
            if self.feed is None or not self.feed.valid_at(self._clock(), self.clock_skew):
                raise

    def _accept(self, body: bytes, etag: str) -> None:
        min_version = self.feed.version if self.feed is not None else 0
        try:
            feed = verify_feed(body, self.public_key, now=self._clock(), clock_skew=self.clock_skew,
                               min_version=min_version, etag=etag)
        except FeedError as exc:
            raise self._error(exc) from None
        self.feed = feed
        self.checked_at = self._clock()
        self.last_error = None

    def _error(self, exc: FeedError) -> FeedError:
        self.last_error = exc
        return exc

    def _load_cache(self) -> None:
        assert self.cache_path is not None
        etag_path = self.cache_path.with_name(self.cache_path.name + ".etag")
        etag = etag_path.read_text().strip() if etag_path.exists() else ""
        try:
            self._accept(self.cache_path.read_bytes(), etag)
            self.checked_at = 0.0  # a cached copy is re-checked at the first maybe_refresh
        except FeedError:
            self.feed = None  # a bad or expired cache is ignored; last_error says why

    def _save_cache(self, body: bytes, etag: str) -> None:
        assert self.cache_path is not None
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_path.with_name(self.cache_path.name + f".{os.getpid()}.tmp")
        tmp.write_bytes(body)
        os.replace(tmp, self.cache_path)
        self.cache_path.with_name(self.cache_path.name + ".etag").write_text(etag)

    # ---- lookups -------------------------------------------------------------------------------

    def _current(self) -> RestrictedFeed:
        feed = self.feed
        if feed is None:
            raise FeedError("no verified restricted-entity feed loaded; call refresh() first")
        if self._clock() > feed.not_after:
            raise FeedExpiredError(f"feed version {feed.version} expired; refresh failed: {self.last_error}")
        return feed

    def match(self, **kwargs: Any) -> RestrictedMatch | None:
        """See `RestrictedFeed.match`; raises FeedExpiredError once the held copy has expired."""
        return self._current().match(**kwargs)

    def is_restricted(self, *, end_user_org: str | None = None, email_domain: str | None = None,
                      email: str | None = None, sso_tenant: str | None = None,
                      identifiers: dict[str, str] | None = None) -> bool:
        """True when the end user belongs to a restricted entity. Microseconds; no I/O."""
        return self._current().match(end_user_org=end_user_org, email_domain=email_domain, email=email,
                                     sso_tenant=sso_tenant, identifiers=identifiers) is not None
