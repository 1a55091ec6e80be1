"""A key result's part of its team page, written in Python: at 1,000 teams a cold build
writes 12,000 of them, and Jinja's dozen macro calls for each were most of the time spent
on team pages. The HTML is, byte for byte, what team.html's loop wrote with `_macros.html`
(tests/test_kr_article.py renders both); every value is escaped as the templates'
`finalize` and autoescape do. What a check-in moves (state, confidence, progress, figures,
bar, chart) is left out of the search index, so that a check-in leaves it as it was
(searchcopy.py, searchcache.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from .. import charts, richtext
from ..model import KeyResult, Model, Objective, PeriodView, TeamPeriod
from ..numbers import show
from . import checkin_rows, figures, urls
from .checkin_line import check_in_line
from .html import html_text, owner


@dataclass(frozen=True)
class Labels:
    """What the page's templates get from the builder: its strings and how it writes values."""

    ui: dict[str, str]
    text: Callable[..., str]  # an interface string with its values (Builder.text)
    pct: Callable[[float | None], str]
    score: Callable[[float | None], str]
    said: dict[str, str] = field(init=False)  # the strings as a page writes them, escaped

    def __post_init__(self) -> None:
        object.__setattr__(self, "said", {k: str(html_text(v)) for k, v in self.ui.items()})


@dataclass(frozen=True)
class TeamPage:
    """The team page the key results are written on."""

    model: Model
    view: PeriodView
    tp: TeamPeriod
    link: Callable[[str], str]
    edit_url: str | None
    kr_charts: dict[tuple[str, str], charts.Chart | None]


