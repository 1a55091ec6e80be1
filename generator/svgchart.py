"""Key-result charts drawn from a small SVG template: thousands of them, microseconds each.

matplotlib lays out the company's charts (progress bars, grade histograms), where its layout
earns its 40-70 ms; a key result's line over its period is simple enough to write directly
(0.1 ms). Same inputs as `charts.key_result_spec`, same look: the period on the x axis with a
tick per month (per year for long custom periods), rounded ticks on the y axis, the ideal
pace (metrics) or the threshold (thresholds, bands) dashed, the check-ins as a line with
markers, the unit as the y label, a today marker while the period runs and the due day when
it comes before the period's end (the page's legend names each line). Text stays `<text>` in
the reader's fonts; on a phone the page's stylesheet enlarges it (`svg.kr-chart`) to at least
11 px as displayed; numbers are written with fixed decimals, so the same spec gives the same
bytes on every machine. The values are also in the check-in table beside the chart.

The chart is written into its team page (`ids` makes its title and description ids unique
there): a thousand-team company has twelve thousand of them, and writing each as a file of
its own cost more than drawing it.
"""

from __future__ import annotations

import math
from datetime import date
from html import escape
from typing import Any

from .chartstyle import COLORS

W, H = 400.0, 172.0  # the viewBox
LEFT, RIGHT, TOP, BOTTOM = 50.0, 392.0, 8.0, 148.0  # the plot area
FONT = 11
# the charts are images: the reader's system font draws every script, CJK included
_FONTS = "system-ui, sans-serif"


def _num(value: float) -> str:
    """A coordinate: one decimal at most (a tenth of a pixel at full width), never `-0`."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low]
    if high - low <= max(abs(low), abs(high)) * 1e-9:  # beyond what a float can step through
        return [low]
    raw = (high - low) / max(1, count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    quotient = low / step
    steps = math.ceil(quotient)
    if steps - quotient > 1 - 1e-9:  # `low` sits on a tick, a rounding error above it
        steps -= 1
    first = steps * step
    ticks = []
    value = first
    while value <= high + step * 1e-9 and len(ticks) < 12:
        ticks.append(round(value, 10))
        value = first + step * len(ticks)
    return ticks or [low]


def tick_label(value: float) -> str:
    text = f"{value:.6g}"
    return "0" if text == "-0" else text


def _months(start: date, end: date) -> list[tuple[date, str]]:
    """The first of each month inside the period (one per year beyond 400 days), thinned to
    at most 8 labels."""
    long = (end - start).days > 400
    ticks: list[tuple[date, str]] = []
    year, month = start.year, start.month
    while True:
        day = date(year, 1, 1) if long else date(year, month, 1)
        if day > end:
            break
        if day >= start:
            ticks.append((day, f"{day.year}" if long else f"{day.year}-{day.month:02d}"))
            if not long and len(ticks) > 1 and day.month != 1:  # the year once, then months
                ticks[-1] = (day, f"{day.month:02d}")
        if long:
            year += 1
            if year > 9999:
                break
        else:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            if year > 9999:
                break
    stride = max(1, math.ceil(len(ticks) / 8))
    return ticks[::stride]


def _range(values: list[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    if high == low:
        pad = abs(low) * 0.1 or 1.0
        return low - pad, high + pad
    pad = (high - low) * 0.06
    return low - pad, high + pad


def key_result_svg(spec: dict[str, Any], ids: str = "chart") -> str:
    """The chart as an `<svg>` element for a page; `ids` prefixes its title's and
    description's ids (unique within the page)."""
    start_day, end_day = (date.fromisoformat(d) for d in spec["period"])
    days = max(1, (end_day - start_day).days)
    points = [(date.fromisoformat(d), float(v)) for d, v in spec["points"]]
    known = spec["start"] is not None and spec["target"] is not None
    metric = spec["kind"] == "metric"
    bounds = (spec["limit"], spec.get("upper_limit"))
    levels = [] if metric else [float(v) for v in bounds if v is not None]
    values = [v for _, v in points] + levels
    if metric and known:
        values += [float(spec["start"]), float(spec["target"])]
    low, high = _range(values or [0.0])
    ticks = nice_ticks(low, high)
    low, high = min(low, ticks[0]), max(high, ticks[-1])

    def x(day: date) -> float:
        return LEFT + (RIGHT - LEFT) * min(max((day - start_day).days, 0), days) / days

    def y(value: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * (value - low) / (high - low)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(W)} {_num(H)}" '
        f'width="{_num(W)}" height="{_num(H)}" class="kr-chart" role="img" '
        f'aria-labelledby="{escape(ids)}-t {escape(ids)}-d">',
        f'<title id="{escape(ids)}-t">{escape(spec["title"])}</title>',
        f'<desc id="{escape(ids)}-d">{escape(spec["description"])}</desc>',
    ]
    # twelve thousand of these charts are published at 1,000 teams: how each part looks is
    # said once, in the site's stylesheet (stylesheet() below), and lines are one path each
    months = _months(start_day, end_day)
    lines = [f"M{_num(LEFT)} {_num(y(v))}H{_num(RIGHT)}" for v in ticks]
    lines += [f"M{_num(x(d))} {_num(TOP)}V{_num(BOTTOM)}" for d, _ in months]
    out.append(f'<path class="grid" d="{"".join(lines)}"/>')
    out.append(f'<path class="axis" d="M{_num(LEFT)} {_num(BOTTOM)}H{_num(RIGHT)}"/>')
    out.append('<g class="y">')
    out += [f'<text x="{_num(LEFT - 4)}" y="{_num(y(v))}">{tick_label(v)}</text>' for v in ticks]
    out.append('</g><g class="x">')
    below = _num(BOTTOM + 14)
    out += [f'<text x="{_num(x(d))}" y="{below}">{label}</text>' for d, label in months]
    out.append("</g>")
    dashes = []
    if metric and known:
        y0, y1 = _num(y(float(spec["start"]))), _num(y(float(spec["target"])))
        dashes.append(f"M{_num(x(start_day))} {y0}L{_num(x(end_day))} {y1}")
    dashes += [f"M{_num(LEFT)} {_num(y(level))}H{_num(RIGHT)}" for level in levels]
    if dashes:
        out.append(f'<path class="pace" d="{"".join(dashes)}"/>')
    # the due day (dotted) and today (solid): where the line should be, and where we are
    for key in ("due", "today"):
        if spec.get(key):
            at = _num(x(date.fromisoformat(spec[key])))
            out.append(f'<path class="{key}" d="M{at} {_num(TOP)}V{_num(BOTTOM)}"/>')
    line = [(x(d), y(v)) for d, v in points]
    if metric and known and points:
        line.insert(0, (x(start_day), y(float(spec["start"]))))
    if line:
        coords = " ".join(f"{_num(a)},{_num(b)}" for a, b in line)
        out.append(f'<polyline class="line" points="{coords}"/>')
        # a marker per check-in: zero-length strokes with round caps, one path for all
        dots = "".join(f"M{_num(a)} {_num(b)}h0" for a, b in line[-len(points) :])
        out.append(f'<path class="check-ins" d="{dots}"/>')
    if spec["unit"]:
        middle = _num((TOP + BOTTOM) / 2)
        unit = escape(spec["unit"])
        out.append(f'<text class="unit" x="10" y="{middle}" '
                   f'transform="rotate(-90 10 {middle})">{unit}</text>')  # fmt: skip
    out.append("</svg>")
    return "\n".join(out)


