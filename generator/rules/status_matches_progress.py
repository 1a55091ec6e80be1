"""A reported `on_track` agrees with the figures.

While a period runs, an owner's word wins over pace: the latest check-in's `status` is what
the site shows. So the word has to hold. A metric key result reported on track is a
contradiction when its progress is below 60 % of the progress expected by today (the same
line below which pace alone would call it off track), or when its value has not moved over
the last four check-ins with a value, spanning three weeks or more.

Options:

- `checks` (default 4, at most 1000): how many unchanged values in a row contradict "on track".
- `days` (default 21, at most 3660): the least number of days those check-ins must span.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - id: KR1
        title: Cut p99 API latency from 850 ms to 300 ms
        metric: {start: 850, target: 300, unit: ms}
        check_ins:
          - {date: 2026-10-26, value: 800}
          - {date: 2026-11-02, value: 800}
          - {date: 2026-11-09, value: 800}
          - {date: 2026-11-16, value: 800, status: on_track}
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
        title: Cut p99 API latency from 850 ms to 300 ms
        metric: {start: 850, target: 300, unit: ms}
        check_ins:
          - {date: 2026-10-26, value: 700}
          - {date: 2026-11-02, value: 650}
          - {date: 2026-11-09, value: 600}
          - {date: 2026-11-16, value: 540, status: on_track}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from .. import scoring
from ..context import Context
from ..options import MAX_DAYS, Option, count
from ..problem import Finding, Severity, say
from ..status import ON_TRACK
from ..walk import check_ins, key_results
from ..workspace import Document

ID = "status-matches-progress"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {"checks": count(4, 1000), "days": count(21, MAX_DAYS)}
NEEDS_VALID = True
NEEDS_ORG = True  # judged against org.yaml: skipped while it cannot be read
_TOO_SLOW = 0.6  # below this share of the expected progress, pace says off track


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    period = ctx.period_of(doc)
    if period is None or not period.contains(ctx.today):
        return
    for path, _objective, kr in key_results(doc):
        entries = check_ins(kr)
        metric = kr.get("metric")
        if metric is None or not entries or entries[-1].get("status") != ON_TRACK:
            continue
        where = (*path, "check_ins", len(entries) - 1, "status")
        measured = [c for c in entries if "value" in c]
        latest = measured[-1]["value"] if measured else None
        # the start is the first check-in's value when the baseline was left to measure
        start = metric.get("start", measured[0]["value"] if measured else None)
        if start is None or "target" not in metric:
            continue  # no progress to compare with (target-not-set says why)
        progress = scoring.metric_progress(start, metric["target"], latest)
        due = date.fromisoformat(kr["due"]) if "due" in kr else None
        expected = scoring.expected_by(period, due, ctx.today)
        if progress < _TOO_SLOW * expected:
            yield Finding(
                where,
                say(
                    "reported on track, but progress is {progress} % against {expected} % "
                    "expected by today; say at_risk or off_track, or check in the value that "
                    "shows otherwise",
                    progress=round(progress * 100),
                    expected=round(expected * 100),
                ),
            )
            continue
        last = measured[-options["checks"] :]
        if len(last) == options["checks"] and len({c["value"] for c in last}) == 1:
            span = (date.fromisoformat(last[-1]["date"]) - date.fromisoformat(last[0]["date"])).days
            if span >= options["days"]:
                yield Finding(
                    where,
                    say(
                        "reported on track, but the value has stayed at {value} for {count} "
                        "check-ins over {days} days; say what is holding it, or change the "
                        "status",
                        value=last[-1]["value"],
                        count=len(last),
                        days=span,
                    ),
                )
