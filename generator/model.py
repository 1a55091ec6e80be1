"""The published model: what the site, the exports and the charts show.

Built from the organisation, the checked documents, the day and the rule settings (a file
that is not schema-valid is left out; the checker names it). Every figure of the format
contract is computed here, once: progress, scores and whether they are graded, pace status
while a period runs, grade bands once it has ended, staleness under the configured policy,
alignment. Confidential objectives are dropped here, at the source, and only counted, so no
page, chart, export or index built from the model can leak them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import alignment, grading, scoring, staleness, status
from .org import Org
from .periods import Period, period_id
from .settings import RuleSettings
from .walk import kind as kr_kind
from .workspace import Document


@dataclass
class Person:
    id: str
    name: str
    team: str | None = None


@dataclass
class Team:
    id: str
    name: str
    parent: str | None
    lead: str | None
    description: str
    children: list[str] = field(default_factory=list)
    depth: int = 0


@dataclass
class CheckIn:
    day: date
    value: float | None
    done: bool | None
    status: str | None
    confidence: int | None
    note: str
    by: str | None


@dataclass
class Initiative:
    title: str
    url: str | None
    status: str
    owner: str | None


@dataclass
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
    start: float | None = None
    target: float | None = None
    unit: str = ""
    bound: str | None = None  # at_least | at_most | above | below
    limit: float | None = None
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
    def state(self) -> str:
        """What the key result is shown as: its grade band once the period ended, else pace."""
        return self.band or self.status or status.NO_STATE

    @property
    def stale(self) -> bool:
        return self.staleness is not None and self.staleness.stale


@dataclass
class Link:
    """One alignment edge: `source` supports `target` (optionally one of its key results)."""

    source: Objective
    target: Objective
    key_result: str | None


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
    progress: float | None = None  # mean over objectives
    score: float | None = None  # mean of the objectives' scores
    counts: dict[str, int] = field(default_factory=dict)  # key results per state

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
        """The mean score of the team's committed (or aspirational) objectives: the same
        objective scores the team score averages, restricted to one type."""
        return scoring.mean([o.score for o in self.objectives if o.type == kind])

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

    def period(self, pid: str) -> PeriodView | None:
        return next((p for p in self.periods if p.id == pid), None)

    def person_name(self, pid: str | None) -> str:
        if pid is None:
            return ""
        person = self.people.get(pid)
        if person:
            return person.name
        team = self.teams.get(pid)
        return team.name if team else pid


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _check_in(raw: dict[str, Any]) -> CheckIn:
    confidence = raw.get("confidence")
    return CheckIn(
        day=date.fromisoformat(raw["date"]),
        value=_num(raw.get("value")),
        done=raw.get("done") if isinstance(raw.get("done"), bool) else None,
        status=raw.get("status"),
        confidence=confidence if isinstance(confidence, int) else None,
        note=raw.get("note", ""),
        by=raw.get("by"),
    )


def _key_result(
    raw: dict[str, Any],
    default_owner: str | None,
    period: Period,
    today: date,
    policy: staleness.Policy,
) -> KeyResult:
    kr = KeyResult(
        id=raw["id"],
        title=raw["title"],
        description=raw.get("description", ""),
        kind=kr_kind(raw),
        owner=raw.get("owner", default_owner),
        weight=float(raw.get("weight", 1)),
        tags=list(raw.get("tags") or []),
        due=_day(raw.get("due")),
        check_ins=[_check_in(c) for c in raw.get("check_ins") or []],
        initiatives=[
            Initiative(i["title"], i.get("url"), i.get("status", "planned"), i.get("owner"))
            for i in raw.get("initiatives") or []
        ],
        given_score=_num(raw.get("score")),
    )
    elapsed = scoring.expected_by(period, kr.due, today)
    kr.expected = elapsed
    measured = kr.measured
    if kr.kind == "metric":
        kr.start, kr.target = float(raw["metric"]["start"]), float(raw["metric"]["target"])
        kr.unit = raw["metric"].get("unit", "")
        kr.progress_raw = scoring.metric_progress(kr.start, kr.target, measured and measured.value)
        kr.status = scoring.pace_status(kr.progress_raw, elapsed)
    elif kr.kind == "milestone":
        done = bool(measured and measured.done)
        kr.progress_raw = 1.0 if done else 0.0
        kr.status = scoring.binary_status(done, elapsed)
    else:
        bound = next(b for b in scoring.BOUNDS if b in raw["threshold"])
        kr.bound, kr.limit = bound, float(raw["threshold"][bound])
        kr.unit = raw["threshold"].get("unit", "")
        holds = scoring.threshold_holds(measured and measured.value, bound, kr.limit)
        kr.progress_raw = 1.0 if holds else 0.0
        kr.status = scoring.binary_status(holds, elapsed)
    kr.progress = grading.clamp01(kr.progress_raw)
    kr.score = grading.score(kr.given_score, kr.progress_raw)
    latest = kr.latest
    if latest is not None and latest.status:
        kr.status, kr.reported = latest.status, True
    if latest is not None:
        kr.confidence = latest.confidence
    kr.staleness = staleness.of_key_result(raw, period, today, policy)
    if today > period.end:  # pace no longer applies: a finished period is seen in grades only
        kr.band = grading.band(kr.score)
        kr.status, kr.reported = None, False
    return kr


def _objective(
    raw: dict[str, Any],
    team: str,
    lead: str | None,
    period: Period,
    today: date,
    policy: staleness.Policy,
) -> Objective:
    owner = raw.get("owner", lead)
    krs = [_key_result(k, owner, period, today, policy) for k in raw.get("key_results") or []]
    objective = Objective(
        id=raw["id"],
        title=raw["title"],
        description=raw.get("description", ""),
        owner=owner,
        type=raw.get("type", "aspirational"),
        tags=list(raw.get("tags") or []),
        team=team,
        period=period.id,
        key_results=krs,
        aligns_with=list(raw.get("aligns_with") or []),
    )
    objective.progress = scoring.weighted_mean([(kr.progress, kr.weight) for kr in krs]) or 0.0
    objective.score = scoring.weighted_mean([(kr.score, kr.weight) for kr in krs]) or 0.0
    objective.status = status.worst([kr.status for kr in krs if kr.status])
    if today > period.end:
        objective.band = grading.band(objective.score) if krs else None
    return objective


def _teams(org: Org) -> dict[str, Team]:
    raw = org.teams
    teams = {
        tid: Team(
            id=tid,
            name=str(t.get("name", tid)),
            parent=t.get("parent") if t.get("parent") in raw else None,
            lead=org.lead(tid),
            description=str(t.get("description", "")),
        )
        for tid, t in raw.items()
    }
    for team in teams.values():
        if team.parent:
            teams[team.parent].children.append(team.id)
    ordered: dict[str, Team] = {}
    # depth-first from each root, iteratively: a parent chain thousands deep needs no recursion
    starts = [tid for tid, team in teams.items() if team.parent is None] + list(teams)
    for start in starts:  # teams caught in a parent loop still get listed
        stack = [(start, 0)]
        while stack:
            tid, depth = stack.pop()
            if tid in ordered:
                continue
            teams[tid].depth = depth
            ordered[tid] = teams[tid]
            stack.extend((child, depth + 1) for child in reversed(teams[tid].children))
    return ordered


def _publishable(doc: Document, org: Org, teams: Mapping[str, Team]) -> Period | None:
    """The period of a team file that can be published: schema-valid, at its own path."""
    if doc.kind != "team" or not doc.valid or doc.data["team"] not in teams:
        return None
    period = org.periods.get(period_id(doc.data["period"]))
    if period is None or period.id != doc.folder or doc.data["team"] != doc.stem:
        return None
    return period


def build_model(
    org: Org,
    documents: Iterable[Document],
    today: date,
    settings: Mapping[str, RuleSettings],
) -> Model:
    policy = staleness.policy_from(settings)
    teams = _teams(org)
    people = {
        pid: Person(pid, str(p.get("name", pid)), p.get("team"))
        for pid, p in (org.people or {}).items()
    }
    views: dict[str, PeriodView] = {}
    for doc in documents:
        period = _publishable(doc, org, teams)
        if period is None:
            continue
        view = views.get(period.id)
        if view is None:
            finished = today > period.end
            view = PeriodView(period, period.id, period.elapsed(today), finished, {})
            views[period.id] = view
        team = teams[doc.data["team"]]
        raw_objectives = doc.data["objectives"]
        public = [o for o in raw_objectives if not o.get("confidential")]
        objectives = [_objective(o, team.id, team.lead, period, today, policy) for o in public]
        tp = TeamPeriod(
            team=team,
            period=period,
            source=doc.relative,
            objectives=objectives,
            hidden=len(raw_objectives) - len(public),
            recognition=[
                Recognition(date.fromisoformat(r["date"]), r["to"], r.get("from"), r["message"])
                for r in doc.data.get("recognition") or []
            ],
            retrospective=doc.data.get("retrospective", ""),
            finished=view.finished,
        )
        tp.progress = scoring.mean([o.progress for o in objectives])
        tp.score = scoring.mean([o.score for o in objectives])
        tp.counts = dict.fromkeys(view.states, 0)
        for _, kr in tp.key_results():
            tp.counts[kr.state] = tp.counts.get(kr.state, 0) + 1
        view.teams[team.id] = tp
    for view in views.values():  # team order follows the org tree
        view.teams = {tid: view.teams[tid] for tid in teams if tid in view.teams}
    periods = sorted(views.values(), key=lambda v: (v.period.start, -v.period.days), reverse=True)
    _link(periods, org.root)
    model = Model(
        company=org.name or "OKRs",
        language=org.language,
        today=today,
        root=org.root,
        teams=teams,
        people=people,
        periods=periods,
        current=_current(periods, today),
        policy=policy,
        visibility=org.visibility,
    )
    _add_unlisted_people(model)
    return model


def _current(periods: list[PeriodView], today: date) -> PeriodView | None:
    """The shortest period with OKRs that contains today; else the latest one that started."""
    running = [v for v in periods if v.period.contains(today)]
    if running:
        return min(running, key=lambda v: (v.period.days, v.period.start))
    started = [v for v in periods if v.period.start <= today]
    return started[0] if started else (periods[-1] if periods else None)


def _link(periods: list[PeriodView], root: str | None) -> None:
    """Resolve every published objective's references (alignment.Targets) and classify it."""
    targets = alignment.Targets()
    index: dict[alignment.Key, Objective] = {}
    for view in periods:
        for team, tp in view.teams.items():
            targets.add(
                view.id, team, ((o.id, [k.id for k in o.key_results]) for o in tp.objectives)
            )
            index.update({(view.id, team, o.id): o for o in tp.objectives})
    for view in periods:
        for tp in view.teams.values():
            for objective in tp.objectives:
                for text in objective.aligns_with:
                    # a link into a confidential objective is dropped with the objective
                    target = targets.resolve(text, view.id).target
                    if target is None:
                        continue
                    ref = alignment.parse_ref(text)
                    link = Link(objective, index[target], ref.key_result if ref else None)
                    objective.supports.append(link)
                    index[target].supported_by.append(link)
                own = (view.id, objective.team, objective.id)
                objective.kind = alignment.classify(
                    own,
                    [(ln.target.period, ln.target.team, ln.target.id) for ln in objective.supports],
                    root,
                )


def _add_unlisted_people(model: Model) -> None:
    """Without a `people:` list, owners are still people with pages of their own."""
    for view in model.periods:
        for tp in view.teams.values():
            for objective, kr in tp.key_results():
                ids = [objective.owner, kr.owner, *(c.by for c in kr.check_ins)]
                ids += [i.owner for i in kr.initiatives]
                for pid in ids:
                    if pid and pid not in model.people and pid not in model.teams:
                        model.people[pid] = Person(pid, pid)
