"""The alignment diagram: a hand-drawn SVG tree (annual objectives, company objectives, then
every objective that supports them), laid out in columns by depth. Matplotlib has no tree
layout, and a hand-written SVG of a few hundred boxes costs well under a millisecond each."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from html import escape as _escape

from .. import status
from ..model import Model, Objective, PeriodView
from ..textsafe import markup_text

BOX_W, BOX_H, GAP_X, GAP_Y = 230, 44, 40, 10
MAX_NODES = 300


def escape(text: str) -> str:
    return _escape(markup_text(text))


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _short(text: str, limit: int = 27) -> str:
    """At most `limit` columns (a Chinese character takes two), so no title spills over its
    box; the full title is the node's tooltip and its link's name."""
    if sum(map(_width, text)) <= limit:
        return text
    out, used = [], 1  # the ellipsis
    for char in text:
        used += _width(char)
        if used > limit:
            break
        out.append(char)
    return "".join(out) + "…"


def alignment_svg(
    view: PeriodView,
    model: Model,
    annual: dict[str, tuple[Objective, list[Objective]]],
    roots: list[Objective],
    ui: dict[str, str],
    link: Callable[[Objective], str],
) -> tuple[str, int]:
    """The SVG and how many objectives it draws (at most MAX_NODES). Each node is a link
    (`link` gives its URL) to the objective on its team page, its full title its tooltip."""
    rows: list[tuple[int, Objective]] = []  # (depth, objective) in drawing order
    seen: set[str] = set()

    def visit(o: Objective, depth: int) -> None:
        if o.key in seen or len(rows) >= MAX_NODES:
            return
        seen.add(o.key)
        rows.append((depth, o))
        for link in o.supported_by:
            if link.source.period == view.id:
                visit(link.source, depth + 1)

    for target, supporters in annual.values():
        rows.append((0, target))
        for o in supporters:
            visit(o, 1)
    for o in roots:
        visit(o, 1 if annual else 0)
    if not rows:
        return "", 0
    positions: dict[str, tuple[float, float]] = {}
    parts = []
    for index, (depth, o) in enumerate(rows):
        x, y = 10 + depth * (BOX_W + GAP_X), 10 + index * (BOX_H + GAP_Y)
        positions.setdefault(o.key, (x, y))
        team = model.teams[o.team].name if o.team in model.teams else o.team
        color = status.COLORS.get(o.state or status.NO_STATE, status.COLORS[status.NO_STATE])
        period = "" if o.period == view.id else f"{o.period} · "
        full = escape(f"{o.title} · {period}{team} · {o.id} · {round(o.progress * 100)}%")
        parts.append(
            f'<a href="{_escape(link(o))}"><title>{full}</title>'
            f'<g><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#fff" '
            f'stroke="{color}" stroke-width="1.5"/>'
            f'<rect x="{x}" y="{y}" width="5" height="{BOX_H}" rx="2" fill="{color}"/>'
            f'<text x="{x + 12}" y="{y + 18}" class="d-title">{escape(_short(o.title))}</text>'
            f'<text x="{x + 12}" y="{y + 35}" class="d-meta">'
            f"{escape(_short(f'{period}{team} · {o.id} · {round(o.progress * 100)}%', 33))}"
            "</text></g></a>"
        )
    edges = []
    for _depth, o in rows:
        for link in o.supports:
            if link.target.key in positions and o.key in positions:
                px, py = positions[link.target.key]
                cx, cy = positions[o.key]
                x1, y1, x2, y2 = px + 14, py + BOX_H, cx, cy + BOX_H / 2
                edges.append(
                    f'<path d="M{x1},{y1} V{y2} H{x2}" fill="none" stroke="#b9bec6" '
                    'stroke-width="1.2"/>'
                )
    width = 20 + (max(d for d, _ in rows) + 1) * (BOX_W + GAP_X)
    height = 20 + len(rows) * (BOX_H + GAP_Y)
    title = escape(f"{ui['alignment']} · {view.id}")
    svg = (
        f'<svg class="diagram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="group" aria-labelledby="diagram-title">'
        f'<title id="diagram-title">{title}</title>' + "".join(edges) + "".join(parts) + "</svg>"
    )
    return svg, len(rows)
