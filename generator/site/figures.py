"""Charts as a page shows them: a key result's chart (its spec, legend and caption) and the
`<figure>` markup of any chart. The charts themselves are drawn by `charts` and `svgchart`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from markupsafe import Markup, escape

from .. import charts, svgchart
from ..model import KeyResult, Model, PeriodView
from ..numbers import show
from ..textsafe import markup_text


class Labels(Protocol):
    """What a key result's chart needs from the page builder: words, numbers and the store."""

    model: Model
    ui: dict[str, str]
    store: charts.ChartStore

    def text(self, key: str, **values: Any) -> str: ...
    def pct(self, value: float | None) -> str: ...
    def day_text(self, day: date) -> str: ...


def kr_chart(site: Labels, view: PeriodView, kr: KeyResult, ids: str) -> charts.Chart | None:
    """A key result's chart (none for milestones or before a check-in), drawn for its page
    (`ids`: unique there), with its legend and a caption that says what the chart cannot:
    the latest figure, pace, confidence, due day."""
    if kr.kind == "milestone" or not kr.check_ins:
        return None
    points = [(c.day, c.value) for c in kr.check_ins if c.value is not None]
    unit = f" {kr.unit}" if kr.unit else ""
    period = view.period
    if kr.kind == "metric":
        start = site.ui["baseline_pending"] if kr.start is None else show(kr.start)
        target = site.ui["target_not_set"] if kr.target is None else show(kr.target)
        goal = f"{start}{unit} → {target}{unit}"
        paced = kr.target is not None and kr.start is not None
        line = site.text("legend_pace", goal=goal) if paced else ""
    else:
        goal = f"{site.ui[kr.bound or 'at_least']} {show(kr.limit)}{unit}"
        if kr.upper_bound:
            upper = f"{site.ui[kr.upper_bound]} {show(kr.upper_limit)}{unit}"
            goal += f" {site.ui['and']} {upper}"
        line = site.text("legend_threshold", goal=goal)
    today = site.model.today if period.start <= site.model.today <= period.end else None
    due = kr.due if kr.due and period.start <= kr.due < period.end else None
    # the caption adds what the chart cannot say: the latest figure, pace, confidence
    measured = kr.measured
    parts = [goal]
    if measured is not None:
        parts.append(site.text("caption_latest", value=f"{show(measured.value)}{unit}",
                               date=site.day_text(measured.day)))  # fmt: skip
    if not view.finished:
        parts.append(site.text("expected_pct", pct=site.pct(kr.expected)))
    if kr.confidence is not None and not view.finished:
        parts.append(site.text("confidence_value", n=kr.confidence))
    if kr.due:
        parts.append(site.text("due", date=site.day_text(kr.due)))
    description = " · ".join(parts)
    legend = [("line", site.ui["check_ins"])] + ([("pace", line)] if line else [])
    if today is not None:
        legend.append(("today", site.text("legend_today", date=site.day_text(today))))
    if due is not None:
        legend.append(("due", site.text("due", date=site.day_text(due))))
    spec = charts.key_result_spec(
        title=f"{kr.id}: {kr.title}",
        description=description,
        kind=kr.kind,
        period=(period.start, period.end),
        points=points,
        start=kr.start,
        target=kr.target,
        bound=kr.bound,
        limit=kr.limit,
        unit=kr.unit,
        upper_limit=kr.upper_limit,
        today=today,
        due=due,
    )
    return charts.Chart("", spec["title"], spec["description"], tuple(legend),
                        svgchart.key_result_svg(spec, ids))  # fmt: skip


def figure(item: charts.Chart | None, link: Callable[[str], str], css: str = "chart") -> Markup:
    """A chart on a page: the image with its text alternative; a key result's chart is drawn
    into the page, with its legend and a caption that says what it cannot show."""
    if item is None:
        return Markup("")
    if not item.svg:
        alt = markup_text(f"{item.title}. {item.description}")
        # matplotlib's charts keep their layout: on a phone they are shown at their own size
        # (text 12 px) in a region that scrolls sideways, rather than shrunk below 11 px
        return Markup(
            '<figure class="{css}"><div class="chart-scroll" tabindex="0" role="region" '
            'aria-label="{title}"><img src="{src}" alt="{alt}" loading="lazy"></div>'
            "<figcaption>{title}</figcaption></figure>"
        ).format(css=css, src=link(item.name), alt=alt, title=markup_text(item.title))
    # its text (title, axes, legend, caption) is the chart's and moves with every check-in:
    # not for the search index (searchcopy.py)
    # written with f-strings, each value escaped: Markup.format (Python's string.Formatter)
    # was a tenth of a team page's time, with three legend items for each key result
    keys = "".join(
        f'<li><span class="key key-{escape(key)}" aria-hidden="true"></span>'
        f"{escape(markup_text(words))}</li>"
        for key, words in item.legend
    )
    return Markup(
        f'<figure class="{escape(css)}" data-pagefind-ignore>{item.svg}'
        f'<ul class="chart-legend">{keys}</ul>'
        f"<figcaption>{escape(markup_text(item.description))}</figcaption></figure>"
    )
