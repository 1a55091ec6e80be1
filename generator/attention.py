"""What needs attention in a running period, and the key results behind every status count.

The home page's "Needs attention" section and each period's attention page list, in this
order: committed key results off track, then at risk (a committed result is expected in
full, so slipping is news); key results not checked in within the staleness policy; key
results whose owner's confidence is below a coin flip; and objectives whose pace status got
worse since a week ago (trend.py). Aspirational key results at risk are normal and are not
listed (they remain in the status lists every count links to).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import status, trend
from .model import KeyResult, Objective, PeriodView, TeamPeriod

LOW_CONFIDENCE = 4  # 1-10, Wodtke's scale: 5 is a coin flip, so 4 and below is "unlikely"
COMMITTED_OFF, COMMITTED_RISK = "committed_off_track", "committed_at_risk"
STALE, LOW, WORSENED = "stale", "low_confidence", "worsened"
REASONS = (COMMITTED_OFF, COMMITTED_RISK, STALE, LOW, WORSENED)  # most urgent first


@dataclass(frozen=True)
class Item:
    """A key result (or, for WORSENED, an objective) that needs attention, and why."""

    tp: TeamPeriod
    objective: Objective
    kr: KeyResult | None
    reasons: tuple[str, ...]
    days: int | None  # since the latest check-in (None: never checked in)

    @property
    def note(self) -> str:
        """The latest note written on it (what its owner last said)."""
        krs = [self.kr] if self.kr else self.objective.key_results
        dated = [(c.day, c.note) for kr in krs for c in kr.check_ins if c.note]
        return max(dated, key=lambda d: d[0])[1] if dated else ""


def _reasons(kr: KeyResult) -> tuple[str, ...]:
    found = []
    if kr.type == "committed" and kr.status == status.OFF_TRACK:
        found.append(COMMITTED_OFF)
    if kr.type == "committed" and kr.status == status.AT_RISK:
        found.append(COMMITTED_RISK)
    if kr.stale:
        found.append(STALE)
    if kr.confidence is not None and kr.confidence <= LOW_CONFIDENCE:
        found.append(LOW)
    return tuple(found)


def _days(krs: list[KeyResult], today: date) -> int | None:
    days = [kr.latest.day for kr in krs if kr.latest]
    return (today - max(days)).days if days else None


def needs_attention(view: PeriodView, today: date) -> list[Item]:
    """Everything that needs attention in a period that runs today, most urgent first (then
    in the order of the teams and their objectives)."""
    if view.finished or not view.period.contains(today):
        return []
    found: list[tuple[int, int, Item]] = []
    for order, tp in enumerate(view.teams.values()):
        for o in tp.objectives:
            if trend.worsened(o.status, o.week_ago):
                item = Item(tp, o, None, (WORSENED,), _days(o.key_results, today))
                found.append((REASONS.index(WORSENED), order, item))
            for kr in o.key_results:
                reasons = _reasons(kr)
                if reasons:
                    item = Item(tp, o, kr, reasons, _days([kr], today))
                    found.append((REASONS.index(reasons[0]), order, item))
    found.sort(key=lambda f: (f[0], f[1]))  # stable: objectives and key results keep order
    return [item for _, _, item in found]


def by_state(view: PeriodView) -> dict[str, list[tuple[TeamPeriod, Objective, KeyResult]]]:
    """The key results behind each status count of the period (the lists counts link to)."""
    lists: dict[str, list[tuple[TeamPeriod, Objective, KeyResult]]] = {s: [] for s in view.states}
    for tp in view.teams.values():
        for o, kr in tp.key_results():
            lists.setdefault(kr.state, []).append((tp, o, kr))
    return lists
