"""Jinja2 templates shipped with the package, autoescaped: every value a page shows goes through
HTML escaping unless it is a `Markup` built by our own code (the server-side SVG charts, whose
text is escaped as they are drawn)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from moat.console.outcome import outcome_of

NAV: tuple[tuple[str, str, str], ...] = (
    ("/console/", "Overview", "overview"),
    ("/console/accounts", "Accounts", "accounts"),
    ("/console/orgs", "Organizations", "orgs"),
    ("/console/cases", "Cases", "cases"),
    ("/console/appeals", "Appeals", "appeals"),
    ("/console/detectors", "Detectors", "detectors"),
    ("/console/policies", "Policies", "policies"),
    ("/console/audit", "Audit", "audit"),
    ("/console/feed", "Entity feed", "feed"),
)


def missing(why: str) -> Markup:
    """The "—" of a value that is not there, saying why on hover (no blank or unexplained cell)."""
    return Markup('<span class="muted none" title="{}">—</span>').format(why)


def fmt_ts(ts: Any) -> str:
    if ts is None or ts == "" or ts == 0:
        return missing("no time recorded")
    try:
        return datetime.fromtimestamp(float(ts), UTC).strftime("%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError, OverflowError, OSError):
        return str(ts)


def fmt_ago(ts: Any) -> str:
    try:
        delta = time.time() - float(ts)
    except (TypeError, ValueError):
        return missing("no time recorded")
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
        if delta >= size:
            return f"{int(delta // size)} {unit} ago"
    return f"{max(0, int(delta))} s ago"


def fmt_num(n: Any) -> str:
    try:
        value = float(n)
    except (TypeError, ValueError):
        return missing("not counted")
    return f"{int(value):,}" if value.is_integer() else f"{value:,.2f}"


def fmt_pct(x: Any) -> str:
    try:
        return f"{100.0 * float(x):.1f}%"
    except (TypeError, ValueError):
        return missing("no rate: nothing to divide by")


class Renderer:
    def __init__(self) -> None:
        env = Environment(loader=PackageLoader("moat.console", "templates"),
                          autoescape=select_autoescape(["html"], default=True),
                          trim_blocks=True, lstrip_blocks=True)
        # `outcome`: a traffic record or decision-log payload labelled the one way every page shows it
        env.filters.update(ts=fmt_ts, ago=fmt_ago, num=fmt_num, pct=fmt_pct, outcome=outcome_of)
        env.globals["nav"] = NAV
        self.env = env

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)
