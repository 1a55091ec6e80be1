"""After the period ends, every key result has a `score` and the file a `retrospective`.

Grading and a short retrospective close the loop: what did we reach, what did we learn, and
what do we change next period. Scores run from 0.0 to 1.0; committed key results are expected
to reach 1.0, aspirational ones are healthy at 0.6 to 0.7. A retrospective that still holds
the `- (to write)` placeholders of `okr grade --suggest` is not written yet.

**Fails:**

```yaml okrs/2026-Q3/platform.yaml
team: platform
period: 2026-Q3
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - {id: KR1, title: Ship the failover runbook, milestone: true}
```

**Passes:**

```yaml okrs/2026-Q3/platform.yaml
team: platform
period: 2026-Q3
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - {id: KR1, title: Ship the failover runbook, milestone: true, score: 1.0}
retrospective: Rehearsing the runbook twice found two gaps we fixed in time.
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..grading import PLACEHOLDER, unwritten
from ..options import Option
from ..problem import Finding, Severity, say
from ..textsafe import quote
from ..walk import key_results, kr_name
from ..workspace import Document

ID = "ungraded"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True
NEEDS_ORG = True  # judged against org.yaml: skipped while it cannot be read


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    period = ctx.period_of(doc)
    if period is None or ctx.today <= period.end:
        return
    for path, objective, kr in key_results(doc):
        if "score" not in kr:
            yield Finding(
                (*path, "id"),
                say(
                    "{period} has ended: grade key result {key_result} with `score:` (0.0 to 1.0)",
                    period=period.id,
                    key_result=kr_name(objective, kr),
                ),
            )
    retrospective = doc.data.get("retrospective")
    if not retrospective:
        yield Finding(
            ("team",),
            say(
                "{period} has ended: add a `retrospective:` with what the team learned and "
                "will change",
                period=period.id,
            ),
            at="key",
        )
    elif isinstance(retrospective, str) and unwritten(retrospective):
        yield Finding(
            ("retrospective",),
            say(
                "the retrospective still holds {placeholder} lines from `okr grade "
                "--suggest`: write what the team learned in their place",
                placeholder=quote("- " + PLACEHOLDER),
            ),
        )
