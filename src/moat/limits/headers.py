"""RateLimit-* and Retry-After headers for an admission, and the 429 error for a refusal.

The header fields follow draft-ietf-httpapi-ratelimit-headers (the -06 era fields that clients
parse today): `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (delta seconds).
With several limits the draft asks for the one closest to exhaustion: the refusing limit when
refused, else the enforced rate or quota with the smallest remaining fraction. Concurrency limits
have no window, so they appear only when they refuse. Shadow limits never appear: a client must
not see (or adapt to) a limit that is not enforced.
"""

from __future__ import annotations

import math

from moat.errors import RateLimited
from moat.limits.base import Admission
from moat.limits.verdict import headline, least_remaining


def rate_limit_headers(admission: Admission) -> list[tuple[str, str]]:
    """Headers for the response (200 or 429); empty when no enforced limit applies."""
    return [(_NAMES[name], value.decode()) for name, value in rate_limit_header_fields(admission)]


_NAMES = {b"ratelimit-limit": "RateLimit-Limit", b"ratelimit-remaining": "RateLimit-Remaining",
          b"ratelimit-reset": "RateLimit-Reset", b"retry-after": "Retry-After"}


def rate_limit_header_fields(admission: Admission) -> list[tuple[bytes, bytes]]:
    """`rate_limit_headers` as ASGI header fields (lower-case names, bytes), for every response."""
    numbers: tuple[int, int, int] | None
    if admission.allowed:  # the hot path: no `LimitStatus`, the reset in integer microseconds
        best = least_remaining(admission)
        numbers = None if best is None else (best[2], best[1], -(-best[3] // 1_000_000))
    else:
        status = headline(admission)
        numbers = None if status is None else (status.limit, status.remaining, math.ceil(status.reset))
    fields = []
    if numbers is not None:
        limit, remaining, reset = numbers
        fields = [(b"ratelimit-limit", b"%d" % limit), (b"ratelimit-remaining", b"%d" % remaining),
                  (b"ratelimit-reset", b"%d" % reset)]
    if not admission.allowed:
        fields.append((b"retry-after", b"%d" % max(1, math.ceil(admission.retry_after))))
    return fields


def rate_limited(admission: Admission) -> RateLimited:
    """The error to raise for a refused admission; `moat.gateway.errors` shapes it per API."""
    name = admission.refused_by or "limit"
    status = headline(admission)
    if status is not None and status.fail_mode == "closed":
        message = f"Rate limit '{name}' is temporarily unavailable; retry shortly."
    else:
        message = f"Rate limit '{name}' exceeded; retry after {max(1, math.ceil(admission.retry_after))} s."
    error = RateLimited(message, retry_after=admission.retry_after, code="rate_limited")
    error.headers.update(rate_limit_headers(admission))
    return error
