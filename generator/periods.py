"""Period ids and their dates: YYYY, YYYY-H1/H2, YYYY-Q1..Q4, and custom ids from org.yaml."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

_STANDARD = re.compile(r"([0-9]{4})(?:-(H[12]|Q[1-4]))?\Z")
_QUARTER_START = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7}
_MONTHS = {"Q": 3, "H": 6}


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date  # inclusive
    id: str
    # a custom period's display name (org.yaml), else the id is shown; not part of its identity
    name: str | None = field(default=None, compare=False)

    def covers(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def elapsed(self, today: date) -> float:
        """The fraction of the period elapsed at the end of `today` (0.0 before, 1.0 after)."""
        if today < self.start:
            return 0.0
        if today >= self.end:
            return 1.0
        return ((today - self.start).days + 1) / self.days


def period_id(value: object) -> str:
    """A period as written (`2026` may load as an integer) to its id string."""
    return str(value)


def standard_ids(*years: int) -> list[str]:
    """Every standard period id of these years: the year, its halves, its quarters."""
    return [f"{y}{suffix}" for y in years
            for suffix in ("", "-H1", "-H2", "-Q1", "-Q2", "-Q3", "-Q4")]  # fmt: skip


def standard_period(pid: str) -> Period | None:
    match = _STANDARD.match(pid)
    if not match:
        return None
    year = int(match.group(1))
    if year < 1:  # the calendar starts at year 1
        return None
    part = match.group(2)
    first, months = (1, 12) if part is None else (_QUARTER_START[part], _MONTHS[part[0]])
    last = first + months - 1
    end = date(year, last, calendar.monthrange(year, last)[1])
    return Period(date(year, first, 1), end, pid)


class Periods:
    """Resolves period ids, standard ones by the calendar and custom ones from org.yaml."""

    def __init__(self, custom: dict[str, Period] | None = None) -> None:
        self.custom = custom or {}

    def get(self, pid: str) -> Period | None:
        return self.custom.get(pid) or standard_period(pid)
