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
from typing import Any

from . import numbers
from .diffwords import as_dict, check_in_text, end_text, kind_text, show
from .periods import Periods
from .snapshots import Secret, Snapshot, Unreadable, by_id, file_kind, team_period
from .textsafe import clip
from .walk import kind as kr_kind
from .workspace import ORG_FILE

CHANGE_LIMIT = 500  # characters of one change's sentence


CONFIDENTIAL_TEXT = "a confidential objective changed"


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
            f"{name} kind: {kind_text(was)} → {kind_text(kr)}",
            before=kr_kind(was),
            after=kr_kind(kr),
        )
    else:
        old_m, new_m = as_dict(was.get("metric")), as_dict(kr.get("metric"))
        for end in ("start", "target"):
            before, after = old_m.get(end), new_m.get(end)
            if before != after:
                flag = " (moved after the period started)" if started else ""
                missing = "the first check-in" if end == "start" else "not set"
                on(
                    f"kr-{end}-changed",
                    f"{name} {end}: {end_text(before, missing)} → {end_text(after, missing)}{flag}",
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
        if as_dict(was.get("threshold")) != as_dict(kr.get("threshold")):
            on(
                "kr-threshold-changed",
                f"{name}: {kind_text(was)} → {kind_text(kr)}",
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
            on("check-in", f"{name} check-in {check_in_text(kr, entry)}", after=entry)
        elif previous != entry:
            on(
                "check-in-edited",
                f"{name} check-in edited {check_in_text(kr, entry)}",
                before=previous,
                after=entry,
            )
    for key, entry in old_days.items():
        if key not in new_days:
            on(
                "check-in-removed",
                f"{name} check-in removed {check_in_text(was, entry)}",
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
    old_krs, new_krs = by_id(old.get("key_results")), by_id(new.get("key_results"))
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
                f"key result {oid}/{kid} added: {show(kr.get('title'))} ({kind_text(kr)})",
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
    old, new = as_dict(old), as_dict(new)
    period_text, team = team_period(path, new or old)
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

    old_obj, new_obj = by_id(old.get("objectives")), by_id(new.get("objectives"))
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
    before, after = by_id(old), by_id(new)
    for eid, item in after.items():
        if eid not in before:
            add(f"{what}-added", f"{what} {eid} added: {show(item.get(label))}", after=item)
        elif before[eid] != item:
            _fields(add, what, f"{what} {eid}", before[eid], item, ("id",))
    for eid, item in before.items():
        if eid not in after:
            add(f"{what}-removed", f"{what} {eid} removed: {show(item.get(label))}", before=item)


def diff_org(old: Any, new: Any) -> list[Change]:
    old, new = as_dict(old), as_dict(new)
    changes: list[Change] = []

    def add(kind: str, text: str, before: Any = None, after: Any = None, **_: Any) -> None:
        changes.append(Change(kind, text, old=before, new=after))

    _fields(add, "company", "company", as_dict(old.get("company")), as_dict(new.get("company")), ())
    _entries_changes(add, "team", old.get("teams"), new.get("teams"))
    _entries_changes(add, "person", old.get("people"), new.get("people"))
    _entries_changes(add, "period", old.get("periods"), new.get("periods"), "start")
    _fields(add, "org", "org.yaml", old, new, ("company", "teams", "people", "periods"))
    return changes


# ---- whole snapshots ----------------------------------------------------------------------


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
    renamed_from = {old: new for new, old in moved.items() if file_kind(new, prefix)}
    for path in sorted(set(base) | set(head)):
        kind = file_kind(path, prefix)
        if kind is None or path in renamed_from:
            continue
        old_path = moved.get(path)
        old = base.get(old_path) if old_path else base.get(path)
        new = head.get(path)
        if kind == "org":
            period, team = "", "organisation"
        else:
            period, team = team_period(path, new if isinstance(new, dict) else old)
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


def counts(diffs: list[FileDiff]) -> Counter[str]:
    total: Counter[str] = Counter()
    for d in diffs:
        total[f"file-{d.status}"] += 1
        for c in d.changes:
            total[c.kind] += 1
            if c.moved_after_start:
                total["target-moved"] += 1
    return total
