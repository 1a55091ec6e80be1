"""A custom period in org.yaml has dates that make sense: it ends after it starts, lasts
longer than a day, and shares no days with another custom period of its series (about as long:
trimesters, fiscal quarters) unless one covers the other.

`end` is the period's last day (inclusive). A period that ends before it starts has no days at
all, and one that ends on its first day is almost always an `end` written as if it were
exclusive; both would silently drop every team file of the period from the site. Two custom
periods of one series (their lengths differ by less than 10 %) that share some days (trimesters
that overlap by a day, a fiscal year that starts inside the previous one) make pace, staleness
and "the current period" depend on which one a reader looks at: give adjacent periods adjacent
dates. Periods that nest (a fiscal year and its quarters) or belong to different series
(fiscal quarters beside calendar trimesters) may share days.

**Fails:**

```yaml okrs/org.yaml
company: {name: Acme Corp}
teams:
  - {id: acme, name: Acme Corp}
periods:
  - {id: 2027-T1, start: 2027-01-01, end: 2027-05-01}
  - {id: 2027-T2, start: 2027-05-01, end: 2026-08-31}
```

**Passes:**

```yaml okrs/org.yaml
company: {name: Acme Corp}
teams:
  - {id: acme, name: Acme Corp}
periods:
  - {id: 2027-T1, start: 2027-01-01, end: 2027-04-30}
  - {id: 2027-T2, start: 2027-05-01, end: 2027-08-31}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..workspace import Document

ID = "period-dates"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True
SERIES = 0.9  # periods whose lengths differ by less than 10 % are one series


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None  # the schema rule reports it


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "org":
        return
    sound: list[tuple[int, str, date, date]] = []
    for index, entry in enumerate(doc.data.get("periods") or []):
        start, end = _day(entry["start"]), _day(entry["end"])
        if start is None or end is None:
            continue
        if end < start:
            yield Finding(
                ("periods", index, "end"),
                say(
                    "period {period} ends ({end}) before it starts ({start}); `end` is the "
                    "last day of the period",
                    period=entry["id"],
                    end=end,
                    start=start,
                ),
            )
        elif end == start:
            yield Finding(
                ("periods", index, "end"),
                say(
                    "period {period} starts and ends on {start}: one day; `end` is the last "
                    "day of the period (inclusive), not the day after it",
                    period=entry["id"],
                    start=start,
                ),
            )
        else:
            sound.append((index, entry["id"], start, end))
    for later, (index, pid, start, end) in enumerate(sound):
        for _, other, o_start, o_end in sound[:later]:
            shared = start <= o_end and o_start <= end
            nested = (start <= o_start and o_end <= end) or (o_start <= start and end <= o_end)
            days, o_days = (end - start).days + 1, (o_end - o_start).days + 1
            series = min(days, o_days) >= SERIES * max(days, o_days)
            if shared and series and not nested:
                first, last = max(start, o_start), min(end, o_end)
                yield Finding(
                    ("periods", index, "start"),
                    say(
                        "period {period} ({start} to {end}) shares {first} to {last} with "
                        "{other} ({other_start} to {other_end}) without either covering the "
                        "other; make adjacent periods end and start on adjacent days",
                        period=pid,
                        start=start,
                        end=end,
                        first=first,
                        last=last,
                        other=other,
                        other_start=o_start,
                        other_end=o_end,
                    ),
                )
