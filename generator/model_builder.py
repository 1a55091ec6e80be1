"""Building the published model (`model.py`): what the site, the exports and the charts
show.

Built from the organisation, the checked documents, the day and the rule settings (a file
that is not schema-valid is left out; the checker names it). Every figure of the format
contract is computed here, once: progress, scores and whether they are graded, pace status
while a period runs, grade bands once it has ended, staleness under the configured policy,
alignment. Confidential objectives are dropped here, at the source, and only counted, so no
page, chart, export or index built from the model can leak them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from . import alignment, grading, scoring, staleness, status, trend
from .handles import is_handle
from .model import (
    CheckIn,
    Initiative,
    KeyResult,
    Link,
    Model,
    Objective,
    PeriodView,
    Person,
    Recognition,
    Rollout,
    Team,
    TeamPeriod,
)
from .org import Org
from .periods import Period, period_id, standard_ids, standard_period
from .settings import RuleSettings
from .walk import key_results as walk_key_results
from .walk import kind as kr_kind
from .walk import kr_type
from .walk import objectives as walk_objectives
from .walk import recognition as walk_recognition
from .workspace import Document


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
    objective: dict[str, Any],
    default_owner: str | None,
    period: Period,
    today: date,
    policy: staleness.Policy,
    earlier: date | None = None,
    check_ins: list[CheckIn] | None = None,
) -> KeyResult:
    """`earlier`: the day a week ago, when the key result's trend is wanted; `check_ins`:
    the raw check-ins as read already (the week-ago key result's are the present's)."""
    kr = KeyResult(
        id=raw["id"],
        title=raw["title"],
        description=raw.get("description", ""),
        kind=kr_kind(raw),
        owner=raw.get("owner", default_owner),
        weight=float(raw.get("weight", 1)),
        tags=list(raw.get("tags") or []),
        due=_day(raw.get("due")),
        check_ins=[_check_in(c) for c in raw.get("check_ins") or []]
        if check_ins is None
        else check_ins,
        initiatives=[
            Initiative(i["title"], i.get("url"), i.get("status", "planned"), i.get("owner"))
            for i in raw.get("initiatives") or []
        ],
        given_score=_num(raw.get("score")),
        type=kr_type(objective, raw),
        aligns_with=list(raw.get("aligns_with") or []),
    )
    elapsed = scoring.expected_by(period, kr.due, today)
    kr.expected = elapsed
    measured = kr.measured
    if kr.kind == "metric":
        metric = raw["metric"]
        kr.target = _num(metric.get("target"))
        kr.start_from_check_in = "start" not in metric
        first = next((c.value for c in kr.check_ins if c.value is not None), None)
        kr.start = _num(metric["start"]) if "start" in metric else first
        kr.unit = metric.get("unit", "")
        # a target not set yet, or a baseline still to measure: progress 0 until both exist
        if kr.start is not None and kr.target is not None:
            kr.progress_raw = scoring.metric_progress(
                kr.start, kr.target, measured and measured.value
            )
        kr.status = scoring.pace_status(kr.progress_raw, elapsed)
    elif kr.kind == "milestone":
        done = bool(measured and measured.done)
        kr.progress_raw = 1.0 if done else 0.0
        kr.status = scoring.binary_status(done, elapsed)
    else:
        threshold = raw["threshold"]
        bounds = [(b, float(threshold[b])) for b in scoring.BOUNDS if b in threshold]
        lower = [b for b in bounds if b[0] in scoring.LOWER_BOUNDS]
        upper = [b for b in bounds if b[0] in scoring.UPPER_BOUNDS]
        (kr.bound, kr.limit) = (lower or upper)[0]
        if lower and upper:  # a band
            kr.upper_bound, kr.upper_limit = upper[0]
        kr.unit = threshold.get("unit", "")
        holds = scoring.band_holds(measured and measured.value, bounds)
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
    if earlier is not None:  # the same rules on what the file said a week ago
        before = [c for c in kr.check_ins if c.day <= earlier]  # as trend.as_of keeps them
        past = _key_result(trend.as_of(raw, earlier), objective, default_owner, period,
                           earlier, policy, check_ins=before)  # fmt: skip
        kr.week_ago = trend.Earlier(earlier, past.progress, past.status)
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
    earlier = trend.earlier_day(period, today)
    krs = [
        _key_result(k, raw, owner, period, today, policy, earlier)
        for k in raw.get("key_results") or []
    ]
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
    past = [(kr.week_ago, kr.weight) for kr in krs if kr.week_ago is not None]
    if earlier is not None and past:  # every key result has one when `earlier` is set
        objective.week_ago = trend.Earlier(
            earlier,
            scoring.weighted_mean([(p.progress, w) for p, w in past]) or 0.0,
            status.worst([p.status for p, _ in past if p.status]),
        )
    return objective


def scored_objective(
    raw: dict[str, Any],
    team: str,
    lead: str | None,
    period: Period,
    today: date,
    settings: Mapping[str, RuleSettings],
) -> Objective:
    """One objective of a schema-valid file with its key results' progress and scores, as
    the site computes them (`okr grade --suggest` and `okr new --from` read them)."""
    return _objective(raw, team, lead, period, today, staleness.policy_from(settings))


def _handle(value: Any) -> str | None:
    """A person's GitHub handle, when it is one (okr check reports any other value)."""
    return value if isinstance(value, str) and is_handle(value) else None


