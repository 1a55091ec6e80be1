"""An objective's title is qualitative: no numbers or percentages.

The objective says what we want and why it inspires; the key results say how we will know,
with numbers. A number in an objective's title is usually a key result in disguise.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Reach 99.95 % availability
    key_results: []
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

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..problem import Finding, Severity
from ..walk import objectives
from ..workspace import Document

ID = "objective-is-qualitative"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {}
NEEDS_VALID = True

_NUMBER = re.compile(r"\d|%|％")


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    for path, objective in objectives(doc.data):
        if _NUMBER.search(objective["title"]):
            yield Finding(
                (*path, "title"),
                "the objective's title holds a number; state the goal in words and move the "
                "number into a key result",
            )
