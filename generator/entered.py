"""Numbers and days entered outside an OKR file: typed on the command line (`okr checkin`,
`okr grade`, `--confidence`, `--date`, `--today`) or read from a data source (`okr sync`).

One grammar for all of them, so that what one command takes another does not refuse or read
differently:

- a number is ASCII digits, with an optional sign, decimal point, exponent and `_` between
  digits (`42`, `-3.5`, `.5`, `1_200`, `1e6`); digits of other scripts (`٥`), `0x10`, `nan`,
  `inf` and a decimal comma (`1,5`) are refused;
- a data source may also group thousands with commas (`1,234,567`: what spreadsheets and
  dashboards print);
- a value lies within ±10^15, the format's bound (beyond it a float no longer holds every
  integer); a value written with digits that is too small to be told from 0 (`1e-400`) is
  refused rather than written as 0, and `-0` is 0;
- a whole number (a confidence) is digits alone;
- a day is `YYYY-MM-DD`, as in the files: `20261122` or `2026-W47` are refused, not read as
  another day.

Each refusal is a ValueError whose message says what the text is not; the caller adds where
it came from.
"""

from __future__ import annotations

import math
import re
from datetime import date

# A key result's value is a count, a rate, a duration, money: nothing near 10^15. Beyond it a
# float no longer holds every integer either, so the value would not survive a round trip.
MAX_MAGNITUDE = 1e15

_DIGITS = r"[0-9]+(?:_[0-9]+)*"
_NUMBER = re.compile(rf"[+-]?(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][+-]?[0-9]+)?")
_GROUPED = re.compile(
    r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?)(?:[eE][+-]?[0-9]+)?"
)  # 1,234 and 1,234.5: only with a data source
_INTEGER = re.compile(rf"[+-]?{_DIGITS}")
_WHOLE = re.compile(r"[0-9]+")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_number(text: str, grouped: bool = False) -> bool:
    """Whether `text` (stripped) is written as a number this grammar takes."""
    written = text.strip()
    return bool(_NUMBER.fullmatch(written) or (grouped and _GROUPED.fullmatch(written)))


def number(text: str, grouped: bool = False) -> int | float:
    """The value written in `text`: an int when written as one, else a float."""
    written = text.strip()
    if not is_number(written, grouped):
        raise ValueError("not a number")
    plain = written.replace("_", "").replace(",", "")
    if _INTEGER.fullmatch(written):
        whole = int(plain)
        if abs(whole) > MAX_MAGNITUDE:
            raise ValueError(_too_large())
        return whole
    try:
        value = float(plain)
    except OverflowError:  # not raised by float(str), but a value is never trusted to be small
        value = math.inf
    if math.isinf(value) or abs(value) > MAX_MAGNITUDE:
        raise ValueError(_too_large())
    if value == 0 and any(digit in "123456789" for digit in plain.split("e")[0].split("E")[0]):
        raise ValueError("too small to be told from 0; give it in a smaller unit")
    return value + 0.0  # -0.0 is 0.0


def _too_large() -> str:
    return "too large (more than 10^15 in size); give it in a larger unit, such as millions"


def whole(text: str, low: int, high: int) -> int:
    """A whole number from `low` to `high`, written with digits alone."""
    written = text.strip()
    if not _WHOLE.fullmatch(written) or not low <= int(written) <= high:
        raise ValueError(f"not a whole number from {low} to {high}")
    return int(written)


def day(text: str) -> date:
    """A day written `YYYY-MM-DD`."""
    if not _DAY.fullmatch(text):
        raise ValueError("not a date like 2026-11-22")
    return date.fromisoformat(text)
