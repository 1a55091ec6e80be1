"""A reference to another period points to a period that covers this file's period.

Alignment flows from the short term to the long term: a quarter's objective may support its
year's company objectives (`aligns_with: ["2026:acme/O1"]`). A period that only overlaps this
one is worth a second look: a calendar quarter aligning with a fiscal year that ends inside
it, or a year that depends on one of its quarters. That is this warning. A period that does
not overlap this one at all (a quarter aligning with another quarter) is an error, reported by
`reference-resolves`.

**Fails:**

```yaml okrs/2026/acme.yaml
team: acme
period: 2026
objectives:
  - id: O1
    title: Make reliability our best sales argument
    aligns_with: ["2026-Q4:platform/O1"]
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

from ..alignment import parse_ref, references
from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..textsafe import quote
from ..workspace import Document

ID = "period-cover"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True
NEEDS_ORG = True  # judged against org.yaml: skipped while it cannot be read


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    own = ctx.period_of(doc)
    if own is None:
        return
    for entry in references(doc):
        ref = parse_ref(entry.text)
        if ref is None or ref.period is None:
            continue
        target = ctx.org.periods.get(ref.period)
        if target is not None and target.overlaps(own) and not target.covers(own):
            yield Finding(
                entry.path,
                say(
                    "{reference}: {period} ({start} to {end}) overlaps {own} ({own_start} to "
                    "{own_end}) without covering it; align with a period that contains this "
                    "one, such as the year's company OKRs, unless the overlap is meant (a "
                    "fiscal year beside a calendar year)",
                    reference=quote(entry.text),
                    period=ref.period,
                    start=target.start,
                    end=target.end,
                    own=own.id,
                    own_start=own.start,
                    own_end=own.end,
                ),
            )
