"""A key result is an outcome, not an activity: its title does not start with a task verb.

"Launch the new onboarding" is work (an initiative); "Activation rises from 20 % to 35 %" is
the result the work should cause. Put activities under the key result's `initiatives:`.
Milestone key results are exempt: a milestone is a deliverable by design.

Options:

- `verbs` (default: launch, implement, do, write, build, create, develop, conduct, organize,
  organise, hold, start, 启动, 实施, 开展, 编写, 组织, 举办): the verbs that start an activity.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - id: KR1
        title: Implement connection pooling to reach 300 ms p99
        metric: {start: 850, target: 300, unit: ms}
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
        title: Cut p99 API latency from 850 ms to 300 ms
        metric: {start: 850, target: 300, unit: ms}
        initiatives:
          - title: Implement connection pooling
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..problem import Finding, Severity
from ..walk import key_results
from ..workspace import Document

ID = "key-result-not-activity"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {
    "verbs": [
        "launch",
        "implement",
        "do",
        "write",
        "build",
        "create",
        "develop",
        "conduct",
        "organize",
        "organise",
        "hold",
        "start",
        "启动",
        "实施",
        "开展",
        "编写",
        "组织",
        "举办",
    ]
}
NEEDS_VALID = True

_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")


def starts_with_activity(title: str, verbs: list[str]) -> str | None:
    match = _FIRST_WORD.match(title)
    first = match.group(1).lower() if match else ""
    for verb in verbs:
        if verb.isascii() and first == verb.lower():
            return verb
        if not verb.isascii() and title.lstrip().startswith(verb):
            return verb
    return None


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    for path, _objective, kr in key_results(doc.data):
        if kr.get("milestone"):
            continue
        verb = starts_with_activity(kr["title"], options["verbs"])
        if verb:
            yield Finding(
                (*path, "title"),
                f"'{verb} ...' describes an activity; state the result it should cause and "
                "list the activity under `initiatives:`",
            )
