"""How a rule declares an option: its type, its allowed range and its default, so
`okr-check.yaml` is validated by the declaration (not by guessing from the default's type).

Every number has an upper bound: `max-depth: 100000` would let a nested file exhaust the
recursion of every parser behind the checker, and `max-days: 10**18` overflows date
arithmetic. The bounds are far beyond what any company needs and well inside what the
checker survives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["count", "words", "flag", "share"]
MAX_WORDS = 1000  # a word list (vague words, activity verbs)
MAX_WORD_LENGTH = 60
MAX_DAYS = 3660  # ten years: any staleness or stall window


@dataclass(frozen=True)
class Option:
    kind: Kind
    default: Any
    maximum: int | None = None  # counts only; 0 is always the minimum

    def problem(self, value: Any) -> str | None:
        """Why `value` cannot be this option, or None."""
        if self.kind == "count":
            whole = isinstance(value, int) and not isinstance(value, bool)
            if not whole or not 0 <= value <= (self.maximum or 0):
                return f"must be a whole number from 0 to {self.maximum:,}"
            return None
        if self.kind == "words":
            valid = (
                isinstance(value, list)
                and len(value) <= MAX_WORDS
                and all(
                    isinstance(w, str) and w.strip() and len(w) <= MAX_WORD_LENGTH for w in value
                )
            )
            return None if valid else (
                f"must be a list of at most {MAX_WORDS} words, each at most "
                f"{MAX_WORD_LENGTH} characters"
            )  # fmt: skip
        if self.kind == "flag":
            return None if isinstance(value, bool) else "must be true or false"
        fraction = isinstance(value, int | float) and not isinstance(value, bool)
        if not fraction or not 0 <= value <= 1:
            return "must be a fraction from 0 to 1 (0.75 is 75 %)"
        return None


def count(default: int, maximum: int) -> Option:
    return Option("count", default, maximum)


def words(default: list[str] | tuple[str, ...]) -> Option:
    return Option("words", list(default))


def flag(default: bool) -> Option:
    return Option("flag", default)


def share(default: float) -> Option:
    return Option("share", default)
