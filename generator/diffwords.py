"""OKR values as words in a sentence: the vocabulary of `okr diff` and the "What changed"
page (numbers as people write them, text quoted and shortened, check-ins in one line)."""

from __future__ import annotations

from typing import Any

from . import numbers
from .textsafe import clip
from .walk import kind as kr_kind


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


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def end_text(value: Any, missing: str) -> str:
    """A metric's start or target in words: a value, or what its absence means."""
    return missing if value is None else show(value)


def kind_text(kr: dict[str, Any]) -> str:
    what = kr_kind(kr)
    if what == "metric" and isinstance(kr.get("metric"), dict):
        m = kr["metric"]
        unit = f" {m['unit']}" if m.get("unit") else ""
        start = end_text(m.get("start"), "the first check-in")
        return f"metric {start} → {end_text(m.get('target'), 'target not set')}{unit}"
    if what == "threshold" and isinstance(kr.get("threshold"), dict):
        t = kr["threshold"]
        unit = f" {t['unit']}" if t.get("unit") else ""
        bounds = [b for b in ("at_least", "above", "at_most", "below") if b in t] or ["at_least"]
        held = " and ".join(f"{b.replace('_', ' ')} {show(t.get(b))}" for b in bounds)
        return f"threshold {held}{unit}"
    return what


def unit_text(kr: dict[str, Any]) -> str:
    spec = kr.get("metric") or kr.get("threshold")
    unit = spec.get("unit", "") if isinstance(spec, dict) else ""
    return f" {unit}" if isinstance(unit, str) and unit else ""


def check_in_text(kr: dict[str, Any], entry: dict[str, Any]) -> str:
    parts = []
    if isinstance(entry.get("done"), bool):
        parts.append("done" if entry["done"] else "not done")
    elif "value" in entry:
        parts.append(f"{show(entry.get('value'))}{unit_text(kr)}")
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
