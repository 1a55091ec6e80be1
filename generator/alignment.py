"""Alignment, owned here: what an `aligns_with` reference says, what it resolves to, and what
kind of objective that makes each one, for the model, the rules and the pages alike.

A reference is `[<period>:]<team>/<objective>[/<key-result>]`; without a period it means the
referring file's own period. An objective is

- *aligned* when it supports an objective of its own period;
- *outside* when it supports only objectives of other (covering) periods, such as the
  year's company objectives: the pages group it under them;
- *company* when it belongs to the company root and supports nothing in its period;
- *bottom-up* otherwise: it supports nothing, on purpose (`aligns_with: []`) or not yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from .periods import period_id
from .problem import DataPath
from .walk import key_results, objectives
from .workspace import Document

_REF = re.compile(
    r"(?:(?P<period>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*):)?(?P<team>[a-z0-9]+(?:-[a-z0-9]+)*)"
    r"/(?P<objective>[A-Za-z0-9][A-Za-z0-9._-]{0,31})(?:/(?P<kr>[A-Za-z0-9][A-Za-z0-9._-]{0,31}))?"
    r"\Z"
)

Key = tuple[str, str, str]  # (period, team, objective id)


@dataclass(frozen=True)
class Ref:
    period: str | None
    team: str
    objective: str
    key_result: str | None

    def in_period(self, default: str) -> str:
        return self.period or default

    def key(self, default_period: str) -> Key:
        return (self.in_period(default_period), self.team, self.objective)


def parse_ref(text: object) -> Ref | None:
    match = _REF.match(text) if isinstance(text, str) else None
    if not match:
        return None
    return Ref(match["period"], match["team"], match["objective"], match["kr"])


class Problem(StrEnum):
    SYNTAX = "syntax"
    NO_FILE = "no-file"  # the team has no file for that period
    NO_OBJECTIVE = "no-objective"
    NO_KEY_RESULT = "no-key-result"


@dataclass(frozen=True)
class Resolution:
    ref: Ref | None
    period: str
    problem: Problem | None = None
    known: tuple[str, ...] = ()  # what the target does hold (objective or key-result ids)

    @property
    def target(self) -> Key | None:
        if self.problem is not None or self.ref is None:
            return None
        return (self.period, self.ref.team, self.ref.objective)


@dataclass
class Targets:
    """Everything a reference can point at: the objectives (with their key-result ids) of
    every readable team file, by period and team."""

    files: dict[tuple[str, str], dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def add(self, period: str, team: str, objectives: Iterable[tuple[str, Iterable[str]]]) -> None:
        held = self.files.setdefault((period, team), {})
        for oid, krs in objectives:
            held.setdefault(oid, tuple(krs))

    def has_file(self, period: str, team: str) -> bool:
        return (period, team) in self.files

    def has_period(self, period: str) -> bool:
        return any(p == period for p, _team in self.files)

    def __contains__(self, key: Key) -> bool:
        return key[2] in self.files.get((key[0], key[1]), {})

    def resolve(self, text: object, own_period: str) -> Resolution:
        ref = parse_ref(text)
        if ref is None:
            return Resolution(None, own_period, Problem.SYNTAX)
        period = ref.in_period(own_period)
        held = self.files.get((period, ref.team))
        if held is None:
            return Resolution(ref, period, Problem.NO_FILE)
        if ref.objective not in held:
            return Resolution(ref, period, Problem.NO_OBJECTIVE, tuple(held))
        krs = held[ref.objective]
        if ref.key_result is not None and ref.key_result not in krs:
            return Resolution(ref, period, Problem.NO_KEY_RESULT, krs)
        return Resolution(ref, period)


class Kind(StrEnum):
    ALIGNED = "aligned"
    OUTSIDE = "outside"
    COMPANY = "company"
    BOTTOM_UP = "bottom-up"


def classify(own: Key, supports: Iterable[Key], root: str | None) -> Kind:
    targets = list(supports)
    if any(period == own[0] for period, _team, _oid in targets):
        return Kind.ALIGNED
    if targets:
        return Kind.OUTSIDE
    return Kind.COMPANY if own[1] == root else Kind.BOTTOM_UP


@dataclass(frozen=True)
class Reference:
    """One `aligns_with` entry of a team file, on an objective or on a key result."""

    path: DataPath  # of the entry
    objective: str  # the id of the objective it belongs to (or whose key result it is on)
    key_result: str | None  # the key result that carries it, if any
    text: object  # as written


def references(doc: Document) -> Iterator[Reference]:
    """Every `aligns_with` entry of a team file (its sound parts when it fails the schema):
    objectives' and key results' alike, for every rule and the model."""
    for path, objective in objectives(doc):
        for j, text in enumerate(objective.get("aligns_with") or []):
            yield Reference((*path, "aligns_with", j), objective["id"], None, text)
    for path, objective, kr in key_results(doc):
        for j, text in enumerate(kr.get("aligns_with") or []):
            yield Reference((*path, "aligns_with", j), objective["id"], kr["id"], text)


@dataclass(frozen=True)
class Edge:
    """One `aligns_with` entry that resolves: `source` supports `target`."""

    source: Key
    target: Key
    path: DataPath  # of the entry in the source's file


class Graph:
    """Who supports whom, between objectives, with the loops it holds."""

    def __init__(self) -> None:
        self.out: dict[Key, list[Key]] = {}
        self._components: dict[Key, int] | None = None

    def add(self, edge: Edge) -> None:
        self.out.setdefault(edge.source, []).append(edge.target)
        self._components = None

    def components(self) -> dict[Key, int]:
        """Strongly connected components (Tarjan's algorithm, iterative), computed once: an edge
        lies on a loop only inside one, so edges elsewhere cost nothing to clear."""
        if self._components is not None:
            return self._components
        index: dict[Key, int] = {}
        low: dict[Key, int] = {}
        component: dict[Key, int] = {}
        stack: list[Key] = []
        on_stack: set[Key] = set()
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

    def loop(self, edge: Edge) -> list[Key] | None:
        """The shortest loop through `edge` (source → target → ... → source), if any."""
        if edge.target == edge.source:
            return [edge.source, edge.source]
        components = self.components()
        if components.get(edge.source) != components.get(edge.target, -1):
            return None
        previous: dict[Key, Key] = {edge.target: edge.source}
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


@dataclass
class Facts:
    """Alignment across the whole OKR folder, computed once per check and shared by the rules
    (resolution, loops, confidentiality) instead of each rule walking every file again."""

    targets: Targets = field(default_factory=Targets)
    graph: Graph = field(default_factory=Graph)
    edges: dict[str, list[Edge]] = field(default_factory=dict)  # by document path
    secret: set[Key] = field(default_factory=set)  # confidential objectives


@dataclass(frozen=True)
class Summary:
    """What alignment needs of one readable team file: what others may reference in it and
    what it references. Small, so a check of many files keeps this and not the file."""

    display: str
    period: str
    team: str
    objectives: tuple[tuple[str, tuple[str, ...], bool], ...]  # id, key-result ids, secret
    references: tuple[Reference, ...]


def summary(doc: Document) -> Summary | None:
    """A team file's summary (its sound objectives when it fails the schema), or None for a
    file alignment does not read."""
    if doc.kind != "team" or not doc.readable:
        return None
    found = [o for _, o in objectives(doc)]
    return Summary(
        doc.display,
        period_id(doc.data["period"]),
        doc.data["team"],
        tuple((o["id"], tuple(_kr_ids(o)), bool(o.get("confidential"))) for o in found),
        tuple(references(doc)),
    )


def facts_of(documents: Iterable[Document]) -> Facts:
    """From every readable team file (its sound objectives when it fails the schema)."""
    return facts_from(s for s in map(summary, documents) if s is not None)


def facts_from(summaries: Iterable[Summary]) -> Facts:
    facts = Facts()
    every = list(summaries)
    for s in every:
        facts.targets.add(s.period, s.team, ((oid, krs) for oid, krs, _ in s.objectives))
        facts.secret.update((s.period, s.team, oid) for oid, _, secret in s.objectives if secret)
    for s in every:
        for ref in s.references:
            # a key result that supports another objective makes its own objective a supporter
            target = facts.targets.resolve(ref.text, s.period).target
            if target is None:
                continue
            edge = Edge((s.period, s.team, ref.objective), target, ref.path)
            facts.graph.add(edge)
            facts.edges.setdefault(s.display, []).append(edge)
    return facts


def _kr_ids(objective: dict[str, object]) -> list[str]:
    items = objective.get("key_results")
    return (
        [kr["id"] for kr in items if isinstance(kr, dict) and "id" in kr]
        if isinstance(items, list)
        else []
    )
