"""No field may hold a rating, salary, bonus or ranking of a person.

OKRs are a tool for delivering strategy, not a performance appraisal. They only work when
people set ambitious goals and report honestly, which stops the moment a grade, a rank or
pay depends on them; and everything in these files is published to the whole company. So no
key anywhere in `okrs/` may look like a rating, ranking, salary, bonus or other pay of a
person. Key results have a `score`: it grades the result, not the person.

A key matches when one of its words (split at `_`, `-` and case changes) is one of: rating,
ratings, rank, ranking, rankings, salary, salaries, bonus, bonuses, compensation, pay, payout,
appraisal, appraisals, raise, promotion, bonus.

**Fails:**

```yaml okrs/org.yaml
company: {name: Example}
teams:
  - {id: acme, name: Acme, lead: dana}
  - {id: platform, name: Platform, parent: acme, lead: alice}
people:
  - {id: dana, name: Dana}
  - {id: alice, name: Alice, performance_rating: 4}
  - {id: bob, name: Bob}
```

**Passes:**

```yaml okrs/org.yaml
company: {name: Example}
teams:
  - {id: acme, name: Acme, lead: dana}
  - {id: platform, name: Platform, parent: acme, lead: alice}
people:
  - {id: dana, name: Dana}
  - {id: alice, name: Alice}
  - {id: bob, name: Bob}
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from ..context import Context
from ..options import Option
from ..problem import DataPath, Finding, Severity, say
from ..textsafe import quote
from ..workspace import Document

ID = "no-appraisal-fields"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = False

FORBIDDEN = frozenset(
    [
        "rating",
        "ratings",
        "rank",
        "ranking",
        "rankings",
        "stackrank",
        "salary",
        "salaries",
        "bonus",
        "bonuses",
        "compensation",
        "pay",
        "payout",
        "appraisal",
        "appraisals",
        "raise",
        "promotion",
    ]
)
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


@lru_cache(maxsize=4096)  # a company's files repeat a few hundred keys thousands of times
def is_appraisal_key(key: str) -> bool:
    return any(word.lower() in FORBIDDEN for word in _WORDS.findall(key))


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if not doc.loaded:
        return
    if doc.keys is not None and not any(is_appraisal_key(key) for key in doc.keys):
        return  # the loader's list of every key: the walk that finds the paths is not needed
    yield from _scan(doc.data, ())


def _scan(value: Any, path: DataPath) -> Iterator[Finding]:
    if isinstance(value, dict):
        for key, item in value.items():
            if is_appraisal_key(key):
                yield Finding(
                    (*path, key),
                    say(
                        "{field} looks like a rating or pay of a person; OKRs are a tool for "
                        "delivering strategy, not a performance appraisal, and everything here "
                        "is public to the whole company: remove this field (a key result's "
                        "`score` grades the result, never the person)",
                        field=quote(key),
                    ),
                    at="key",
                )
            else:
                yield from _scan(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _scan(item, (*path, index))
