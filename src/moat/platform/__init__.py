"""Platform side of Moat's restricted-entity feed: fetch, verify, cache, answer in microseconds.

For platforms that relay their users' requests to a Moat-protected provider (issue 5 item 5): refuse a
restricted user before relaying anything. Depends on the standard library and `cryptography` only,
and imports nothing else from Moat, so it can be vendored as is.

    from moat.platform import RestrictedFeedClient

    feed = RestrictedFeedClient("https://api.provider.example/feed/restricted", public_key=PROVIDER_KEY)
    feed.refresh()                       # at start-up, then periodically (honours ETag: 304 is cheap)
    if feed.is_restricted(end_user_org="Rival Labs", email_domain="eng.rivallabs.com"):
        refuse()

Errors (all `FeedError`): `FeedFormatError` (not a feed), `FeedSignatureError` (tampered or signed
by another key), `FeedExpiredError` (outside its validity window), `FeedRollbackError` (older
than the copy already held), `FeedFetchError` (HTTP or network trouble; the cached copy is kept).
"""

from moat.platform.client import RestrictedFeedClient
from moat.platform.feed import (
    FEED_FORMAT,
    FeedError,
    FeedExpiredError,
    FeedFetchError,
    FeedFormatError,
    FeedRollbackError,
    FeedSignatureError,
    RestrictedFeed,
    RestrictedMatch,
    canonical_json,
    hash_identifier,
    load_public_key,
    normalize_name,
    verify_feed,
)

__all__ = [
    "FEED_FORMAT",
    "FeedError",
    "FeedExpiredError",
    "FeedFetchError",
    "FeedFormatError",
    "FeedRollbackError",
    "FeedSignatureError",
    "RestrictedFeed",
    "RestrictedFeedClient",
    "RestrictedMatch",
    "canonical_json",
    "hash_identifier",
    "load_public_key",
    "normalize_name",
    "verify_feed",
]
