"""An objective is not only milestones: at least one key result measures the outcome.

Milestones say that work got done; a metric or a threshold says whether the work changed
anything. An objective whose key results are all milestones is a plan, not evidence that the
objective was reached: add at least one metric or threshold key result.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - {id: KR1, title: The failover runbook is published, milestone: true}
      - {id: KR2, title: The status page is live, milestone: true}
```

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - {id: KR1, title: The failover runbook is published, milestone: true}
      - id: KR2
        title: Cut mean time to recovery from 95 to 30 minutes
        metric: {start: 95, target: 30, unit: min}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..walk import kind, whole_objectives
from ..workspace import Document

ID = "milestones-only"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    for path, objective, krs in whole_objectives(doc):
        found = [kind(kr) for _, kr in krs]
        if found and all(k == "milestone" for k in found):
            yield Finding(
                (*path, "key_results"),
                say(
                    "every key result of objective {objective} is a milestone: that is a "
                    "plan, not evidence of the outcome; add at least one metric or threshold",
                    objective=objective["id"],
                ),
                at="key",
            )
