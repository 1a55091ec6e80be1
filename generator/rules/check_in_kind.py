"""Check-ins carry what their key result's kind measures: `value` or `done`, never the other.

Metric and threshold key results are measured: a check-in reports a `value`. A milestone is
done or not: a check-in reports `done: true` or `done: false`. A check-in may also carry no
measurement at all (only a `status`, `confidence` or `note`): it is an update without a new
value, counts for staleness, and progress keeps coming from the latest measured check-in.
A check-in with the wrong field cannot be drawn or scored.

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
          - {date: 2026-10-06, done: true}
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
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..walk import check_ins, key_results, kind
from ..workspace import Document

ID = "check-in-kind"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    for path, _objective, kr in key_results(doc):
        what = kind(kr)
        wanted, wrong = ("done", "value") if what == "milestone" else ("value", "done")
        for i, entry in enumerate(check_ins(kr)):
            where = (*path, "check_ins", i)
            if wrong in entry:
                yield Finding(
                    (*where, wrong),
                    say(
                        "a {kind} key result's check-in reports `{wanted}`, not `{wrong}`; "
                        "leave both out for an update without a new measurement",
                        kind=what,
                        wanted=wanted,
                        wrong=wrong,
                    ),
                    at="key",
                )
