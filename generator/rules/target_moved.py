"""(Against a git base) a key result's `start` or `target` did not change after its period started.

Moving the goalposts mid-period hides whether the original goal was reached. When a target
really must change, say so openly: in the pull request, and in a check-in note. This rule only
runs with `okr check --base REV` (as the pull-request workflow does), comparing each metric
key result with the same key result at that revision. It is reported at the new value, with
the old one in the message.

**Fails:**

```yaml okrs/2026-Q4/acme.yaml
team: acme
period: 2026-Q4
objectives:
  - id: O1
    title: Make reliability our best sales argument
    key_results:
      - id: KR1
        title: Cut customer-facing incidents from 12 to 6 per quarter
        metric: {start: 12, target: 6}
```

**Passes:**

```yaml okrs/2026-Q4/acme.yaml
team: acme
period: 2026-Q4
objectives:
  - id: O1
    title: Make reliability our best sales argument
    key_results:
      - id: KR1
        title: Cut customer-facing incidents from 12 to 4 per quarter
        metric: {start: 12, target: 4}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .. import numbers
from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..walk import key_results
from ..workspace import Document

ID = "target-moved"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True
NEEDS_ORG = True  # judged against org.yaml: skipped while it cannot be read


def _base_metrics(data: Any) -> dict[tuple[str, str], dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    if not isinstance(data, dict) or not isinstance(data.get("objectives"), list):
        return found
    for objective in data["objectives"]:
        if not isinstance(objective, dict) or not isinstance(objective.get("key_results"), list):
            continue
        for kr in objective["key_results"]:
            if isinstance(kr, dict) and isinstance(kr.get("metric"), dict):
                found[(str(objective.get("id")), str(kr.get("id")))] = kr["metric"]
    return found


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team" or ctx.base is None:
        return
    period = ctx.period_of(doc)
    if period is None or ctx.today < period.start:
        return
    before = _base_metrics(ctx.base_data(doc))
    for path, objective, kr in key_results(doc):
        old = before.get((objective["id"], kr["id"]))
        if old is None or "metric" not in kr:
            continue
        for end in ("start", "target"):
            if end in old and old[end] != kr["metric"][end]:
                yield Finding(
                    (*path, "metric", end),
                    say(
                        "{field} moved from {old} to {new} after {period} started ({start}); "
                        "keep the goalpost and explain in a check-in note, or agree on the "
                        "change openly in this pull request",
                        field=end,
                        old=numbers.show(old[end]),
                        new=numbers.show(kr["metric"][end]),
                        period=period.id,
                        start=period.start,
                    ),
                )
