"""A week ago: what the site compares today's figures with (trend arrows, "worsened since
last week"). The model computes each key result twice, today and as its file said a week ago
(the check-ins dated up to that day), under the same rules; this module says which day that
is and what a file said then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from . import status
from .periods import Period

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Earlier:
    """A figure as it stood a week ago."""

    day: date
    progress: float
    status: str | None = None


def earlier_day(period: Period, today: date) -> date | None:
    """The day a week ago, when the period ran then and still runs today (a trend needs
    both ends inside the period; none in the calendar's first week, which has no week before
    it)."""
    if today.toordinal() <= WEEK.days:
        return None
    day = today - WEEK
    if today > period.end or day < period.start:
        return None
    return day


def as_of(raw: dict[str, Any], day: date) -> dict[str, Any]:
    """A key result as its file said on `day`: the check-ins dated later are left out."""
    cutoff = day.isoformat()
    check_ins = [
        c
        for c in raw.get("check_ins") or []
        if isinstance(c, dict) and str(c.get("date", "")) <= cutoff
    ]
    return {**raw, "check_ins": check_ins}


def change(progress: float | None, before: Earlier | None) -> float | None:
    """Progress gained since a week ago (negative when it fell), or None without a trend."""
    if progress is None or before is None:
        return None
    return progress - before.progress


def worsened(now: str | None, before: Earlier | None) -> bool:
    """Whether a pace status got worse since a week ago (at risk → off track, ...)."""
    return before is not None and status.rank(now) > status.rank(before.status)
