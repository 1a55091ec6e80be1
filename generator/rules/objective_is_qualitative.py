"""An objective's title is qualitative: it states no amount to reach.

The objective says what we want and why it inspires; the key results say how we will know,
with numbers. An amount in an objective's title is usually a key result in disguise. Amounts
are read as people write them, in digits or words and in English or Chinese ("20 %",
"$3 million", "three", "double", "二十", "百分之九十", "翻倍"). What merely holds a digit
is not an amount: a quarter, a year or a range of years ("in Q3", "by 2026", "2022-2023"), a
date, a version ("2.0", "Kubernetes 1.25", "Ship Parsnip 3.0", "after the 1.29 incident",
"2.0 版本") or a name ("Web3", "SOC 2", "the Argonaut 2020 project", "the US Core 4 use case",
"the 311 call centre", "12345 热线", "双十一", "三级甲等", "5G", "7×24"), a year the title is about
("Make 2027 our best year", "the 2026 intake"), a span of time ahead ("for the next three
years", "the first ten minutes"); nor is "one" in "one of the best", "no one", "one-stop" or
closing its clause ("a shared asset, not a departmental one");
nor a weight ("(weight 30 %)", or shares closing the file's objective titles that add up to
100: "（40%）", "（40%）", "（20%）").

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

from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..quantities import quantities, without_weights
from ..textsafe import quote
from ..walk import objectives
from ..workspace import Document

ID = "objective-is-qualitative"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    found = list(objectives(doc))
    titles = without_weights([objective["title"] for _, objective in found])
    for (path, _objective), title in zip(found, titles, strict=True):
        amounts = quantities(title)
        if amounts:
            yield Finding(
                (*path, "title"),
                say(
                    "the objective's title states an amount ({amount}); state the goal in "
                    "words and move the number into a key result",
                    amount=quote(amounts[0].text),
                ),
            )