def _teams(org: Org) -> dict[str, Team]:
    raw = org.teams
    teams = {
        tid: Team(
            id=tid,
            name=str(t.get("name", tid)),
            parent=t.get("parent") if t.get("parent") in raw else None,
            lead=org.lead(tid),
            description=str(t.get("description", "")),
            ambassador=org.ambassador(tid),
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


def _readable_objectives(doc: Document) -> list[dict[str, Any]]:
    """A team file's objectives, each with the key results that can be read: all of them in a
    schema-valid file, the sound ones in a file that fails the schema."""
    if doc.valid:
        return list(doc.data["objectives"])
    kept = []
    for path, objective in walk_objectives(doc):
        krs = [kr for kr_path, _o, kr in walk_key_results(doc) if kr_path[1] == path[1]]
        kept.append({**objective, "key_results": krs})
    return kept


def _publishable(doc: Document, org: Org, teams: Mapping[str, Team]) -> Period | None:
    """The period of a team file that can be published (schema-valid, or with a sound header
    while drafting: then its sound parts), at its own path."""
    if doc.kind != "team" or not doc.readable or doc.data["team"] not in teams:
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
    sources: frozenset[str] = frozenset(),
) -> Model:
    """`sources`: the data sources okr-sources.yaml declares (a check-in `by` one of them is
    automatic)."""
    documents = list(documents)
    policy = staleness.policy_from(settings)
    teams = _teams(org)
    people = {
        pid: Person(pid, str(p.get("name", pid)), p.get("team"), _handle(p.get("github")))
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
            view = PeriodView(period, period.name or period.id, period.elapsed(today), finished, {})
            views[period.id] = view
        team = teams[doc.data["team"]]
        raw_objectives = _readable_objectives(doc)
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
                for _, r in walk_recognition(doc)
            ],
            retrospective=doc.data.get("retrospective", "") if doc.valid else "",
            finished=view.finished,
            readable="all" if doc.valid else "partly",
        )
        tp.hidden_stale = sum(
            bool(stale and stale.stale)
            for o in raw_objectives if o.get("confidential")
            for kr in o.get("key_results") or []
            for stale in [staleness.of_key_result(kr, period, today, policy)]
        )  # fmt: skip
        tp.progress = scoring.mean([o.progress for o in objectives])
        tp.score = scoring.mean([o.score for o in objectives])
        before = [o.week_ago for o in objectives if o.week_ago is not None]
        if before and len(before) == len(objectives):
            tp.week_ago = trend.Earlier(
                before[0].day, scoring.mean([b.progress for b in before]) or 0.0
            )
        tp.counts = dict.fromkeys(view.states, 0)
        for _, kr in tp.key_results():
            tp.counts[kr.state] = tp.counts.get(kr.state, 0) + 1
        view.teams[team.id] = tp
    for doc in documents:  # a team file nothing could be read from: a page that says so
        if doc.kind != "team" or doc.readable or doc.stem not in teams:
            continue
        period = org.periods.get(doc.folder)
        if period is None:
            continue
        view = views.get(period.id)
        if view is None:
            finished = today > period.end
            view = PeriodView(period, period.name or period.id, period.elapsed(today), finished, {})
            views[period.id] = view
        if doc.stem not in view.teams:
            view.teams[doc.stem] = TeamPeriod(
                team=teams[doc.stem], period=period, source=doc.relative, objectives=[],
                hidden=0, recognition=[], retrospective="", finished=view.finished,
                readable="none", counts=dict.fromkeys(view.states, 0),
            )  # fmt: skip
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
        sources=sources,
    )
    _add_unlisted_people(model)
    model.rollouts = _rollouts(periods, org, today, len(teams))
    return model


