"""What an authoring command's arguments name: a team, a period, a team's file, an objective
and a key result, each with a did-you-mean when it does not exist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..check import Checked
from ..errors import UsageError
from ..periods import Period
from ..suggest import closest
from ..textsafe import quote
from ..workspace import Document

REF_FORM = "[PERIOD:]TEAM/OBJECTIVE/KEY-RESULT, e.g. 2026-Q4:platform/O1/KR2"


@dataclass(frozen=True)
class TeamFile:
    path: Path  # okrs/<period>/<team>.yaml, under the folder the command was given
    period: Period
    team: str
    doc: Document | None  # None: the file does not exist yet


@dataclass(frozen=True)
class KeyResultRef:
    file: TeamFile
    objective: int  # indexes into the file's objectives and the objective's key results
    key_result: int
    name: str  # `O1/KR2`, as messages name it

    @property
    def data(self) -> dict[str, Any]:
        assert self.file.doc is not None
        objective = self.file.doc.data["objectives"][self.objective]
        return objective["key_results"][self.key_result]

    @property
    def objective_data(self) -> dict[str, Any]:
        assert self.file.doc is not None
        return self.file.doc.data["objectives"][self.objective]


def _hint(name: str, known: list[str]) -> str:
    close = closest(name, known)
    return f" (did you mean {quote(close)}?)" if close else ""


def team(checked: Checked, name: str) -> str:
    teams = list(checked.ctx.org.teams)
    if name not in checked.ctx.org.teams:
        raise UsageError(
            f"no team {quote(name)} in okrs/org.yaml{_hint(name, teams)}; "
            "add it under `teams:` first"
        )
    return name


def period(checked: Checked, pid: str) -> Period:
    found = checked.ctx.org.periods.get(pid)
    if found is None:
        raise UsageError(
            f"{quote(pid)} is not a period: use YYYY, YYYY-H1, YYYY-Q1 (to Q4), or declare it "
            "under `periods:` in okrs/org.yaml"
        )
    return found


def _files_of(checked: Checked, team_id: str) -> list[tuple[Period, Document]]:
    """The team's files whose folder is a period, latest first (a year after its quarters)."""
    found = []
    for doc in checked.ctx.workspace.teams:
        dates = checked.ctx.org.periods.get(doc.folder)
        if doc.stem == team_id and dates is not None:
            found.append((dates, doc))
    return sorted(found, key=lambda f: (f[0].end, -f[0].days), reverse=True)


def file_of(checked: Checked, team_id: str, dates: Period) -> TeamFile:
    doc = checked.ctx.team_file(dates.id, team_id)
    return TeamFile(checked.root / dates.id / f"{team_id}.yaml", dates, team_id, doc)


def running(checked: Checked, team_id: str, today: date) -> TeamFile:
    """The team's file for the period running today (the shortest, when a quarter and its
    year both run): where a check-in goes when no period is named."""
    files = [(p, d) for p, d in _files_of(checked, team_id) if p.contains(today)]
    if not files:
        latest = _files_of(checked, team_id)
        hint = f" (its latest is {latest[0][0].id})" if latest else ""
        raise UsageError(
            f"{team_id} has no OKR file for a period running on {today.isoformat()}{hint}: "
            f"name the period, as in {latest[0][0].id if latest else '2026-Q4'}:{team_id}/O1/KR1, "
            f"or start one with `okr new {team_id} PERIOD`"
        )
    dates, _doc = min(files, key=lambda f: f[0].days)
    return file_of(checked, team_id, dates)


def to_grade(checked: Checked, team_id: str, today: date) -> TeamFile:
    """The period `okr grade TEAM --suggest` grades when none is named: the latest that has
    ended and still has ungraded key results, else the one running today."""
    for dates, doc in _files_of(checked, team_id):
        if dates.end < today and doc.valid and _ungraded(doc):
            return file_of(checked, team_id, dates)
    return running(checked, team_id, today)


def _ungraded(doc: Document) -> bool:
    return any(
        "score" not in kr
        for objective in doc.data.get("objectives") or []
        for kr in objective.get("key_results") or []
    )


def existing(checked: Checked, file: TeamFile) -> Document:
    doc = file.doc
    if doc is None:
        raise UsageError(
            f"{file.path.as_posix()} does not exist: start it with "
            f"`okr new {file.team} {file.period.id}`"
        )
    if not doc.loaded:
        # the same findings, at the same places, as `okr check` gives for the file
        found = tuple(p.format() for p in checked.report.errors_in({doc.display}))
        raise UsageError(
            f"{file.path.as_posix()} cannot be read; fix it first (okr check "
            f"{file.path.as_posix()}):",
            details=found,
        )
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("objectives"), list):
        raise UsageError(f"{file.path.as_posix()} has no list of objectives to edit")
    return doc


def _index(items: list[Any], wanted: str, what: str, where: str) -> int:
    ids = [str(item.get("id")) for item in items if isinstance(item, dict)]
    for index, item in enumerate(items):
        if isinstance(item, dict) and str(item.get("id")) == wanted:
            return index
    listed = ", ".join(ids) if ids else "none"
    raise UsageError(f"no {what} {quote(wanted)} in {where}{_hint(wanted, ids)}; it has: {listed}")


@dataclass(frozen=True)
class _Parts:
    objective: str
    key_result: str


def key_result(checked: Checked, text: str, today: date) -> KeyResultRef:
    # Split by hand rather than by the reference syntax: `Platform/o1/kr2` deserves a
    # did-you-mean for each part, not "not a reference".
    pid, _colon, rest = text.rpartition(":")
    parts = rest.split("/")
    if len(parts) != 3 or not all(parts) or (_colon and not pid):
        raise UsageError(f"{quote(text)} does not name a key result: write {REF_FORM}")
    team_id = team(checked, parts[0])
    if pid:
        file = file_of(checked, team_id, period(checked, pid))
    else:
        file = running(checked, team_id, today)
    ref = _Parts(parts[1], parts[2])
    doc = existing(checked, file)
    where = file.path.as_posix()
    objectives = doc.data["objectives"]
    o = _index(objectives, ref.objective, "objective", where)
    krs = objectives[o].get("key_results")
    if not isinstance(krs, list):
        raise UsageError(f"objective {ref.objective} in {where} has no list of key results")
    k = _index(krs, ref.key_result, "key result", f"{where}, objective {ref.objective}")
    return KeyResultRef(file, o, k, f"{ref.objective}/{ref.key_result}")
