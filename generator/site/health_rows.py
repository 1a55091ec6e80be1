"""The program health page's rows: per team, whether it published, how fresh its check-ins
are, what is stale, unowned or ungraded, and the checker's findings in its files."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..due import due
from ..model import Model
from ..problem import Problem


def health_rows(model: Model, problems: list[Problem]) -> tuple[list[dict[str, Any]], int]:
    """The rows, in the org tree's order, and how many findings concern confidential
    objectives (counted, never shown: a message may quote one)."""
    current, today = model.current, model.today
    by_team: dict[str, list[Problem]] = defaultdict(list)  # by file name: <team>.yaml
    hidden = 0
    for problem in problems:
        if problem.confidential:
            hidden += 1
            continue
        by_team[problem.path.rsplit("/", 1)[-1]].append(problem)
    # every running period, not only the current quarter: stale annual key results count
    running = [v for v in model.periods if v.period.contains(today)]
    rows = []
    for team_due in due(model):
        team = team_due.team
        live = [(v, v.teams[team.id]) for v in running if team.id in v.teams]
        assessed = [kr for _, t in live for _, kr in t.key_results() if kr.staleness]
        last = max((t.last_check_in for _, t in live if t.last_check_in), default=None)
        rows.append(
            {
                "team": team,
                "tp": current.teams.get(team.id) if current else None,
                "due": team_due,
                "ambassador": team.ambassador,
                "days": (today - last).days if last else None,
                "stalest": max((kr.staleness.age for kr in assessed), default=None),
                "stale": team_due.stale,
                "unowned": [
                    (v, o, kr) for v, t in live for o, kr in t.key_results() if not kr.owner
                ],
                "ungraded": [v.id for v in team_due.ungraded],
                "warnings": by_team.get(f"{team.id}.yaml", []),
            }
        )
    return rows, hidden
