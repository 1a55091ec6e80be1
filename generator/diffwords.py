"""OKR values as words in a sentence: the vocabulary of `okr diff` and the "What changed"
page (numbers as people write them, text quoted and shortened, check-ins in one line)."""

from __future__ import annotations

from typing import Any

from . import numbers
from .said import say
from .textsafe import clip
from .walk import kind as kr_kind


def show(value: Any, limit: int = 80) -> str:
    """A value in a sentence: numbers for people, text quoted and shortened."""
    if value is None:
        return say("none")
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


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def end_text(value: Any, missing: str) -> str:
    """A metric's start or target in words: a value, or what its absence means."""
    return missing if value is None else show(value)


_BOUNDS = {
    "at_least": say("at least"), "above": say("above"), "at_most": say("at most"),
    "below": say("below"),
}  # fmt: skip
_KINDS = {"metric": say("metric"), "milestone": say("milestone"), "threshold": say("threshold")}
_STATUSES = {"on_track": say("on track"), "at_risk": say("at risk"), "off_track": say("off track")}


def _unit(spec: dict[str, Any]) -> str:
    return " " + str(spec["unit"]) if spec.get("unit") else ""


def kind_text(kr: dict[str, Any]) -> str:
    what = kr_kind(kr)
    if what == "metric" and isinstance(kr.get("metric"), dict):
        m = kr["metric"]
        return say(
            "metric {start} → {target}{unit}",
            start=end_text(m.get("start"), say("the first check-in")),
            target=end_text(m.get("target"), say("target not set")),
            unit=_unit(m),
        )
    if what == "threshold" and isinstance(kr.get("threshold"), dict):
        t = kr["threshold"]
        bounds = [b for b in _BOUNDS if b in t] or ["at_least"]
        held: str = ""
        for bound in bounds:
            one = say("{bound} {value}", bound=_BOUNDS[bound], value=show(t.get(bound)))
            held = say("{one} and {other}", one=held, other=one) if held else one
        return say("threshold {held}{unit}", held=held, unit=_unit(t))
    return _KINDS.get(what, what)


def unit_text(kr: dict[str, Any]) -> str:
    spec = kr.get("metric") or kr.get("threshold")
    unit = spec.get("unit", "") if isinstance(spec, dict) else ""
    return f" {unit}" if isinstance(unit, str) and unit else ""


def check_in_text(kr: dict[str, Any], entry: dict[str, Any]) -> str:
    what: str
    if isinstance(entry.get("done"), bool):
        what = say("done") if entry["done"] else say("not done")
    elif "value" in entry:
        what = f"{show(entry.get('value'))}{unit_text(kr)}"
    else:
        what = say("no new value")
    status = entry.get("status")
    confidence = entry.get("confidence")
    note = entry.get("note")
    return say(
        "{date}: {what}{status}{confidence}{note}",
        date=entry.get("date"),
        what=what,
        status=say(" ({status})", status=_STATUSES.get(str(status), str(status).replace("_", " ")))
        if status
        else "",
        confidence=say(" confidence {value}/10", value=show(confidence))
        if confidence is not None
        else "",
        note=say(" — {note}", note=clip(" ".join(str(note).split()), 200)) if note else "",
    )
