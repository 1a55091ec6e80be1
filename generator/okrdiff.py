"""The semantic OKR diff between two snapshots of `okrs/`: what changed in OKR terms."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import gitio
from .loader import LoadError, decode, load
from .periods import Periods, period_id
from .walk import kind as kr_kind
from .workspace import discover

Snapshot = dict[str, Any]  # repository path (okrs/<period>/<team>.yaml) -> data


def parse(raw: bytes) -> Any:
    try:
        return load(decode(raw))
    except LoadError:
        return None  # a file that does not load has no OKR content to compare


def snapshot_at(rev: str, repo: Path, prefix: str = "okrs") -> Snapshot:
    paths = [p for p in gitio.list_files(rev, prefix, repo) if p.endswith((".yaml", ".yml"))]
    return {path: parse(raw) for path, raw in gitio.read_files(rev, paths, repo).items()}


def snapshot_worktree(repo: Path, prefix: str = "okrs") -> Snapshot:
    folder = repo / prefix
    if not folder.is_dir():
        return {}
    return {p.relative_to(repo).as_posix(): parse(p.read_bytes()) for p in discover(folder)}


@dataclass
class Change:
    kind: str
    text: str
    objective: str | None = None
    key_result: str | None = None
    old: Any = None
    new: Any = None
    moved_after_start: bool = False
    confidential: bool = False


@dataclass
class FileDiff:
    path: str
    period: str
    team: str
    status: str  # added | removed | changed | renamed
    old_path: str | None = None
    changes: list[Change] = field(default_factory=list)


def _is_team_file(path: str) -> bool:
    parts = path.split("/")
    return len(parts) == 3 and parts[2].endswith((".yaml", ".yml"))


def _team_period(path: str, data: Any) -> tuple[str, str]:
    parts = path.split("/")
    if isinstance(data, dict):
        return period_id(data.get("period", parts[1])), str(data.get("team", parts[2]))
    return parts[1], Path(parts[2]).stem


def _by_id(items: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(items, list):
        return {}
    return {
        str(item["id"]): item
        for item in items
        if isinstance(item, dict) and isinstance(item.get("id"), str | int)
    }


def _kind_text(kr: dict[str, Any]) -> str:
    what = kr_kind(kr)
    if what == "metric" and isinstance(kr.get("metric"), dict):
        m = kr["metric"]
        unit = f" {m['unit']}" if m.get("unit") else ""
        return f"metric {m.get('start')} → {m.get('target')}{unit}"
    if what == "threshold" and isinstance(kr.get("threshold"), dict):
        t = kr["threshold"]
        bound = "at least" if "at_least" in t else "at most"
        return f"threshold {bound} {t.get('at_least', t.get('at_most'))}"
    return what


def _check_in_text(kr: dict[str, Any], entry: dict[str, Any]) -> str:
    if isinstance(entry.get("done"), bool):
        value = "done" if entry["done"] else "not done"
    else:
        spec = kr.get("metric") or kr.get("threshold")
        unit = spec.get("unit", "") if isinstance(spec, dict) else ""
        value = f"{entry.get('value')}{' ' + unit if unit else ''}"
    text = f"{entry.get('date')}: {value}"
    if entry.get("status"):
        text += f" ({str(entry['status']).replace('_', ' ')})"
    if entry.get("note"):
        text += f" — {entry['note']}"
    return text


def _objective_changes(
    oid: str, old: dict[str, Any], new: dict[str, Any], started: bool
) -> list[Change]:
    secret = bool(old.get("confidential") or new.get("confidential"))
    out: list[Change] = []

    def add(
        kind: str,
        text: str,
        kr: str | None = None,
        before: Any = None,
        after: Any = None,
        moved: bool = False,
    ) -> None:
        out.append(Change(kind, text, oid, kr, before, after, moved, secret))

    if old.get("title") != new.get("title"):
        add(
            "objective-retitled",
            f"{oid} retitled: “{old.get('title')}” → “{new.get('title')}”",
            before=old.get("title"),
            after=new.get("title"),
        )
    if (old.get("aligns_with") or []) != (new.get("aligns_with") or []):
        add(
            "objective-realigned",
            f"{oid} realigned: {old.get('aligns_with') or []} → {new.get('aligns_with') or []}",
            before=old.get("aligns_with"),
            after=new.get("aligns_with"),
        )
    if old.get("owner") != new.get("owner"):
        add(
            "objective-reowned",
            f"{oid} owner: {old.get('owner')} → {new.get('owner')}",
            before=old.get("owner"),
            after=new.get("owner"),
        )
    old_krs, new_krs = _by_id(old.get("key_results")), _by_id(new.get("key_results"))
    for kid in [k for k in old_krs if k not in new_krs]:
        add(
            "kr-removed",
            f"key result {oid}/{kid} removed: “{old_krs[kid].get('title')}”",
            kid,
            before=old_krs[kid].get("title"),
        )
    for kid, kr in new_krs.items():
        if kid not in old_krs:
            add(
                "kr-added",
                f"key result {oid}/{kid} added: “{kr.get('title')}” ({_kind_text(kr)})",
                kid,
                after=kr.get("title"),
            )
            continue
        was = old_krs[kid]
        if was.get("title") != kr.get("title"):
            add(
                "kr-retitled",
                f"{oid}/{kid} retitled: “{was.get('title')}” → “{kr.get('title')}”",
                kid,
                was.get("title"),
                kr.get("title"),
            )
        if was.get("owner") != kr.get("owner"):
            add(
                "kr-reowned",
                f"{oid}/{kid} owner: {was.get('owner')} → {kr.get('owner')}",
                kid,
                was.get("owner"),
                kr.get("owner"),
            )
        if kr_kind(was) != kr_kind(kr):
            add(
                "kr-kind-changed",
                f"{oid}/{kid} kind: {_kind_text(was)} → {_kind_text(kr)}",
                kid,
                kr_kind(was),
                kr_kind(kr),
            )
        elif isinstance(was.get("metric"), dict) and isinstance(kr.get("metric"), dict):
            for end in ("start", "target"):
                before, after = was["metric"].get(end), kr["metric"].get(end)
                if before != after:
                    flag = " (moved after the period started)" if started else ""
                    add(
                        f"kr-{end}-changed",
                        f"{oid}/{kid} {end}: {before} → {after}{flag}",
                        kid,
                        before,
                        after,
                        moved=started,
                    )
        elif (was.get("threshold") or {}) != (kr.get("threshold") or {}):
            add(
                "kr-threshold-changed",
                f"{oid}/{kid}: {_kind_text(was)} → {_kind_text(kr)}",
                kid,
                was.get("threshold"),
                kr.get("threshold"),
            )
        old_days = {
            str(c.get("date")): c for c in was.get("check_ins") or [] if isinstance(c, dict)
        }
        for entry in kr.get("check_ins") or []:
            if not isinstance(entry, dict):
                continue
            previous = old_days.get(str(entry.get("date")))
            if previous is None:
                add(
                    "check-in",
                    f"{oid}/{kid} check-in {_check_in_text(kr, entry)}",
                    kid,
                    after=entry,
                )
            elif previous != entry:
                add(
                    "check-in-edited",
                    f"{oid}/{kid} check-in edited {_check_in_text(kr, entry)}",
                    kid,
                    previous,
                    entry,
                )
        if was.get("score") != kr.get("score") and kr.get("score") is not None:
            verb = "graded" if was.get("score") is None else "regraded"
            add(
                "score",
                f"{oid}/{kid} {verb}: {kr.get('score')}",
                kid,
                was.get("score"),
                kr.get("score"),
            )
    return out


def diff_files(path: str, old: Any, new: Any, periods: Periods, today: date) -> list[Change]:
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    period = periods.get(_team_period(path, new or old)[0])
    started = period is not None and today >= period.start
    changes: list[Change] = []
    old_obj, new_obj = _by_id(old.get("objectives")), _by_id(new.get("objectives"))
    for oid, o in old_obj.items():
        if oid not in new_obj:
            changes.append(
                Change(
                    "objective-removed",
                    f"objective {oid} removed: “{o.get('title')}”",
                    oid,
                    old=o.get("title"),
                    confidential=bool(o.get("confidential")),
                )
            )
    for oid, o in new_obj.items():
        if oid not in old_obj:
            krs = len(o.get("key_results") or [])
            changes.append(
                Change(
                    "objective-added",
                    f"objective {oid} added: “{o.get('title')}” ({krs} key results)",
                    oid,
                    new=o.get("title"),
                    confidential=bool(o.get("confidential")),
                )
            )
        else:
            changes.extend(_objective_changes(oid, old_obj[oid], o, started))
    old_kudos = [r for r in old.get("recognition") or [] if isinstance(r, dict)]
    for kudos in new.get("recognition") or []:
        if isinstance(kudos, dict) and kudos not in old_kudos:
            changes.append(
                Change(
                    "recognition",
                    f"recognition for {kudos.get('to')}: {kudos.get('message')}",
                    new=kudos,
                )
            )
    if new.get("retrospective") and new.get("retrospective") != old.get("retrospective"):
        verb = "added" if not old.get("retrospective") else "updated"
        changes.append(Change("retrospective", f"retrospective {verb}", new=new["retrospective"]))
    return changes


def diff_snapshots(
    base: Snapshot, head: Snapshot, moved: dict[str, str], periods: Periods, today: date
) -> list[FileDiff]:
    """Per team file: added, removed, renamed (git's rename detection) or changed."""
    diffs: list[FileDiff] = []
    renamed_from = {old: new for new, old in moved.items() if _is_team_file(new)}
    for path in sorted(set(base) | set(head)):
        if not _is_team_file(path) or path in renamed_from:
            continue
        old_path = moved.get(path)
        old = base.get(old_path) if old_path else base.get(path)
        new = head.get(path)
        period, team = _team_period(path, new if path in head else old)
        if path not in head:
            status = "removed"
        elif old_path is not None:
            status = "renamed"
        elif path not in base:
            status = "added"
        else:
            status = "changed"
        changes = diff_files(path, old, new, periods, today)
        if status != "changed" or changes:
            diffs.append(FileDiff(path, period, team, status, old_path, changes))
    return diffs


def counts(diffs: list[FileDiff]) -> Counter[str]:
    total: Counter[str] = Counter()
    for d in diffs:
        total[f"file-{d.status}"] += 1
        for c in d.changes:
            total[c.kind] += 1
            if c.moved_after_start:
                total["target-moved"] += 1
    return total
