"""The published model: what the site, the exports and the charts show. Its figures are
computed once, by `model_builder.build_model`, from the organisation, the checked documents,
the day and the rule settings; confidential objectives never reach it (only counted)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from . import alignment, grading, scoring, staleness, status
from .periods import Period
from .trend import Earlier


@dataclass
class Person:
    id: str
    name: str
    team: str | None = None
    github: str | None = None  # a handle (@user): reminders mention it


@dataclass
class Team:
    id: str
    name: str
    parent: str | None
    lead: str | None
    description: str
    children: list[str] = field(default_factory=list)
    depth: int = 0
    ambassador: str | None = None  # the OKR ambassador (a person id), its own or inherited


@dataclass(slots=True)  # a company has hundreds of thousands
class CheckIn:
    day: date
    value: float | None
    done: bool | None
    status: str | None
    confidence: int | None
    note: str
    by: str | None


@dataclass(slots=True)  # a company has hundreds of thousands
class Initiative:
    title: str
    url: str | None
    status: str
    owner: str | None


@dataclass(slots=True)  # a company has hundreds of thousands
class KeyResult:
    id: str
    title: str
    description: str
    kind: str  # metric | milestone | threshold
    owner: str | None
    weight: float
    tags: list[str]
    due: date | None
    check_ins: list[CheckIn]
    initiatives: list[Initiative]
    given_score: float | None
    type: str = "aspirational"  # its own, or its objective's: committed | aspirational
    aligns_with: list[str] = field(default_factory=list)
    start: float | None = None  # None: the baseline is still to be measured
    target: float | None = None  # None: the target is not set yet (drafting)
    start_from_check_in: bool = False  # `start` omitted: the first check-in's value is it
    unit: str = ""
    bound: str | None = None  # at_least | at_most | above | below (a band: its lower bound)
    limit: float | None = None
    upper_bound: str | None = None  # a band's upper bound: at_most | below
    upper_limit: float | None = None
    supports: list[Link] = field(default_factory=list)  # this key result's own alignments
    supported_by: list[Link] = field(default_factory=list)  # links that name this key result
    progress_raw: float = 0.0  # unclamped: 1.2 is 120 %
    progress: float = 0.0  # clamped to 0..1
    score: float = 0.0  # the grade, or the provisional score while ungraded
    expected: float = 0.0  # the progress expected today (to `due`, else to the period end)
    # pace status while the period runs; None once it has ended (the lens is then the grade)
    status: str | None = status.ON_TRACK
    reported: bool = False  # the status comes from the latest check-in, not from pace
    confidence: int | None = None  # the latest check-in's, when it gave one
    band: str | None = None  # delivered | partial | missed, once the period has ended
    staleness: staleness.Staleness | None = None  # None: not running, or a done milestone
    week_ago: Earlier | None = None  # progress and status a week ago (None: no trend)

    @property
    def latest(self) -> CheckIn | None:
        return self.check_ins[-1] if self.check_ins else None

    @property
    def measured(self) -> CheckIn | None:
        """The latest check-in that carries a measurement (a value, or done for milestones)."""
        want = "done" if self.kind == "milestone" else "value"
        return next((c for c in reversed(self.check_ins) if getattr(c, want) is not None), None)

    @property
    def graded(self) -> bool:
        return self.given_score is not None

    @property
    def target_set(self) -> bool:
        return self.kind != "metric" or self.target is not None

    @property
    def baseline_pending(self) -> bool:
        """A metric whose start comes from its first check-in, which has no value yet."""
        return self.kind == "metric" and self.start is None

    @property
    def state(self) -> str:
        """What the key result is shown as: its grade band once the period ended, else pace."""
        return self.band or self.status or status.NO_STATE

    @property
    def stale(self) -> bool:
        return self.staleness is not None and self.staleness.stale


@dataclass
class Link:
    """One alignment edge: `source` supports `target` (optionally one of its key results);
    when a key result of `source` carries the reference, `source_key_result` names it."""

    source: Objective
    target: Objective
    key_result: str | None
    source_key_result: str | None = None


@dataclass(eq=False)
class Objective:
    id: str
    title: str
    description: str
    owner: str | None
    type: str
    tags: list[str]
    team: str
    period: str
    key_results: list[KeyResult]
    aligns_with: list[str]
    progress: float = 0.0
    score: float = 0.0
    status: str | None = None  # the worst pace status of its key results
    band: str | None = None  # once the period has ended
    supports: list[Link] = field(default_factory=list)
    supported_by: list[Link] = field(default_factory=list)
    kind: alignment.Kind = alignment.Kind.BOTTOM_UP
    week_ago: Earlier | None = None

    @property
    def key(self) -> str:
        return f"{self.period}:{self.team}/{self.id}"

    @property
    def state(self) -> str | None:
        return self.band or self.status

    @property
    def provisional(self) -> bool:
        return any(not kr.graded for kr in self.key_results)


@dataclass
class Recognition:
    day: date
    to: str
    by: str | None
    message: str


@dataclass
class TeamPeriod:
    team: Team
    period: Period
    source: str
    objectives: list[Objective]
    hidden: int  # confidential objectives: only counted
    recognition: list[Recognition]
    retrospective: str
    finished: bool
    # how much of the file could be read: all of it, its sound parts (a file that fails the
    # schema, shown while drafting), an earlier version (`okr serve` keeps the last one that
    # could be read), or nothing (a page that says so, never a missing team)
    readable: str = "all"  # all | partly | earlier | none
    progress: float | None = None  # mean over objectives
    score: float | None = None  # mean of the objectives' scores
    counts: dict[str, int] = field(default_factory=dict)  # key results per state
    hidden_stale: int = 0  # stale key results of confidential objectives: only counted
    week_ago: Earlier | None = None  # the team's progress a week ago

    def key_results(self) -> Iterator[tuple[Objective, KeyResult]]:
        for objective in self.objectives:
            for kr in objective.key_results:
                yield objective, kr

    @property
    def last_check_in(self) -> date | None:
        days = [kr.latest.day for _, kr in self.key_results() if kr.latest]
        return max(days) if days else None

    @property
    def provisional(self) -> bool:
        return any(not kr.graded for _, kr in self.key_results())

    @property
    def graded_count(self) -> tuple[int, int]:
        """(graded key results, all key results)."""
        krs = [kr for _, kr in self.key_results()]
        return sum(kr.graded for kr in krs), len(krs)

    def type_score(self, kind: str) -> float | None:
        """The mean score of the team's committed (or aspirational) key results: a key
        result's type is its own, else its objective's (grading expectations follow it)."""
        return scoring.mean([kr.score for _, kr in self.key_results() if kr.type == kind])

    @property
    def band(self) -> str | None:
        return grading.band(self.score) if self.finished and self.score is not None else None


@dataclass
class PeriodView:
    period: Period
    name: str
    expected: float  # the fraction of the period elapsed (1.0 once it ended)
    finished: bool
    teams: dict[str, TeamPeriod]

    @property
    def id(self) -> str:
        return self.period.id

    @property
    def provisional(self) -> bool:
        """A finished period's figures are provisional until every key result is graded."""
        return any(tp.provisional for tp in self.teams.values())

    @property
    def states(self) -> tuple[str, ...]:
        return status.BANDS if self.finished else status.PACE

    @property
    def graded_count(self) -> tuple[int, int]:
        pairs = [tp.graded_count for tp in self.teams.values()]
        return sum(g for g, _ in pairs), sum(n for _, n in pairs)