class Writer:
    """The articles of one team page's key results."""

    def __init__(self, labels: Labels, page: TeamPage) -> None:
        self.labels = labels
        self.page = page
        self.ui = labels.ui
        self.finished = page.view.finished
        self._said = labels.said
        self._nobody = f'<span class="muted">{labels.said["no_owner"]}</span>'

    def __call__(self, o: Objective, kr: KeyResult) -> Markup:
        return Markup(self.article(o, kr))

    # ---- the pieces `_macros.html` wrote ----------------------------------------------------

    def status(self, state: str | None) -> str:
        if not state:
            return ""
        return (
            f'<span class="status status-{html_text(state)}" data-pagefind-ignore>'
            f"{self._said[state]}</span>"
        )

    def person(self, pid: str | None) -> str:
        return owner(self.page.model, pid, self.page.link, self._nobody)

    def tags(self, items: list[str]) -> str:
        if not items:
            return ""
        chips = "".join(f'<span class="chip" dir="auto">{html_text(t)}</span>' for t in items)
        return f'<span class="chips" aria-label="{self._said["tags"]}">{chips}</span>'

    def confidence(self, n: Any) -> str:
        if n is None:
            return ""
        said = html_text(self.labels.text("confidence_value", n=n))
        return (
            f'<span class="confidence" data-pagefind-ignore title="{self._said["confidence"]}">'
            f"{said}</span>"
        )

    def trend(self, progress: float | None, before: Any) -> str:
        if before is None or progress is None:
            return ""
        d = int(round((progress - before.progress) * 100, 0))
        way = "up" if d > 0 else ("down" if d < 0 else "flat")
        arrow = "▲" if d > 0 else ("▼" if d < 0 else "=")
        since = html_text(self.labels.text("trend_since", date=before.day))
        points = html_text(self.labels.text("trend_points", n=("+" if d > 0 else "") + str(d)))
        return f'<span class="trend trend-{way}" title="{since}">{arrow} {points}</span>'

    def grade(self, kr: KeyResult) -> str:
        if not (self.finished or kr.graded):
            return ""
        out = f"{self._said['score']} {html_text(self.labels.score(kr.score))}"
        if not kr.graded:
            out += f' <span class="provisional">{self._said["not_graded"]}</span>'
        return out

    def bar(self, value: float | None, expected: float | None, state: str | None) -> str:
        pct = self.labels.pct
        width = min(max(value or 0, 0), 1)
        label = f"{self._said['progress']}{self._said['colon']}{html_text(pct(value))}"
        ahead = ""
        if expected is not None:
            label += f", {self._said['expected']}{self._said['colon']}{html_text(pct(expected))}"
            ahead = (
                f'<div class="bar-expected" style="left: {"%.1f" % (expected * 100)}%" '
                f'title="{self._said["expected_pace"]}"></div>'
            )
        kind = f" bar-{html_text(state)}" if state else ""
        return (
            f'<div class="bar{kind}" data-pagefind-ignore role="img" aria-label="{label}">\n'
            f'  <div class="bar-fill" style="width: {"%.1f" % (width * 100)}%"></div>\n'
            f"{ahead}</div>"
        )

    def end_link(self, o: Objective, kr_id: str | None) -> str:
        """One end of an alignment link: an objective, or one of its key results."""
        model, link = self.page.model, self.page.link
        team = html_text(model.teams[o.team].name if o.team in model.teams else o.team)
        # built with Jinja's `~` from the team's name (markup): the rest escaped, not cleaned
        where = (f"{escape(o.period)} · " if o.period != self.page.view.id else "") + (
            f"{team} · {escape(o.id)}"
        )
        if kr_id:
            named = next((k for k in o.key_results if k.id == kr_id), None)
            href = html_text(link(urls.kr_link(o.period, o.team, o.id, kr_id)))
            title = html_text(named.title if named else o.title)
            return f'<a href="{href}">{where} / {html_text(kr_id)}: {title}</a>'
        href = html_text(link(urls.objective_link(o.period, o.team, o.id)))
        return f'<a href="{href}">{where}: {html_text(o.title)}</a>'

    def value(self, kr: KeyResult) -> str:
        """Where the key result stands: its figures, done or not, or its threshold."""
        num, said = show, self._said
        measured = kr.measured
        unit = html_text(" " + kr.unit) if kr.unit else ""
        if kr.kind == "metric":
            start = (
                f'<span class="muted">{said["baseline_pending"]}</span>'
                if kr.start is None
                else f"{html_text(num(kr.start))}{unit}"
            )
            now = html_text(num(measured.value if measured else kr.start))
            target = (
                f'<span class="muted">{said["target_not_set"]}</span>'
                if kr.target is None
                else f"{html_text(num(kr.target))}{unit}"
            )
            figures_ = f"{start} → <strong>{now}{unit}</strong> → {target}"
        elif kr.kind == "milestone":
            done = said["done" if measured and measured.done else "not_done"]
            figures_ = f"<strong>{done}</strong>"
        else:
            raw_unit = (" " + kr.unit) if kr.unit else ""
            now = html_text(num(measured.value) + raw_unit) if measured else said["no_check_in"]
            bound = f"{said[kr.bound]} {html_text(num(kr.limit))}{unit}"
            if kr.upper_bound:
                upper = html_text(num(kr.upper_limit))
                bound += f" {said['and']} {said[kr.upper_bound]} {upper}{unit}"
            holding = said["holding" if kr.progress >= 1 else "not_holding"]
            figures_ = f"<strong>{now}</strong> ({bound}) · {holding}"
        return f'<span class="kr-figures">{figures_}</span>\n'

    def check_in_help(self, o: Objective, kr: KeyResult) -> str:
        """How to check in: the YAML line to add, the command, and the editor."""
        tp, said, edit_url = self.page.tp, self._said, self.page.edit_url
        ref = html_text(f"{tp.period.id}:{tp.team.id}/{o.id}/{kr.id}")
        where = self.labels.text("check_in_where", kr=f"{o.id}/{kr.id}", file=f"okrs/{tp.source}")
        line = html_text(check_in_line(kr, self.page.model.today))
        what = "done" if kr.kind == "milestone" else "VALUE"
        editor = (
            f'<p class="small"><a href="{html_text(edit_url)}" rel="noopener">'
            f"{said['check_in_editor']}</a></p>"
            if edit_url
            else ""
        )
        return (
            '<details class="check-in-help" data-pagefind-ignore>\n'
            f"  <summary>{said['check_in_now']}</summary>\n"
            f'  <p class="small">{html_text(where)}</p>\n'
            f"  <pre><code>{line}</code></pre>\n"
            f'  <p class="small">{said["check_in_optional"]}</p>\n'
            f'  <p class="small">{said["check_in_command"]} <code>okr checkin {ref} {what} '
            '--note "…"</code></p>\n'
            f"{editor}</details>"
        )

    # ---- the article ------------------------------------------------------------------------

    def article(self, o: Objective, kr: KeyResult) -> str:
        ui, said, text, finished = self.ui, self._said, self.labels.text, self.finished
        page = self.page
        anchor = html_text(urls.kr_anchor(o.id, kr.id))
        permalink = f"{said['permalink']}{said['colon']}{html_text(o.id)}/{html_text(kr.id)}"
        kind = f' <span class="tag">{said[kr.type]}</span>' if kr.type != o.type else ""
        grade = f" · {self.grade(kr)}" if finished or kr.graded else ""
        out = [
            f'  <article class="kr" id="{anchor}">\n'
            f'    <h3><span class="oid">{html_text(kr.id)}</span> {html_text(kr.title)} '
            f'<a class="permalink" data-pagefind-ignore href="#{anchor}" '
            f'title="{said["permalink"]}" aria-label="{permalink}">#</a></h3>\n'
            f'    <p class="meta">{self.status(kr.state)} '
            f"{'' if finished else self.confidence(kr.confidence)}{kind} {self.tags(kr.tags)}"
            f" · {said['owner']}{said['colon']}{self.person(kr.owner)}"
            f" · {said['weight']} {html_text(show(kr.weight))}"
            f"<span data-pagefind-ignore> · {said['progress']} "
            f"{html_text(self.labels.pct(kr.progress_raw))} "
            f"{self.trend(kr.progress, kr.week_ago)}</span>{grade}</p>\n"
        ]
        if kr.description:
            out.append(f'<div class="md small">{html_text(richtext.to_html(kr.description))}</div>')
        when = ""
        if not finished:
            due = f"{html_text(text('due', date=kr.due))} · " if kr.due else ""
            expected = html_text(text("expected_pct", pct=self.labels.pct(kr.expected)))
            when = f' <span class="muted small">· {due}{expected}</span>'
        elif kr.due:
            when = f' <span class="muted small">· {html_text(text("due", date=kr.due))}</span>'
        out.append(f"    <p data-pagefind-ignore>{self.value(kr)}{when}</p>\n")
        if kr.supports or kr.supported_by:
            out.append('    <dl class="alignment small">\n')
            if kr.supports:
                out.append(f"<dt>{said['contributes_to']}</dt>")
                out += [f"<dd>{self.end_link(a.target, a.key_result)}</dd>" for a in kr.supports]
            if kr.supported_by:
                out.append(f"<dt>{said['supported_by']}</dt>")
                out += [
                    f"<dd>{self.end_link(a.source, a.source_key_result)}</dd>"
                    for a in kr.supported_by
                ]
            out.append("    </dl>\n")
        expected = kr.expected if kr.kind == "metric" and not finished else None
        out.append(f"    {self.bar(kr.progress, expected, kr.state)}\n")
        chart = figures.figure(page.kr_charts[(o.id, kr.id)], page.link)
        out.append(f"    {chart}\n")
        if not finished:
            out.append(self.check_in_help(o, kr))
        if kr.check_ins:
            model, link = page.model, page.link
            columns = checkin_rows.columns(model, kr)
            heads = "".join(f'<th scope="col">{said[name]}</th>' for name in columns)
            region = html_text(text("scroll_region", what=f"{ui['check_ins']} {o.id}/{kr.id}"))
            out.append(
                f"    <details data-pagefind-ignore{'' if finished else ' open'}>\n"
                f"      <summary>{said['check_ins']} ({len(kr.check_ins)})</summary>\n"
                f"      {checkin_rows.author_line(model, kr, ui, link)}\n"
                f'      <div class="table-wrap" tabindex="0" role="region" aria-label="{region}">'
                '<table class="check-ins">\n'
                f"<thead><tr>{heads}</tr></thead>\n"
                "        <tbody>\n"
                f"{checkin_rows.rows(model, kr, ui, link, columns)}\n"
                "        </tbody>\n"
                "      </table></div>\n"
                "    </details>\n"
            )
        else:
            out.append(f'<p class="muted small">{said["no_check_in"]}</p>')
        if kr.initiatives:
            out.append(f'    <h4>{said["initiatives"]}</h4>\n    <ul class="initiatives">\n')
            for i in kr.initiatives:
                title = html_text(i.title)
                if i.url:
                    href = html_text(i.url)
                    title = f'<a href="{href}" rel="noopener noreferrer nofollow">{title}</a>'
                owner = f" · {self.person(i.owner)}" if i.owner else ""
                out.append(
                    f'      <li><span class="tag tag-{html_text(i.status)}">{said[i.status]}</span>'
                    f" {title}{owner}</li>\n"
                )
            out.append("    </ul>\n")
        out.append("  </article>")
        return "".join(out)
