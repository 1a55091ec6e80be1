"""A reference into OKRs still to be written: checked once the file exists.

Teams draft the next period's OKRs before the company has published its own. A reference
(`aligns_with`) to a team's objective in a period that has not started yet, or that holds no
team file at all yet, cannot be checked: this warning says which file it waits for, and the
pull request and the site go on. Once the referenced period has started and holds files, a
reference that still does not resolve is an error (`reference-resolves`).

**Fails:**

```yaml okrs/2027-Q1/platform.yaml
team: platform
period: 2027-Q1
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: [acme/O1]
    key_results: []
```

(the company has no okrs/2027-Q1/acme.yaml yet)

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: [acme/O1]
    key_results: []
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..alignment import Problem, references
from ..context import Context
from ..options import Option
from ..periods import period_id
from ..problem import Finding, Severity, say
from ..textsafe import quote
from ..workspace import Document

ID = "reference-pending"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True
NEEDS_ORG = True  # judged against org.yaml: skipped while it cannot be read


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    own = period_id(doc.data["period"])
    for entry in references(doc):
        found = ctx.alignment.targets.resolve(entry.text, own)
        if found.ref is None or found.problem is not Problem.NO_FILE:
            continue
        if ctx.awaited(found.period, found.ref.team):
            dates = ctx.org.periods.get(found.period)
            values = {
                "reference": quote(entry.text), "team": found.ref.team, "period": found.period,
            }  # fmt: skip
            yield Finding(
                entry.path,
                say(
                    "{reference}: {team} has no OKRs for {period} yet ({period} starts on "
                    "{start}); the link is checked once okrs/{period}/{team}.yaml exists",
                    start=dates.start,
                    **values,
                )
                if dates and dates.start > ctx.today
                else say(
                    "{reference}: {team} has no OKRs for {period} yet ({period} has no "
                    "files); the link is checked once okrs/{period}/{team}.yaml exists",
                    **values,
                ),
            )
