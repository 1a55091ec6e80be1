"""The semantic OKR diff between two snapshots of an OKR folder: what changed in OKR terms.

Every field of the format is compared. Known fields get a sentence of their own (a moved
target, a new check-in, a grade); a field this module does not know yet still shows as
"changed", so nothing vanishes. org.yaml is compared too (company, teams, people, periods).
A file that does not load at one side says so instead of passing for "everything removed".

Confidential objectives: a change to an objective that is confidential at either side, or
that the caller says is confidential now, is reported as one line per file, "a confidential
objective changed", with no id, title, value or note.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import gitio, numbers
from .fsread import Refused, read_regular
from .loader import Limits, LoadError, decode, load
from .periods import Periods, period_id
from .textsafe import clip
from .walk import kind as kr_kind
from .workspace import ORG_FILE, YAML_SUFFIXES, discover

CHANGE_LIMIT = 500  # characters of one change's sentence


@dataclass(frozen=True)
class Unreadable:
    """A file that exists but does not load (or is not a file), with the reason."""

    message: str


Snapshot = dict[str, Any]  # repository path -> loaded data, or Unreadable
Secret = frozenset[tuple[str, str, str]]  # (period, team, objective id) confidential now
CONFIDENTIAL_TEXT = "a confidential objective changed"
_LIMITS = Limits()


def parse(raw: bytes) -> Any:
    try:
        return load(decode(raw), _LIMITS)
    except LoadError as exc:
        return Unreadable(f"line {exc.line}, column {exc.column}: {exc.message}")


def snapshot_at(rev: str, repo: Path, prefix: str = "okrs") -> Snapshot:
    blobs = [b for b in gitio.list_blobs(rev, prefix, repo) if b.path.endswith(YAML_SUFFIXES)]
    wanted = [b for b in blobs if b.regular and b.size <= _LIMITS.max_bytes]
    contents = gitio.read_blobs([b.oid for b in wanted], repo)
    snapshot: Snapshot = {}
    for blob in blobs:
        if not blob.regular:
            snapshot[blob.path] = Unreadable(f"it is {blob.kind} in git, not a file")
        elif blob.size > _LIMITS.max_bytes:
            snapshot[blob.path] = Unreadable(f"it is larger than {_LIMITS.max_bytes} bytes")
        else:
            snapshot[blob.path] = parse(contents.get(blob.oid, b""))
    return snapshot


def snapshot_worktree(repo: Path, prefix: str = "okrs") -> Snapshot:
    folder = repo / prefix
    if not folder.is_dir():
        return {}
    snapshot: Snapshot = {}
    for path in discover(folder):
        name = path.relative_to(repo).as_posix()
        try:
            snapshot[name] = parse(read_regular(path, _LIMITS.max_bytes, folder))
        except Refused as exc:
            snapshot[name] = Unreadable(f"this path {exc}")
    return snapshot


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

    def __post_init__(self) -> None:
        self.text = clip(self.text, CHANGE_LIMIT)  # every format echoes it; user text is bounded


@dataclass
class FileDiff:
    path: str
    period: str
    team: str
    status: str  # added | removed | changed | renamed | unreadable
    old_path: str | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def is_org(self) -> bool:
        return self.path.rsplit("/", 1)[-1] == ORG_FILE


# ---- values as words --------------------------------------------------------------------


def show(value: Any, limit: int = 80) -> str:
    """A value in a sentence: numbers for people, text quoted and shortened."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return numbers.show(value)
    if isinstance(value, str):
        text = " ".join(value.split())
        return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"
    if isinstance(value, list):
        return (
            "["
            + ", ".join(show(v, 30) for v in value[:8])
            + (", …" if len(value) > 8 else "")
            + "]"
        )
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {show(v, 30)}" for k, v in list(value.items())[:6])
        return "{" + inner + (", …" if len(value) > 6 else "") + "}"
    return show(str(value), limit)


