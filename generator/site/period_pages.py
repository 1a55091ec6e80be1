"""The pages that show a period as a whole: its dashboard, the lists of key results by status
and what needs attention (with the teams × objectives heatmap). A part of pages.Builder."""

from __future__ import annotations

import functools
import heapq
from datetime import date
from typing import Any

from .. import attention, charts, status
from ..model import Model, PeriodView
from . import state_rows, urls

MAX_BARS = 40  # the team chart stays readable on a phone; the table lists every team
PROGRESS = "progress"  # not a status: drawn in the accent colour
STATE_ROWS = 400  # key results per page of a status list
MAX_ATTENTION = 8  # on a dashboard; the attention pages list them all
ATTENTION_ROWS = 200  # items per attention page (about 100 KB)
HEATMAP_ROWS = 100  # teams per heatmap page (about 85 KB with four objectives each)


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    """`items` in pages of `size` (one empty page for no items)."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def running(view: PeriodView, today: date) -> bool:
    """Whether the period runs on `today` (it has an attention page then)."""
    return not view.finished and view.period.contains(today)


class PeriodPages:
    """Builder's period pages (it provides render, pct, score_text and the fields below)."""

    model: Model
    ui: dict[str, str]
    store: charts.ChartStore

    def dashboard(self, src: str, view: PeriodView) -> None:
        root = view.teams.get(self.model.root or "")
        shown = [tp for tp in view.teams.values() if tp.objectives and tp.progress is not None]
        if len(shown) > MAX_BARS:
            shown = [tp for tp in shown if tp.team.depth <= 1][:MAX_BARS]
        bars = None
        if shown:
            # while a period runs: progress against pace; once ended: scores in their bands
            if view.finished:
                rows = [(tp.team.name, tp.score or 0.0, tp.band or status.NO_STATE) for tp in shown]
                title, expected = self.ui["team_scores"], None
            else:
                # progress in the accent colour: green, amber and red mean a key result's or
                # objective's status only, so a team's bar never contradicts its badges
                rows = [(tp.team.name, tp.progress or 0.0, PROGRESS) for tp in shown]
                title, expected = self.ui["team_progress"], view.expected
            description = "; ".join(
                f"{name} {self.score_text(value) if view.finished else self.pct(value)}"
                for name, value, _ in rows
            )
            if expected is not None:
                description += f". {self.ui['expected']}: {self.pct(expected)}"
            bars = self.store.add(
                charts.progress_bars_spec(
                    f"{title} · {view.name}",
                    f"{description}.",
                    rows,
                    expected,
                    self.ui["expected_line"],
                    self.ui["score"] if view.finished else None,
                )
            )
        counts = self._counts(view)
        # the latest few of every check-in of the period (nlargest is sorted()[:n], ties
        # and all, without sorting a hundred thousand)
        check_ins = heapq.nlargest(
            12,
            (
                (c, tp, o, kr)
                for tp in view.teams.values()
                for o, kr in tp.key_results()
                for c in kr.check_ins
            ),
            key=lambda item: (item[0].day, item[1].team.id, item[3].id),
        )
        recognition = heapq.nlargest(
            8,
            ((r, tp) for tp in view.teams.values() for r in tp.recognition),
            key=lambda item: (item[0].day, item[1].team.id),
        )
        needs = attention.needs_attention(view, self.model.today)
        self.render(
            src,
            "dashboard.html",
            f"{self.model.company} · {view.name}",
            view=view,
            root=root,
            bars=bars,
            bars_partial=len(shown) < len(view.teams),
            counts=counts,
            check_ins=check_ins,
            recognition=recognition,
            # the company's own hidden objectives under its objectives; every team's where
            # the key results of every team are counted
            hidden=root.hidden if root is not None else 0,
            hidden_all=sum(tp.hidden for tp in view.teams.values()),
            periods=self.model.periods,
            attention=needs[:MAX_ATTENTION],
            attention_total=len(needs),
            running=running(view, self.model.today),
        )

    def attention(self, view: PeriodView) -> None:
        """What needs attention in a running period (most urgent first) and the teams ×
        objectives heatmap, each in pages that stay light on a phone at 1,000 teams."""
        items = attention.needs_attention(view, self.model.today)
        teams = list(view.teams.values())
        counts = self._counts(view)
        lists = _chunks(items, ATTENTION_ROWS)
        maps = _chunks(teams, HEATMAP_ROWS)
        title = f"{self.ui['needs_attention']} · {view.name}"
        for number, chunk in enumerate(lists, start=1):
            self.render(
                urls.attention(view.id, number),
                "attention.html",
                title + (f" · {number}/{len(lists)}" if len(lists) > 1 else ""),
                view=view, items=chunk, total=len(items),
                page=number, pages=len(lists), counts=counts, low=attention.LOW_CONFIDENCE,
                heatmap_pages=len(maps),
            )  # fmt: skip
        title = f"{self.ui['heatmap']} · {view.name}"
        for number, chunk in enumerate(maps, start=1):
            self.render(
                urls.heatmap(view.id, number),
                "heatmap.html",
                title + (f" · {number}/{len(maps)}" if len(maps) > 1 else ""),
                view=view, teams=chunk, total=len(teams), page=number, pages=len(maps),
            )  # fmt: skip

    def state_lists(self, view: PeriodView) -> None:
        """A page per status of the period: the key results its dashboard count counts, in
        pages of STATE_ROWS so that a list of thousands stays light on a phone."""
        counts = self._counts(view)
        measure = (lambda kr: self.score_text(kr.score)) if view.finished else (
            lambda kr: self.pct(kr.progress_raw)
        )  # fmt: skip
        for state, rows in attention.by_state(view).items():
            chunks = _chunks(rows, STATE_ROWS)
            for number, chunk in enumerate(chunks, start=1):
                src = urls.state_list(view.id, state, number)
                link = functools.partial(self.href, src)
                self.render(
                    src,
                    "states.html",
                    f"{self.ui[state]} · {view.name}"
                    + (f" · {number}/{len(chunks)}" if len(chunks) > 1 else ""),
                    view=view,
                    state=state,
                    rows=chunk,
                    rows_html=state_rows.rows(self.model, view, chunk, self.ui, link, measure),
                    total=len(rows),
                    page=number,
                    pages=len(chunks),
                    counts=counts,
                )

    @staticmethod
    def _counts(view: PeriodView) -> dict[str, int]:
        return {s: len(rows) for s, rows in attention.by_state(view).items()}
