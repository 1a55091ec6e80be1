"""The published model: what the site, the exports and the charts show.

Built from the checked files only (a file with errors is left out), with every figure of the
format contract computed once. Confidential objectives are dropped here, at the source, and
only counted, so no page, chart, export or index built from the model can leak them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import scoring
from .context import Context
from .periods import Period, period_id
from .references import parse_ref
from .walk import kind as kr_kind


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
    kind: str  # metric | milestone | threshold
    owner: str | None
    weight: float
    check_ins: list[CheckIn]
    initiatives: list[Initiative]
    given_score: float | None
    start: float | None = None
    target: float | None = None
    unit: str = ""
    bound: str | None = None  # at_least | at_most
    limit: float | None = None
    progress_raw: float = 0.0
    progress: float = 0.0
    score: float = 0.0
    status: str = scoring.ON_TRACK
    reported: bool = False  # status comes from the latest check-in, not from pace

    @property
    def latest(self) -> CheckIn | None:
        return self.check_ins[-1] if self.check_ins else None


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
    team: str
    period: str
    key_results: list[KeyResult]
    aligns_with: list[str]
    progress: float = 0.0
    score: float = 0.0
    status: str | None = None
    supports: list[Link] = field(default_factory=list)
    supported_by: list[Link] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.period}:{self.team}/{self.id}"


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
    hidden: int
    recognition: list[Recognition]
    retrospective: str
    progress: float | None = None
    score: float | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def key_results(self) -> Iterator[tuple[Objective, KeyResult]]:
        for objective in self.objectives:
            for kr in objective.key_results:
                yield objective, kr

    @property
    def last_check_in(self) -> date | None:
        days = [kr.latest.day for _, kr in self.key_results() if kr.latest]
        return max(days) if days else None


@dataclass
class PeriodView:
    period: Period
    name: str
    expected: float
    teams: dict[str, TeamPeriod]

    @property
    def id(self) -> str:
        return self.period.id

    def finished(self, today: date) -> bool:
        return today > self.period.end


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


def _key_result(
    raw: dict[str, Any], default_owner: str | None, period: Period, today: date, expected: float
) -> KeyResult:
    check_ins = [
        CheckIn(
            day=date.fromisoformat(c["date"]),
            value=_num(c.get("value")),
            done=c.get("done"),
            status=c.get("status"),
            note=c.get("note", ""),
            by=c.get("by"),
        )
        for c in raw.get("check_ins") or []
    ]
    kr = KeyResult(
        id=raw["id"],
        title=raw["title"],
        kind=kr_kind(raw),
        owner=raw.get("owner", default_owner),
        weight=float(raw.get("weight", 1)),
        check_ins=check_ins,
        initiatives=[
            Initiative(i["title"], i.get("url"), i.get("status", "planned"), i.get("owner"))
            for i in raw.get("initiatives") or []
        ],
        given_score=_num(raw.get("score")),
    )
    latest = kr.latest
    elapsed = period.elapsed(today)
    if kr.kind == "metric":
        kr.start, kr.target = float(raw["metric"]["start"]), float(raw["metric"]["target"])
        kr.unit = raw["metric"].get("unit", "")
        kr.progress_raw = scoring.metric_progress(kr.start, kr.target, latest and latest.value)
        kr.status = scoring.pace_status(kr.progress_raw, expected)
    elif kr.kind == "milestone":
        done = bool(latest and latest.done)
        kr.progress_raw = 1.0 if done else 0.0
        kr.status = scoring.binary_status(done, elapsed)
    else:
        bound = "at_least" if "at_least" in raw["threshold"] else "at_most"
        kr.bound, kr.limit = bound, float(raw["threshold"][bound])
        kr.unit = raw["threshold"].get("unit", "")
        holds = scoring.threshold_holds(latest and latest.value, bound, kr.limit)
        kr.progress_raw = 1.0 if holds else 0.0
        kr.status = scoring.binary_status(holds, elapsed)
    kr.progress = scoring.clamp01(kr.progress_raw)
    kr.score = scoring.score(kr.given_score, kr.progress_raw)
    if latest is not None and latest.status:
        kr.status, kr.reported = latest.status, True
    return kr


def _objective(
    raw: dict[str, Any], team: str, lead: str | None, period: Period, today: date, expected: float
) -> Objective:
    owner = raw.get("owner", lead)
    krs = [_key_result(k, owner, period, today, expected) for k in raw.get("key_results") or []]
    objective = Objective(
        id=raw["id"],
        title=raw["title"],
        description=raw.get("description", ""),
        owner=owner,
        type=raw.get("type", "aspirational"),
        team=team,
        period=period.id,
        key_results=krs,
        aligns_with=list(raw.get("aligns_with") or []),
    )
    weights = [(kr.progress, kr.weight) for kr in krs]
    objective.progress = scoring.weighted_mean(weights) or 0.0
    objective.score = scoring.weighted_mean([(kr.score, kr.weight) for kr in krs]) or 0.0
    objective.status = scoring.worst(kr.status for kr in krs)
    return objective


def _teams(ctx: Context) -> dict[str, Team]:
    raw = ctx.org.teams
    teams = {
        tid: Team(
            id=tid,
            name=str(t.get("name", tid)),
            parent=t.get("parent") if t.get("parent") in raw else None,
            lead=ctx.org.lead(tid),
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


def build_model(ctx: Context) -> Model:
    today = ctx.today
    teams = _teams(ctx)
    people = {
        pid: Person(pid, str(p.get("name", pid)), p.get("team"))
        for pid, p in (ctx.org.people or {}).items()
    }
    views: dict[str, PeriodView] = {}
    for doc in ctx.workspace.teams:
        if not doc.valid or doc.data["team"] not in teams:
            continue
        period = ctx.org.periods.get(period_id(doc.data["period"]))
        if period is None or period.id != doc.folder or doc.data["team"] != doc.stem:
            continue
        view = views.get(period.id)
        if view is None:
            view = views[period.id] = PeriodView(period, period.id, period.elapsed(today), {})
        team = teams[doc.data["team"]]
        raw_objectives = doc.data["objectives"]
        public = [o for o in raw_objectives if not o.get("confidential")]
        objectives = [
            _objective(o, team.id, team.lead, period, today, view.expected) for o in public
        ]
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
        )
        tp.progress = scoring.mean([o.progress for o in objectives])
        tp.score = scoring.mean([o.score for o in objectives])
        tp.counts = scoring.counts(kr.status for _, kr in tp.key_results())
        view.teams[team.id] = tp
    for view in views.values():  # team order follows the org tree
        view.teams = {tid: view.teams[tid] for tid in teams if tid in view.teams}
    periods = sorted(views.values(), key=lambda v: (v.period.start, -v.period.days), reverse=True)
    _link(periods)
    model = Model(
        company=ctx.org.name or "OKRs",
        language=ctx.org.language,
        today=today,
        root=ctx.org.root,
        teams=teams,
        people=people,
        periods=periods,
        current=_current(periods, today),
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


def _link(periods: list[PeriodView]) -> None:
    index = {
        (view.id, team, o.id): o
        for view in periods
        for team, tp in view.teams.items()
        for o in tp.objectives
    }
    for view in periods:
        for tp in view.teams.values():
            for objective in tp.objectives:
                for text in objective.aligns_with:
                    ref = parse_ref(text)
                    if ref is None:
                        continue
                    # a link into a confidential objective is dropped with the objective
                    target = index.get((ref.in_period(view.id), ref.team, ref.objective))
                    if target is None:
                        continue
                    link = Link(objective, target, ref.key_result)
                    objective.supports.append(link)
                    target.supported_by.append(link)


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
