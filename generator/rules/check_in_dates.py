"""Check-in dates fall inside the period, are not in the future, and are listed oldest first;
a key result's `due` date falls inside the period too.

A check-in records what was true on its date, so it cannot come before the period starts,
after it ends, or after today. A `due` date outside the period could never be met in it.
Check-ins are listed in date order, one per day, so that the
latest one is the last one. "Today" is `--today`, else `SOURCE_DATE_EPOCH`, else the system
date in the company's time zone.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - id: KR1
        title: Ship the failover runbook
        milestone: true
        check_ins:
          - {date: 2026-11-02, done: false}
          - {date: 2026-10-26, done: false}
```

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - id: KR1
        title: Ship the failover runbook
        milestone: true
        check_ins:
          - {date: 2026-10-26, done: false}
          - {date: 2026-11-02, done: false}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..walk import check_ins, key_results
from ..workspace import Document

ID = "check-in-dates"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True
NEEDS_ORG = True  # judged against org.yaml: skipped while it cannot be read


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    period = ctx.period_of(doc)
    if period is None:
        return
    for path, _objective, kr in key_results(doc):
        if "due" in kr:
            due = date.fromisoformat(kr["due"])
            if not period.contains(due):
                yield Finding(
                    (*path, "due"),
                    say(
                        "due date {due} is outside {period} ({start} to {end}); "
                        "a key result is due within its period",
                        due=due,
                        period=period.id,
                        start=period.start,
                        end=period.end,
                    ),
                )
        previous: date | None = None
        for i, entry in enumerate(check_ins(kr)):
            where = (*path, "check_ins", i, "date")
            day = date.fromisoformat(entry["date"])
            if not period.contains(day):
                yield Finding(
                    where,
                    say(
                        "check-in date {day} is outside {period} ({start} to {end}); record "
                        "it in that period's file or fix the date",
                        day=day,
                        period=period.id,
                        start=period.start,
                        end=period.end,
                    ),
                )
            elif day > ctx.today:
                yield Finding(
                    where,
                    say(
                        "check-in date {day} is in the future (today is {today}); "
                        "check in on or after the day you report",
                        day=day,
                        today=ctx.today,
                    ),
                )
            if previous is not None and day <= previous:
                yield Finding(
                    where,
                    say(
                        "check-in date {day} is not after the one before it ({previous}); "
                        "list check-ins oldest first, one per day",
                        day=day,
                        previous=previous,
                    ),
                )
            previous = day
