"""A team's objective says what it supports, or says explicitly that it stands on its own.

OKRs are set top-down and bottom-up. An objective below the company root usually supports a
company or parent-team objective: `aligns_with: [acme/O2]`. Bottom-up objectives are welcome;
say so with `aligns_with: []`, so a missing link is a decision and not an oversight. The
company root's objectives are exempt.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results: []
```

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: []
    key_results: []
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..walk import objectives
from ..workspace import Document

ID = "unaligned-objective"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True
NEEDS_ORG = True  # judged against org.yaml: skipped while it cannot be read


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team" or doc.data["team"] == ctx.org.root:
        return
    for path, objective in objectives(doc):
        if "aligns_with" not in objective:
            yield Finding(
                (*path, "id"),
                say(
                    "objective {objective} aligns with nothing; add `aligns_with:` with the "
                    "objective it supports (e.g. acme/O1), or `aligns_with: []` if it is "
                    "bottom-up",
                    objective=objective["id"],
                ),
            )
