"""Charts as inline SVG, drawn on the server: no script, nothing fetched. Presentation attributes
only (no `style`), so the page's Content-Security-Policy holds; every text is escaped here."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

from markupsafe import Markup, escape

from moat.console.outcome import REFUSED

ACCENT = "#2563eb"
DENY = "#dc2626"
MUTED = "#94a3b8"
GRID = "#e2e8f0"
PALETTE = ("#2563eb", "#dc2626", "#f59e0b", "#10b981", "#8b5cf6", "#ec4899", "#0891b2", "#64748b")


def _fmt(n: float) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f}M"
    if n >= 1000:
        return f"{n / 1000:.1f}k"
    return f"{n:.0f}"


def nice_max(v: float) -> float:
    """A top for the y axis whose four gridlines fall on round whole numbers (at least 4)."""
    quarter = max(1.0, v / 4)
    scale = 10 ** math.floor(math.log10(quarter))
    for step in (1, 2, 2.5, 5, 10):
        tick = step * scale
        if tick >= quarter and float(tick).is_integer():
            return 4 * float(tick)
    return 40 * scale


def timeseries(series: Sequence[tuple[str, Sequence[tuple[float, float]]]], *, width: int = 960,
               height: int = 220, label: str = "requests") -> Markup:
    """Lines over time: `series` is [(name, [(ts, value), ...])], all on one time axis."""
    left, right, top, bottom = 48, 12, 30, 28
    pts = [p for _, s in series for p in s]
    if not pts:
        return Markup(f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="no data">'
                      f'<text x="{width // 2}" y="{height // 2}" text-anchor="middle" fill="{MUTED}">'
                      'No traffic recorded in this window</text></svg>')
    t0, t1 = min(p[0] for p in pts), max(p[0] for p in pts)
    vmax = nice_max(max(p[1] for p in pts))
    w, h = width - left - right, height - top - bottom

    def x(t: float) -> float:
        return left + (w * (t - t0) / (t1 - t0) if t1 > t0 else w / 2)

    def y(v: float) -> float:
        return top + h - h * v / vmax

    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)} over time">']
    for i in range(5):
        v = vmax * i / 4
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="{GRID}"/>')
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11" '
                   f'fill="{MUTED}">{_fmt(v)}</text>')
    for i in range(5):
        t = t0 + (t1 - t0) * i / 4
        stamp = datetime.fromtimestamp(t, UTC).strftime("%H:%M" if t1 - t0 < 2 * 86400 else "%m-%d")
        anchor = ("start", "middle", "middle", "middle", "end")[i]
        out.append(f'<text x="{x(t):.1f}" y="{height - 8}" text-anchor="{anchor}" font-size="11" '
                   f'fill="{MUTED}">{stamp}</text>')
    for i, (name, s) in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        if not s:
            continue
        path = " ".join(f"{'M' if j == 0 else 'L'}{x(t):.1f},{y(v):.1f}" for j, (t, v) in enumerate(s))
        if i == 0:
            area = f"{path} L{x(s[-1][0]):.1f},{y(0):.1f} L{x(s[0][0]):.1f},{y(0):.1f} Z"
            out.append(f'<path d="{area}" fill="{color}" fill-opacity="0.08"/>')
        out.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="2"><title>{escape(name)}'
                   '</title></path>')
    if len(series) > 1:
        for i, (name, _) in enumerate(series):
            lx = left + i * 110
            out.append(f'<rect x="{lx}" y="6" width="10" height="10" rx="2" fill="{PALETTE[i % len(PALETTE)]}"/>')
            out.append(f'<text x="{lx + 14}" y="15" font-size="11" fill="#334155">{escape(name)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def bars(items: Sequence[tuple[str, float]], *, width: int = 480, row: int = 26,
         href: str | None = None) -> Markup:
    """Horizontal bars with labels and values; `href` (with `{}` for the label) links each bar."""
    if not items:
        return Markup(f'<svg class="chart" viewBox="0 0 {width} 40" role="img" aria-label="no data">'
                      f'<text x="8" y="24" fill="{MUTED}">Nothing to show</text></svg>')
    label_w, value_w = 190, 60
    vmax = max(1.0, max(v for _, v in items))
    height = row * len(items) + 4
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="bar chart">']
    for i, (name, value) in enumerate(items):
        y = i * row + 2
        bw = max(2.0, (width - label_w - value_w) * value / vmax)
        kind = name.partition(":")[0]  # an outcome key (moat.console.outcome) or another label
        color = ACCENT if kind in ("allow", "allowed") else (
            DENY if kind in REFUSED or kind == "deny" else PALETTE[(i + 2) % len(PALETTE)])
        text = escape(name if len(name) <= 30 else name[:29] + "…")
        bar = (f'<text x="{label_w - 8}" y="{y + row / 2 + 4:.1f}" text-anchor="end" font-size="12" '
               f'fill="#334155">{text}</text>'
               f'<rect x="{label_w}" y="{y + 4}" width="{bw:.1f}" height="{row - 10}" rx="3" fill="{color}"/>'
               f'<text x="{label_w + bw + 6:.1f}" y="{y + row / 2 + 4:.1f}" font-size="12" '
               f'fill="#475569">{_fmt(value)}</text>')
        if href:
            bar = f'<a href="{escape(href.format(quote(name, safe="")))}">{bar}</a>'
        out.append(bar)
    out.append("</svg>")
    return Markup("".join(out))


@dataclass(frozen=True, slots=True)
class Node:
    node_id: str
    kind: str  # "account" | "org"
    label: str
    href: str
    focus: bool = False
    restricted: bool = False
    status: str = "active"


@dataclass(frozen=True, slots=True)
class Edge:
    a: str
    b: str
    label: str  # the full evidence, shown on hover
    strength: float = 1.0
    short: str = ""  # drawn at the middle of the line when the graph is small enough to read it


def cluster_graph(nodes: Sequence[Node], edges: Sequence[Edge], *, size: int = 560) -> Markup:
    """Accounts and organizations on a circle (the focus in the middle), links as lines."""
    if not nodes:
        return Markup("")
    if len(nodes) <= 4:
        size = min(size, 380)
    c = size / 2
    radius = size / 2 - 60
    pos: dict[str, tuple[float, float]] = {}
    ring = [n for n in nodes if not n.focus]
    for n in nodes:
        if n.focus:
            pos[n.node_id] = (c, c)
    for i, n in enumerate(ring):
        angle = 2 * math.pi * i / max(1, len(ring)) - math.pi / 2 + math.pi / max(2, len(ring))
        pos[n.node_id] = (c + radius * math.cos(angle), c + radius * math.sin(angle))
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    left, top = min(xs) - 70, min(ys) - 40  # the drawing's own box: no empty band around a small graph
    width, height = max(xs) - left + 70, max(ys) - top + 50
    out = [f'<svg class="graph" viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" role="img" '
           'aria-label="linked cluster">']
    for e in edges:
        if e.a not in pos or e.b not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.a], pos[e.b]
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{MUTED}" '
                   f'stroke-width="{1 + 2 * e.strength:.1f}"><title>{escape(e.label)}</title></line>')
        if e.short and len(edges) <= 16:
            out.append(f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 6:.1f}" text-anchor="middle" '
                       f'font-size="11" fill="#475569" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
                       f'{escape(e.short)}</text>')
    for n in nodes:
        x, y = pos[n.node_id]
        fill = DENY if n.restricted or n.status == "blocked" else ("#f59e0b" if n.status == "suspended" else
                                                                  ("#0f172a" if n.kind == "org" else ACCENT))
        shape = (f'<rect x="{x - 16:.1f}" y="{y - 16:.1f}" width="32" height="32" rx="6" fill="{fill}"/>'
                 if n.kind == "org"
                 else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{18 if n.focus else 14}" fill="{fill}"/>')
        ring_mark = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="23" fill="none" stroke="{ACCENT}" stroke-width="2"/>'
                     if n.focus else "")
        text = escape(n.label if len(n.label) <= 22 else n.label[:21] + "…")
        out.append(f'<a href="{escape(n.href)}">{ring_mark}{shape}<text x="{x:.1f}" y="{y + 32:.1f}" '
                   f'text-anchor="middle" font-size="12" fill="#0f172a">{text}</text>'
                   f'<title>{escape(n.kind)} {escape(n.node_id)}</title></a>')
    out.append("</svg>")
    return Markup("".join(out))
