"""Each objective has 2 to 5 key results by default.

One key result rarely shows that an objective is reached (it can be met in a way that misses
the point); more than five spreads attention thin. The bounds are options.

Options:

- `min` (default 2, at most 1000): the fewest key results per objective.
- `max` (default 5, at most 1000): the most key results per objective.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - {id: KR1, title: Ship the failover runbook, milestone: true}
```

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - {id: KR1, title: Ship the failover runbook, milestone: true}
      - {id: KR2, title: Availability holds at 99.95 %, threshold: {at_least: 99.95}}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..numbers import plural
from ..options import Option, count
from ..problem import Finding, Severity, say
from ..walk import objectives
from ..workspace import Document
from .objective_count import check_options  # noqa: F401  (same min <= max constraint)

ID = "key-result-count"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {"min": count(2, 1000), "max": count(5, 1000)}
NEEDS_VALID = True


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    low, high = options["min"], options["max"]
    for path, objective in objectives(doc):
        count = len(objective["key_results"])
        if count < low:
            yield Finding(
                (*path, "key_results"),
                say(
                    "objective {objective} has {key_results}; give it at least {low} so that "
                    "reaching it is measured from more than one side",
                    objective=objective["id"],
                    key_results=plural(count, "key result"),
                    count=count,
                    low=low,
                ),
                at="key",
            )
        elif count > high:
            yield Finding(
                (*path, "key_results"),
                say(
                    "objective {objective} has {key_results}; keep at most {high} and move "
                    "the rest to initiatives",
                    objective=objective["id"],
                    key_results=plural(count, "key result"),
                    count=count,
                    high=high,
                ),
                at="key",
            )
