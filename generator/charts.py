"""Charts as SVG, described for screen readers, and cached: the company's and teams' charts
drawn with matplotlib, the key results' (thousands) from the SVG template in `svgchart`.

A chart is first a *spec*: plain data (JSON-able) saying what to draw. Its SVG is a pure
function of the spec, so the spec's hash names the file (`charts/<hash>.svg`) and a build
only draws charts whose spec changed; everything else comes from the cache folder. The
matplotlib specs hold nothing that changes by itself from day to day, so a daily rebuild
reuses them; missing ones are drawn by worker processes when there are many. Key results'
charts are drawn from the template into their team pages (no file, no cache: drawing one
costs less than writing it; so their specs may hold a today marker). Output is
deterministic: a fixed SVG hash salt, no date in the metadata, text kept as `<text>` so every
script renders in the reader's own fonts.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import warnings
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from . import forking
from .cache import store
from .chartstyle import COLORS, FONT_STACK
from .textsafe import markup_text

STYLE_VERSION = "5"
PARALLEL_FROM = 24  # missing charts worth starting worker processes for
RC = {
    "text.parse_math": False,  # a `$` in a unit or a name is text, never mathtext
    "svg.fonttype": "none",
    "svg.hashsalt": "okr-pipeline",
    "font.size": 9,
    "axes.edgecolor": COLORS["grid"],
    "axes.labelcolor": COLORS["text"],
    "xtick.color": COLORS["text"],
    "ytick.color": COLORS["text"],
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": COLORS["grid"],
    "grid.linewidth": 0.6,
}


@dataclass(frozen=True)
class Chart:
    """A chart to place on a page: its file name (or its drawing) and its text alternative."""

    name: str  # charts/<hash>.svg; "" for a chart drawn into the page
    title: str
    description: str
    # what each kind of line means, shown beside the chart: (key, words), key one of
    # line | pace | today | due (the stylesheet draws each key as the chart does)
    legend: tuple[tuple[str, str], ...] = ()
    svg: str = ""  # a key result's chart, drawn into its page (svgchart.key_result_svg)


def spec_hash(spec: dict[str, Any]) -> str:
    payload = json.dumps([STYLE_VERSION, spec], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:20]


class ChartStore:
    """Collects the charts a build needs; draws each missing one once, caching by spec hash."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir
        self.specs: dict[str, dict[str, Any]] = {}
        self.drawn = 0

    def add(self, spec: dict[str, Any], legend: tuple[tuple[str, str], ...] = ()) -> Chart:
        digest = spec_hash(spec)
        self.specs[digest] = spec
        return Chart(f"charts/{digest}.svg", spec["title"], spec["description"], legend)

    def svg(self, name: str) -> bytes:
        digest = Path(name).stem
        cached = self.cache_dir / f"{digest}.svg" if self.cache_dir else None
        if cached is not None and cached.is_file():
            return cached.read_bytes()
        data = render(self.specs[digest])
        self.drawn += 1
        if cached is not None:
            store(cached, data)
        return data

    def files(self) -> dict[str, bytes]:
        """Every chart's SVG; the missing ones are drawn in parallel when there are many."""
        digests = sorted(self.specs)
        drawn: dict[str, bytes] = {}
        missing = [
            d for d in digests if not (self.cache_dir and (self.cache_dir / f"{d}.svg").is_file())
        ]
        workers = forking.workers(len(missing), PARALLEL_FROM)
        if workers:
            with forking.pool(workers) as pool:
                svgs = pool.map(render, [self.specs[d] for d in missing], chunksize=8)
            drawn.update(zip(missing, svgs, strict=True))
            self.drawn += len(missing)
            if self.cache_dir is not None:
                for digest in missing:
                    store(self.cache_dir / f"{digest}.svg", drawn[digest])
        return {
            f"charts/{d}.svg": drawn[d] if d in drawn else self.svg(f"charts/{d}.svg")
            for d in digests
        }


# ---- specs (cheap; no matplotlib) -----------------------------------------------------------


def key_result_spec(
    title: str,
    description: str,
    kind: str,
    period: tuple[date, date],
    points: list[tuple[date, float]],
    start: float | None = None,
    target: float | None = None,
    bound: str | None = None,
    limit: float | None = None,
    unit: str = "",
    upper_limit: float | None = None,
    today: date | None = None,
    due: date | None = None,
) -> dict[str, Any]:
    """`today`: a marker while the period runs; `due`: the day the result is due, when it is
    before the period's end."""
    spec = {
        "type": "key_result",
        "title": markup_text(title),
        "description": markup_text(description),
        "kind": kind,
        "period": [period[0].isoformat(), period[1].isoformat()],
        "points": [[d.isoformat(), v] for d, v in points],
        "start": start,
        "target": target,
        "bound": bound,
        "limit": limit,
        "unit": markup_text(unit),
    }
    if upper_limit is not None:  # only a band has it: older specs (and caches) keep their hash
        spec["upper_limit"] = upper_limit
    if today is not None:
        spec["today"] = today.isoformat()
    if due is not None:
        spec["due"] = due.isoformat()
    return spec


