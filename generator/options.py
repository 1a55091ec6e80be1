"""How a rule declares an option: its type and default, so `okr-check.yaml` is validated by
the declaration (not by guessing from the default's Python type)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["count", "words", "flag", "share"]

_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "count": (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        "a whole number, 0 or more",
    ),
    "words": (
        lambda v: isinstance(v, list) and all(isinstance(w, str) and w.strip() for w in v),
        "a list of words",
    ),
    "flag": (lambda v: isinstance(v, bool), "true or false"),
    "share": (
        lambda v: isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1,
        "a fraction from 0 to 1 (0.75 is 75 %)",
    ),
}


@dataclass(frozen=True)
class Option:
    kind: Kind
    default: Any

    def problem(self, value: Any) -> str | None:
        """Why `value` cannot be this option, or None."""
        valid, wanted = _CHECKS[self.kind]
        return None if valid(value) else f"must be {wanted}"


def count(default: int) -> Option:
    return Option("count", default)


def words(default: list[str] | tuple[str, ...]) -> Option:
    return Option("words", list(default))


def share(default: float) -> Option:
    return Option("share", default)
