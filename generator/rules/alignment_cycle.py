"""Alignment and the team tree have no cycles, and the team tree has exactly one root.

`aligns_with` links flow toward the company's objectives; a loop (A supports B, B supports A)
means neither is grounded in strategy, and the site could not draw the alignment tree. The same
holds for `parent` links between teams in org.yaml: exactly one team (the company root) has no
parent, and following parents from any team must reach it. A key-result reference counts as a
link to its objective. Every link on a loop is reported, in the file that holds it.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: [platform/O1]
    key_results: []
```

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: [acme/O1]
    key_results: []
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..alignment import parse_ref
from ..context import Context
from ..periods import period_id
from ..problem import DataPath, Finding, Severity
from ..walk import objectives
from ..workspace import Document

ID = "alignment-cycle"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {}
NEEDS_VALID = True

Node = tuple[str, str, str]  # (period, team, objective)


@dataclass(frozen=True)
class Edge:
    source: Node
    target: Node
    path: DataPath


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind == "org":
        yield from _team_tree(doc)
    elif doc.kind == "team":
        graph: _Graph = ctx.memo.get(ID) or ctx.memo.setdefault(ID, _Graph.build(ctx))
        for edge in graph.edges_by_file.get(id(doc), []):
            loop = graph.loop(edge)
            if loop:
                shown = " → ".join(
                    f"{t}/{o}" if p == edge.source[0] else f"{p}:{t}/{o}" for p, t, o in loop
                )
                yield Finding(
                    edge.path,
                    f"alignment cycle: {shown}; alignment must lead toward the company's "
                    "objectives, so remove one of these links",
                    confidential=any(node in graph.secret for node in loop),
                )


class _Graph:
    def __init__(self) -> None:
        self.out: dict[Node, list[Node]] = {}
        self.edges_by_file: dict[int, list[Edge]] = {}
        self.secret: set[Node] = set()
        self._components: dict[Node, int] | None = None

    @classmethod
    def build(cls, ctx: Context) -> _Graph:
        graph = cls()
        known: set[Node] = set()
        for doc in ctx.workspace.teams:
            if doc.valid:
                period = period_id(doc.data["period"])
                for _, o in objectives(doc.data):
                    node = (period, doc.data["team"], o["id"])
                    known.add(node)
                    if o.get("confidential"):
                        graph.secret.add(node)
        for doc in ctx.workspace.teams:
            if not doc.valid:
                continue
            period = period_id(doc.data["period"])
            for path, objective in objectives(doc.data):
                source = (period, doc.data["team"], objective["id"])
                for j, text in enumerate(objective.get("aligns_with") or []):
                    ref = parse_ref(text)
                    if ref is None:
                        continue
                    target = (ref.in_period(period), ref.team, ref.objective)
                    if target in known:
                        graph.out.setdefault(source, []).append(target)
                        edge = Edge(source, target, (*path, "aligns_with", j))
                        graph.edges_by_file.setdefault(id(doc), []).append(edge)
        return graph

    def components(self) -> dict[Node, int]:
        """Strongly connected components (Tarjan's algorithm, iterative), computed once: an edge
        lies on a loop only inside one, so edges elsewhere cost nothing to clear."""
        if self._components is not None:
            return self._components
        index: dict[Node, int] = {}
        low: dict[Node, int] = {}
        component: dict[Node, int] = {}
        stack: list[Node] = []
        on_stack: set[Node] = set()
        for start in list(self.out):
            if start in index:
                continue
            work = [(start, 0)]
            while work:
                node, position = work.pop()
                if position == 0:
                    index[node] = low[node] = len(index)
                    stack.append(node)
                    on_stack.add(node)
                successors = self.out.get(node, [])
                if position < len(successors):
                    work.append((node, position + 1))
                    nxt = successors[position]
                    if nxt not in index:
                        work.append((nxt, 0))
                    elif nxt in on_stack:
                        low[node] = min(low[node], index[nxt])
                    continue
                if low[node] == index[node]:
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component[member] = index[node]
                        if member == node:
                            break
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
        self._components = component
        return component

    def loop(self, edge: Edge) -> list[Node] | None:
        """The shortest loop through `edge` (source → target → ... → source), if any."""
        if edge.target == edge.source:
            return [edge.source, edge.source]
        components = self.components()
        if components.get(edge.source) != components.get(edge.target, -1):
            return None
        previous: dict[Node, Node] = {edge.target: edge.source}
        frontier = [edge.target]
        while frontier:
            following = []
            for node in frontier:
                for nxt in self.out.get(node, []):
                    if nxt == edge.source:
                        chain = [node]
                        while chain[-1] != edge.target:
                            chain.append(previous[chain[-1]])
                        return [edge.source, *reversed(chain), edge.source]
                    if nxt not in previous:
                        previous[nxt] = node
                        following.append(nxt)
            frontier = following
        return None


def _team_tree(doc: Document) -> Iterator[Finding]:
    teams = doc.data["teams"]
    parents = {t["id"]: t.get("parent") for t in teams}
    roots = [i for i, t in enumerate(teams) if not t.get("parent")]
    if not roots:
        yield Finding(
            ("teams",),
            "no team is the company root; exactly one team must have no `parent`",
            at="key",
        )
    for i in roots[1:]:
        first = teams[roots[0]]["id"]
        yield Finding(
            ("teams", i, "id"),
            f"team '{teams[i]['id']}' has no parent, but '{first}' is already the company root; "
            f"give it a parent (e.g. parent: {first})",
        )
    looped = _on_loops(parents)
    for i, team in enumerate(teams):
        if team["id"] in looped:
            yield Finding(
                ("teams", i, "parent"),
                f"team parents form a loop: {_loop_from(team['id'], parents)}; every chain of "
                "parents must end at the company root",
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
