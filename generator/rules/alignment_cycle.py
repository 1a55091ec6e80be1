"""Alignment has no cycles: following `aligns_with` from an objective never leads back to it.

`aligns_with` links flow toward the company's objectives; a loop (A supports B, B supports A)
means neither is grounded in strategy, and the site could not draw the alignment tree. A
key-result reference counts as a link to its objective. Every link on a loop is reported,
in the file that holds it. (Loops in the team tree are the `team-tree` rule's.)

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: [platform/O1]
    key_results: []
```

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

from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..workspace import Document

ID = "alignment-cycle"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True
NEEDS_ORG = True  # judged against org.yaml: skipped while it cannot be read


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    facts = ctx.alignment
    for edge in facts.edges.get(doc.display, []):
        loop = facts.graph.loop(edge)
        if loop:
            shown = " → ".join(
                f"{t}/{o}" if p == edge.source[0] else f"{p}:{t}/{o}" for p, t, o in loop
            )
            yield Finding(
                edge.path,
                say(
                    "alignment cycle: {cycle}; alignment must lead toward the company's "
                    "objectives, so remove one of these links",
                    cycle=shown,
                ),
                confidential=any(node in facts.secret for node in loop),
            )