def progress_bars_spec(
    title: str,
    description: str,
    rows: list[tuple[str, float, str]],
    expected: float | None,
    expected_label: str,
    score_label: str | None = None,
) -> dict[str, Any]:
    """Team bars: progress against the expected pace while a period runs (`expected`), or
    scores from 0 to 1 in their grade bands once it has ended (`score_label`)."""
    return {
        "type": "progress_bars",
        "title": markup_text(title),
        "description": markup_text(description),
        "rows": [[markup_text(label), round(value, 4), status] for label, value, status in rows],
        "expected": None if expected is None else round(expected, 4),
        "expected_label": markup_text(expected_label),
        "scores": score_label is not None,
    }


def grades_spec(
    title: str,
    description: str,
    committed: list[float],
    aspirational: list[float],
    labels: dict[str, str],
) -> dict[str, Any]:
    return {
        "type": "grades",
        "title": markup_text(title),
        "description": markup_text(description),
        "committed": sorted(round(s, 4) for s in committed),
        "aspirational": sorted(round(s, 4) for s in aspirational),
        "labels": {key: markup_text(text) for key, text in labels.items()},
    }


# ---- drawing (matplotlib, imported only when a chart is missing from the cache) -------------


def render(spec: dict[str, Any]) -> bytes:
    import matplotlib
    from matplotlib.figure import Figure

    draw = {"progress_bars": _draw_bars, "grades": _draw_grades}
    with matplotlib.rc_context(RC), warnings.catch_warnings():
        # CJK glyphs are measured with the default font; the browser draws them with its own
        warnings.simplefilter("ignore", UserWarning)
        fig = Figure(figsize=_size(spec), layout="constrained")
        draw[spec["type"]](fig, spec)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return _accessible(buffer.getvalue().decode("utf-8"), spec).encode("utf-8")


def _size(spec: dict[str, Any]) -> tuple[float, float]:
    if spec["type"] == "progress_bars":
        return 6.4, 0.6 + 0.28 * max(1, len(spec["rows"]))
    return 6.4, 2.6


def _draw_bars(fig: Any, spec: dict[str, Any]) -> None:
    ax = fig.subplots()
    rows = spec["rows"]
    labels = [r[0] for r in rows]
    values = [min(1.2, max(0.0, r[1])) * 100 for r in rows]
    colors = [COLORS.get(r[2], COLORS["accent"]) for r in rows]
    positions = list(range(len(rows)))[::-1]
    ax.barh(positions, values, color=colors, height=0.62)
    ax.set_yticks(positions, labels)
    ax.set_xlim(0, 100)
    if spec["expected"] is not None:
        ax.axvline(spec["expected"] * 100, color=COLORS["text"], linestyle="--", linewidth=1)
        ax.text(
            spec["expected"] * 100,
            len(rows) - 0.4,
            f" {spec['expected_label']}",
            color=COLORS["text"],
            va="bottom",
            fontsize=8,
        )
    if spec.get("scores"):  # a score of 0.7 is drawn at 70: label the axis as scores
        ax.xaxis.set_major_formatter(lambda value, _pos: f"{value / 100:.1f}")
    else:
        ax.xaxis.set_major_formatter(lambda value, _pos: f"{value:.0f} %")
    ax.grid(axis="y", visible=False)


def _draw_grades(fig: Any, spec: dict[str, Any]) -> None:
    ax = fig.subplots()
    bins = [i / 10 for i in range(11)]
    data = [spec["committed"], spec["aspirational"]]
    labels = [spec["labels"]["committed"], spec["labels"]["aspirational"]]
    ax.hist(
        data,
        bins=bins,
        stacked=True,
        label=labels,
        color=[COLORS["committed"], COLORS["aspirational"]],
        rwidth=0.9,
    )
    for x, text in ((0.7, spec["labels"]["healthy"]), (1.0, spec["labels"]["committed_goal"])):
        ax.axvline(x, color=COLORS["text"], linestyle="--", linewidth=0.9)
        ax.text(
            x, ax.get_ylim()[1], f" {text}", va="top", ha="right", fontsize=8, color=COLORS["text"]
        )
    ax.set_xlim(0, 1.02)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, loc="upper left", fontsize=8)


_FONT = re.compile(r"font-family: [^;\"]*")
_ROOT = re.compile(r"<svg ([^>]*)>")
_DOCTYPE = re.compile(r"<!DOCTYPE svg[^>]*>\n")  # the DTD URL is the only remote reference


def _accessible(svg: str, spec: dict[str, Any]) -> str:
    """Name the chart for screen readers and draw its text in the site's font stack."""
    svg = _FONT.sub(f"font-family: {FONT_STACK}", svg)
    svg = svg.replace(
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n',
        "",
    )
    names = (
        f'<title id="chart-title">{escape(spec["title"])}</title>'
        f'<desc id="chart-desc">{escape(spec["description"])}</desc>'
    )
    # a function, not a replacement string: user text must never be read as `\1`
    return _ROOT.sub(
        lambda m: f'<svg {m.group(1)} role="img" aria-labelledby="chart-title chart-desc">' + names,
        svg,
        count=1,
    )
