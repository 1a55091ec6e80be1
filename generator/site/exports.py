"""`okrs.json` (the whole published model, shape documented in docs/exports.md) and
`okrs.csv` (one row per key result). Both come from the model, so confidential objectives
are not in them."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Mapping
from typing import Any

from ..model import KeyResult, Link, Model, Objective, PeriodView, TeamPeriod

FORMAT_VERSION = 3


def _ref(link: Link) -> str:
    target = link.target
    text = f"{target.period}:{target.team}/{target.id}"
    return f"{text}/{link.key_result}" if link.key_result else text


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _key_result(kr: KeyResult) -> dict[str, Any]:
    measured = kr.measured
    stale = kr.staleness
    return {
        "id": kr.id,
        "title": kr.title,
        "description": kr.description,
        "kind": kr.kind,
        "type": kr.type,
        "owner": kr.owner,
        "weight": kr.weight,
        "tags": kr.tags,
        "due": kr.due.isoformat() if kr.due else None,
        "start": kr.start,
        "start_from_check_in": kr.start_from_check_in,
        "target": kr.target,
        "target_set": kr.target_set,
        "bound": kr.bound,
        "limit": kr.limit,
        "upper_bound": kr.upper_bound,
        "upper_limit": kr.upper_limit,
        "unit": kr.unit,
        "aligns_with": [_ref(link) for link in kr.supports],
        "latest": None
        if measured is None
        else {
            "date": measured.day.isoformat(),
            "value": measured.value,
            "done": measured.done,
        },
        "progress": _round(kr.progress),
        "progress_unclamped": _round(kr.progress_raw),
        "expected": _round(kr.expected),
        "score": _round(kr.score),
        "graded": kr.graded,
        "status": kr.status,
        "status_reported": kr.reported,
        "confidence": kr.confidence,
        "band": kr.band,
        "state": kr.state,
        "stale": None
        if stale is None
        else {
            "since": stale.since.isoformat(),
            "days": stale.age,
            "limit": stale.limit,
            "stale": stale.stale,
        },
        "check_ins": [
            {
                "date": c.day.isoformat(),
                "value": c.value,
                "done": c.done,
                "status": c.status,
                "confidence": c.confidence,
                "note": c.note,
                "by": c.by,
            }
            for c in kr.check_ins
        ],
        "initiatives": [
            {"title": i.title, "url": i.url, "status": i.status, "owner": i.owner}
            for i in kr.initiatives
        ],
    }


def _objective(o: Objective) -> dict[str, Any]:
    return {
        "id": o.id,
        "title": o.title,
        "description": o.description,
        "owner": o.owner,
        "type": o.type,
        "tags": o.tags,
        "alignment": str(o.kind),
        "aligns_with": [_ref(link) for link in o.supports],
        "progress": _round(o.progress),
        "score": _round(o.score),
        "provisional": o.provisional,
        "status": o.status,
        "band": o.band,
        "state": o.state,
        "key_results": [_key_result(kr) for kr in o.key_results],
    }


def _team_period(tp: TeamPeriod) -> dict[str, Any]:
    graded, total = tp.graded_count
    return {
        "team": tp.team.id,
        "source": f"okrs/{tp.source}",
        "progress": _round(tp.progress),
        "score": _round(tp.score),
        "committed_score": _round(tp.type_score("committed")),
        "aspirational_score": _round(tp.type_score("aspirational")),
        "band": tp.band,
        "provisional": tp.provisional,
        "graded_key_results": graded,
        "key_results": total,
        "state_counts": tp.counts,
        "hidden_objectives": tp.hidden,
        "objectives": [_objective(o) for o in tp.objectives],
        "recognition": [
            {"date": r.day.isoformat(), "to": r.to, "from": r.by, "message": r.message}
            for r in tp.recognition
        ],
        "retrospective": tp.retrospective,
    }


def _dumps(data: Any) -> str:
    # compact: the C encoder (indenting falls back to pure Python, 10x slower at scale) and a
    # third of the bytes; `python -m json.tool` shows it indented
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def team_json(tp: TeamPeriod) -> bytes:
    """One team's period as okrs.json holds it: made with the team's page, and kept with it
    in the job cache (most of the file, and what one changed file changes)."""
    return _dumps(_team_period(tp)).encode("utf-8")


def to_json(model: Model, teams: Mapping[tuple[str, str], bytes] | None = None) -> bytes:
    """okrs.json; `teams`: the team_json of each team's period, by (period, team), where
    made already. Put together as bytes: at 10,000 teams the file is 300 MB, one copy."""
    teams = teams or {}
    head = {
        "version": FORMAT_VERSION,
        "company": {
            "name": model.company,
            "language": model.language,
            "visibility": model.visibility,
        },
        "today": model.today.isoformat(),
        "current_period": model.current.id if model.current else None,
        "teams": [
            {"id": t.id, "name": t.name, "parent": t.parent, "lead": t.lead}
            for t in model.teams.values()
        ],
        "people": [
            {"id": p.id, "name": p.name, "team": p.team}
            for p in sorted(model.people.values(), key=lambda p: p.id)
        ],
        "periods": [],
    }
    chunks = [_opened(_dumps(head))]
    for index, v in enumerate(model.periods):
        period = {
            "id": v.id,
            "start": v.period.start.isoformat(),
            "end": v.period.end.isoformat(),
            "expected": _round(v.expected),
            "finished": v.finished,
            "provisional": v.finished and v.provisional,
            "teams": [],
        }
        chunks += [b"," if index else b"", _opened(_dumps(period))]
        for at, (tid, tp) in enumerate(v.teams.items()):
            chunks += [b"," if at else b"", teams.get((v.id, tid)) or team_json(tp)]
        chunks.append(b"]}")
    chunks.append(b"]}\n")
    return b"".join(chunks)


def _opened(dumped: str) -> bytes:
    """An object dumped with an empty list as its last member, up to that list's `[`: what
    follows is the list's items, then `]}` (the same text json.dumps writes for the whole)."""
    assert dumped.endswith("[]}")
    return dumped[:-2].encode("utf-8")