def _by_id(items: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(items, list):
        return {}
    found: dict[str, dict[str, Any]] = {}
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("id"), str | int):
            found.setdefault(str(item["id"]), item)
    return found


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _kind_text(kr: dict[str, Any]) -> str:
    what = kr_kind(kr)
    if what == "metric" and isinstance(kr.get("metric"), dict):
        m = kr["metric"]
        unit = f" {m['unit']}" if m.get("unit") else ""
        return f"metric {show(m.get('start'))} → {show(m.get('target'))}{unit}"
    if what == "threshold" and isinstance(kr.get("threshold"), dict):
        t = kr["threshold"]
        bound = next((b for b in ("at_least", "at_most", "above", "below") if b in t), "at_least")
        unit = f" {t['unit']}" if t.get("unit") else ""
        return f"threshold {bound.replace('_', ' ')} {show(t.get(bound))}{unit}"
    return what


def _unit(kr: dict[str, Any]) -> str:
    spec = kr.get("metric") or kr.get("threshold")
    unit = spec.get("unit", "") if isinstance(spec, dict) else ""
    return f" {unit}" if isinstance(unit, str) and unit else ""


def _check_in_text(kr: dict[str, Any], entry: dict[str, Any]) -> str:
    parts = []
    if isinstance(entry.get("done"), bool):
        parts.append("done" if entry["done"] else "not done")
    elif "value" in entry:
        parts.append(f"{show(entry.get('value'))}{_unit(kr)}")
    else:
        parts.append("no new value")
    text = f"{entry.get('date')}: {' '.join(parts)}"
    if entry.get("status"):
        text += f" ({str(entry['status']).replace('_', ' ')})"
    if entry.get("confidence") is not None:
        text += f" confidence {show(entry.get('confidence'))}/10"
    if entry.get("note"):
        text += f" — {clip(' '.join(str(entry['note']).split()), 200)}"
    return text


# ---- a generic field comparison, with a sentence per known field ------------------------

Add = Callable[..., None]
_LONG_TEXT = ("description", "retrospective", "note", "message")


def _moved(add: Add, kind: str, subject: str, before: Any, after: Any) -> None:
    """`<subject>: old → new`, when the value moved."""
    if before != after:
        add(kind, f"{subject}: {show(before)} → {show(after)}", before=before, after=after)


def _fields(
    add: Add,
    kind: str,
    subject: str,
    old: dict[str, Any],
    new: dict[str, Any],
    skip: Iterable[str],
    names: dict[str, str] | None = None,
) -> None:
    """One change per differing field not in `skip`: `<subject> <field>: old → new`."""
    names = names or {}
    skipped = set(skip)
    for key in [*old, *(k for k in new if k not in old)]:
        if key in skipped or old.get(key) == new.get(key):
            continue
        label = names.get(key, key.replace("_", " "))
        before, after = old.get(key), new.get(key)
        if key in _LONG_TEXT:
            verb = "added" if before is None else ("removed" if after is None else "updated")
            add(f"{kind}-{key}-changed", f"{subject} {label} {verb}", before=before, after=after)
        else:
            _moved(add, f"{kind}-{key}-changed", f"{subject} {label}", before, after)


def _keyed_check_ins(items: Any) -> dict[tuple[str, int], dict[str, Any]]:
    """Check-ins by (date, occurrence): two on one day stay two."""
    found: dict[tuple[str, int], dict[str, Any]] = {}
    seen: Counter[str] = Counter()
    for entry in items if isinstance(items, list) else []:
        if isinstance(entry, dict):
            day = str(entry.get("date"))
            found[(day, seen[day])] = entry
            seen[day] += 1
    return found


def _keyed_initiatives(items: Any) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            found.setdefault(str(item.get("title", f"#{index + 1}")), item)
    return found


