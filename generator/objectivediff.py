"""The sentences of what changed inside an objective and its key results (titles, owners,
kinds, targets, check-ins, initiatives, grades), and the generic field comparison that gives
every other field a sentence too. okrdiff.py walks the files and collects them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from .diffwords import as_dict, check_in_text, end_text, kind_text, show
from .said import say
from .snapshots import by_id
from .walk import kind as kr_kind

# ---- a generic field comparison, with a sentence per known field ------------------------

Add = Callable[..., None]
_LONG_TEXT = ("description", "retrospective", "note", "message")


def _moved(add: Add, kind: str, subject: str, before: Any, after: Any) -> None:
    """`<subject>: old → new`, when the value moved."""
    if before != after:
        text = say("{subject}: {old} → {new}", subject=subject, old=show(before), new=show(after))
        add(kind, text, before=before, after=after)


def fields(
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
            if before is None:
                text = say("{subject} {field} added", subject=subject, field=label)
            elif after is None:
                text = say("{subject} {field} removed", subject=subject, field=label)
            else:
                text = say("{subject} {field} updated", subject=subject, field=label)
            add(f"{kind}-{key}-changed", text, before=before, after=after)
        else:
            field_of = say("{subject} {field}", subject=subject, field=label)
            _moved(add, f"{kind}-{key}-changed", field_of, before, after)


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

    _moved(on, "kr-retitled", say("{name} retitled", name=name), was.get("title"), kr.get("title"))
    _moved(on, "kr-reowned", say("{name} owner", name=name), was.get("owner"), kr.get("owner"))
    if kr_kind(was) != kr_kind(kr):
        on(
            "kr-kind-changed",
            say("{name} kind: {old} → {new}", name=name, old=kind_text(was), new=kind_text(kr)),
            before=kr_kind(was),
            after=kr_kind(kr),
        )
    else:
        old_m, new_m = as_dict(was.get("metric")), as_dict(kr.get("metric"))
        for end in ("start", "target"):
            before, after = old_m.get(end), new_m.get(end)
            if before != after:
                flag = say(" (moved after the period started)") if started else ""
                missing = say("the first check-in") if end == "start" else say("not set")
                values = {
                    "name": name, "old": end_text(before, missing),
                    "new": end_text(after, missing), "flag": flag,
                }  # fmt: skip
                on(
                    f"kr-{end}-changed",
                    say("{name} start: {old} → {new}{flag}", **values)
                    if end == "start"
                    else say("{name} target: {old} → {new}{flag}", **values),
                    before=before,
                    after=after,
                    moved=started,
                )
        fields(
            on,
            "kr-metric",
            say("{name} metric", name=name),
            old_m,
            new_m,
            ("start", "target"),
        )
        if as_dict(was.get("threshold")) != as_dict(kr.get("threshold")):
            on(
                "kr-threshold-changed",
                say("{name}: {old} → {new}", name=name, old=kind_text(was), new=kind_text(kr)),
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
            text = say("{name} check-in {entry}", name=name, entry=check_in_text(kr, entry))
            on("check-in", text, after=entry)
        elif previous != entry:
            on(
                "check-in-edited",
                say("{name} check-in edited {entry}", name=name, entry=check_in_text(kr, entry)),
                before=previous,
                after=entry,
            )
    for key, entry in old_days.items():
        if key not in new_days:
            on(
                "check-in-removed",
                say("{name} check-in removed {entry}", name=name, entry=check_in_text(was, entry)),
                before=entry,
            )
    old_work, new_work = (
        _keyed_initiatives(was.get("initiatives")),
        _keyed_initiatives(kr.get("initiatives")),
    )
    for title, item in new_work.items():
        if title not in old_work:
            text = say("{name} initiative added: {title}", name=name, title=show(title))
            on("initiative-added", text, after=item)
        elif old_work[title] != item:
            fields(
                on,
                "initiative",
                say("{name} initiative {title}", name=name, title=show(title)),
                old_work[title],
                item,
                ("title",),
            )
    for title, item in old_work.items():
        if title not in new_work:
            text = say("{name} initiative removed: {title}", name=name, title=show(title))
            on("initiative-removed", text, before=item)
    before, after = was.get("score"), kr.get("score")
    if before != after:
        if after is None:
            text = say("{name} grade removed (was {score})", name=name, score=show(before))
            on("score-removed", text, before=before)
        else:
            text = (
                say("{name} graded: {score}", name=name, score=show(after))
                if before is None
                else say("{name} regraded: {score}", name=name, score=show(after))
            )
            on("score", text, before=before, after=after)
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
    fields(on, "kr", name, was, kr, handled)


def objective_changes(
    add: Add, oid: str, old: dict[str, Any], new: dict[str, Any], started: bool
) -> None:
    retitled = say("{objective} retitled", objective=oid)
    _moved(add, "objective-retitled", retitled, old.get("title"), new.get("title"))
    if (old.get("aligns_with") or []) != (new.get("aligns_with") or []):
        add(
            "objective-realigned",
            say(
                "{objective} realigned: {old} → {new}",
                objective=oid,
                old=show(old.get("aligns_with") or []),
                new=show(new.get("aligns_with") or []),
            ),
            before=old.get("aligns_with"),
            after=new.get("aligns_with"),
        )
    owner = say("{objective} owner", objective=oid)
    _moved(add, "objective-reowned", owner, old.get("owner"), new.get("owner"))
    fields(
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
                say(
                    "key result {objective}/{key_result} removed: {title}",
                    objective=oid,
                    key_result=kid,
                    title=show(kr.get("title")),
                ),
                kr=kid,
                before=kr.get("title"),
            )
    for kid, kr in new_krs.items():
        if kid not in old_krs:
            add(
                "kr-added",
                say(
                    "key result {objective}/{key_result} added: {title} ({kind})",
                    objective=oid,
                    key_result=kid,
                    title=show(kr.get("title")),
                    kind=kind_text(kr),
                ),
                kr=kid,
                after=kr.get("title"),
            )
        else:
            _key_result_changes(add, oid, kid, old_krs[kid], kr, started)