def _kind(pid: str) -> str | None:
    """quarter, half or year for a standard period id, None for a custom one."""
    if standard_period(pid) is None:
        return None
    return "year" if "-" not in pid else {"Q": "quarter", "H": "half"}[pid.split("-")[1][0]]


ROLLOUT_DAYS = 30  # a new period's first month: when "N of M teams have published" helps


def _rolling_out(period: Period, pid: str, today: date, published: dict[str, int]) -> bool:
    """Drafted ahead of its start, or in its first month: later, program health says who is
    missing."""
    if period.start > today:
        return pid in published
    return (today - period.start).days < ROLLOUT_DAYS and today <= period.end


def _rollouts(periods: list[PeriodView], org: Org, today: date, teams: int) -> list[Rollout]:
    """Periods teams are publishing: the one of each cadence in use that contains today, and a
    next one already drafted, when not every team has a file for it yet."""
    published = {v.id: len(v.teams) for v in periods}
    kinds = {_kind(v.id) for v in periods} - {None}
    candidates: dict[str, Period] = {}
    for pid in standard_ids(today.year, today.year + 1):
        period = standard_period(pid)
        if period is not None and _kind(pid) in kinds and _rolling_out(period, pid, today,
                                                                        published):  # fmt: skip
            candidates[pid] = period
    for pid, period in org.periods.custom.items():
        if _rolling_out(period, pid, today, published):
            candidates[pid] = period
    found = []
    for pid, period in sorted(candidates.items(), key=lambda item: item[1].start):
        # as many teams as published the period before, of the same cadence (annual OKRs
        # are often the company's alone); all teams when there is none
        before = [len(v.teams) for v in periods
                  if _kind(v.id) == _kind(pid) and v.period.start < period.start]  # fmt: skip
        expected = max(before) if before else teams
        if published.get(pid, 0) < expected:
            found.append(Rollout(period, published.get(pid, 0), expected, period.start <= today))
    return found


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

    def connect(text: str, source: Objective, source_kr: KeyResult | None, period: str) -> None:
        # a link into a confidential objective is dropped with the objective
        target = targets.resolve(text, period).target
        if target is None:
            return
        ref = alignment.parse_ref(text)
        kr_id = ref.key_result if ref else None
        link = Link(source, index[target], kr_id, source_kr.id if source_kr else None)
        (source_kr.supports if source_kr else source.supports).append(link)
        index[target].supported_by.append(link)
        named = next((k for k in index[target].key_results if k.id == kr_id), None)
        if named is not None:
            named.supported_by.append(link)

    for view in periods:
        for tp in view.teams.values():
            for objective in tp.objectives:
                for text in objective.aligns_with:
                    connect(text, objective, None, view.id)
                for kr in objective.key_results:
                    for text in kr.aligns_with:
                        connect(text, objective, kr, view.id)
    for view in periods:
        for tp in view.teams.values():
            for objective in tp.objectives:
                # what a key result supports, its objective supports through it
                links = [
                    *objective.supports,
                    *(ln for k in objective.key_results for ln in k.supports),
                ]
                own = (view.id, objective.team, objective.id)
                objective.kind = alignment.classify(
                    own, [(ln.target.period, ln.target.team, ln.target.id) for ln in links], root
                )


def _add_unlisted_people(model: Model) -> None:
    """Without a `people:` list, owners are still people with pages of their own."""
    for view in model.periods:
        for tp in view.teams.values():
            for objective, kr in tp.key_results():
                ids = [objective.owner, kr.owner]
                ids += [c.by for c in kr.check_ins if c.by not in model.sources]
                ids += [i.owner for i in kr.initiatives]
                for pid in ids:
                    if pid and pid not in model.people and pid not in model.teams:
                        model.people[pid] = Person(pid, pid)