def stylesheet() -> str:
    """How a key result's chart and its legend look, from the charts' colours: said once for
    the site, not in each of its thousands of charts. The chart stays on white in dark mode,
    so its colours do not follow the page's."""
    c = COLORS
    rules = {
        "svg.kr-chart": f"font: {FONT}px {_FONTS}; background: #fff",
        "svg.kr-chart text": f"fill: {c['text']}",
        "svg.kr-chart .y": "text-anchor: end; dominant-baseline: middle",
        "svg.kr-chart .x, svg.kr-chart .unit": "text-anchor: middle",
        "svg.kr-chart .grid": f"stroke: {c['grid']}; stroke-width: .6",
        "svg.kr-chart .axis": f"stroke: {c['grid']}",
        "svg.kr-chart .pace": f"stroke: {c['ideal']}; stroke-width: 1.2; stroke-dasharray: 4 3; "
        "fill: none",
        "svg.kr-chart .today": f"stroke: {c['text']}; stroke-width: 1.2",
        "svg.kr-chart .due": f"stroke: {c['off_track']}; stroke-width: 1.6; "
        "stroke-dasharray: 1.5 2.5",
        "svg.kr-chart .line": f"fill: none; stroke: {c['accent']}; stroke-width: 1.8; "
        "stroke-linejoin: round",
        "svg.kr-chart .check-ins": f"stroke: {c['accent']}; stroke-width: 4.8; "
        "stroke-linecap: round",
        # the legend beside the chart draws each key as the chart draws it
        ".key-line": f"border-top: 2px solid {c['accent']}",
        ".key-pace": f"border-top: 2px dashed {c['ideal']}",
        ".key-today": f"border-left: 2px solid {c['text']}",
        ".key-due": f"border-left: 2px dotted {c['off_track']}",
    }
    # on a phone (about 330 px wide) the text is enlarged to at least 11 px as displayed; on a
    # wide screen, 11 units are up to 17 px
    phone = "@media (max-width: 480px) { svg.kr-chart { font-size: 13.5px; } }\n"
    return "".join(f"{selector} {{ {rule}; }}\n" for selector, rule in rules.items()) + phone
