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
from moat.limits.base import Admission, LimitStatus


def headline(admission: Admission) -> LimitStatus | None:
    """The status the headers describe."""
    if not admission.allowed:
        for status in admission.statuses:
            if status.name == admission.refused_by:
                return status
    best: LimitStatus | None = None
    for status in admission.statuses:
        if status.shadow or status.kind == "concurrency" or status.fail_mode in ("open", "closed"):
            continue
        if best is None or status.remaining * best.limit < best.remaining * status.limit:
            best = status
    return best


def rate_limit_headers(admission: Admission) -> list[tuple[str, str]]:
    """Headers for the response (200 or 429); empty when no enforced limit applies."""
    headers: list[tuple[str, str]] = []
    status = headline(admission)
    if status is not None:
        headers.append(("RateLimit-Limit", str(status.limit)))
        headers.append(("RateLimit-Remaining", str(status.remaining)))
        headers.append(("RateLimit-Reset", str(math.ceil(status.reset))))
    if not admission.allowed:
        headers.append(("Retry-After", str(max(1, math.ceil(admission.retry_after)))))
    return headers


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
