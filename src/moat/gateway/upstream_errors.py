"""What an upstream's error answer becomes for the client.

The client's own mistakes (bad parameters, unknown upstream model, context too long, the
upstream's rate limit) pass through unchanged: they are already in the API's shape and tell the
client what to fix. Everything else — the upstream refusing the gateway's credentials, or failing —
becomes the gateway's own 502/503/504, without leaking upstream internals.
"""

from __future__ import annotations

from moat.errors import MoatError, UpstreamError, UpstreamTimeout, UpstreamUnavailable

PASS_THROUGH = frozenset({400, 404, 409, 413, 422, 429})


def refusal_from_upstream(status: int, raw: bytes) -> bytes | None:
    """The upstream's body to pass through, or None when the gateway must answer itself."""
    if status in PASS_THROUGH and raw.lstrip()[:1] == b"{":
        return raw
    return None


def upstream_failure(status: int) -> MoatError:
    if status in (401, 403):
        return UpstreamError("The upstream model refused the gateway's credentials")
    if status == 503:
        return UpstreamUnavailable("The upstream model is overloaded or unavailable")
    if status == 504:
        return UpstreamTimeout("The upstream model timed out")
    return UpstreamError(f"The upstream model failed with status {status}")
