"""Ids are unique: objectives in a file, key results in an objective, teams and people in the org.
A GitHub handle belongs to one person (compared without letter case, as GitHub compares them).

References (`aligns_with: [acme/O2/KR1]`), the site's links and check-in tools find things by
id, so two things with one id make both unreachable. Teams and people share one namespace,
because `recognition.to` may name either; no person may have a team's id. Custom periods may
not reuse a standard period id, since that would silently change its dates.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results: []
  - id: O1
    title: Make deploys a non-event
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
  - id: O2
    title: Make deploys a non-event
    key_results: []
```
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..context import Context
from ..options import Option
from ..periods import standard_period
from ..problem import DataPath, Finding, Severity, say
from ..textsafe import quote
from ..walk import key_results, objectives
from ..workspace import Document

ID = "unique-ids"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind == "team":
        yield from _dupes(
            ((path, o["id"]) for path, o in objectives(doc)), say("objective"), say("in this file")
        )
        by_objective: dict[int, list[tuple[DataPath, str]]] = {}
        for path, _objective, kr in key_results(doc):
            by_objective.setdefault(int(path[1]), []).append((path, kr["id"]))
        for path, objective in objectives(doc):
            yield from _dupes(
                by_objective.get(int(path[1]), []),
                say("key result"),
                say("in objective {objective}", objective=objective["id"]),
            )
    elif doc.kind == "org":
        teams = [(("teams", i), t["id"]) for i, t in enumerate(doc.data["teams"])]
        people = [(("people", i), p["id"]) for i, p in enumerate(doc.data.get("people") or [])]
        yield from _dupes(teams, say("team"), say("in org.yaml"))
        yield from _dupes(people, say("person"), say("in org.yaml"))
        team_ids = {tid for _, tid in teams}
        for path, pid in people:
            if pid in team_ids:
                yield Finding(
                    (*path, "id"),
                    say(
                        "person id {person} is also a team id; teams and people share one "
                        "namespace (recognition may name either): give the person another id",
                        person=quote(pid),
                    ),
                )
        # GitHub reads a handle without letter case: two people with @Alice and @alice are one
        # account, and CODEOWNERS would count one approver twice
        handles: dict[str, str] = {}
        for i, person in enumerate(doc.data.get("people") or []):
            handle = person.get("github")
            if not isinstance(handle, str):
                continue
            if handle.casefold() in handles:
                yield Finding(
                    ("people", i, "github"),
                    say(
                        "{handle} is also the GitHub handle of {other} (GitHub reads handles "
                        "without letter case): one account is one person",
                        handle=quote(handle),
                        other=quote(handles[handle.casefold()]),
                    ),
                )
            else:
                handles[handle.casefold()] = person["id"]
        periods = [(("periods", i), p["id"]) for i, p in enumerate(doc.data.get("periods") or [])]
        yield from _dupes(periods, say("period"), say("in org.yaml"))
        # a period id is a folder name: on macOS and Windows `2027-t1` and `2027-T1` are one
        seen: dict[str, str] = {}
        for path, pid in periods:
            if standard_period(pid.upper()) is not None:
                yield Finding(
                    (*path, "id"),
                    say(
                        "{period} is a standard period id with calendar dates; give the "
                        "custom period another id",
                        period=quote(pid),
                    )
                    if standard_period(pid)
                    else say(
                        "{period} is a standard period id with calendar dates (in other "
                        "letter case); give the custom period another id",
                        period=quote(pid),
                    ),
                )
            elif pid.casefold() in seen and seen[pid.casefold()] != pid:
                yield Finding(
                    (*path, "id"),
                    say(
                        "period id {period} differs from {other} only in letter case; their "
                        "folders would be one folder on macOS and Windows",
                        period=quote(pid),
                        other=quote(seen[pid.casefold()]),
                    ),
                )
            seen.setdefault(pid.casefold(), pid)


def _dupes(items: Iterable[tuple[DataPath, str]], what: str, where: str) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for path, ident in items:
        if ident in seen:
            yield Finding(
                (*path, "id"),
                say(
                    "{what} id {id} is used twice {where} (first as entry {first}); give each "
                    "its own id",
                    what=what,
                    id=quote(ident),
                    where=where,
                    first=seen[ident] + 1,
                ),
            )
        else:
            seen[ident] = int(path[-1])
