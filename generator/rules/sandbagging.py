"""Aspirational goals were not met in full almost everywhere: stretch goals should stretch.

Aspirational key results are healthy at 0.6 to 0.7 at the end of a period; if a team scored
1.0 on 75 % or more of them (with at least four of them), the goals were safe, not
aspirational. Either aim higher next period, or mark goals you must hit as `committed`.
Checked once the period has ended, on the grades given (`score`).

Options:

- `share` (default 0.75): the share of aspirational key results at 1.0 that is too many.
- `min-key-results` (default 4, at most 100000): fewer aspirational key results than this
  are not judged.

**Fails:**

```yaml okrs/2026-Q3/platform.yaml
team: platform
period: 2026-Q3
retrospective: Everything went to plan.
objectives:
  - id: O1
    title: Make deploys a non-event
    key_results:
      - {id: KR1, title: Deploys take 10 min, metric: {start: 40, target: 10}, score: 1.0}
      - {id: KR2, title: Rollbacks fall to 3, metric: {start: 9, target: 3}, score: 1.0}
      - {id: KR3, title: Coverage is 80 %, metric: {start: 60, target: 80}, score: 1.0}
      - {id: KR4, title: Builds take 8 min, metric: {start: 20, target: 8}, score: 0.8}
```

**Passes:**

```yaml okrs/2026-Q3/platform.yaml
team: platform
period: 2026-Q3
retrospective: The coverage push stalled on the legacy jobs.
objectives:
  - id: O1
    title: Make deploys a non-event
    key_results:
      - {id: KR1, title: Deploys take 10 min, metric: {start: 40, target: 10}, score: 1.0}
      - {id: KR2, title: Rollbacks fall to 3, metric: {start: 9, target: 3}, score: 0.7}
      - {id: KR3, title: Coverage is 80 %, metric: {start: 60, target: 80}, score: 0.6}
      - {id: KR4, title: Builds take 8 min, metric: {start: 20, target: 8}, score: 0.8}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..numbers import plural
from ..options import Option, count, share
from ..problem import Finding, Severity, say
from ..walk import key_results, kr_type, whole
from ..workspace import Document

ID = "sandbagging"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {"share": share(0.75), "min-key-results": count(4, 100_000)}
NEEDS_VALID = True
NEEDS_ORG = True  # judged against org.yaml: skipped while it cannot be read


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    period = ctx.period_of(doc)
    if period is None or ctx.today <= period.end or not whole(doc):
        return  # a share of the team's key results needs every one of them
    scores = [
        kr.get("score")
        for _path, objective, kr in key_results(doc)
        if kr_type(objective, kr) == "aspirational"
    ]
    perfect = sum(1 for s in scores if s == 1)
    if len(scores) >= options["min-key-results"] and perfect >= options["share"] * len(scores):
        yield Finding(
            ("objectives",),
            say(
                "{perfect} of {key_results} scored 1.0 in {period}: goals met in full were not "
                "stretching; aim higher next period, or mark the goals you must hit as "
                "committed",
                perfect=perfect,
                key_results=plural(len(scores), "aspirational key result"),
                count=len(scores),
                period=period.id,
            ),
            at="key",
        )
