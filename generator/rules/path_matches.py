"""A team file's path names its period and team, and says the same as its `team:` and `period:`.

Team files live at `okrs/<period>/<team>.yaml`. The `team:` field must equal the file name and
the `period:` field the folder name; the team must exist in `okrs/org.yaml`, and the period must
be a standard id (`2026`, `2026-H1`, `2026-Q4`) or a custom one declared under `periods:` in
org.yaml. Other YAML files in `okrs/` are reported, because the site would silently ignore them.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platfrom
period: 2026-Q4
objectives: []
```

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives: []
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..options import Option
from ..periods import period_id
from ..problem import Finding, Severity, say
from ..textsafe import quote
from ..workspace import Document

ID = "path-matches"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = False  # stray files are reported whatever they hold
NEEDS_ORG = True  # judged against org.yaml: skipped while it cannot be read

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind == "stray" and not doc.refused:  # a refused path has its own finding
        yield Finding(
            (),
            say(
                "OKR files live at okrs/<period>/<team>.yaml (and okrs/org.yaml); move this "
                "file there or out of okrs/"
            ),
            position=(1, 1),
        )
        return
    if doc.kind != "team" or not doc.valid:
        return
    team, period = doc.data["team"], period_id(doc.data["period"])
    if doc.path.suffix != ".yaml" or not _SLUG.match(doc.stem) or len(doc.stem) > 64:
        yield Finding(
            ("team",),
            say(
                "the file name {name} must be <team id>.yaml with a lowercase team id",
                name=quote(doc.path.name),
            ),
        )
    elif team != doc.stem:
        yield Finding(
            ("team",),
            say(
                "team {team} does not match the file name {name}; rename the file to "
                "{team_id}.yaml or set team: {stem}",
                team=quote(team),
                name=quote(doc.path.name),
                team_id=team,
                stem=doc.stem,
            ),
        )
    if period != doc.folder:
        yield Finding(
            ("period",),
            say(
                "period {period} does not match the folder {folder}; move the file to "
                "okrs/{period_id}/ or set period: {folder_id}",
                period=quote(period),
                folder=quote(doc.folder),
                period_id=period,
                folder_id=doc.folder,
            ),
        )
    if not ctx.org.teams:  # a file is either published or named in a finding
        yield Finding(
            ("team",),
            say(
                "okrs/org.yaml lists no team (it is missing or has errors), so this file "
                "cannot be checked against it or published; fix okrs/org.yaml first"
            ),
        )
    elif team not in ctx.org.teams:
        yield Finding(
            ("team",),
            say(
                "team {team} is not in okrs/org.yaml; add it under `teams:` first", team=quote(team)
            ),
        )
    if ctx.org.periods.get(period) is None:
        yield Finding(
            ("period",),
            say(
                "{period} is not a standard period (YYYY, YYYY-H1/H2, YYYY-Q1..Q4); declare it "
                "in okrs/org.yaml under `periods:` with start and end dates",
                period=quote(period),
            ),
        )
