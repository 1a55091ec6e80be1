"""A metric key result's `start` differs from its `target`, and a threshold band's lower bound
lies below its upper bound.

Progress is `(latest - start) / (target - start)`: with equal start and target there is nothing
to achieve and no progress to compute. To keep a number where it is, use a `threshold`
(`at_least` or `at_most`) instead. Values that differ as written but not by more than a
billionth of their size (`0.1` and `0.10000000000000001`, `0` and `5e-324`) count as equal.
A band (`at_least` or `above` with `at_most` or `below`) holds only values between its
bounds, so a lower bound at or above the upper one can never hold.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - id: KR1
        title: Keep the error budget at 20 incidents
        metric: {start: 20, target: 20}
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
        title: Keep incidents at or below 20 per month
        threshold: {at_most: 20}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .. import numbers, scoring
from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..walk import key_results
from ..workspace import Document

ID = "metric-range"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    for path, _objective, kr in key_results(doc):
        threshold = kr.get("threshold")
        if threshold is not None:
            yield from _band(path, threshold)
        metric = kr.get("metric")
        if metric is None or "start" not in metric or "target" not in metric:
            continue  # a baseline still to measure, or a target still to set (target-not-set)
        if scoring.distinguishable(metric["start"], metric["target"]):
            continue
        start = numbers.show(metric["start"])
        yield Finding(
            (*path, "metric", "target"),
            say(
                "target equals start ({start}): there is nothing to achieve; set the target "
                "you aim for, or use `threshold: {{at_least: ...}}` to hold a level",
                start=start,
            )
            if metric["start"] == metric["target"]
            else say(
                "target is too close to start ({start}): there is nothing to achieve; set the "
                "target you aim for, or use `threshold: {{at_least: ...}}` to hold a level",
                start=start,
            ),
        )


def _band(path: tuple[str | int, ...], threshold: Mapping[str, Any]) -> Iterator[Finding]:
    lower = next((b for b in scoring.LOWER_BOUNDS if b in threshold), None)
    upper = next((b for b in scoring.UPPER_BOUNDS if b in threshold), None)
    if lower is None or upper is None or threshold[lower] < threshold[upper]:
        return
    yield Finding(
        (*path, "threshold", upper),
        say(
            "the band's lower bound ({lower} {low}) is not below its upper bound ({upper} "
            "{high}): no value can hold it; swap them or fix one",
            lower=lower.replace("_", " "),
            low=numbers.show(threshold[lower]),
            upper=upper.replace("_", " "),
            high=numbers.show(threshold[upper]),
        ),
        at="key",
    )