CSV_COLUMNS = [
    "period", "team", "objective", "objective_title", "objective_type", "objective_tags",
    "key_result", "title", "kind", "owner", "weight", "tags", "due", "start", "target",
    "bound", "limit", "unit", "latest_date", "latest_value", "progress", "expected", "score",
    "graded", "status", "confidence", "band", "stale_days", "type", "upper_bound", "upper_limit",
]  # fmt: skip


_FORMULA = frozenset("=+-@")
# What a spreadsheet may skip before it decides a cell is a formula: blanks of every kind
# (Zs: NBSP, ideographic space...), line and paragraph separators, controls, and invisible
# format characters (zero-width space, BOM, direction marks).
_SKIPPED = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf"))


def _looks_like_formula(text: str) -> bool:
    for index, char in enumerate(text):
        if unicodedata.category(char) in _SKIPPED:
            if index == 0 and char in "\t\r\n":
                return True  # OWASP: a leading tab or line break is an attack of its own
            continue
        # NFKC folds the full-width and small forms (＝ ﹦ ＋ ﹢ －  ﹣ ＠ ﹫) to their ASCII twins
        return unicodedata.normalize("NFKC", char)[:1] in _FORMULA
    return False


def _cell(value: Any) -> Any:
    """Spreadsheets run cells that start with = + - @ as formulas, after any blanks or
    invisible characters and in their full-width forms too; such user text gets a leading
    apostrophe."""
    if isinstance(value, str) and _looks_like_formula(value):
        return "'" + value
    return "" if value is None else value


def team_rows(view: PeriodView, tp: TeamPeriod) -> str:
    """One team's period as rows of okrs.csv (made with the team's page, as team_json)."""
    buffer = io.StringIO()
    # RFC 4180 line ends: the csv module then quotes every cell holding CR or LF, so no cell
    # can start a row of its own in a spreadsheet
    writer = csv.writer(buffer, lineterminator="\r\n")
    for o, kr in tp.key_results():
        latest = kr.measured
        value = None if latest is None else latest.done if kr.kind == "milestone" else latest.value
        row = [
            view.id,
            tp.team.id,
            o.id,
            o.title,
            o.type,
            " ".join(o.tags),
            kr.id,
            kr.title,
            kr.kind,
            kr.owner,
            kr.weight,
            " ".join(kr.tags),
            kr.due.isoformat() if kr.due else None,
            kr.start,
            kr.target,
            kr.bound,
            kr.limit,
            kr.unit,
            latest.day.isoformat() if latest else None,
            value,
            _round(kr.progress),
            _round(kr.expected),
            _round(kr.score),
            kr.graded,
            kr.status,
            kr.confidence,
            kr.band,
            kr.staleness.age if kr.staleness else None,
            kr.type,
            kr.upper_bound,
            kr.upper_limit,
        ]
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def to_csv(model: Model, teams: Mapping[tuple[str, str], bytes] | None = None) -> bytes:
    """okrs.csv; `teams`: the team_rows of each team's period, UTF-8, where made already."""
    teams = teams or {}
    header = io.StringIO()
    csv.writer(header, lineterminator="\r\n").writerow(CSV_COLUMNS)
    # with a BOM: Excel reads a UTF-8 CSV without one in the local code page (mojibake)
    chunks = [b"\xef\xbb\xbf", header.getvalue().encode("utf-8")]
    for view in model.periods:
        for tid, tp in view.teams.items():
            rows = teams.get((view.id, tid))
            chunks.append(team_rows(view, tp).encode("utf-8") if rows is None else rows)
    return b"".join(chunks)
