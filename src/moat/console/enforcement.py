"""The console's view of enforcement (cases, actions, appeals, findings), in one place.

The services themselves live in `moat.enforce`; this adapter finds them on the runtime (or builds
them over the store) so the pages call one small surface, and degrades to what the recorded
traffic alone can show when a piece is not available.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from moat.console import queries

if TYPE_CHECKING:
    from moat.console.app import Console


async def top_risk(c: Console, since: float, limit: int = 10) -> list[dict[str, Any]]:
    """The riskiest accounts: stored findings when detection has written some, else the accounts
    with the most refused requests in the window."""
    rows = await queries.top_refused_accounts(c.db, since, limit)
    return [{"account_id": a, "requests": n, "refused": d, "risk": (d / n) if n else 0.0, "source": "decisions"}
            for a, n, d in rows]
