"""A reference to another period points to a period that covers this file's period.

Alignment flows from the short term to the long term: a quarter's objective may support its
year's company objectives (`aligns_with: ["2026:acme/O1"]`), but a year cannot depend on a
quarter, and a quarter cannot align with another quarter.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: ["2026-Q3:acme/O1"]
    key_results: []
```

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: ["2026:acme/O1"]
    key_results: []
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..alignment import parse_ref
from ..context import Context
from ..options import Option
from ..problem import Finding, Severity
from ..textsafe import quote
from ..walk import objectives
from ..workspace import Document

ID = "period-cover"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    own = ctx.period_of(doc)
    if own is None:
        return
    for path, objective in objectives(doc):
        for j, text in enumerate(objective.get("aligns_with") or []):
            ref = parse_ref(text)
            if ref is None or ref.period is None:
                continue
            target = ctx.org.periods.get(ref.period)
            if target is not None and not target.covers(own):
                yield Finding(
                    (*path, "aligns_with", j),
                    f"{quote(text)}: {ref.period} ({target.start} to {target.end}) does not cover "
                    f"{own.id} ({own.start} to {own.end}); align with a period that contains "
                    "this one, such as the year's company OKRs",
                )
