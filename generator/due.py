"""What is due, by team: the one account behind the program-health page and `okr remind`.

Under the one staleness policy (see `staleness`): key results of running periods nobody
checked in on within the limit; finished periods a team has not graded (a key result without
`score:`) or not reviewed (no retrospective); and running periods a team has no file for
although it published the period before of the same cadence (a quarter after a quarter, a year
after a year: annual OKRs are often the company's alone). Confidential objectives' key results
are only counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import KeyResult, Model, Objective, PeriodView, Team
from .periods import Period, standard_ids, standard_period

Stale = tuple[PeriodView, Objective, KeyResult]


@dataclass
class TeamDue:
    team: Team
    stale: list[Stale] = field(default_factory=list)
    hidden_stale: int = 0  # of confidential objectives
    ungraded: list[PeriodView] = field(default_factory=list)  # not graded or not reviewed
    missing: list[Period] = field(default_factory=list)  # running, and no file for it

    @property
    def count(self) -> int:
        return len(self.stale) + self.hidden_stale + len(self.ungraded) + len(self.missing)


def cadence(period: Period) -> str:
    """Periods that follow one another: quarters, halves, years; a custom period by its length."""
    if period.id[4:6] == "-Q":
        return "quarter"
    if period.id[4:6] == "-H":
        return "half"
    if len(period.id) == 4 and period.id.isdigit():
        return "year"
    return f"custom-{round(period.days / 30)}"


def _previous(view: PeriodView, periods: list[PeriodView]) -> PeriodView | None:
    kind = cadence(view.period)
    before = [
        v
        for v in periods
        if cadence(v.period) == kind and v.period.end < view.period.start and v.teams
    ]
    return max(before, key=lambda v: v.period.start, default=None)


def _running(model: Model) -> list[PeriodView]:
    """Periods running today: those with files, and the quarter, half or year of a cadence in
    use that nobody has written yet (2027 while 2026 had annual OKRs)."""
    running = {v.id: v for v in model.periods if v.period.contains(model.today)}
    in_use = {cadence(v.period) for v in model.periods}
    for pid in standard_ids(model.today.year):
        period = standard_period(pid)
        if period and period.contains(model.today) and cadence(period) in in_use:
            running.setdefault(pid, PeriodView(period, pid, period.elapsed(model.today),
                                               False, {}))  # fmt: skip
    return sorted(running.values(), key=lambda v: (v.period.start, -v.period.days))


def running_without_file(model: Model) -> dict[str, list[Period]]:
    """Running periods each team has no file for, though it published the one before."""
    found: dict[str, list[Period]] = {}
    for view in _running(model):
        previous = _previous(view, model.periods)
        for team in previous.teams if previous else ():
            if team not in view.teams and team in model.teams:
                found.setdefault(team, []).append(view.period)
    return found


def of_team(model: Model, team: Team, missing: list[Period]) -> TeamDue:
    due = TeamDue(team, missing=missing)
    for view in model.periods:  # newest first
        tp = view.teams.get(team.id)
        if tp is None:
            continue
        if view.period.contains(model.today):
            due.stale.extend((view, o, kr) for o, kr in tp.key_results() if kr.stale)
            due.hidden_stale += tp.hidden_stale
        if view.finished and tp.readable != "none" and (tp.provisional or not tp.retrospective):
            due.ungraded.append(view)
    due.stale.sort(key=lambda s: -(s[2].staleness.age if s[2].staleness else 0))
    return due


def due(model: Model) -> list[TeamDue]:
    """Every team, in the org tree's order, with what is due (possibly nothing)."""
    missing = running_without_file(model)
    return [of_team(model, team, missing.get(team.id, [])) for team in model.teams.values()]
