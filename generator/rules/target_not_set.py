"""A metric key result has a `target`.

Real OKRs are often drafted before every number is known, so a metric may leave its target out
while the team agrees it; the file is valid and the site shows "target not set". But a key
result without a target cannot be scored: it counts as progress 0 in every roll-up until the
target is written, and nobody can tell at the end whether it was reached. (A missing `start`
is fine: the first check-in's value is then the baseline.)

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - id: KR1
        title: Cut p99 API latency
        metric: {start: 850, unit: ms}
```

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - id: KR1
        title: Cut p99 API latency to 300 ms, from a baseline measured in the first week
        metric: {target: 300, unit: ms}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..walk import key_results, kr_name
from ..workspace import Document

ID = "target-not-set"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    for path, objective, kr in key_results(doc):
        metric = kr.get("metric")
        if metric is not None and "target" not in metric:
            yield Finding(
                (*path, "metric"),
                say(
                    "key result {key_result} has no target yet: it cannot be scored and "
                    "counts as 0 % until `target:` is written under `metric:`",
                    key_result=kr_name(objective, kr),
                ),
                at="key",
            )
