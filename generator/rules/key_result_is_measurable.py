"""A reader can tell at the end of the period whether the key result was reached.

A threshold holds a level and a metric with a `target` is compared with that number (the site
shows it beside the title), so both are measurable whatever the title says; a title that does
not repeat the number is a style question (`title-names-target`, off by default). This rule
warns about the key results nobody could judge:

- a metric **without a target** whose title states no amount either ("Increase usage of
  plugins", "Reach N₀ MAU", "Have [redacted] in savings": a placeholder is not an amount;
  `target-not-set` says the same for every metric without a target);
- a **milestone** whose result is a comparison without an amount ("Better onboarding",
  "Make junctions safer", "社区氛围更加友好", "招聘效率明显提高"), a quality nobody counted
  ("Reliable alerting on all services"), a feeling ("Staff feel valued"),
  an open-ended effort ("Learn Rust", "Make progress on the spec", "Keep publishing the
  digest", "Establish team practices", "对 Go Runtime 建立系统理解"), a question or a
  condition.

Amounts are read as people write them: thousands separators and decimal commas (`1,000`,
`99,95`), `.2`, scales (`10k`, `3m`, `$3 million`, `50万`, `2亿`), units against the number
(`5lbs`, `30mins`), multipliers (`2x`, `double`, `halve`, `翻倍`), fractions (`half`, `a
third`, `一半`, `百分之九十`), number words (`three`, `a dozen`, `二十`). A quarter, a year or
a date is not an amount ("by Q3" does not make "improve onboarding" measurable). Only the
result is judged: a vague word in a side clause that says why ("... to make the events more
inclusive", "Redesign the settings page, improving discoverability", "上线快捷筛选，提高使用率")
or what a thing is for ("Commission murals that improve the look of our branches") does not
count, nor does a word inside a name
("the Open Source Better Together summit"). A milestone that names a thing delivered, in a
done state or by a date, is done or not whatever else it hopes for ("Grow community reach,
with a first mentoring programme launched with two universities"), and so is one that joins
a piece of work to its direction ("Improve and refresh the website",
"优化自动部署，推广到交易程序").

Options:

- `vague-words` (default: improve, better, more, increase, enhance, optimize, grow, reduce,
  boost, strengthen, expand, faster, easier, ... and 提升, 改善, 提高, 优化, 更好, 更多, 增强,
  加强, 增加, 减少, 降低, ...): words that need an amount beside them.

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
        metric: {unit: ms}
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
        title: Improve API latency
        metric: {start: 850, target: 300, unit: ms}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..measurable import VAGUE_WORDS, why_unmeasurable
from ..options import Option, words
from ..problem import Finding, Severity, say
from ..walk import key_results
from ..workspace import Document

ID = "key-result-is-measurable"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Option] = {"vague-words": words(VAGUE_WORDS)}
NEEDS_VALID = True

_ADVICE = {
    "target": say(
        "neither the title nor `metric:` says what number counts as reached; write the "
        "target under `metric:` (or state the amount in the title)"
    ),
    "question": say(
        "a question is not a result; state the answer you aim for as an end state anyone can verify"
    ),
    "condition": say("a condition is not a result; state the end state that counts as reached"),
    "open-ended": say(
        "an open-ended effort has no end anyone can check; name the end state (what "
        "exists, works or is decided) or a number"
    ),
}


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    for path, _objective, kr in key_results(doc):
        why = why_unmeasurable(kr, options["vague-words"])
        if why is None:
            continue
        if why.startswith("vague:"):
            message = say(
                "'{word}' without an amount is vague; say from what to what, or the end state "
                "that counts as done",
                word=why.split(":", 1)[1],
            )
        else:
            message = _ADVICE[why]
        yield Finding((*path, "title"), message)
