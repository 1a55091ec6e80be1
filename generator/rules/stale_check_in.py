"""During the period, every key result has a check-in from the last 14 days (35 for long periods).

OKRs work when they are looked at weekly; a key result nobody has checked in on for weeks is
forgotten, and its status on the site is a guess. Any check-in counts, an update without a new
value too. A key result without any check-in is reported once the period is older than the
limit. A milestone reported done needs no further check-ins. Confidential objectives are
checked too; their check-ins are simply not published. The program-health page counts stale
key results with this very policy and these numbers.

Annual and half-year OKRs (periods longer than 100 days) move slower and are usually reviewed
monthly, so they get their own limit.

Options:

- `max-days` (default 14, at most 3660): the most days since the latest check-in.
- `max-days-long` (default 35, at most 3660): the same for periods longer than 100 days.

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
          - {date: 2026-10-06, value: 790}
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
          - {date: 2026-10-06, value: 790}
          - {date: 2026-11-16, value: 610}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .. import staleness
from ..context import Context
from ..options import MAX_DAYS, Option, count
from ..problem import Finding, Severity, say
from ..walk import key_results, kr_name
from ..workspace import Document

ID = "stale-check-in"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {
    "max-days": count(staleness.Policy.max_days, MAX_DAYS),
    "max-days-long": count(staleness.Policy.max_days_long, MAX_DAYS),
}
NEEDS_VALID = True
NEEDS_ORG = True  # judged against org.yaml: skipped while it cannot be read


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    period = ctx.period_of(doc)
    if period is None:
        return
    policy = staleness.Policy.from_options(options)
    for path, objective, kr in key_results(doc):
        state = staleness.of_key_result(kr, period, ctx.today, policy)
        if state is None or not state.stale:
            continue
        if not state.checked_in:
            yield Finding(
                (*path, "id"),
                say(
                    "key result {key_result} has no check-in {age} days into the period (more "
                    "than {limit}); add one with its current value and status",
                    key_result=kr_name(objective, kr),
                    age=state.age,
                    limit=state.limit,
                ),
            )
        else:
            yield Finding(
                (*path, "check_ins", len(kr["check_ins"]) - 1, "date"),
                say(
                    "key result {key_result}'s latest check-in is {age} days old (more than "
                    "{limit}); check in weekly, even when nothing moved",
                    key_result=kr_name(objective, kr),
                    age=state.age,
                    limit=state.limit,
                ),
            )