@dataclass(frozen=True)
class Rollout:
    """A period teams are publishing: started (or about to start) and not everyone has a file."""

    period: Period
    published: int  # teams with a file for it
    teams: int  # teams expected: as many as published the period before
    started: bool


@dataclass
class Model:
    company: str
    language: str
    today: date
    root: str | None
    teams: dict[str, Team]
    people: dict[str, Person]
    periods: list[PeriodView]  # newest first
    current: PeriodView | None
    policy: staleness.Policy
    visibility: str = "private"
    rollouts: list[Rollout] = field(default_factory=list)  # periods still being published
    # declared data sources: a check-in `by` one of them came from `okr sync`
    sources: frozenset[str] = frozenset()

    def automatic(self, check_in: CheckIn) -> bool:
        return (
            check_in.by is not None
            and check_in.by in self.sources
            and (check_in.by not in self.people)
        )

    def period(self, pid: str) -> PeriodView | None:
        return next((p for p in self.periods if p.id == pid), None)

    def period_name(self, pid: str) -> str:
        """How a period is shown: a custom period's name, else its id."""
        view = self.period(pid)
        return view.name if view is not None else pid

    def person_name(self, pid: str | None) -> str:
        if pid is None:
            return ""
        person = self.people.get(pid)
        if person:
            return person.name
        team = self.teams.get(pid)
        return team.name if team else pid
