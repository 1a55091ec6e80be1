"""A team file has a focused number of objectives: 1 to 5 by default.

OKRs are about focus: with more than a handful of objectives nothing is a priority, and a team
file with none says nothing. The bounds are options.

Options:

- `min` (default 1, at most 1000): the fewest objectives per team file.
- `max` (default 5, at most 1000): the most objectives per team file.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives: []
```

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results: []
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..numbers import plural
from ..options import Option, count
from ..problem import Finding, Severity, say
from ..workspace import Document

ID = "objective-count"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {"min": count(1, 1000), "max": count(5, 1000)}
NEEDS_VALID = True


def check_options(options: Mapping[str, Any]) -> str | None:
    return "`min` must not be larger than `max`" if options["min"] > options["max"] else None


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    count = len(doc.data["objectives"])
    low, high = options["min"], options["max"]
    if count < low:
        yield Finding(
            ("objectives",),
            say(
                "{objectives}; a team needs at least {low}: what matters most this period?",
                objectives=plural(count, "objective"),
                count=count,
                low=low,
            ),
            at="key",
        )
    elif count > high:
        yield Finding(
            ("objectives",),
            say(
                "{objectives}; at most {high} keeps the team focused: merge some or move them "
                "to a later period",
                objectives=plural(count, "objective"),
                count=count,
                high=high,
            ),
            at="key",
        )
