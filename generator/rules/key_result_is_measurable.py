"""A key result says what number it reaches: a metric's title names its target, and no title
leans on a vague word ("improve", "better", "more") without a number.

Anyone reading the site should be able to tell from the title alone what success looks like.
Numbers in titles may use thousands separators and the suffixes k, M, 万 and 亿 (`10k`,
`1,000`, `50万`); `€5M` matches a target of 5 (in a unit of €M) as well as 5000000.

Options:

- `vague-words` (default: improve, better, more, increase, enhance, optimize, optimise,
  提升, 改善, 提高, 优化, 更好, 更多): words that need a number beside them.

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
from ..problem import Finding, Severity
from ..walk import key_results
from ..workspace import Document

ID = "key-result-is-measurable"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {
    "vague-words": [
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
}
NEEDS_VALID = True

_NUMBER = re.compile(r"(\d[\d,.\u202f' ]*\d|\d)\s*(k|K|M|万|亿)?")
_SCALE = {"k": 1e3, "K": 1e3, "M": 1e6, "万": 1e4, "亿": 1e8}


def numbers(title: str) -> set[float]:
    """Every number a title may mean: `1,000` is 1000, `99,95` may be 99.95."""
    found: set[float] = set()
    for match in _NUMBER.finditer(title):
        raw, suffix = match.group(1), match.group(2)
        # `€5M` may mean 5 in a unit of €M, or five million: accept both readings
        scales = {1.0, _SCALE.get(suffix or "", 1.0)}
        plain = re.sub(r"[\u202f' ]", "", raw)
        for candidate in (plain.replace(",", ""), plain.replace(".", "").replace(",", ".")):
            try:
                value = float(candidate)
            except ValueError:
                continue
            found.update(value * scale for scale in scales)
    return found


def mentions(title: str, value: float) -> bool:
    return any(abs(n - value) <= 1e-9 * max(1.0, abs(value)) for n in numbers(title))


def _vague(title: str, words: list[str]) -> str | None:
    lowered = title.lower()
    for word in words:
        if word.isascii():
            if re.search(rf"\b{re.escape(word.lower())}\b", lowered):
                return word
        elif word in title:
            return word
    return None


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team":
        return
    for path, _objective, kr in key_results(doc.data):
        title = kr["title"]
        metric = kr.get("metric")
        has_number = bool(re.search(r"\d", title))
        vague = _vague(title, options["vague-words"])
        if metric is not None and not mentions(title, metric["target"]):
            target = f"{metric['target']:g}{(' ' + metric['unit']) if metric.get('unit') else ''}"
            yield Finding(
                (*path, "title"),
                f"the title does not mention the target ({target}); say where the number "
                f"ends, e.g. '... from {metric['start']:g} to {metric['target']:g}'",
            )
        elif vague and not has_number:
            yield Finding(
                (*path, "title"),
                f"'{vague}' without a number is vague; say from what to what, or by when",
            )
