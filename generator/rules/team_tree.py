"""The team tree has exactly one root, and every chain of parents ends at it.

Exactly one team in org.yaml (the company root) has no `parent`; following parents from any
team must reach it. A loop of parents (A's parent is B, B's parent is A) leaves its teams out
of the company: their objectives have nowhere to align, and the site cannot place them.
Each team on a loop is reported at its `parent`.

**Fails:**

```yaml okrs/org.yaml
company:
  name: Acme Corp
teams:
  - {id: acme, name: Acme Corp}
  - {id: platform, name: Platform, parent: engineering}
  - {id: engineering, name: Engineering, parent: platform}
```

**Passes:**

```yaml okrs/org.yaml
company:
  name: Acme Corp
teams:
  - {id: acme, name: Acme Corp}
  - {id: engineering, name: Engineering, parent: acme}
  - {id: platform, name: Platform, parent: engineering}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..options import Option
from ..problem import Finding, Severity, say
from ..textsafe import quote
from ..workspace import Document

ID = "team-tree"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind == "org":
        yield from _team_tree(doc)


def _team_tree(doc: Document) -> Iterator[Finding]:
    teams = doc.data["teams"]
    parents = {t["id"]: t.get("parent") for t in teams}
    roots = [i for i, t in enumerate(teams) if not t.get("parent")]
    if not roots:
        yield Finding(
            ("teams",),
            say("no team is the company root; exactly one team must have no `parent`"),
            at="key",
        )
    for i in roots[1:]:
        first = teams[roots[0]]["id"]
        yield Finding(
            ("teams", i, "id"),
            say(
                "team {team} has no parent, but {root} is already the company root; give it a "
                "parent (e.g. parent: {root_id})",
                team=quote(teams[i]["id"]),
                root=quote(first),
                root_id=first,
            ),
        )
    looped = _on_loops(parents)
    for i, team in enumerate(teams):
        if team["id"] in looped:
            yield Finding(
                ("teams", i, "parent"),
                say(
                    "team parents form a loop: {loop}; every chain of parents must end at the "
                    "company root",
                    loop=_loop_from(team["id"], parents),
                ),
            )


_SHOWN = 12  # names of a loop spelled out in a message


def _on_loops(parents: dict[str, Any]) -> set[str]:
    """Every team on a parent loop; each team is visited once (a 10,000-team chain is cheap)."""
    done: set[str] = set()
    looped: set[str] = set()
    for start in parents:
        position: dict[str, int] = {}
        path: list[str] = []
        current = start
        while current in parents and current not in done and current not in position:
            position[current] = len(path)
            path.append(current)
            current = parents[current]
        if current in position:
            looped.update(path[position[current] :])
        done.update(path)
    return looped


def _loop_from(tid: str, parents: dict[str, Any]) -> str:
    chain = [tid]
    current = parents.get(tid)
    while current != tid and len(chain) < _SHOWN:
        chain.append(str(current))
        current = parents.get(current)
    return " → ".join([*chain, tid] if current == tid else [*chain, "…"])
