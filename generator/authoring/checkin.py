"""`okr checkin REF (VALUE | done | not-done | -)`: append this week's check-in to a key
result, in the style of the check-ins already there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import entered
from ..check import Checked
from ..errors import UsageError
from ..textsafe import quote
from ..today import parse_day
from ..walk import kind as kr_kind
from ..yamledit import EditError, append_check_in
from . import refs
from .change import Change, read_text

STATUSES = ("on_track", "at_risk", "off_track")


@dataclass(frozen=True)
class Options:
    status: str | None = None
    confidence: int | None = None
    note: str | None = None
    by: str | None = None
    day: str | None = None  # --date; default: today


def status(text: str) -> str:
    """`on-track` and `On_Track` are written the way the format spells them."""
    spelled = text.strip().lower().replace("-", "_").replace(" ", "_")
    if spelled not in STATUSES:
        raise UsageError(f"--status is {text!r}; use one of: {', '.join(STATUSES)}")
    return spelled


def confidence(text: str) -> int:
    try:
        return entered.whole(text, 1, 10)
    except ValueError:
        raise UsageError(
            f"--confidence runs from 1 to 10 (5: a coin flip), not {quote(text)}"
        ) from None


def number(text: str) -> int | float:
    """A measured value as typed (entered.py: `42`, `-3.5`, `1_200`, `1e6`; a comma is
    refused: in some countries it is the decimal point)."""
    try:
        return entered.number(text)
    except ValueError as exc:
        if entered.is_number(text):
            raise UsageError(f"{quote(text)} is {exc}") from None
        raise UsageError(
            f"{quote(text)} is not a value: give a number (e.g. 42 or 99.95), done, not-done, "
            "or - for an update without a new measurement"
        ) from None


def entry(kind: str, name: str, value: str, options: Options, today: date) -> dict[str, object]:
    day = parse_day(options.day, "--date") if options.day else today
    fields: dict[str, object] = {"date": day.isoformat()}
    if value in ("done", "not-done"):
        if kind != "milestone":
            raise UsageError(f"{name} is a {kind} key result: check in a number, not {value}")
        fields["done"] = value == "done"
    elif value != "-":
        if kind == "milestone":
            raise UsageError(f"{name} is a milestone: check in done or not-done, not a number")
        fields["value"] = number(value)
    if options.status is not None:
        fields["status"] = options.status
    if options.confidence is not None:
        if not 1 <= options.confidence <= 10:
            raise UsageError("--confidence runs from 1 to 10 (5: a coin flip)")
        fields["confidence"] = options.confidence
    if options.note is not None:
        if not options.note.strip():
            raise UsageError("--note is empty; leave it out, or say what changed")
        fields["note"] = options.note.strip()
    if options.by is not None:
        fields["by"] = options.by
    if len(fields) == 1:
        raise UsageError(
            "an update without a value (-) needs --status, --confidence or --note: "
            "say where things stand"
        )
    return fields


def record(checked: Checked, ref_text: str, value: str, options: Options) -> Change:
    today = checked.ctx.today
    ref = refs.key_result(checked, ref_text, today)
    kind = kr_kind(ref.data)
    new = entry(kind, ref.name, value, options, today)
    before = read_text(ref.file.path)
    try:
        after = append_check_in(before, ref.objective, ref.key_result, new)
    except EditError as exc:
        raise UsageError(f"cannot add the check-in to {ref.file.path.as_posix()}: {exc}") from None
    what = f"a check-in on {ref.file.team}'s {ref.name} ({ref.file.period.id})"
    return Change(ref.file.path, before, after, what)