def _key_result_changes(
    add: Add, oid: str, kid: str, was: dict[str, Any], kr: dict[str, Any], started: bool
) -> None:
    name = f"{oid}/{kid}"

    def on(kind: str, text: str, **extra: Any) -> None:
        add(kind, text, kr=kid, **extra)

    _moved(on, "kr-retitled", f"{name} retitled", was.get("title"), kr.get("title"))
    _moved(on, "kr-reowned", f"{name} owner", was.get("owner"), kr.get("owner"))
    if kr_kind(was) != kr_kind(kr):
        on(
            "kr-kind-changed",
            f"{name} kind: {_kind_text(was)} → {_kind_text(kr)}",
            before=kr_kind(was),
            after=kr_kind(kr),
        )
    else:
        old_m, new_m = _dict(was.get("metric")), _dict(kr.get("metric"))
        for end in ("start", "target"):
            before, after = old_m.get(end), new_m.get(end)
            if before != after:
                flag = " (moved after the period started)" if started else ""
                on(
                    f"kr-{end}-changed",
                    f"{name} {end}: {show(before)} → {show(after)}{flag}",
                    before=before,
                    after=after,
                    moved=started,
                )
        _fields(
            on,
            "kr-metric",
            f"{name} metric",
            old_m,
            new_m,
            ("start", "target"),
        )
        if _dict(was.get("threshold")) != _dict(kr.get("threshold")):
            on(
                "kr-threshold-changed",
                f"{name}: {_kind_text(was)} → {_kind_text(kr)}",
                before=was.get("threshold"),
                after=kr.get("threshold"),
            )
    old_days, new_days = (
        _keyed_check_ins(was.get("check_ins")),
        _keyed_check_ins(kr.get("check_ins")),
    )
    for key, entry in new_days.items():
        previous = old_days.get(key)
        if previous is None:
            on("check-in", f"{name} check-in {_check_in_text(kr, entry)}", after=entry)
        elif previous != entry:
            on(
                "check-in-edited",
                f"{name} check-in edited {_check_in_text(kr, entry)}",
                before=previous,
                after=entry,
            )
    for key, entry in old_days.items():
        if key not in new_days:
            on(
                "check-in-removed",
                f"{name} check-in removed {_check_in_text(was, entry)}",
                before=entry,
            )
    old_work, new_work = (
        _keyed_initiatives(was.get("initiatives")),
        _keyed_initiatives(kr.get("initiatives")),
    )
    for title, item in new_work.items():
        if title not in old_work:
            on("initiative-added", f"{name} initiative added: {show(title)}", after=item)
        elif old_work[title] != item:
            _fields(
                on,
                "initiative",
                f"{name} initiative {show(title)}",
                old_work[title],
                item,
                ("title",),
            )
    for title, item in old_work.items():
        if title not in new_work:
            on("initiative-removed", f"{name} initiative removed: {show(title)}", before=item)
    before, after = was.get("score"), kr.get("score")
    if before != after:
        if after is None:
            on("score-removed", f"{name} grade removed (was {show(before)})", before=before)
        else:
            verb = "graded" if before is None else "regraded"
            on("score", f"{name} {verb}: {show(after)}", before=before, after=after)
    handled = (
        "id",
        "title",
        "owner",
        "metric",
        "milestone",
        "threshold",
        "check_ins",
        "initiatives",
        "score",
    )
    _fields(on, "kr", name, was, kr, handled)


def _objective_changes(
    add: Add, oid: str, old: dict[str, Any], new: dict[str, Any], started: bool
) -> None:
    _moved(add, "objective-retitled", f"{oid} retitled", old.get("title"), new.get("title"))
    if (old.get("aligns_with") or []) != (new.get("aligns_with") or []):
        add(
            "objective-realigned",
            f"{oid} realigned: {show(old.get('aligns_with') or [])} → "
            f"{show(new.get('aligns_with') or [])}",
            before=old.get("aligns_with"),
            after=new.get("aligns_with"),
        )
    _moved(add, "objective-reowned", f"{oid} owner", old.get("owner"), new.get("owner"))
    _fields(
        add,
        "objective",
        oid,
        old,
        new,
        ("id", "title", "aligns_with", "owner", "key_results", "confidential"),
    )
    old_krs, new_krs = _by_id(old.get("key_results")), _by_id(new.get("key_results"))
    for kid, kr in old_krs.items():
        if kid not in new_krs:
            add(
                "kr-removed",
                f"key result {oid}/{kid} removed: {show(kr.get('title'))}",
                kr=kid,
                before=kr.get("title"),
            )
    for kid, kr in new_krs.items():
        if kid not in old_krs:
            add(
                "kr-added",
                f"key result {oid}/{kid} added: {show(kr.get('title'))} ({_kind_text(kr)})",
                kr=kid,
                after=kr.get("title"),
            )
        else:
            _key_result_changes(add, oid, kid, old_krs[kid], kr, started)


