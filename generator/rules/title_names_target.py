"""Style: a metric key result's title names its target, and a threshold's title its bound.

The site shows every key result's target beside its title, so a title without the number is
still measurable; this rule is a house style some companies like (off by default): the title
alone then reads as the full promise, in a slide or a chat message. Amounts are read as
people write them (`10k`, `$3 million`, `double`, `二十`, `百分之九十`); see
`key-result-is-measurable`.

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
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .. import numbers, scoring
from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..quantities import mentions
from ..walk import key_results
from ..workspace import Document

ID = "title-names-target"
SEVERITY = Severity.OFF
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True


def _unit(spec: Mapping[str, Any]) -> str:
    return f" {spec['unit']}" if spec.get("unit") else ""


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    for path, _objective, kr in key_results(doc):
        title = kr["title"]
        metric, threshold = kr.get("metric"), kr.get("threshold")
        if metric is not None and "target" in metric and not mentions(title, metric["target"]):
            target = numbers.show(metric["target"])
            start = f"from {numbers.show(metric['start'])} " if "start" in metric else ""
            yield Finding(
                (*path, "title"),
                say(
                    "the title does not mention the target ({target}{unit}); say where the "
                    "number ends, e.g. '... {start}to {target}'",
                    target=target,
                    unit=_unit(metric),
                    start=start,
                ),
            )
        elif threshold is not None:
            bounds = [b for b in scoring.BOUNDS if b in threshold]
            if bounds and not any(mentions(title, threshold[b]) for b in bounds):
                words = " and ".join(
                    f"{b.replace('_', ' ')} {numbers.show(threshold[b])}{_unit(threshold)}"
                    for b in bounds
                )
                yield Finding(
                    (*path, "title"),
                    say(
                        "the title does not name the bound ({bound}); say the level to hold, "
                        "e.g. 'Keep ... {bound}'",
                        bound=words,
                    ),
                )
