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
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

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
