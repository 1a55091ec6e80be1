"""How a number is written for people, everywhere: pages, charts, messages, diffs.

`1000000` is `1,000,000` (never `1e+06`), `99.95` stays `99.95`, small values keep their
significant digits (`0.0005`), and only magnitudes no person writes out get an exponent.
Nothing infinite or undefined is ever shown as a figure.
"""

from __future__ import annotations

import math

MISSING = "–"


def show(value: float | int | None) -> str:
    if value is None or isinstance(value, bool):
        return MISSING
    number = float(value) if not isinstance(value, int) else value
    if isinstance(number, float) and not math.isfinite(number):
        return MISSING
    if number == 0:
        return "0"
    size = abs(number)
    if size >= 1e16 or size < 1e-6:
        return f"{float(number):.6g}"
    if isinstance(number, int) or float(number).is_integer():
        return f"{int(number):,}"
    decimals = min(8, max(2, 2 - math.floor(math.log10(size))))
    text = f"{number:,.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 key result`, `3 key results`."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"