def _count(items: Any, what: str) -> str:
    return numbers.plural(len(items) if isinstance(items, list) else 0, what)


def diff_team(
    path: str, old: Any, new: Any, periods: Periods, today: date, secret: Secret = frozenset()
) -> list[Change]:
    old, new = _dict(old), _dict(new)
    period_text, team = _team_period(path, new or old)
    period = periods.get(period_text)
    started = period is not None and today >= period.start
    changes: list[Change] = []
    redacted = False

    def hidden(oid: str, *sides: dict[str, Any]) -> bool:
        return (period_text, team, oid) in secret or any(s.get("confidential") for s in sides)

    def adder(oid: str | None) -> Add:
        def add(
            kind: str,
            text: str,
            kr: str | None = None,
            before: Any = None,
            after: Any = None,
            moved: bool = False,
        ) -> None:
            changes.append(Change(kind, text, oid, kr, before, after, moved))

        return add

    old_obj, new_obj = _by_id(old.get("objectives")), _by_id(new.get("objectives"))
    for oid, o in old_obj.items():
        if oid not in new_obj:
            if hidden(oid, o):
                redacted = True
                continue
            changes.append(
                Change(
                    "objective-removed",
                    f"objective {oid} removed: {show(o.get('title'))}",
                    oid,
                    old=o.get("title"),
                )
            )
    for oid, o in new_obj.items():
        before = old_obj.get(oid)
        if hidden(oid, o, *([before] if before else [])):
            redacted = redacted or before != o
            continue
        if before is None:
            changes.append(
                Change(
                    "objective-added",
                    f"objective {oid} added: {show(o.get('title'))} "
                    f"({_count(o.get('key_results'), 'key result')})",
                    oid,
                    new=o.get("title"),
                )
            )
        else:
            _objective_changes(adder(oid), oid, before, o, started)
    if redacted:
        changes.append(Change("confidential", CONFIDENTIAL_TEXT, confidential=True))
    old_kudos = [r for r in old.get("recognition") or [] if isinstance(r, dict)]
    new_kudos = [r for r in new.get("recognition") or [] if isinstance(r, dict)]
    for kudos in new_kudos:
        if kudos not in old_kudos:
            changes.append(
                Change(
                    "recognition",
                    f"recognition for {kudos.get('to')}: {show(kudos.get('message'), 200)}",
                    new=kudos,
                )
            )
    for kudos in old_kudos:
        if kudos not in new_kudos:
            changes.append(
                Change(
                    "recognition-removed", f"recognition for {kudos.get('to')} removed", old=kudos
                )
            )
    before, after = old.get("retrospective"), new.get("retrospective")
    if before != after:
        verb = "added" if not before else ("removed" if not after else "updated")
        changes.append(Change("retrospective", f"retrospective {verb}", old=before, new=after))
    _fields(adder(None), "file", "file", old, new, ("objectives", "recognition", "retrospective"))
    return changes


def _entries_changes(add: Add, what: str, old: Any, new: Any, label: str = "name") -> None:
    before, after = _by_id(old), _by_id(new)
    for eid, item in after.items():
        if eid not in before:
            add(f"{what}-added", f"{what} {eid} added: {show(item.get(label))}", after=item)
        elif before[eid] != item:
            _fields(add, what, f"{what} {eid}", before[eid], item, ("id",))
    for eid, item in before.items():
        if eid not in after:
            add(f"{what}-removed", f"{what} {eid} removed: {show(item.get(label))}", before=item)


