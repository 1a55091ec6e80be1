"""A reader can tell at the end of the period whether the key result was reached: no title leans
on a vague word ("improve", "better", "more") about its result without an amount.

The target itself may live in the key result's fields (the site shows it beside the title),
so a title that does not repeat the number is not vague; `title-names-target` (off by
default) is the house style that asks for it, and `target-not-set` the warning for a metric
with no target at all.
Amounts are read as people write them: thousands separators and decimal commas (`1,000`,
`99,95`), scales (`10k`, `3m`, `$3 million`, `50万`, `2亿`), multipliers (`2x`, `double`,
`翻倍`), fractions (`half`, `一半`, `百分之九十`), number words (`three`, `a dozen`,
`twenty-five`, `二十`) and `all`/`every`/`全部` for 100 %. `€5M` matches a target of 5 (in a
unit of €M) as well as 5,000,000. A quarter, a year or a date is not an amount ("by Q3"
does not make "improve onboarding" measurable).

Options:

- `vague-words` (default: improve, better, more, increase, enhance, optimize, optimise,
  提升, 改善, 提高, 优化, 更好, 更多): words that need an amount beside them.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results:
      - id: KR1
        title: Improve API latency
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

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..options import Option, words
from ..problem import Finding, Severity
from ..quantities import states_amount
from ..walk import key_results
from ..workspace import Document

ID = "key-result-is-measurable"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {
    "vague-words": words(
        [
            "improve",
            "better",
            "more",
            "increase",
            "enhance",
            "optimize",
            "optimise",
            "提升",
            "改善",
            "提高",
            "优化",
            "更好",
            "更多",
        ]
    )
}
NEEDS_VALID = True


def _vague(title: str, words: list[str]) -> str | None:
    lowered = title.lower()
    for word in words:
        if word.isascii():
            if re.search(rf"\b{re.escape(word.lower())}\b", lowered):
                return word
        elif word in title:
            return word
    return None


def _unit(spec: Mapping[str, Any]) -> str:
    return f" {spec['unit']}" if spec.get("unit") else ""


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    for path, _objective, kr in key_results(doc):
        title = kr["title"]
        vague = _vague(title, options["vague-words"])
        if vague and not states_amount(title):
            yield Finding(
                (*path, "title"),
                f"'{vague}' without an amount is vague; say from what to what, or by when",
            )
