"""A key result's `source` names a data source that `okr-sources.yaml` declares.

`okr sync` reads a key result's value from the source its `source:` names; the sources
themselves (a command, a JSON or CSV file or URL, and the secrets they need) are declared only
in `okr-sources.yaml` beside the `okrs/` folder, which the root team owns, so nothing a team
file says is ever run or fetched. A name that the file does not declare would silently never
update. The rule also reports mistakes in `okr-sources.yaml` itself at their line and column
(an unknown field, two sources with one id, a source with both `command` and `csv`, a JSON
source without `field`, a header using a variable not listed under `env`).

**Fails:**

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
        source: api-latency
```

**Passes:**

```yaml okr-sources.yaml
sources:
  - id: api-latency
    url: https://metrics.example.com/latency.json
    field: p99.latest
```

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
        source: api-latency
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..suggest import closest
from ..textsafe import quote
from ..walk import key_results, kr_name
from ..workspace import Document

ID = "source-declared"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True  # a broken file: its sound parts (walk), like every content rule


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind != "team" or not doc.loaded or not isinstance(doc.data, dict):
        return  # an empty or broken file: the schema and syntax rules say what it lacks
    declared = ctx.sources
    for path, objective, kr in key_results(doc):
        source = kr.get("source")
        if not isinstance(source, str) or source in declared.ids:
            continue
        values = {
            "key_result": kr_name(objective, kr), "source": quote(source),
            "file": declared.display,
        }  # fmt: skip
        near = closest(source, declared.ids) if declared.present else None
        if not declared.present:
            message = say(
                "key result {key_result} reads its value from source {source}, but there is "
                "no {file} beside okrs/ to declare it (okr sync would never update it)",
                **values,
            )
        elif near:
            message = say(
                "key result {key_result} reads its value from source {source}, but {file} "
                "does not declare it; did you mean {near}? (okr sync would never update it)",
                near=quote(near), **values,
            )  # fmt: skip
        else:
            message = say(
                "key result {key_result} reads its value from source {source}, but {file} "
                "does not declare it (okr sync would never update it)",
                **values,
            )
        yield Finding((*path, "source"), message)