def diff_org(old: Any, new: Any) -> list[Change]:
    old, new = _dict(old), _dict(new)
    changes: list[Change] = []

    def add(kind: str, text: str, before: Any = None, after: Any = None, **_: Any) -> None:
        changes.append(Change(kind, text, old=before, new=after))

    _fields(add, "company", "company", _dict(old.get("company")), _dict(new.get("company")), ())
    _entries_changes(add, "team", old.get("teams"), new.get("teams"))
    _entries_changes(add, "person", old.get("people"), new.get("people"))
    _entries_changes(add, "period", old.get("periods"), new.get("periods"), "start")
    _fields(add, "org", "org.yaml", old, new, ("company", "teams", "people", "periods"))
    return changes


# ---- whole snapshots ----------------------------------------------------------------------


def _relative(path: str, prefix: str) -> list[str]:
    rest = path[len(prefix) + 1 :] if prefix and path.startswith(prefix + "/") else path
    return rest.split("/") if not prefix or path.startswith(prefix + "/") else []


def _kind(path: str, prefix: str) -> str | None:
    parts = _relative(path, prefix)
    if parts == [ORG_FILE]:
        return "org"
    if len(parts) == 2 and parts[1].endswith(YAML_SUFFIXES):
        return "team"
    return None


def _team_period(path: str, data: Any) -> tuple[str, str]:
    parts = path.split("/")
    folder, stem = (parts[-2] if len(parts) > 1 else ""), Path(parts[-1]).stem
    if isinstance(data, dict):
        return period_id(data.get("period", folder)), str(data.get("team", stem))
    return folder, stem


def diff_snapshots(
    base: Snapshot,
    head: Snapshot,
    moved: dict[str, str],
    periods: Periods,
    today: date,
    prefix: str = "okrs",
    secret: Secret = frozenset(),
) -> list[FileDiff]:
    """Per file: added, removed, renamed (git's rename detection), changed or unreadable."""
    diffs: list[FileDiff] = []
    renamed_from = {old: new for new, old in moved.items() if _kind(new, prefix)}
    for path in sorted(set(base) | set(head)):
        kind = _kind(path, prefix)
        if kind is None or path in renamed_from:
            continue
        old_path = moved.get(path)
        old = base.get(old_path) if old_path else base.get(path)
        new = head.get(path)
        if kind == "org":
            period, team = "", "organisation"
        else:
            period, team = _team_period(path, new if isinstance(new, dict) else old)
        if path not in head:
            status = "removed"
        elif isinstance(new, Unreadable):
            diffs.append(
                FileDiff(
                    path,
                    period,
                    team,
                    "unreadable",
                    old_path,
                    [
                        Change(
                            "unreadable",
                            f"the new version does not load ({new.message}); "
                            "nothing in it is compared",
                        )
                    ],
                )
            )
            continue
        elif old_path is not None:
            status = "renamed"
        elif path not in base:
            status = "added"
        else:
            status = "changed"
        notes = []
        if isinstance(old, Unreadable):
            notes.append(
                Change("unreadable-before", f"the old version did not load ({old.message})")
            )
            old = None
        if kind == "org":
            changes = diff_org(old, new)
        else:
            changes = diff_team(
                path, old, None if path not in head else new, periods, today, secret
            )
        changes = notes + changes
        if status != "changed" or changes:
            diffs.append(FileDiff(path, period, team, status, old_path, changes))
    return diffs


def confidential_now(snapshot: Snapshot, prefix: str) -> Secret:
    """(period, team, objective) of every objective confidential in `snapshot`."""
    found = set()
    for path, data in snapshot.items():
        if _kind(path, prefix) != "team" or not isinstance(data, dict):
            continue
        period, team = _team_period(path, data)
        for oid, objective in _by_id(data.get("objectives")).items():
            if objective.get("confidential"):
                found.add((period, team, oid))
    return frozenset(found)


def counts(diffs: list[FileDiff]) -> Counter[str]:
    total: Counter[str] = Counter()
    for d in diffs:
        total[f"file-{d.status}"] += 1
        for c in d.changes:
            total[c.kind] += 1
            if c.moved_after_start:
                total["target-moved"] += 1
    return total
