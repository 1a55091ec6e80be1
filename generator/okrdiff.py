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
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import numbers
from .diffwords import as_dict, show
from .objectivediff import Add, fields, objective_changes
from .periods import Periods
from .said import Message, say
from .snapshots import Secret, Snapshot, Unreadable, by_id, file_kind, team_period
from .textsafe import clip
from .workspace import ORG_FILE

CHANGE_LIMIT = 500  # characters of one change's sentence


CONFIDENTIAL_TEXT = say("a confidential objective changed")


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
    # the text's template and values, when said with say(): the site shows it in each language
    said: Message | None = None

    def __post_init__(self) -> None:
        if isinstance(self.text, Message) and self.said is None:
            self.said = self.text
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
                    say(
                        "objective {objective} removed: {title}",
                        objective=oid,
                        title=show(o.get("title")),
                    ),
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
            krs = o.get("key_results")
            count = len(krs) if isinstance(krs, list) else 0
            changes.append(
                Change(
                    "objective-added",
                    say(
                        "objective {objective} added: {title} ({key_results})",
                        objective=oid,
                        title=show(o.get("title")),
                        key_results=numbers.plural(count, "key result"),
                        count=count,
                    ),
                    oid,
                    new=o.get("title"),
                )
            )
        else:
            objective_changes(adder(oid), oid, before, o, started)
    if redacted:
        changes.append(Change("confidential", CONFIDENTIAL_TEXT, confidential=True))
    old_kudos = [r for r in old.get("recognition") or [] if isinstance(r, dict)]
    new_kudos = [r for r in new.get("recognition") or [] if isinstance(r, dict)]
    for kudos in new_kudos:
        if kudos not in old_kudos:
            changes.append(
                Change(
                    "recognition",
                    say(
                        "recognition for {to}: {message}",
                        to=kudos.get("to"),
                        message=show(kudos.get("message"), 200),
                    ),
                    new=kudos,
                )
            )
    for kudos in old_kudos:
        if kudos not in new_kudos:
            changes.append(
                Change(
                    "recognition-removed",
                    say("recognition for {to} removed", to=kudos.get("to")),
                    old=kudos,
                )
            )
    before, after = old.get("retrospective"), new.get("retrospective")
    if before != after:
        text = (
            say("retrospective added")
            if not before
            else (say("retrospective removed") if not after else say("retrospective updated"))
        )
        changes.append(Change("retrospective", text, old=before, new=after))
    skip = ("objectives", "recognition", "retrospective")
    fields(adder(None), "file", say("file"), old, new, skip)
    return changes


_ENTRIES = {"team": say("team"), "person": say("person"), "period": say("period")}


def _entries_changes(add: Add, what: str, old: Any, new: Any, label: str = "name") -> None:
    before, after = by_id(old), by_id(new)
    noun = _ENTRIES[what]
    for eid, item in after.items():
        if eid not in before:
            text = say("{what} {id} added: {label}", what=noun, id=eid, label=show(item.get(label)))
            add(f"{what}-added", text, after=item)
        elif before[eid] != item:
            fields(add, what, say("{what} {id}", what=noun, id=eid), before[eid], item, ("id",))
    for eid, item in before.items():
        if eid not in after:
            text = say(
                "{what} {id} removed: {label}", what=noun, id=eid, label=show(item.get(label))
            )
            add(f"{what}-removed", text, before=item)


def diff_org(old: Any, new: Any) -> list[Change]:
    old, new = as_dict(old), as_dict(new)
    changes: list[Change] = []

    def add(kind: str, text: str, before: Any = None, after: Any = None, **_: Any) -> None:
        changes.append(Change(kind, text, old=before, new=after))

    company = as_dict(old.get("company")), as_dict(new.get("company"))
    fields(add, "company", say("company"), *company, ())
    _entries_changes(add, "team", old.get("teams"), new.get("teams"))
    _entries_changes(add, "person", old.get("people"), new.get("people"))
    _entries_changes(add, "period", old.get("periods"), new.get("periods"), "start")
    fields(add, "org", "org.yaml", old, new, ("company", "teams", "people", "periods"))
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
        if isinstance(new, Unreadable) and new.identity and new == old:
            continue  # the same version that did not load before: not a change
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
                            say(
                                "the new version does not load ({reason}); nothing in it is "
                                "compared",
                                reason=new.message,
                            ),
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
                Change(
                    "unreadable-before",
                    say("the old version did not load ({reason})", reason=old.message),
                )
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
